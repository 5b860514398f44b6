/**
 * `itsm notify`: posts new major incidents and SLA breaches to a Slack or Microsoft Teams webhook.
 * The news and the message are computed in src/core/notify.ts; this file reads the workspace and
 * the state file (src/io/notify-state.ts), and posts (src/io/webhook.ts). The webhook URL is a
 * secret: it is never printed, and error messages name only its host.
 */
import { resolve } from 'node:path';
import { buildMessage, selectNews, type NewsItem, type PayloadFlavor } from '../core/notify.ts';
import { computeSla } from '../core/sla/index.ts';
import { readNotifyState, refuseLinkedState, writeNotifyState, type NotifyState } from '../io/notify-state.ts';
import { postWebhook } from '../io/webhook.ts';
import { oneOf, parseCommand } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { loadValidWorkspace, parseFormat, parseNow } from './options.ts';

const HELP = `Usage: itsm notify [--root DIR] [--now ISO] [--since ISO|24h|7d] [--state FILE]
                   [--webhook-url URL] [--site-url URL] [--payload auto|slack-teams|teams-workflow]
                   [--timeout SECONDS] [--dry-run] [--format pretty|json]

Posts what is news to a chat channel through an incoming webhook (Slack, Microsoft Teams):
  major incidents   incidents with major: true reported or changed (acknowledged, resolved,
                    closed, a timeline entry) since the last run
  SLA warnings      running clocks that crossed one of their policy's warn_at thresholds
                    (e.g. warn_at: [50, 75]; default: warning_threshold, 75%)
  SLA breaches      response and resolution clocks whose target was exceeded since the last run
  escalations       breaches nobody answered (no acknowledged_at, no status change) within the
                    policy's escalate_after (e.g. 30m), naming the team's manager
Each piece of news has a key (e.g. major:INC-0142@2026-03-05T09:00:00Z); with --state the keys
sent are kept in a file, so nothing is announced twice, even when a record is committed late.

Routed per team: a team file may name its channel by an environment variable,
  notify: { webhook_env: ITSM_WEBHOOK_TEAM_OPS, escalation_webhook_env: ITSM_WEBHOOK_DUTY, manager: ada }
and the SLA news of its records (the record's team) goes there, escalations to the second one.
Major incidents, records without a team, and unset variables: the global ITSM_WEBHOOK_URL.

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
                      "sent","payload","messages":[{"channel","items","payload"}]} (one
                      message per channel: a team's variable name, or "global")

Exit codes: 0 sent, or nothing to send; 1 an invalid workspace; 2 bad options, or the webhook
failed (unreachable, timed out, or an error status after one retry).
`;

