/**
 * `itsm notify` end to end: the real CLI posting to a webhook receiver on 127.0.0.1 that this test
 * starts, answering as Slack ("ok") and Teams connectors ("1") do, or failing as they can.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { minimalWorkspace } from '../helpers/fixtures.ts';
import { main } from '../../src/cli/main.ts';
import { makeWorkspace, record, REPO_ROOT, runCli } from '../helpers/workspace.ts';

/** The secret part of the URL: it must never show in anything the command prints. */
const SECRET = 'T0SECRET/B0SECRET/xoxbSuperSecretToken';

interface Received {
  method: string;
  path: string;
  contentType: string;
  body: string;
}

interface Reply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer (a receiver that hangs). */
  hang?: boolean;
}

/** A webhook receiver on 127.0.0.1 that answers each request with the next scripted reply (the last one repeats). */
async function receiver(replies: Reply[] = [{ status: 200, body: 'ok' }]) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), body });
      const reply = replies[Math.min(received.length - 1, replies.length - 1)]!;
      if (reply.hang) return;
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  servers.push(close);
  return { url: `http://127.0.0.1:${port}/services/${SECRET}`, port, received, close };
}

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/** A major P1 reported Thursday 5 March 2026 10:00 Berlin time, unacknowledged: response SLA breached at 10:15. */
function workspace(title = 'Checkout down for everyone'): string {
  return makeWorkspace({
    ...minimalWorkspace(),
    'itsm.yaml': 'name: Acme Shop\ntime_zone: Europe/Berlin\nrepo_url: https://github.com/acme/itsm\n',
    'content/incidents/INC-0010.md': record(`id: INC-0010
title: ${JSON.stringify(title)}
status: new
service: SVC-shop
impact: high
urgency: high
priority: P1
major: true
reported_at: 2026-03-05T10:00:00+01:00`),
  });
}

const AT = ['--now', '2026-03-05T10:30:00+01:00', '--since', '2026-03-05T09:00:00+01:00'];

/** Runs `itsm <args>` in this process; a retry records how long it would wait instead of waiting. */
async function inProcess(args: string[], dir: string, webhookUrl: string | undefined) {
  let stdout = '';
  let stderr = '';
  const waits: number[] = [];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ITSM_WEBHOOK_URL: webhookUrl };
  delete env.ITSM_SITE_URL;
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: dir,
    env,
    isTTY: false,
    sleep: async (ms) => void waits.push(ms),
  });
  return { code, stdout, stderr, waits };
}

function notify(dir: string, url: string | undefined, extra: string[] = []) {
  return inProcess(['notify', ...AT, ...extra], dir, url);
}

function expectNoSecret(r: { stdout: string; stderr: string }) {
  expect(r.stdout).not.toContain('SECRET');
  expect(r.stderr).not.toContain('SECRET');
  expect(r.stderr).not.toContain('xoxb');
}

