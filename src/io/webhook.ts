/**
 * Posts a JSON message to a chat webhook (Slack, Microsoft Teams): a timeout, one retry on 429/5xx.
 * The URL is a secret: errors name only its host, and a receiver echoing it is scrubbed.
 */

export class WebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookError';
  }
}

export interface PostOptions {
  timeoutMs: number;
  /** Waits before the retry; tests pass one that records the delay instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
}

/** The longest Retry-After we wait for: a scheduled job should not hang on a busy receiver. */
const MAX_RETRY_WAIT_MS = 10_000;

interface Answer {
  status: number;
  statusText: string;
  body: string;
  retryAfterMs: number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Posts the JSON; retries once on 429 or 5xx after the receiver's Retry-After (capped at 10 s).
 * Teams connectors report some errors as 200 with "Microsoft Teams endpoint returned HTTP error
 * 429" in the body: that counts as the status it names.
 */
export async function postWebhook(url: URL, payload: unknown, { timeoutMs, sleep = realSleep }: PostOptions): Promise<void> {
  const body = JSON.stringify(payload);
  let answer = await attempt(url, body, timeoutMs);
  if (answer.status === 429 || answer.status >= 500) {
    await sleep(answer.retryAfterMs);
    answer = await attempt(url, body, timeoutMs);
  }
  if (answer.status >= 200 && answer.status < 300) return;
  const said = scrub(answer.body, url).trim().slice(0, 200);
  throw new WebhookError(
    `the webhook at ${url.host} answered ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}${answer.status === 429 || answer.status >= 500 ? ' (after one retry)' : ''}${said ? `: ${said}` : ''}. ` +
      hint(answer.status),
  );
}

async function attempt(url: URL, body: string, timeoutMs: number): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new WebhookError(`${networkProblem(err, url, timeoutMs)} Nothing was recorded as sent; the next run tries again.`);
  }
  let text = '';
  try {
    text = await res.text();
  } catch {
    // The status is what matters; a body cut short changes nothing.
  }
  const embedded = res.ok ? /returned HTTP error (\d{3})/i.exec(text) : null;
  const status = embedded ? Number(embedded[1]) : res.status;
  return { status, statusText: embedded ? '' : res.statusText, body: text, retryAfterMs: retryAfter(res.headers.get('retry-after')) };
}

/** Retry-After in seconds or as an HTTP date, capped; one second when absent. */
function retryAfter(header: string | null): number {
  if (!header) return 1000;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Math.min(MAX_RETRY_WAIT_MS, Math.max(0, Number.isFinite(ms) ? ms : 1000));
}

function networkProblem(err: unknown, url: URL, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: string; name?: string } };
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError') return `the webhook at ${url.host} did not answer within ${timeoutMs / 1000} s.`;
  const code = e?.cause?.code;
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the name could not be resolved',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    CERT_HAS_EXPIRED: 'its certificate has expired',
  };
  return `could not reach the webhook at ${url.host} (${(code && why[code]) ?? code ?? 'network error'}).`;
}

function hint(status: number): string {
  if (status === 404 || status === 410 || status === 403)
    return 'The webhook was probably removed or its channel archived: create a new one and update the ITSM_WEBHOOK_URL secret.';
  if (status === 400 || status === 413)
    return 'The receiver refused the message; run `itsm notify --dry-run` to see it, and report the message if it looks wrong.';
  if (status === 429) return 'The receiver is rate-limiting; the next run tries again.';
  if (status >= 500) return 'The receiver failed; the next run tries again.';
  return '';
}

/** Receivers rarely echo the address, but if one does, its secret path and query stay out of logs. */
function scrub(text: string, url: URL): string {
  let out = text.replace(/[\r\n]+/g, ' ');
  for (const secret of [url.href, url.pathname + url.search, url.search.slice(1)]) if (secret.length > 1) out = out.split(secret).join('[webhook]');
  return out;
}
