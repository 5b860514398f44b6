import { describe, expect, it } from 'vitest';
import {
  buildMessage,
  escapeSlack,
  payloadBytes,
  recordUrl,
  selectNews,
  type NewsItem,
  type TeamsWorkflowPayload,
  type WebhookPayload,
} from '../../src/core/notify.ts';
import { computeSla } from '../../src/core/sla/index.ts';
import { loadWorkspaceFromFiles } from '../../src/io/workspace.ts';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { record } from '../helpers/workspace.ts';

/**
 * A major P1 on the web shop, reported Thursday 5 March 2026 at 10:00 Berlin time and not yet
 * acknowledged. The shop's office calendar (9-12, 13-17) gives it a 15-minute response target,
 * breached at 10:15, and a 4-hour resolution target, breached at 15:00.
 */
function majorIncident(title = 'Checkout down for everyone', extra = '', status = 'new'): Record<string, string> {
  return {
    'content/incidents/INC-0010.md': record(`id: INC-0010
title: ${JSON.stringify(title)}
status: ${status}
service: SVC-shop
impact: high
urgency: high
priority: P1
major: true
reported_at: 2026-03-05T10:00:00+01:00
${extra}`),
  };
}

function workspaceWith(files: Record<string, string>) {
  const { workspace, diagnostics } = loadWorkspaceFromFiles(new Map(Object.entries({ ...minimalWorkspace(), ...files })));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return workspace;
}

function news(files: Record<string, string>, since: string, now: string, sent: string[] = []) {
  const ws = workspaceWith(files);
  return selectNews(ws, computeSla(ws, new Date(now), { warnings: true }), { since: new Date(since), now: new Date(now), sent: new Set(sent) });
}

describe('what is news', () => {
  it('a new major incident and the SLA clock it breaches, each with its key', () => {
    const items = news(majorIncident(), '2026-03-05T09:00:00+01:00', '2026-03-05T10:30:00+01:00');
    expect(items.map((i) => [i.key, i.event])).toEqual([
      ['major:INC-0010@2026-03-05T09:00:00Z', 'new major incident'],
      ['sla:INC-0010:response@2026-03-05T09:15:00Z', 'response SLA breached'],
    ]);
    expect(items[1]).toMatchObject({
      type: 'sla_breach',
      record: 'INC-0010',
      metric: 'response',
      priority: 'P1',
      service: 'SVC-shop',
      target_seconds: 900,
      over_seconds: 900,
    });
  });

  it('each item once: keys a run already sent are left out, and the next window brings only what is new', () => {
    const first = news(majorIncident(), '2026-03-05T09:00:00+01:00', '2026-03-05T10:30:00+01:00');
    const keys = first.map((i) => i.key);
    expect(news(majorIncident(), '2026-03-05T09:00:00+01:00', '2026-03-05T10:30:00+01:00', keys)).toEqual([]);
    // Hours later, with a week's look-back: the incident did not change; the resolution clock breached at 15:00.
    const later = news(majorIncident(), '2026-02-26T16:00:00+01:00', '2026-03-05T16:00:00+01:00', keys);
    expect(later.map((i) => i.key)).toEqual(['sla:INC-0010:resolution@2026-03-05T14:00:00Z']);
  });

  it('a change to a major incident is news again, with its latest timeline note', () => {
    const updated = majorIncident(
      'Checkout down for everyone',
      `acknowledged_at: 2026-03-05T10:05:00+01:00
resolved_at: 2026-03-05T11:30:00+01:00
resolution: Rolled back the payment gateway.
close_code: solved-permanently
timeline:
  - { at: 2026-03-05T10:05:00+01:00, status: acknowledged, by: ada }
  - { at: 2026-03-05T11:30:00+01:00, status: resolved, note: Gateway rolled back; orders flowing again }`,
      'resolved',
    );
    const items = news(updated, '2026-03-05T10:30:00+01:00', '2026-03-05T12:00:00+01:00', ['major:INC-0010@2026-03-05T09:00:00Z']);
    expect(items).toEqual([
      expect.objectContaining({
        key: 'major:INC-0010@2026-03-05T10:30:00Z',
        event: 'major incident resolved',
        status: 'resolved',
        note: 'Gateway rolled back; orders flowing again',
      }),
    ]);
  });

  it('the window is (since, now]: an instant at `since` was the previous run’s, one at `now` is this run’s', () => {
    expect(news(majorIncident(), '2026-03-05T10:00:00+01:00', '2026-03-05T10:10:00+01:00')).toEqual([]);
    expect(news(majorIncident(), '2026-03-05T09:59:00+01:00', '2026-03-05T10:00:00+01:00').map((i) => i.key)).toEqual(['major:INC-0010@2026-03-05T09:00:00Z']);
  });

  it('a breach still ahead (projected for a running clock) waits for the run after it happens; the 75% warning does not', () => {
    const items = news(majorIncident(), '2026-03-05T09:00:00+01:00', '2026-03-05T10:14:00+01:00');
    // 75% of the 15-minute response target: 11m15s after 10:00.
    expect(items.map((i) => i.key)).toEqual(['major:INC-0010@2026-03-05T09:00:00Z', 'warn:INC-0010:response:75@2026-03-05T09:11:15Z']);
  });

  it('incidents that are not major are news only when they breach an SLA', () => {
    const files = majorIncident();
    files['content/incidents/INC-0010.md'] = files['content/incidents/INC-0010.md']!.replace('major: true\n', '');
    expect(news(files, '2026-03-05T09:00:00+01:00', '2026-03-05T10:30:00+01:00').map((i) => i.key)).toEqual(['sla:INC-0010:response@2026-03-05T09:15:00Z']);
  });
});