const DAY = 86_400_000;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'notify',
    args,
    {
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
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const format = parseFormat('notify', values.format, ['pretty', 'json']);
  const flavorOption = oneOf('notify', 'payload', values.payload, ['auto', 'slack-teams', 'teams-workflow'] as const, 'auto');
  const now = parseNow('notify', values.now);
  const timeoutMs = parseTimeout(values.timeout);
  const dryRun = Boolean(values['dry-run']);
  const globalText = values['webhook-url'] ?? io.env.ITSM_WEBHOOK_URL;
  const siteUrl = parseSiteUrl(values['site-url'] ?? (io.env.ITSM_SITE_URL || undefined));
  const statePath = values.state === undefined ? undefined : resolve(io.cwd, values.state);
  if (statePath) refuseLinkedState(io.cwd, statePath);
  const state = statePath ? readNotifyState(statePath) : undefined;
  const since = parseSince(values.since, now, state);

  const workspace = await loadValidWorkspace('notify', io, values.root, 'pretty');
  const settings = workspace.settings;
  const links = { siteUrl, repoUrl: settings.repo_url, branch: settings.default_branch };
  const news = selectNews(workspace, computeSla(workspace, now, { warnings: true }), { since, now, sent: new Set(Object.keys(state?.sent ?? {})) }, links);
  const messageOptions = { name: settings.name, timeZone: settings.time_zone, moreUrl: siteUrl ? new URL('incidents/', withSlash(siteUrl)).href : undefined };

  // One message per channel: a team's channel when its environment variable is set, else the global one.
  const { channels, unset } = groupByChannel(news, io.env, globalText, dryRun);
  for (const [name, n] of unset)
    io.stderr(`itsm notify: ${name} (named in a team file) is not set; its ${plural(n, 'item')} go${n === 1 ? 'es' : ''} to the global webhook.\n`);
  const messages = channels.map((c) => {
    const flavor: PayloadFlavor = flavorOption === 'auto' ? (c.url && isWorkflowHost(c.url.hostname) ? 'teams-workflow' : 'slack-teams') : flavorOption;
    return { ...c, flavor, message: buildMessage(c.items, messageOptions, flavor) };
  });

  const delivered: NewsItem[] = [];
  let failure: Error | undefined;
  if (!dryRun) {
    for (const m of messages) {
      try {
        await postWebhook(m.url!, m.message.payload, { timeoutMs, ...(io.sleep ? { sleep: io.sleep } : {}) });
        delivered.push(...m.items);
      } catch (err) {
        // The other channels still get theirs; what reached its channel is recorded, the rest retried next run.
        failure ??= err instanceof Error ? err : new Error(String(err));
      }
    }
  }
  if (statePath && !dryRun) writeNotifyState(statePath, now, state, delivered);
  if (failure) throw failure;
  const sent = delivered.length > 0;

  const window = { now: now.toISOString(), since: since.toISOString() };
  if (format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          ...window,
          news,
          shown: messages.reduce((n, m) => n + m.message.shown.length, 0),
          omitted: messages.reduce((n, m) => n + m.message.omitted, 0),
          dry_run: dryRun,
          sent,
          payload: messages[0]?.message.payload ?? null,
          messages: messages.map((m) => ({ channel: m.env ?? 'global', items: m.items.map((i) => i.key), payload: m.message.payload })),
        },
        null,
        2,
      ) + '\n',
    );
  } else if (news.length === 0) {
    io.stdout(`Nothing to announce between ${window.since} and ${window.now}: no major incident reported or changed, no SLA warning, breach or escalation.\n`);
  } else {
    for (const m of messages) {
      const lines = m.items.map((n) => `  ${n.record.padEnd(10)} ${n.at}  ${n.event}: ${n.title}`);
      const shown = m.message;
      const omitted = shown.omitted ? ` (${shown.shown.length} in the message, the last line counts the other ${shown.omitted})` : '';
      const where = m.env ? `the webhook in ${m.env}` : 'the webhook';
      const head = dryRun
        ? `Would send ${plural(m.items.length, 'item')}${m.env ? ` to the webhook in ${m.env}` : ''}${omitted}:`
        : `Sent ${plural(m.items.length, 'item')} to ${where} at ${m.url!.host}${omitted}:`;
      io.stdout([head, ...lines, ''].join('\n'));
      if (dryRun) io.stdout(`\nPayload (${m.flavor}):\n${JSON.stringify(shown.payload, null, 2)}\n`);
    }
  }
  return EXIT.ok;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

interface Channel {
  /** The team file's environment variable; undefined for the global webhook. */
  env?: string;
  url: URL | undefined;
  items: NewsItem[];
}

/**
 * Items grouped by the webhook they go to, in the order they first appear. A team channel whose
 * variable is unset falls back to the global webhook (`unset` counts its items, for stderr); only
 * when an item goes to the global webhook is its URL required.
 */
function groupByChannel(
  news: readonly NewsItem[],
  env: NodeJS.ProcessEnv,
  globalText: string | undefined,
  dryRun: boolean,
): { channels: Channel[]; unset: Map<string, number> } {
  const groups = new Map<string, Channel>();
  const unset = new Map<string, number>();
  for (const item of news) {
    const own = item.channel_env ? env[item.channel_env]?.trim() : undefined;
    if (item.channel_env && !own) unset.set(item.channel_env, (unset.get(item.channel_env) ?? 0) + 1);
    const key = own ? item.channel_env! : '';
    let group = groups.get(key);
    if (!group) {
      group = own ? { env: item.channel_env, url: webhookUrl(own, dryRun, item.channel_env), items: [] } : { url: webhookUrl(globalText, dryRun), items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return { channels: [...groups.values()], unset };
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
function webhookUrl(text: string | undefined, dryRun: boolean, variable?: string): URL | undefined {
  const which = variable ? `the webhook URL in ${variable}` : 'the webhook URL';
  if (!text) {
    if (dryRun) return undefined;
    throw usageError(
      'itsm notify: no webhook URL. Set the environment variable ITSM_WEBHOOK_URL (in GitHub Actions: a repository secret), or pass --dry-run to see the message.',
    );
  }
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw usageError(`itsm notify: ${which} is not a valid URL (it is not shown here: it is a secret). Copy it again from Slack or Teams.`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw usageError(`itsm notify: ${which} must start with https:// (it starts with ${url.protocol}//); plain http is accepted only for 127.0.0.1.`);
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
    throw usageError(
      `itsm notify: --since must be an instant with an offset (2026-03-04T09:15:00+01:00) or a span before --now (90m, 24h, 7d); got "${text}".`,
    );
  }
}
