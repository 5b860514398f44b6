/**
 * News for a chat channel: which major incidents and SLA breaches happened since the last run, and
 * the webhook payload that announces them. Pure: the SLA results, `since`, `now` and the keys
 * already sent are parameters; posting is the CLI's job (src/cli/notify.ts).
 *
 * Payload choice (checked against the vendors' documentation, 2026-11):
 * - Slack incoming webhooks take `{"text", "blocks"}`. With blocks, `text` is only the notification
 *   fallback; blocks render. Limits: 50 blocks per message, 3,000 characters per section text,
 *   150 per header, `text` truncated past 40,000; `&`, `<`, `>` are control characters in mrkdwn
 *   (`<!channel>`, `<@U123>`, `<url|label>`) and must be written `&amp;`, `&lt;`, `&gt;`.
 * - Microsoft Teams incoming webhooks (Office 365 connectors) take `{"text": "..."}` (Microsoft's own
 *   curl example) rendered as basic Markdown, answer `1` on success, and refuse messages over 28 KB
 *   (about 21 KB in practice). Fields a MessageCard does not define (`blocks`) are not read.
 * - Teams Workflows ("When a Teams webhook request is received", the connectors' successor) post
 *   Adaptive Cards only: the template reads `attachments[].content`. For those URLs the CLI sends
 *   `{"type": "message", "text", "attachments": [card]}` (buildMessage's 'teams-workflow' flavor).
 * So one message: `text` readable as Slack mrkdwn and as Teams Markdown (IDs, titles, bare links),
 * plus Slack `blocks`, the whole JSON under 20,000 bytes.
 */
import { KIND_INFO } from './ids.ts';
import { forgeLinks } from './forge.ts';
import type { AnyRecord, Incident, ServiceRequest, Workspace } from './model.ts';
import { statusHistory } from './sla/status.ts';
import type { SlaResult } from './sla/index.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { formatInstant, statusLabel } from './format.ts';
import { isOpen } from './kinds/index.ts';

/** One piece of news, announced once: `key` is what a later run compares to know it was sent. */
export interface NewsItem {
  /**
   * `major:<ID>@<instant>` (the incident's latest dated event: reported, acknowledged, resolved,
   * closed or a timeline entry) or `sla:<ID>:<metric>@<breached_at>`; instants in UTC. A later change
   * to the incident is a new key; a clock breaches once (a new breach after a reopen is a new key).
   */
  key: string;
  type: 'major_incident' | 'sla_breach' | 'sla_warning' | 'sla_escalation';
  record: string;
  /** The instant that makes it news (UTC ISO). */
  at: string;
  title: string;
  /** What happened, in a few words: "new major incident", "major incident resolved", "resolution SLA breached". */
  event: string;
  status: string;
  priority?: string;
  service?: string;
  /** Major incidents: the latest timeline note, if the latest event has one. */
  note?: string;
  /** SLA breaches: the clock, its target and how far over it is now (business seconds). */
  metric?: string;
  target_seconds?: number;
  over_seconds?: number;
  policy?: string;
  /** SLA warnings: the threshold crossed (percent of the target) and the clock's due time. */
  percent?: number;
  due_at?: string;
  /** Escalations: when the clock breached (`at` is when the escalation fell due). */
  breached_at?: string;
  /** The team whose channel gets the item (the record's team, or the team an OLA measures). */
  team?: string;
  /** The environment variable naming the channel's webhook; absent: the global webhook (ITSM_WEBHOOK_URL). */
  channel_env?: string;
  /** Escalations: the team manager's handle, named in the message. */
  manager?: string;
  /** The record's page on the site, or its file on the forge; absent when neither is configured. */
  url?: string;
}

export interface NewsWindow {
  /** News is what happened after `since` (exclusive) and up to `now` (inclusive). */
  since: Date;
  now: Date;
  /** Keys a previous run already sent (its state): never sent again. */
  sent?: ReadonlySet<string>;
}

export interface LinkOptions {
  /** The published site, e.g. https://northwind.github.io/itsm/ (record pages at <site>/<folder>/<ID>/). */
  siteUrl?: string;
  /** itsm.yaml's repo_url and default_branch: the record's file on the forge when there is no site. */
  repoUrl?: string;
  branch?: string;
}

const utc = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The address people open for a record: its site page, else its file on the forge. */
export function recordUrl(record: Pick<AnyRecord, 'id' | 'kind' | 'file'>, links: LinkOptions): string | undefined {
  if (links.siteUrl) {
    const base = links.siteUrl.endsWith('/') ? links.siteUrl : links.siteUrl + '/';
    return new URL(`${KIND_INFO[record.kind].folder}/${encodeURIComponent(record.id)}/`, base).href;
  }
  return forgeLinks(links.repoUrl, links.branch ?? 'main').file(record.file);
}

