/**
 * `itsm notify`: posts new major incidents and SLA breaches to a Slack or Microsoft Teams webhook.
 * The news and the message are computed in src/core/notify.ts; this file reads the workspace and
 * the state file, and does the HTTP post (timeout, one retry on 429/5xx). The webhook URL is a
 * secret: it is never printed, and error messages name only its host.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { excerpt } from '../core/excerpt.ts';
import { symlinkOnPath } from '../io/safe-fs.ts';
import { buildMessage, selectNews, type NewsItem, type PayloadFlavor } from '../core/notify.ts';
import { computeSla } from '../core/sla/index.ts';
import { oneOf, parseCommand } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { loadValidWorkspace, parseNow } from './sla.ts';

const HELP = `Usage: itsm notify [--root DIR] [--now ISO] [--since ISO|24h|7d] [--state FILE]
                   [--webhook-url URL] [--site-url URL] [--payload auto|slack-teams|teams-workflow]
                   [--timeout SECONDS] [--dry-run] [--format pretty|json]

Posts what is news to a chat channel through an incoming webhook (Slack, Microsoft Teams):
  major incidents   incidents with major: true reported or changed (acknowledged, resolved,
                    closed, a timeline entry) since the last run
  SLA breaches      response and resolution clocks whose target was exceeded since the last run
Each piece of news has a key (e.g. major:INC-0142@2026-03-05T09:00:00Z); with --state the keys
sent are kept in a file, so nothing is announced twice, even when a record is committed late.

The webhook URL is a secret: put it in the environment variable ITSM_WEBHOOK_URL (in GitHub
Actions, a repository secret). It is never printed. Slack: an "Incoming Webhook" URL. Teams: an
incoming webhook (connector) URL, or a Workflows "When a Teams webhook request is received" URL,
which gets an Adaptive Card instead (detected from the address; --payload to choose).

Examples:
  itsm notify --dry-run                          what would be sent for the last 24 hours
  ITSM_WEBHOOK_URL=https://hooks.slack.com/services/... itsm notify --state .itsm/notify.json
  itsm notify --since 2026-03-01T00:00:00Z --dry-run --format json

Options:
  --root DIR          the workspace (default: the current directory)
  --now ISO           as of this instant (with an offset); default: the current time
  --since WHEN        news after this instant (ISO with an offset), or this long before --now
                      (24h, 7d, 90m). Default: 24h; with a state file, 7d or since its last run,
                      whichever is earlier (records committed a few days late are still announced)
  --state FILE        JSON file with the keys already sent; read first, updated after a send
  --webhook-url URL   the webhook (prefer the ITSM_WEBHOOK_URL environment variable: a URL on a
                      command line ends up in shell history and process lists)
  --site-url URL      the published site (or ITSM_SITE_URL), to link each record to its page;
                      without it, records link to their file in itsm.yaml's repo_url
  --payload P         auto (default): teams-workflow for Power Automate / Logic Apps addresses,
                      slack-teams otherwise ({"text", "blocks"}: Slack reads the blocks, Teams
                      incoming webhooks the text)
  --timeout SECONDS   give up on an answer after this long (default 10)
  --dry-run           print the message instead of sending it (needs no URL; writes no state)
  --format F          pretty (default) or json: {"now","since","news":[...],"shown","omitted",
                      "sent","payload"}

Exit codes: 0 sent, or nothing to send; 2 bad options, an invalid workspace, or the webhook
failed (unreachable, timed out, or an error status after one retry).
`;

const DAY = 86_400_000;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('notify', args, {
    root: { type: 'string' },
    now: { type: 'string' },
    since: { type: 'string' },
    state: { type: 'string' },
    'webhook-url': { type: 'string' },
    'site-url': { type: 'string' },
    payload: { type: 'string' },
    timeout: { type: 'string' },
    'dry-run': { type: 'boolean' },
    format: { type: 'string' },
  }, HELP, io);
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const format = oneOf('notify', 'format', values.format, ['pretty', 'json'] as const, 'pretty');
  const flavorOption = oneOf('notify', 'payload', values.payload, ['auto', 'slack-teams', 'teams-workflow'] as const, 'auto');
  const now = parseNow('notify', values.now);
  const timeoutMs = parseTimeout(values.timeout);
  const dryRun = Boolean(values['dry-run']);
  const webhook = webhookUrl(values['webhook-url'] ?? io.env.ITSM_WEBHOOK_URL, dryRun);
  const siteUrl = parseSiteUrl(values['site-url'] ?? (io.env.ITSM_SITE_URL || undefined));
  const statePath = values.state === undefined ? undefined : resolve(io.cwd, values.state);
  if (statePath) refuseLinkedState(io.cwd, statePath);
  const state = statePath ? readState(statePath) : undefined;
  const since = parseSince(values.since, now, state);

  const workspace = await loadValidWorkspace('notify', io, values.root, 'pretty');
  const settings = workspace.settings;
  const links = { siteUrl, repoUrl: settings.repo_url, branch: settings.default_branch };
  const news = selectNews(workspace, computeSla(workspace, now), { since, now, sent: new Set(Object.keys(state?.sent ?? {})) }, links);
  const flavor: PayloadFlavor = flavorOption === 'auto' ? (webhook && isWorkflowHost(webhook.hostname) ? 'teams-workflow' : 'slack-teams') : flavorOption;
  const message = buildMessage(news, { name: settings.name, timeZone: settings.time_zone, moreUrl: siteUrl ? new URL('incidents/', withSlash(siteUrl)).href : undefined }, flavor);

  let sent = false;
  if (news.length > 0 && !dryRun) {
    await post(webhook!, message.payload, timeoutMs);
    sent = true;
  }
  if (statePath && !dryRun) writeState(statePath, now, state, news);

  const window = { now: now.toISOString(), since: since.toISOString() };
  if (format === 'json') {
    io.stdout(JSON.stringify({ ...window, news, shown: message.shown.length, omitted: message.omitted, dry_run: dryRun, sent, payload: news.length ? message.payload : null }, null, 2) + '\n');
  } else if (news.length === 0) {
    io.stdout(`Nothing to announce between ${window.since} and ${window.now}: no major incident reported or changed, no SLA clock breached.\n`);
  } else {
    const lines = news.map((n) => `  ${n.record.padEnd(10)} ${n.at}  ${n.event}: ${n.title}`);
    const omitted = message.omitted ? ` (${message.shown.length} in the message, the last line counts the other ${message.omitted})` : '';
    const head = dryRun ? `Would send ${news.length} item${news.length === 1 ? '' : 's'}${omitted}:` : `Sent ${news.length} item${news.length === 1 ? '' : 's'} to the webhook at ${webhook!.host}${omitted}:`;
    io.stdout([head, ...lines, ''].join('\n'));
    if (dryRun) io.stdout(`\nPayload (${flavor}):\n${JSON.stringify(message.payload, null, 2)}\n`);
  }
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// Options

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return 10_000;
  const s = Number(text);
  if (!Number.isFinite(s) || s <= 0 || s > 300) throw usageError(`itsm notify: --timeout must be a number of seconds between 0 and 300; got "${text}".`);
  return Math.round(s * 1000);
}

/**
 * The webhook URL, checked without ever echoing it: https, or http to this machine only (a test
 * receiver), since anything else would send the secret in clear text.
 */