describe('record links', () => {
  const rec = { id: 'INC-0010', kind: 'incident' as const, file: 'content/incidents/INC-0010.md' };
  it('go to the site page when a site URL is set, else to the file on the forge, else nowhere', () => {
    expect(recordUrl(rec, { siteUrl: 'https://acme.github.io/itsm' })).toBe('https://acme.github.io/itsm/incidents/INC-0010/');
    expect(recordUrl(rec, { repoUrl: 'https://github.com/acme/itsm/', branch: 'main' })).toBe(
      'https://github.com/acme/itsm/blob/main/content/incidents/INC-0010.md',
    );
    expect(recordUrl(rec, {})).toBeUndefined();
  });
});

function item(n: number, over: Partial<NewsItem> = {}): NewsItem {
  const id = `INC-${String(n).padStart(4, '0')}`;
  return {
    key: `major:${id}@2026-03-05T09:00:00Z`,
    type: 'major_incident',
    record: id,
    at: '2026-03-05T09:00:00Z',
    title: `Incident number ${n}`,
    event: 'new major incident',
    status: 'new',
    priority: 'P1',
    service: 'SVC-shop',
    url: `https://acme.github.io/itsm/incidents/${id}/`,
    ...over,
  };
}

const OPTIONS = { name: 'Acme', timeZone: 'Europe/Berlin', moreUrl: 'https://acme.github.io/itsm/incidents/' };

function slack(items: NewsItem[], maxBytes?: number) {
  const m = buildMessage(items, { ...OPTIONS, maxBytes });
  return { ...m, payload: m.payload as WebhookPayload };
}

/** Every piece of mrkdwn a Slack client parses: section and context texts, and the fallback text. */
function mrkdwn(p: WebhookPayload): string[] {
  return [p.text, ...p.blocks.flatMap((b) => [b.type === 'header' ? '' : (b.text?.text ?? ''), ...(b.elements ?? []).map((e) => e.text)])].filter(Boolean);
}