/** Dated events of an incident, as [instant ms, status it moved to, note]. */
function incidentEvents(d: Incident): Array<{ ms: number; status?: string; note?: string }> {
  const out: Array<{ ms: number; status?: string; note?: string }> = [];
  const add = (iso: string | undefined, status?: string, note?: string) => {
    const ms = iso ? Date.parse(iso) : NaN;
    if (!Number.isNaN(ms)) out.push({ ms, status, note });
  };
  add(d.reported_at, 'new');
  add(d.acknowledged_at, 'acknowledged');
  add(d.resolved_at, 'resolved');
  add(d.closed_at, 'closed');
  for (const t of d.timeline ?? []) add(t.at, t.status, t.note);
  return out;
}

function majorEvent(d: Incident, reportedInWindow: boolean): string {
  if (reportedInWindow && isOpen('incident', d.status)) return 'new major incident';
  if (reportedInWindow) return `new major incident, already ${statusLabel(d.status)}`;
  if (!isOpen('incident', d.status)) return `major incident ${d.status}`;
  return `major incident update (${statusLabel(d.status)})`;
}

/**
 * What is news between `since` and `now`: major incidents (`major: true`) reported or changed in the
 * window, one item per incident describing where it stands; then SLA clocks whose breach instant
 * falls in the window. Instants after `now` (a projected breach, a timeline entry written ahead)
 * wait for their run. SLA warnings need `sla` computed with `{ warnings: true }`. Keys in `sent` are left out. Ordered: major incidents, then breaches, each
 * by instant and ID.
 */
export function selectNews(workspace: Workspace, sla: readonly SlaResult[], window: NewsWindow, links: LinkOptions = {}): NewsItem[] {
  const since = window.since.getTime();
  const now = window.now.getTime();
  const inWindow = (ms: number) => ms > since && ms <= now;
  const sent = window.sent ?? new Set<string>();
  const majors: NewsItem[] = [];
  const breaches: NewsItem[] = [];

  for (const r of workspace.records) {
    if (r.kind !== 'incident' || r.data.major !== true) continue;
    const d = r.data;
    const past = incidentEvents(d).filter((e) => e.ms <= now);
    if (past.length === 0) continue;
    const latest = past.reduce((a, b) => (b.ms >= a.ms ? b : a));
    if (!inWindow(latest.ms)) continue;
    const key = `major:${r.id}@${utc(latest.ms)}`;
    if (sent.has(key)) continue;
    const note = [...(d.timeline ?? [])].reverse().find((t) => t.note && Date.parse(t.at) === latest.ms)?.note;
    majors.push({
      key,
      type: 'major_incident',
      record: r.id,
      at: utc(latest.ms),
      title: d.title,
      event: majorEvent(d, inWindow(Date.parse(d.reported_at))),
      status: d.status,
      priority: d.priority,
      service: d.service,
      ...(note ? { note } : {}),
      ...withUrl(r, links),
    });
  }

  const warnings: NewsItem[] = [];
  const escalations: NewsItem[] = [];
  const escalateAfter = escalationDelays(workspace);
  for (const s of sla) {
    const r = workspace.byId.get(s.record);
    const data = (r?.data ?? {}) as { title?: string; status?: string; team?: string };
    const team = s.team ?? data.team;
    const about = {
      record: s.record,
      title: data.title ?? s.record,
      status: data.status ?? '',
      ...(s.priority ? { priority: s.priority } : {}),
      ...(s.service ? { service: s.service } : {}),
      metric: s.metric,
      ...(s.target_seconds !== null ? { target_seconds: s.target_seconds } : {}),
      ...(s.policy ? { policy: s.policy } : {}),
      ...(team ? { team } : {}),
      ...(r ? withUrl(r, links) : {}),
    };
    // Warnings: each threshold crossed in the window, while the clock is still within its target
    // (past it, the breach is the news). The crossing instant names the cycle: a new cycle crosses anew.
    if (s.state === 'in_progress' || s.state === 'paused') {
      for (const w of s.warnings ?? []) {
        const ms = Date.parse(w.at);
        const key = `warn:${s.record}:${s.metric}:${w.percent}@${utc(ms)}`;
        if (!inWindow(ms) || sent.has(key)) continue;
        warnings.push({
          key,
          type: 'sla_warning',
          at: utc(ms),
          event: `${s.metric} SLA at ${w.percent}%`,
          percent: w.percent,
          ...about,
          ...(s.due_at ? { due_at: s.due_at } : {}),
        });
      }
    }
    if (s.state !== 'breached' || !s.breached_at) continue;
    const ms = Date.parse(s.breached_at);
    const key = `sla:${s.record}:${s.metric}@${utc(ms)}`;
    if (inWindow(ms) && !sent.has(key))
      breaches.push({
        key,
        type: 'sla_breach',
        at: utc(ms),
        event: `${s.metric} SLA breached`,
        ...about,
        ...(s.remaining_seconds !== null ? { over_seconds: Math.max(0, -s.remaining_seconds) } : {}),
      });
    // Escalation: the breach is still unanswered (no acknowledgement, no status change) when the
    // policy's escalate_after has passed since it.
    const delay = s.policy ? escalateAfter.get(s.policy) : undefined;
    if (delay === undefined || !r || (r.kind !== 'incident' && r.kind !== 'request')) continue;
    const escAt = ms + delay * 1000;
    const escKey = `esc:${s.record}:${s.metric}@${utc(ms)}`;
    if (!inWindow(escAt) || sent.has(escKey) || answeredBetween(r.kind, r.data, ms, escAt)) continue;
    escalations.push({
      key: escKey,
      type: 'sla_escalation',
      at: utc(escAt),
      event: `${s.metric} SLA breach not acknowledged within ${formatDuration(delay)}`,
      ...about,
      breached_at: utc(ms),
    });
  }

  const order = (a: NewsItem, b: NewsItem) => a.at.localeCompare(b.at) || a.record.localeCompare(b.record) || a.key.localeCompare(b.key);
  const routed = (items: NewsItem[]) => items.sort(order).map((i) => route(i, workspace));
  return [...routed(majors), ...routed(escalations), ...routed(breaches), ...routed(warnings)];
}