describe('itsm notify', () => {
  it('posts one JSON message that Slack renders (blocks) and Teams renders (text)', async () => {
    const hook = await receiver([{ status: 200, body: 'ok' }]);
    const dir = workspace('<!channel> Checkout down & <https://evil.example|click> [here](https://evil.example)');
    const r = await notify(dir, hook.url, ['--site-url', 'https://acme.github.io/itsm/']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sent 2 items to the webhook at 127.0.0.1:');
    expectNoSecret(r);

    expect(hook.received).toHaveLength(1);
    const [req] = hook.received;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe(`/services/${SECRET}`);
    expect(req!.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(req!.body) as { text: string; blocks: Array<{ type: string; text?: { type: string; text: string; verbatim?: boolean } }> };
    // Slack: a fallback text and at most 50 blocks of known types, mrkdwn sections under 3,000 characters.
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section']);
    expect(body.blocks[0]!.text).toEqual({ type: 'plain_text', text: 'Acme Shop: 1 major incident, 1 SLA breach', emoji: false });
    expect(body.blocks[1]!.text!.text).toContain('*<https://acme.github.io/itsm/incidents/INC-0010/|INC-0010>* P1 · SVC-shop · *new major incident*');
    expect(body.blocks[1]!.text!.text).toContain('&lt;!channel&gt; Checkout down &amp; &lt;https://evil.example|click&gt;');
    expect(body.blocks[2]!.text!.text).toContain('*response SLA breached*');
    // Teams (incoming webhook): `text`, Markdown, with no link the record's author planted.
    expect(typeof body.text).toBe('string');
    expect(body.text).toContain('INC-0010 (P1, SVC-shop): new major incident: &lt;!channel&gt; Checkout down');
    expect(body.text).not.toMatch(/<!|<https:\/\/evil|\]\(/);
    expect(body.text).toContain('https://acme.github.io/itsm/incidents/INC-0010/');
  });

  it('answers a Teams connector ("1") and, for a Workflows address, sends an Adaptive Card', async () => {
    const hook = await receiver([{ status: 200, body: '1' }]);
    const dir = workspace();
    expect((await notify(dir, hook.url)).code).toBe(0);
    const connector = JSON.parse(hook.received[0]!.body) as { text: string };
    // Without a site URL, records link to their file in itsm.yaml's repo_url.
    expect(connector.text).toContain('https://github.com/acme/itsm/blob/main/content/incidents/INC-0010.md');

    expect((await notify(dir, hook.url, ['--payload', 'teams-workflow'])).code).toBe(0);
    const workflow = JSON.parse(hook.received[1]!.body) as {
      type: string;
      attachments: Array<{ contentType: string; content: { type: string; body: Array<{ text: string }> } }>;
    };
    expect(workflow.type).toBe('message');
    expect(workflow.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(workflow.attachments[0]!.content.type).toBe('AdaptiveCard');
    expect(workflow.attachments[0]!.content.body.map((b) => b.text)[0]).toBe('Acme Shop: 1 major incident, 1 SLA breach');
  });

  it('retries once after a 500, and after a 429 waits the Retry-After', async () => {
    const flaky = await receiver([
      { status: 500, body: 'rollup_error' },
      { status: 200, body: 'ok' },
    ]);
    const r = await notify(workspace(), flaky.url);
    expect(r.code).toBe(0);
    expect(flaky.received).toHaveLength(2);
    expect(flaky.received[1]!.body).toBe(flaky.received[0]!.body);

    const busy = await receiver([
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '1' } },
      { status: 200, body: 'ok' },
    ]);
    const b = await notify(workspace(), busy.url);
    expect(b.code).toBe(0);
    expect(busy.received).toHaveLength(2);
    expect(b.waits).toEqual([1000]);

    // Teams connectors say "429" inside a 200 answer.
    const teams = await receiver([
      { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId ...' },
      { status: 200, body: '1' },
    ]);
    expect((await notify(workspace(), teams.url)).code).toBe(0);
    expect(teams.received).toHaveLength(2);
  }, 30_000);

  it('fails with exit 2 and a message without the secret when the receiver keeps failing', async () => {
    const down = await receiver([{ status: 503, body: `upstream down for /services/${SECRET}` }]);
    const r = await notify(workspace(), down.url);
    expect(r.code).toBe(2);
    expect(down.received).toHaveLength(2);
    expect(r.stderr).toContain('itsm notify: the webhook at 127.0.0.1:');
    expect(r.stderr).toContain('answered 503 Service Unavailable (after one retry): upstream down for [webhook]');
    expectNoSecret(r);

    const gone = await receiver([{ status: 404, body: 'no_service' }]);
    const g = await notify(workspace(), gone.url);
    expect(g.code).toBe(2);
    expect(gone.received).toHaveLength(1); // no retry on a 4xx
    expect(g.stderr).toContain('answered 404 Not Found: no_service. The webhook was probably removed');
    expectNoSecret(g);
  }, 30_000);

  it('fails with exit 2 on a receiver that does not answer in time, or a refused connection', async () => {
    const hanging = await receiver([{ hang: true }]);
    // A tenth of a second: the timeout is the receiver's, not a wait of ours.
    const t = await notify(workspace(), hanging.url, ['--timeout', '0.1']);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain(`the webhook at 127.0.0.1:${hanging.port} did not answer within 0.1 s.`);
    expectNoSecret(t);

    const closed = await receiver();
    await closed.close();
    const c = await notify(workspace(), closed.url);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain(`could not reach the webhook at 127.0.0.1:${closed.port} (connection refused)`);
    expectNoSecret(c);
  }, 30_000);

  it('--dry-run prints the message and sends nothing', async () => {
    const hook = await receiver();
    const r = await notify(workspace(), hook.url, ['--dry-run']);
    expect(r.code).toBe(0);
    expect(hook.received).toEqual([]);
    expect(r.stdout).toContain('Would send 2 items:');
    const payload = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { text: string; blocks: unknown[] };
    expect(payload.blocks).toHaveLength(3);
    expectNoSecret(r);
    // JSON for scripts, and no URL needed at all.
    const j = runCli(['notify', ...AT, '--dry-run', '--format', 'json'], { cwd: workspace(), env: { ITSM_WEBHOOK_URL: '' } });
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as { news: Array<{ key: string }>; sent: boolean; dry_run: boolean; payload: unknown };
    expect(out.news.map((n) => n.key)).toEqual(['major:INC-0010@2026-03-05T09:00:00Z', 'sla:INC-0010:response@2026-03-05T09:15:00Z']);
    expect(out).toMatchObject({ sent: false, dry_run: true });
  });

  it('with --state, announces each item once across runs', async () => {
    const hook = await receiver();
    const dir = workspace();
    const run = (now: string) => inProcess(['notify', '--now', now, '--state', 'notify-state.json'], dir, hook.url);
    expect((await run('2026-03-05T10:30:00+01:00')).code).toBe(0);
    const state = JSON.parse(readFileSync(join(dir, 'notify-state.json'), 'utf8')) as { last_run: string; sent: Record<string, string> };
    expect(Object.keys(state.sent)).toEqual(['major:INC-0010@2026-03-05T09:00:00Z', 'sla:INC-0010:response@2026-03-05T09:15:00Z']);
    expect(state.last_run).toBe('2026-03-05T09:30:00.000Z');

    const again = await run('2026-03-05T11:00:00+01:00');
    expect(again.stdout).toContain('Nothing to announce');
    expect(hook.received).toHaveLength(1);

    // The resolution clock breaches at 15:00: only that is new.
    await run('2026-03-05T16:00:00+01:00');
    expect(hook.received).toHaveLength(2);
    expect(JSON.parse(hook.received[1]!.body).blocks[0].text.text).toBe('Acme Shop: 1 SLA breach');
  }, 30_000);

  it('nothing to send: exit 0, no request', async () => {
    const hook = await receiver();
    const r = await inProcess(['notify', '--now', '2026-03-05T09:30:00+01:00', '--since', '1h'], workspace(), hook.url);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nothing to announce between 2026-03-05T07:30:00.000Z and 2026-03-05T08:30:00.000Z');
    expect(hook.received).toEqual([]);
  });

  it('refuses a missing, malformed or clear-text URL without echoing it', async () => {
    const dir = workspace();
    const none = runCli(['notify', ...AT], { cwd: dir, env: { ITSM_WEBHOOK_URL: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no webhook URL. Set the environment variable ITSM_WEBHOOK_URL');

    const bad = await inProcess(['notify', ...AT], dir, `hooks.slack.com/services/${SECRET}`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the webhook URL is not a valid URL');
    expectNoSecret(bad);

    const http = await inProcess(['notify', ...AT], dir, `http://hooks.slack.com/services/${SECRET}`);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('must start with https://');
    expectNoSecret(http);

    const since = await inProcess(['notify', '--since', 'yesterday', '--dry-run'], dir, undefined);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since must be an instant with an offset');
  });
});

/**
 * Warnings, routing and escalation through real receivers: a global webhook, the ops team's
 * channel and a duty manager's channel. The policy warns at 50% and 75% and escalates a breach
 * unanswered after 30 minutes. INC-0020 (P3, TEAM-ops, not major) reported Thursday 5 March 2026
 * 10:00 Berlin: response target 1h (office hours 9-12, 13-17): 50% at 10:30, 75% at 10:45,
 * breached at 11:00, escalation due at 11:30. INC-0030 has no team: its news goes to the global webhook.
 */
function routedWorkspace(): string {
  const incident = (id: string, team: string) =>
    record(`id: ${id}
title: Slow search ${id}
status: new
service: SVC-shop
impact: medium
urgency: medium
priority: P3
${team}reported_at: 2026-03-05T10:00:00+01:00`);
  return makeWorkspace({
    ...minimalWorkspace(),
    'itsm.yaml': 'name: Acme Shop\ntime_zone: Europe/Berlin\n',
    'content/policies/sla.yaml': `policies:
  - id: incidents
    name: Incidents
    applies_to: { kind: incident }
    calendar: service
    warn_at: [50, 75]
    escalate_after: 30m
    targets:
      P1: { response: 15m, resolution: 4h }
      P3: { response: 1h, resolution: 16h }
`,
    'content/teams/TEAM-ops.md': record(`id: TEAM-ops
name: Operations
status: active
roles: [cab, ecab]
notify: { webhook_env: ITSM_WEBHOOK_TEAM_OPS, escalation_webhook_env: ITSM_WEBHOOK_DUTY, manager: grace }
members:
  - { name: Ada Lovelace, login: ada }
  - { name: Grace Hopper, login: grace }`),
    'content/incidents/INC-0020.md': incident('INC-0020', 'team: TEAM-ops\n'),
    'content/incidents/INC-0030.md': incident('INC-0030', ''),
  });
}

describe('itsm notify: SLA warnings, routing per team, escalation', () => {
  it('sends each warning once, to the team’s channel, and escalates an unanswered breach to the duty channel naming the manager', async () => {
    const global = await receiver();
    const ops = await receiver();
    const duty = await receiver();
    const dir = routedWorkspace();
    const env = { ITSM_WEBHOOK_TEAM_OPS: ops.url + '/ops', ITSM_WEBHOOK_DUTY: duty.url + '/duty' };
    const run = async (time: string) => {
      let stdout = '';
      let stderr = '';
      const code = await main(['notify', '--now', `2026-03-05T${time}:00+01:00`, '--state', 'state.json'], {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', ITSM_WEBHOOK_URL: global.url, ...env, ITSM_SITE_URL: '' },
        isTTY: false,
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      return stdout;
    };
    const texts = (hook: { received: Received[] }) => hook.received.map((r) => (JSON.parse(r.body) as { text: string }).text);

    // Every 10 minutes from 10:00 to 12:00, as the scheduled workflow runs.
    const outputs: string[] = [];
    for (const t of ['10:00', '10:10', '10:20', '10:30', '10:40', '10:50', '11:00', '11:10', '11:20', '11:30', '11:40', '11:50', '12:00'])
      outputs.push(await run(t));

    // Each team message carries INC-0020 only; each global one INC-0030 only.
    expect(texts(ops).every((t) => t.includes('INC-0020') && !t.includes('INC-0030'))).toBe(true);
    expect(texts(global).every((t) => t.includes('INC-0030') && !t.includes('INC-0020'))).toBe(true);
    // 50% at 10:30 (posted by the 10:30 run), 75% at 10:45 (10:50 run), breach at 11:00 (11:10 run): once each.
    expect(texts(ops).map((t) => t.split('\n\n')[0])).toEqual(['Acme Shop: 1 SLA warning', 'Acme Shop: 1 SLA warning', 'Acme Shop: 1 SLA breach']);
    expect(texts(ops)[0]).toContain('response SLA at 50%');
    expect(texts(ops)[1]).toContain('response SLA at 75%');
    expect(texts(global).map((t) => t.split('\n\n')[0])).toEqual([
      'Acme Shop: 1 SLA warning',
      'Acme Shop: 1 SLA warning',
      'Acme Shop: 1 SLA breach',
      'Acme Shop: 1 escalation',
    ]);
    expect(outputs[3]).toContain('Sent 1 item to the webhook in ITSM_WEBHOOK_TEAM_OPS at 127.0.0.1:');
    // Nobody acknowledged: at 11:30 the escalation goes to the duty channel, once, naming the manager;
    // INC-0030's escalation too, to the global webhook (its team has no escalation channel: it has no team).
    expect(texts(duty)).toHaveLength(1);
    expect(duty.received[0]!.path).toMatch(/\/duty$/);
    expect(texts(duty)[0]).toContain('INC-0020 (P3, SVC-shop): response SLA breach not acknowledged within 30m');
    expect(texts(duty)[0]).toContain('manager @grace');
    expect(outputs[9]).toContain('to the webhook in ITSM_WEBHOOK_DUTY');
    expect(outputs.slice(10).every((o) => o.startsWith('Nothing to announce'))).toBe(true);
  }, 60_000);

  it('--dry-run --format json lists one message per channel, by the variable that names it', async () => {
    const dir = routedWorkspace();
    const env = { ...process.env, NO_COLOR: '1', ITSM_WEBHOOK_URL: '', ITSM_WEBHOOK_TEAM_OPS: 'https://hooks.slack.com/services/T/B/x' };
    let stdout = '';
    const args = ['notify', '--now', '2026-03-05T10:40:00+01:00', '--since', '1h', '--dry-run', '--format', 'json'];
    const code = await main(args, { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: dir, env, isTTY: false });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { messages: Array<{ channel: string; items: string[] }>; sent: boolean };
    expect(out.messages.map((m) => [m.channel, m.items])).toEqual([
      ['ITSM_WEBHOOK_TEAM_OPS', ['warn:INC-0020:response:50@2026-03-05T09:30:00Z']],
      ['global', ['warn:INC-0030:response:50@2026-03-05T09:30:00Z']],
    ]);
    expect(out.sent).toBe(false);
  });

  it('when the team’s channel fails, the global one still gets its message; only what arrived is recorded', async () => {
    const global = await receiver();
    const ops = await receiver([{ status: 404, body: 'no_service' }]);
    const dir = routedWorkspace();
    const args = ['notify', '--now', '2026-03-05T10:40:00+01:00', '--state', 'state.json'];
    const env = { ...process.env, NO_COLOR: '1', ITSM_WEBHOOK_URL: global.url, ITSM_WEBHOOK_TEAM_OPS: ops.url + '/ops' };
    let stderr = '';
    const code = await main(args, { stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: dir, env, isTTY: false });
    expect(code).toBe(2);
    expect(stderr).toContain('the webhook at 127.0.0.1:');
    expect(stderr).toContain('answered 404');
    expectNoSecret({ stdout: '', stderr });
    expect(global.received).toHaveLength(1);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { sent: Record<string, string> };
    expect(Object.keys(state.sent)).toEqual(['warn:INC-0030:response:50@2026-03-05T09:30:00Z']);
  });

  it('an acknowledgement within escalate_after stops the escalation; a team channel whose variable is unset falls back to the global webhook', async () => {
    const global = await receiver();
    const dir = routedWorkspace();
    const file = join(dir, 'content/incidents/INC-0020.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: new', 'status: acknowledged\nacknowledged_at: 2026-03-05T11:20:00+01:00'));
    const r = await inProcess(['notify', '--now', '2026-03-05T12:00:00+01:00', '--since', '2026-03-05T10:00:00+01:00'], dir, global.url);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('itsm notify: ITSM_WEBHOOK_TEAM_OPS (named in a team file) is not set; its 1 item goes to the global webhook.\n');
    // One message to the one webhook both records' news goes to.
    expect(global.received).toHaveLength(1);
    const text = (JSON.parse(global.received[0]!.body) as { text: string }).text;
    // One run after two hours: warnings of clocks already breached are not news (the breach is).
    expect(text.split('\n\n')[0]).toBe('Acme Shop: 1 escalation, 2 SLA breaches');
    // INC-0030, never acknowledged, is escalated (11:30); INC-0020, acknowledged at 11:20, 20 minutes after its breach, is not.
    expect(text).toContain('INC-0030 (P3, SVC-shop): response SLA breach not acknowledged within 30m');
    expect(text).not.toContain('INC-0020 (P3, SVC-shop): response SLA breach not acknowledged');
    expect(text).toContain('INC-0020 (P3, SVC-shop): response SLA breached');
  });
});

describe('.github/workflows/notify.yml', () => {
  const text = readFileSync(join(REPO_ROOT, '.github/workflows/notify.yml'), 'utf8');
  const wf = parse(text) as {
    on: Record<string, unknown>;
    permissions: unknown;
    jobs: Record<string, { permissions: unknown; steps: Array<{ run?: string; env?: Record<string, string>; if?: string; uses?: string }> }>;
  };
  const steps = wf.jobs.notify!.steps;

  it('runs on pushes to the default branch and on a schedule, reading the repository only', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.notify!.permissions).toEqual({ contents: 'read' });
  });

  it('runs every 10 minutes, the cadence and cost docs/commands.md states', () => {
    expect(wf.on.schedule).toEqual([{ cron: '3-59/10 * * * *' }]);
    const docs = readFileSync(join(REPO_ROOT, 'docs/commands.md'), 'utf8');
    expect(docs).toContain('runs every 10 minutes');
    expect(docs).toContain('about 4,320 minutes a month');
  });

  it('passes the secret through env only, and skips every step when it is empty', () => {
    for (const s of steps) expect(s.run ?? '').not.toContain('secrets.');
    const withSecret = steps.filter((s) => s.env?.ITSM_WEBHOOK_URL);
    expect(withSecret.map((s) => s.env!.ITSM_WEBHOOK_URL)).toEqual(['${{ secrets.ITSM_WEBHOOK_URL }}', '${{ secrets.ITSM_WEBHOOK_URL }}']);
    expect(steps.slice(1).every((s) => s.if === "steps.webhook.outputs.configured == 'true'")).toBe(true);
    expect(steps.find((s) => s.run?.startsWith('node '))!.run).toBe('node src/cli/main.ts notify --state .itsm-notify/state.json');
  });

  it('its first step, run as Actions runs it, says "skip" with a notice when the secret is empty', () => {
    for (const [secret, configured] of [
      ['', 'false'],
      ['https://hooks.slack.com/services/x', 'true'],
    ] as const) {
      const dir = makeWorkspace({});
      const output = join(dir, 'github-output');
      const r = spawnSync('bash', ['-e', '-c', steps[0]!.run!], {
        env: { PATH: process.env.PATH, ITSM_WEBHOOK_URL: secret, GITHUB_OUTPUT: output },
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(readFileSync(output, 'utf8')).toBe(`configured=${configured}\n`);
      expect(r.stdout.includes('::notice title=itsm notify::No webhook configured')).toBe(configured === 'false');
      expect(r.stdout).not.toContain('hooks.slack.com');
    }
  });
});