function webhookUrl(text: string | undefined, dryRun: boolean): URL | undefined {
  if (!text) {
    if (dryRun) return undefined;
    throw usageError('itsm notify: no webhook URL. Set the environment variable ITSM_WEBHOOK_URL (in GitHub Actions: a repository secret), or pass --dry-run to see the message.');
  }
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw usageError('itsm notify: the webhook URL is not a valid URL (it is not shown here: it is a secret). Copy it again from Slack or Teams.');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw usageError(`itsm notify: the webhook URL must start with https:// (it starts with ${url.protocol}//); plain http is accepted only for 127.0.0.1.`);
  }
  return url;
}

function parseSiteUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`itsm notify: --site-url must be an address such as https://acme.github.io/itsm/; got "${text}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usageError(`itsm notify: --site-url must be an http(s) address; got "${text}".`);
  return withSlash(url.href);
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : url + '/';
}

/** Power Automate / Logic Apps hosts: a Teams Workflows webhook, which renders Adaptive Cards only. */
function isWorkflowHost(host: string): boolean {
  return /(^|\.)(logic\.azure\.com|powerplatform\.com|powerautomate\.com)$/i.test(host);
}

const RELATIVE = /^(\d+)(m|h|d)$/;

function parseSince(text: string | undefined, now: Date, state: NotifyState | undefined): Date {
  if (text === undefined) {
    if (!state) return new Date(now.getTime() - DAY);
    const last = state.last_run ? Date.parse(state.last_run) : NaN;
    return new Date(Math.min(now.getTime() - 7 * DAY, Number.isNaN(last) ? Infinity : last));
  }
  const rel = RELATIVE.exec(text);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * { m: 60_000, h: 3_600_000, d: DAY }[rel[2] as 'm' | 'h' | 'd']);
  try {
    return parseNow('notify', text);
  } catch {
    throw usageError(`itsm notify: --since must be an instant with an offset (2026-03-04T09:15:00+01:00) or a span before --now (90m, 24h, 7d); got "${text}".`);
  }
}

// ---------------------------------------------------------------------------------------------
// State: the keys already announced

interface NotifyState {
  version: 1;
  /** The previous run's --now. */
  last_run?: string;
  /** key -> when it was sent. */
  sent: Record<string, string>;
}

/**
 * The state file usually sits in the checkout (.itsm-notify/state.json), where a merged commit could
 * have put a link: read, it would quote another file (/proc/self/environ) into the log; written, it
 * would overwrite it. Below the working folder no link on the way is followed; elsewhere, not the file.
 */
function refuseLinkedState(cwd: string, path: string): void {
  const rel = relative(cwd, path);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  let link: string | undefined;
  if (inside) link = symlinkOnPath(cwd, rel.split(sep).join('/'));
  else {
    try {
      if (lstatSync(path).isSymbolicLink()) link = path;
    } catch {
      // missing: written afresh
    }
  }
  if (link) throw usageError(`itsm notify: the state file ${excerpt(path, 200)} is reached through the symlink ${excerpt(link, 200)}; a state file is never read or written through a link. Remove the link (the state then starts afresh).`);
}

function readState(path: string): NotifyState | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<NotifyState>;
    if (typeof data !== 'object' || data === null || typeof data.sent !== 'object' || data.sent === null) throw new Error('no "sent" object');
    return { version: 1, last_run: typeof data.last_run === 'string' ? data.last_run : undefined, sent: data.sent };
  } catch (err) {
    throw usageError(`itsm notify: the state file ${path} is not one this command wrote (${err instanceof Error ? err.message : String(err)}). Delete it to start afresh (news of the last 24 hours is then sent again).`);
  }
}

/** Keys of news older than this can never come back into a window, so the file stays small. */
const KEEP_DAYS = 60;

function writeState(path: string, now: Date, previous: NotifyState | undefined, news: readonly NewsItem[]): void {
  const sent: Record<string, string> = {};
  const keepAfter = now.getTime() - KEEP_DAYS * DAY;
  for (const [key, at] of Object.entries(previous?.sent ?? {})) {
    const instant = Date.parse(key.slice(key.lastIndexOf('@') + 1));
    if (Number.isNaN(instant) || instant > keepAfter) sent[key] = at;
  }
  for (const n of news) sent[n.key] = now.toISOString();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ version: 1, last_run: now.toISOString(), sent } satisfies NotifyState, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Posting

/** The longest Retry-After we wait for: a scheduled job should not hang on a busy receiver. */
const MAX_RETRY_WAIT_MS = 10_000;

interface Answer {
  status: number;
  statusText: string;
  body: string;
  retryAfterMs: number;
}

/**
 * Posts the JSON; retries once on 429 or 5xx after the receiver's Retry-After (capped at 10 s).
 * Teams connectors report some errors as 200 with "Microsoft Teams endpoint returned HTTP error
 * 429" in the body: that counts as the status it names.
 */
async function post(url: URL, payload: unknown, timeoutMs: number): Promise<void> {
  const body = JSON.stringify(payload);
  let answer = await attempt(url, body, timeoutMs);
  if (answer.status === 429 || answer.status >= 500) {
    await new Promise((r) => setTimeout(r, answer.retryAfterMs));
    answer = await attempt(url, body, timeoutMs);
  }
  if (answer.status >= 200 && answer.status < 300) return;
  const said = scrub(answer.body, url).trim().slice(0, 200);
  throw new ExitError(
    EXIT.usage,
    `itsm notify: the webhook at ${url.host} answered ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}${answer.status === 429 || answer.status >= 500 ? ' (after one retry)' : ''}${said ? `: ${said}` : ''}. ` +
      hint(answer.status),
  );
}

async function attempt(url: URL, body: string, timeoutMs: number): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new ExitError(EXIT.usage, `itsm notify: ${networkProblem(err, url, timeoutMs)} Nothing was recorded as sent; the next run tries again.`);
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
  if (status === 404 || status === 410 || status === 403) return 'The webhook was probably removed or its channel archived: create a new one and update the ITSM_WEBHOOK_URL secret.';
  if (status === 400 || status === 413) return 'The receiver refused the message; run `itsm notify --dry-run` to see it, and report the message if it looks wrong.';
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