/** escalate_after of each policy that has one, in seconds (an unreadable one is the validator's to report). */
function escalationDelays(workspace: Workspace): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of workspace.policies.sla?.policies ?? []) {
    if (!p.escalate_after) continue;
    const d = parseDuration(p.escalate_after);
    if (d.ok && d.seconds > 0) out.set(p.id, d.seconds);
  }
  return out;
}

/** Someone answered the breach: the record was acknowledged or changed status after it, by `until`. */
function answeredBetween(kind: 'incident' | 'request', data: Incident | ServiceRequest, breach: number, until: number): boolean {
  const h = statusHistory(kind, data);
  if (!h) return false;
  const after = (ms: number | null) => ms !== null && ms > breach && ms <= until;
  return after(h.acknowledgedAt) || h.changes.some((c) => after(c.at));
}

/**
 * Which channel an SLA item goes to: its team's (the record's team, or the team an OLA measures),
 * named by an environment variable in the team file; escalations to the team's escalation channel,
 * naming its manager. No team, or a team without `notify`: the global webhook (no `channel_env`).
 * Major incidents carry no team: everyone's business, they stay on the global webhook.
 */
function route(item: NewsItem, workspace: Workspace): NewsItem {
  const team = item.team ? workspace.byId.get(item.team) : undefined;
  const notify = team?.kind === 'team' ? team.data.notify : undefined;
  if (!notify) return item;
  const env = item.type === 'sla_escalation' ? (notify.escalation_webhook_env ?? notify.webhook_env) : notify.webhook_env;
  return { ...item, ...(env ? { channel_env: env } : {}), ...(item.type === 'sla_escalation' && notify.manager ? { manager: notify.manager } : {}) };
}

function withUrl(r: AnyRecord, links: LinkOptions): { url?: string } {
  const url = recordUrl(r, links);
  return url ? { url } : {};
}

// ---------------------------------------------------------------------------------------------
// The message

/**
 * Slack mrkdwn escaping: `&`, `<` and `>` become entities, so record text can never open a link,
 * a mention (`<!channel>`, `<@U123>`) or a date token. Slack documents exactly these three.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * For `text`, which Teams renders as Markdown (CommonMark decodes `&lt;` back to `<`) and Slack as
 * mrkdwn: the Slack escapes, and `](` broken by a zero-width space, so `[click](https://evil)` in a
 * title is no Markdown link in any parser (backslash escapes are not honoured everywhere).
 */
export function escapeText(text: string): string {
  return breakMarkdownLinks(escapeSlack(text));
}

/**
 * For Adaptive Card text (Teams Workflows), which is Markdown without HTML entities: Markdown links
 * and `<https://...>` autolinks broken by a zero-width space; nothing else changes.
 */