describe('the message', () => {
  it('has what Slack renders (header, one section per item, linked IDs) and what Teams renders (text)', () => {
    const { payload } = slack([
      item(1),
      item(2, {
        type: 'sla_breach',
        key: 'sla:INC-0002:response@2026-03-05T09:15:00Z',
        event: 'response SLA breached',
        metric: 'response',
        target_seconds: 900,
        over_seconds: 1800,
        policy: 'incidents',
        at: '2026-03-05T09:15:00Z',
      }),
    ]);
    expect(payload.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section']);
    expect(payload.blocks[0]!.text).toEqual({ type: 'plain_text', text: 'Acme: 1 major incident, 1 SLA breach', emoji: false });
    expect(payload.blocks[1]!.text!.text).toContain('*<https://acme.github.io/itsm/incidents/INC-0001/|INC-0001>* P1 · SVC-shop · *new major incident*');
    expect(payload.blocks[2]!.text!.text).toContain('_at 2026-03-05 10:15 CET, target 15m, 30m over, policy incidents_');
    expect(payload.blocks.every((b) => b.type !== 'section' || b.text?.verbatim === true)).toBe(true);
    expect(payload.text).toMatchInlineSnapshot(`
      "Acme: 1 major incident, 1 SLA breach

      - INC-0001 (P1, SVC-shop): new major incident: Incident number 1 (2026-03-05 10:00 CET, status new) https://acme.github.io/itsm/incidents/INC-0001/
      - INC-0002 (P1, SVC-shop): response SLA breached: Incident number 2 (at 2026-03-05 10:15 CET, target 15m, 30m over, policy incidents) https://acme.github.io/itsm/incidents/INC-0002/"
    `);
    expect(payload).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });

  it('record text cannot mention anyone or plant a link, in Slack or in Teams', () => {
    const evil = '<!channel> Tom & Jerry <@U024BE7LH> <https://evil.example|click here> [click](https://evil.example) <!date^1392734382^{date}|x>';
    const { payload } = slack([item(1, { title: evil, note: '<!here> see <https://evil.example>', service: '<#C123>' })]);
    for (const text of mrkdwn(payload)) {
      // Our own links are the only `<`: to the site, as <https://acme.github.io/...|INC-0001>.
      expect(text.match(/<[^>]*>?/g)?.filter((t) => !t.startsWith('<https://acme.github.io/')) ?? []).toEqual([]);
    }
    // Teams renders `text` as Markdown (Slack's mrkdwn has no [label](url) links).
    expect(payload.text).not.toMatch(/\]\s*\(/);
    expect(payload.text).toContain('[click]\u200B(https://evil.example)');
    expect(payload.blocks[1]!.text!.text).toContain('&lt;!channel&gt; Tom &amp; Jerry &lt;@U024BE7LH&gt; &lt;https://evil.example|click here&gt;');
    expect(payload.blocks[1]!.text!.text).toContain('&lt;#C123&gt;');
    expect(payload.text).toContain('&lt;!here&gt; see &lt;https://evil.example&gt;');
    expect(escapeSlack('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
  });

  it('stays within 50 blocks and counts the rest by type when there is too much news', () => {
    const many = [
      ...Array.from({ length: 30 }, (_, i) => item(i + 1)),
      ...Array.from({ length: 170 }, (_, i) => item(i + 31, { type: 'sla_breach', key: `sla:${i}`, event: 'resolution SLA breached' })),
    ];
    const { payload, shown, omitted } = slack(many);
    expect(payload.blocks.length).toBeLessThanOrEqual(50);
    expect(shown.length + omitted).toBe(200);
    expect(omitted).toBeGreaterThan(0);
    const last = payload.blocks.at(-1)!;
    expect(last.type).toBe('context');
    expect(last.elements![0]!.text).toBe(`…and ${omitted} more (${omitted} SLA breaches): <https://acme.github.io/itsm/incidents/|open the site>`);
    expect(payload.blocks[0]!.text!.text).toBe('Acme: 30 major incidents, 170 SLA breaches');
    expect(payload.text.endsWith(`…and ${omitted} more (${omitted} SLA breaches): https://acme.github.io/itsm/incidents/`)).toBe(true);
  });

  it('long titles are cut and the JSON stays under the byte budget (Teams refuses 28 KB; 20,000 bytes here)', () => {
    const long = Array.from({ length: 48 }, (_, i) => item(i + 1, { title: 'Ü'.repeat(5000), note: 'ß'.repeat(5000) }));
    const { payload, shown, omitted } = slack(long);
    expect(payloadBytes(payload)).toBeLessThanOrEqual(20_000);
    expect(shown.length).toBeGreaterThan(5);
    expect(omitted).toBe(48 - shown.length);
    for (const b of payload.blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
    expect(payload.blocks[1]!.text!.text).toContain('Ü'.repeat(199 - 1) + '…');
    expect(payload.text.length).toBeLessThan(40_000);
  });

  it('a header longer than Slack’s 150 characters is cut', () => {
    const m = buildMessage([item(1)], { ...OPTIONS, name: 'N'.repeat(300) }).payload as WebhookPayload;
    expect(m.blocks[0]!.text!.text.length).toBeLessThanOrEqual(150);
  });

  it('for Teams Workflows: an Adaptive Card in attachments, with the same lines and no planted links', () => {
    const m = buildMessage([item(1, { title: '[click](https://evil.example) <https://evil.example>' })], OPTIONS, 'teams-workflow')
      .payload as TeamsWorkflowPayload;
    expect(m.type).toBe('message');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = m.attachments[0]!.content as { type: string; version: string; body: Array<{ type: string; text: string }> };
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]!.text).toBe('Acme: 1 major incident');
    const line = card.body[1]!.text;
    expect(line).toContain('[open](https://acme.github.io/itsm/incidents/INC-0001/)');
    expect(line.replace('[open](https://acme.github.io/itsm/incidents/INC-0001/)', '')).not.toMatch(/\]\s*\(|<https/);
  });
});

/**
 * Warnings, routing and escalation. The incidents policy warns at 50% and 75% and escalates a
 * breach nobody answered within 30 minutes. INC-0010 (P1, TEAM-ops, reported Thursday 5 March 2026
 * 10:00 Berlin, office hours 9-12 and 13-17):
 *   response 15m:   50% at 10:07:30, 75% at 10:11:15, breached 10:15, escalation due 10:45
 *   resolution 4h:  50% (2h) at 12:00, 75% (3h: 10-12, lunch, 13-14) at 14:00, breached 15:00,
 *                   escalation due 15:30
 */
function policyWith(extra: string): Record<string, string> {
  return {
    'content/policies/sla.yaml': `policies:
  - id: incidents
    name: Incidents
    applies_to: { kind: incident }
    calendar: service
    pause_statuses: [on_hold]
${extra}
    targets:
      P1: { response: 15m, resolution: 4h }
      P3: { response: 1h, resolution: 16h }
`,
  };
}

const ESCALATING = policyWith('    warn_at: [50, 75]\n    escalate_after: 30m');

const OPS_WITH_CHANNEL = {
  'content/teams/TEAM-ops.md': record(`id: TEAM-ops
name: Operations
status: active
roles: [cab, ecab]
notify: { webhook_env: ITSM_WEBHOOK_TEAM_OPS, escalation_webhook_env: ITSM_WEBHOOK_DUTY, manager: grace }
members:
  - { name: Ada Lovelace, login: ada }
  - { name: Grace Hopper, login: grace }`),
};

/** Runs every 10 minutes from 10:00 to 16:00 with a state of keys sent; what each run announces. */
function runsEveryTenMinutes(files: Record<string, string>): Array<[string, string[]]> {
  const ws = workspaceWith(files);
  const sent = new Set<string>();
  const out: Array<[string, string[]]> = [];
  for (let ms = Date.parse('2026-03-05T09:00:00Z'); ms <= Date.parse('2026-03-05T15:00:00Z'); ms += 600_000) {
    const now = new Date(ms);
    const items = selectNews(ws, computeSla(ws, now, { warnings: true }), { since: new Date(ms - 7 * 86_400_000), now, sent });
    for (const i of items) sent.add(i.key);
    if (items.length) out.push([now.toISOString().slice(11, 16), items.map((i) => i.key)]);
  }
  return out;
}

describe('SLA warnings and escalation', () => {
  it('the manager named for escalations must be a person in the team files', () => {
    const team = OPS_WITH_CHANNEL['content/teams/TEAM-ops.md'].replace('manager: grace', 'manager: graec');
    const { diagnostics } = loadWorkspaceFromFiles(new Map(Object.entries({ ...minimalWorkspace(), 'content/teams/TEAM-ops.md': team })));
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.rule])).toEqual([['content/teams/TEAM-ops.md', 'person/unknown']]);
    expect(errors[0]!.message).toContain('Did you mean "grace"?');
  });

  it('a team file names its channel by an environment variable; a URL there is refused (it is a secret)', () => {
    const team = OPS_WITH_CHANNEL['content/teams/TEAM-ops.md'].replace(
      'webhook_env: ITSM_WEBHOOK_TEAM_OPS',
      'webhook_env: "https://hooks.slack.com/services/T0/B0/x"',
    );
    const { diagnostics } = loadWorkspaceFromFiles(new Map(Object.entries({ ...minimalWorkspace(), 'content/teams/TEAM-ops.md': team })));
    const errors = diagnostics.filter((d) => d.severity === 'error' && d.file === 'content/teams/TEAM-ops.md');
    expect(errors.map((d) => [d.rule, d.line])).toEqual([['schema/pattern', 6]]);
  });

  it('warns at each threshold of warn_at, then the breach, then escalates it: each once, in the run after it happens', () => {
    const files = { ...majorIncident('Checkout down', 'team: TEAM-ops'), ...ESCALATING };
    files['content/incidents/INC-0010.md'] = files['content/incidents/INC-0010.md']!.replace('major: true\n', '');
    expect(runsEveryTenMinutes(files)).toEqual([
      ['09:10', ['warn:INC-0010:response:50@2026-03-05T09:07:30Z']],
      // The 75% warning (10:11:15 Berlin) fell between two runs; by the next one the clock had
      // breached, and the breach is the news: a cadence longer than the gap between thresholds skips one.
      ['09:20', ['sla:INC-0010:response@2026-03-05T09:15:00Z']],
      ['09:50', ['esc:INC-0010:response@2026-03-05T09:15:00Z']],
      ['11:00', ['warn:INC-0010:resolution:50@2026-03-05T11:00:00Z']],
      ['13:00', ['warn:INC-0010:resolution:75@2026-03-05T13:00:00Z']],
      // At 15:00 itself the clock has reached its target, not exceeded it: breached from the next run.
      ['14:10', ['sla:INC-0010:resolution@2026-03-05T14:00:00Z']],
      ['14:30', ['esc:INC-0010:resolution@2026-03-05T14:00:00Z']],
    ]);
  });

  it('without warn_at, warns once at the at-risk threshold (warning_threshold, default 75%)', () => {
    const files = { ...majorIncident('Checkout down'), ...policyWith('    warning_threshold: 60') };
    files['content/incidents/INC-0010.md'] = files['content/incidents/INC-0010.md']!.replace('major: true\n', '');
    const keys = runsEveryTenMinutes(files).flatMap(([, k]) => k);
    // 60% of 15m = 9m; 60% of 4h = 2h24m: 10-12, then 13:00-13:24.
    expect(keys.filter((k) => k.startsWith('warn:'))).toEqual([
      'warn:INC-0010:response:60@2026-03-05T09:09:00Z',
      'warn:INC-0010:resolution:60@2026-03-05T12:24:00Z',
    ]);
    expect(keys.some((k) => k.startsWith('esc:'))).toBe(false);
  });

  it('the engine gives the crossed thresholds only when asked (itsm sla does not pay for them)', () => {
    const ws = workspaceWith({ ...majorIncident(), ...ESCALATING });
    const at = new Date('2026-03-05T12:30:00+01:00');
    const resolution = (opts?: { warnings: boolean }) => computeSla(ws, at, opts).find((r) => r.record === 'INC-0010' && r.metric === 'resolution')!;
    expect(resolution().warnings).toBeUndefined();
    expect(resolution({ warnings: true }).warnings).toEqual([{ percent: 50, at: '2026-03-05T12:00:00+01:00' }]);
  });

  it('no escalation when the breach is acknowledged or the status changes within escalate_after', () => {
    const at = (extra: string) => {
      const files = { ...majorIncident('Checkout down', extra), ...ESCALATING };
      return news(files, '2026-03-05T10:00:00+01:00', '2026-03-05T11:00:00+01:00').filter((i) => i.type === 'sla_escalation');
    };
    // Acknowledged 10:40, within 30 minutes of the 10:15 breach: answered.
    expect(at('acknowledged_at: 2026-03-05T10:40:00+01:00').length).toBe(0);
    // Acknowledged 10:50: the escalation fell due at 10:45.
    expect(at('acknowledged_at: 2026-03-05T10:50:00+01:00').map((i) => [i.key, i.at, i.breached_at])).toEqual([
      ['esc:INC-0010:response@2026-03-05T09:15:00Z', '2026-03-05T09:45:00Z', '2026-03-05T09:15:00Z'],
    ]);
    // Nothing at all: escalated.
    expect(at('').length).toBe(1);
  });

  it('routes to the team’s channel named in its team file; escalations to its escalation channel, naming the manager', () => {
    const files = { ...majorIncident('Checkout down', 'team: TEAM-ops'), ...ESCALATING, ...OPS_WITH_CHANNEL };
    // Until 12:30: the response breach (10:15) and its escalation (10:45), the resolution clock's 50% (12:00).
    const items = news(files, '2026-03-05T09:00:00+01:00', '2026-03-05T12:30:00+01:00');
    expect(items.map((i) => [i.type, i.team, i.channel_env, i.manager])).toEqual([
      ['major_incident', undefined, undefined, undefined],
      ['sla_escalation', 'TEAM-ops', 'ITSM_WEBHOOK_DUTY', 'grace'],
      ['sla_breach', 'TEAM-ops', 'ITSM_WEBHOOK_TEAM_OPS', undefined],
      ['sla_warning', 'TEAM-ops', 'ITSM_WEBHOOK_TEAM_OPS', undefined],
    ]);
    const text = (buildMessage(items, { name: 'Acme', timeZone: 'Europe/Berlin' }).payload as WebhookPayload).text;
    expect(text).toContain('response SLA breach not acknowledged within 30m');
    expect(text).toContain('manager @grace');
    expect(text).toContain('resolution SLA at 50%');
    expect(text).toContain('50% of target 4h used, due 2026-03-05 15:00 CET');
    expect(text).toContain('Acme: 1 major incident, 1 escalation, 1 SLA breach, 1 SLA warning');
  });
});