export function escapeCard(text: string): string {
  return breakMarkdownLinks(text).replace(/<(?=\S)/g, '<\u200B');
}

function breakMarkdownLinks(text: string): string {
  return text.replace(/\](?=\s*[([])/g, ']\u200B');
}

/** One line, at most `max` characters (an ellipsis marks the cut). */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}

/** A URL inside Slack's `<url|label>`: entities for `&<>`, and no `|` that would end the address. */
function slackUrl(url: string): string {
  return escapeSlack(url).replace(/\|/g, '%7C');
}

export interface MessageOptions {
  /** The workspace's name (itsm.yaml `name`). */
  name: string;
  /** Zone for the times shown (itsm.yaml `time_zone`). */
  timeZone: string;
  /** Where "and N more" points: the site's incident catalog, if there is a site. */
  moreUrl?: string;
  /** Byte budget of the JSON (default 20,000: under Teams' 28 KB, which is about 21 KB in practice). */
  maxBytes?: number;
}

export interface SlackBlock {
  type: 'header' | 'section' | 'context';
  text?: { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean; verbatim?: boolean };
  elements?: Array<{ type: 'mrkdwn'; text: string; verbatim: boolean }>;
}

/** What is posted: Slack reads `blocks` (and `text` for notifications), Teams reads `text`. */
export interface WebhookPayload {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

const SLACK_MAX_BLOCKS = 50;
const TITLE_CHARS = 200;
const NOTE_CHARS = 300;
const HEADER_CHARS = 150;

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

function countLine(items: readonly NewsItem[]): string {
  const count = (type: NewsItem['type']) => items.filter((i) => i.type === type).length;
  const parts: Array<[number, string, string?]> = [
    [count('major_incident'), 'major incident'],
    [count('sla_escalation'), 'escalation'],
    [count('sla_breach'), 'SLA breach', 'SLA breaches'],
    [count('sla_warning'), 'SLA warning'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => plural(n, one, many))
    .join(', ');
}

const ICONS: Record<NewsItem['type'], string> = {
  major_incident: ':rotating_light:',
  sla_escalation: ':sos:',
  sla_breach: ':alarm_clock:',
  sla_warning: ':hourglass_flowing_sand:',
};

function facts(item: NewsItem): string[] {
  return [item.priority, item.service].filter((x): x is string => Boolean(x));
}

function when(item: NewsItem, timeZone: string): string {
  return formatInstant(item.at, timeZone);
}

function detail(item: NewsItem, timeZone: string): string {
  if (item.type === 'sla_warning') {
    const target = item.target_seconds !== undefined ? ` of target ${formatDuration(item.target_seconds)}` : '';
    return [`at ${when(item, timeZone)}`, `${item.percent}%${target} used`, item.due_at ? `due ${formatInstant(item.due_at, timeZone)}` : '']
      .filter(Boolean)
      .join(', ');
  }
  if (item.type === 'sla_escalation') {
    return [
      item.breached_at ? `breached at ${formatInstant(item.breached_at, timeZone)}` : '',
      `escalated at ${when(item, timeZone)}`,
      item.team ? `team ${item.team}` : '',
      item.manager ? `manager @${item.manager}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  }
  if (item.type === 'sla_breach') {
    // Business time, written as the policy writes targets (24h, 1h30m).
    const target = item.target_seconds !== undefined ? `target ${formatDuration(item.target_seconds)}` : '';
    const over = item.over_seconds ? `${formatDuration(Math.round(item.over_seconds / 60) * 60)} over` : '';
    return [`at ${when(item, timeZone)}`, target, over, item.policy ? `policy ${item.policy}` : ''].filter(Boolean).join(', ');
  }
  return `${when(item, timeZone)}, status ${statusLabel(item.status)}`;
}

/** The Slack section for one item (mrkdwn, verbatim: nothing in it is auto-linked or mentioned). */
function itemBlock(item: NewsItem, timeZone: string): SlackBlock {
  const icon = ICONS[item.type];
  const id = item.url ? `<${slackUrl(item.url)}|${escapeSlack(item.record)}>` : escapeSlack(item.record);
  const head = `${icon} *${id}* ${facts(item).map(escapeSlack).join(' · ')}${facts(item).length ? ' · ' : ''}*${escapeSlack(item.event)}*`;
  const lines = [head, escapeSlack(oneLine(item.title, TITLE_CHARS)), `_${escapeSlack(detail(item, timeZone))}_`];
  if (item.note) lines.push(`> ${escapeSlack(oneLine(item.note, NOTE_CHARS))}`);
  return { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n'), verbatim: true } };
}

/** The same item as a line of `text` (Teams' message, Slack's notification), or of an Adaptive Card. */
function itemText(item: NewsItem, timeZone: string, esc: (t: string) => string, link: (url: string) => string): string {
  const f = facts(item);
  const parts = [
    `${esc(item.record)}${f.length ? ` (${f.map(esc).join(', ')})` : ''}: ${esc(item.event)}: ${esc(oneLine(item.title, TITLE_CHARS))}`,
    `(${esc(detail(item, timeZone))})`,
  ];
  if (item.note) parts.push(`"${esc(oneLine(item.note, NOTE_CHARS))}"`);
  if (item.url) parts.push(link(item.url));
  return '- ' + parts.join(' ');
}

/** Which receiver the JSON is shaped for. */
export type PayloadFlavor = 'slack-teams' | 'teams-workflow';

/** Teams Workflows render Adaptive Cards only (their template reads `attachments[].content`). */
export interface TeamsWorkflowPayload {
  type: 'message';
  text: string;
  attachments: Array<{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: object }>;
}

function compose(items: readonly NewsItem[], shownCount: number, o: MessageOptions, flavor: PayloadFlavor): WebhookPayload | TeamsWorkflowPayload {
  const shown = items.slice(0, shownCount);
  const rest = items.slice(shownCount);
  const title = oneLine(`${o.name}: ${countLine(items)}`, HEADER_CHARS);
  const more = rest.length ? `…and ${rest.length} more (${countLine(rest)})` : '';
  if (flavor === 'teams-workflow') {
    // Card text is Markdown: a record link can be a real Markdown link, with a label we wrote.
    const lines = shown.map((i) => itemText(i, o.timeZone, escapeCard, (url) => `[open](${url.replace(/[()\s]/g, encodeURIComponent)})`));
    if (more) lines.push(escapeCard(more) + (o.moreUrl ? `: [open the site](${o.moreUrl.replace(/[()\s]/g, encodeURIComponent)})` : ''));
    const text = [escapeCard(title), ...lines].join('\n');
    const body = [
      { type: 'TextBlock', text: escapeCard(title), weight: 'Bolder', size: 'Medium', wrap: true },
      ...lines.map((t) => ({ type: 'TextBlock', text: t, wrap: true, spacing: 'Small' })),
    ];
    return {
      type: 'message',
      text,
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
        },
      ],
    };
  }
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title, emoji: false } }, ...shown.map((i) => itemBlock(i, o.timeZone))];
  if (more) {
    const link = o.moreUrl ? `: <${slackUrl(o.moreUrl)}|open the site>` : ': run `itsm notify --dry-run` for the full list';
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(more) + link, verbatim: true }] });
  }
  // Bare addresses: Slack and Teams both make them links, and neither syntax reads well in the other.
  // Blank lines around the list: in Teams' Markdown a line after a list item would join that item.
  const paragraphs = [escapeText(title), shown.map((i) => itemText(i, o.timeZone, escapeText, escapeSlack)).join('\n')];
  if (more) paragraphs.push(escapeText(more) + (o.moreUrl ? ': ' + escapeSlack(o.moreUrl) : ''));
  return { text: paragraphs.filter(Boolean).join('\n\n'), blocks, unfurl_links: false, unfurl_media: false };
}

/** Size on the wire, in UTF-8 bytes. */
export function payloadBytes(payload: unknown): number {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}

export interface Message {
  payload: WebhookPayload | TeamsWorkflowPayload;
  /** The items in the message; the rest are counted in its last line. */
  shown: NewsItem[];
  omitted: number;
}

/**
 * The message for a list of news items, within Slack's and Teams' limits: at most 48 items (a
 * header, the items and a closing "and N more" make 50 blocks), then fewer until the JSON fits the
 * byte budget. The items left out are counted, by type, in the last line.
 */
export function buildMessage(items: readonly NewsItem[], o: MessageOptions, flavor: PayloadFlavor = 'slack-teams'): Message {
  const maxBytes = o.maxBytes ?? 20_000;
  let n = Math.min(items.length, SLACK_MAX_BLOCKS - 2);
  let payload = compose(items, n, o, flavor);
  while (n > 0 && payloadBytes(payload) > maxBytes) {
    // Shrink in proportion to the overshoot, then one by one near the budget.
    const ratio = maxBytes / payloadBytes(payload);
    n = Math.max(0, Math.min(n - 1, Math.floor(n * ratio)));
    payload = compose(items, n, o, flavor);
  }
  return { payload, shown: items.slice(0, n), omitted: items.length - n };
}
