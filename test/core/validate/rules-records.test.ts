/**
 * One test per record rule that no other test produced: each changes one thing in the minimal valid
 * workspace and pins everything the validator then reports.
 */
import { describe, expect, it } from 'vitest';
import { CHANGE, INCIDENT, KB, REQUEST, SERVICE, CI_WEB } from '../../helpers/fixtures.ts';
import { produced, record } from './produce.ts';

const INC = 'content/incidents/INC-0001.md';
const CHG = 'content/changes/CHG-0001.md';
const REQ = 'content/requests/REQ-0001.md';
const KB1 = 'content/kb/KB-0001.md';
const SVC = 'content/services/SVC-shop.md';
const CI = 'content/cis/CI-web.md';
const PRB = 'content/problems/PRB-0001.md';
const REL = 'content/releases/REL-2026-04-shop.md';

const without = (text: string, field: string) => text.replace(new RegExp(`^${field}: .*\\n`, 'm'), '');

const problem = (fields: string) =>
  record(`id: PRB-0001\ntitle: Checkout errors after config pushes\nopened_at: 2026-03-02T12:00:00+01:00\nservices: [SVC-shop]\n${fields}`);
const release = (fields: string) => record(`id: REL-2026-04-shop\ntitle: Shop spring release\ntarget_date: 2026-04-15\nservices: [SVC-shop]\n${fields}`);

describe('lifecycle: a status needs its milestones', () => {
  it('lifecycle/acknowledged-at: a resolved incident without acknowledged_at', async () => {
    const text = without(INCIDENT, 'acknowledged_at').replace(/^ {2}- \{ at: [^\n]*status: acknowledged[^\n]*\n/m, '');
    expect(await produced({ [INC]: text })).toEqual([`lifecycle/acknowledged-at ${INC}`]);
  });

  it('lifecycle/closed-at: a closed incident without closed_at', async () => {
    const text = INCIDENT.replace('status: resolved\n', 'status: closed\n').replace(
      /(timeline:\n(?: {2}- [^\n]*\n)*)/,
      '$1  - { at: 2026-03-03T09:00:00+01:00, status: closed }\n',
    );
    expect(await produced({ [INC]: text })).toEqual([`lifecycle/closed-at ${INC}`]);
  });

  it('lifecycle/actual-start: an implementing change without actual_start', async () => {
    const text = without(without(without(CHANGE, 'actual_start'), 'actual_end'), 'outcome').replace('status: completed', 'status: implementing');
    expect(await produced({ [CHG]: text })).toEqual([`lifecycle/actual-start ${CHG}`]);
  });

  it('lifecycle/actual-end: a completed change without actual_end', async () => {
    expect(await produced({ [CHG]: without(CHANGE, 'actual_end') })).toEqual([`lifecycle/actual-end ${CHG}`]);
  });

  it('lifecycle/outcome: a completed change without an outcome', async () => {
    expect(await produced({ [CHG]: without(CHANGE, 'outcome') })).toEqual([`lifecycle/outcome ${CHG}`]);
  });

  it('lifecycle/fulfilled-at: a fulfilled request without fulfilled_at', async () => {
    expect(await produced({ [REQ]: REQUEST.replace('status: new', 'status: fulfilled\nclose_code: fulfilled') })).toEqual([`lifecycle/fulfilled-at ${REQ}`]);
  });

  it('lifecycle/released-at: a released release without released_at', async () => {
    expect(await produced({ [REL]: release('status: planned') })).toEqual([]);
    expect(await produced({ [REL]: release('status: released') })).toEqual([`lifecycle/released-at ${REL}`]);
  });

  it('lifecycle/root-cause: a problem in known_error without a root cause', async () => {
    expect(await produced({ [PRB]: problem('status: investigating') })).toEqual([]);
    expect(await produced({ [PRB]: problem('status: known_error\nworkaround: Restart the web tier.') })).toEqual([`lifecycle/root-cause ${PRB}`]);
  });

  it('known-error/root-cause: a problem flagged known_error without a root cause', async () => {
    expect(await produced({ [PRB]: problem('status: investigating\nknown_error: true\nworkaround: Restart the web tier.') })).toEqual([
      `known-error/root-cause ${PRB}`,
    ]);
  });
});

describe('changes, knowledge, CIs and services', () => {
  it('change/standard-template: a standard change without a template', async () => {
    const text = without(without(CHANGE.replace('type: normal', 'type: standard').replace('risk: high', 'risk: low'), 'test_plan'), 'rollback_plan');
    expect(await produced({ [CHG]: text.replace('\n---\n', '\ntemplate: cert-renewal\n---\n') })).toEqual([]);
    expect(await produced({ [CHG]: text })).toEqual([`change/standard-template ${CHG}`]);
  });

  it('kb/empty: a published article without text', async () => {
    expect(await produced({ [KB1]: KB.replace('Run the restart playbook.\n', '') })).toEqual([`kb/empty ${KB1}`]);
  });

  it('kb/known-error-problem: a known-error article that names no problem', async () => {
    expect(await produced({ [KB1]: KB.replace('category: how-to', 'category: known-error') })).toEqual([`kb/known-error-problem ${KB1}`]);
  });

  it('cmdb/self-relation: a CI related to itself (depending on itself is also a cycle)', async () => {
    expect(await produced({ [CI]: CI_WEB.replace('depends_on: [CI-db]', 'depends_on: [CI-db]\nconnects_to: [CI-web]') })).toEqual([`cmdb/self-relation ${CI}`]);
    expect(await produced({ [CI]: CI_WEB.replace('depends_on: [CI-db]', 'depends_on: [CI-db, CI-web]') })).toEqual([
      `cmdb/cycle ${CI}`,
      `cmdb/self-relation ${CI}`,
    ]);
  });

  it('ref/unknown-calendar: a service supported on a calendar that is not defined', async () => {
    expect(await produced({ [SVC]: SERVICE.replace('support_calendar: office', 'support_calendar: weekends') })).toEqual([`ref/unknown-calendar ${SVC}`]);
  });

  it('ref/unknown-sla-policy: a service naming an SLA policy that is not defined', async () => {
    expect(await produced({ [SVC]: SERVICE.replace('support_calendar: office', 'support_calendar: office\nsla_policy: incidents') })).toEqual([]);
    expect(await produced({ [SVC]: SERVICE.replace('support_calendar: office', 'support_calendar: office\nsla_policy: platinum') })).toEqual([
      `ref/unknown-sla-policy ${SVC}`,
    ]);
  });

  it('service/duplicate-offering: a service listing one offering twice', async () => {
    const text = SERVICE.replace(
      '  - { id: new-account, name: New shop admin account }\n',
      '  - { id: new-account, name: New shop admin account }\n  - { id: new-account, name: Another admin account }\n',
    );
    expect(await produced({ [SVC]: text })).toEqual([`service/duplicate-offering ${SVC}`]);
  });
});

describe('timelines and text', () => {
  it('timeline/before-start: a timeline entry before the record was reported', async () => {
    const text = INCIDENT.replace('{ at: 2026-03-02T09:10:00+01:00, status: new', '{ at: 2026-03-02T09:00:00+01:00, status: new');
    expect(await produced({ [INC]: text })).toEqual([`timeline/before-start ${INC}`]);
  });

  it('timeline/unknown-status: a timeline moving to a status the kind does not have', async () => {
    const text = INCIDENT.replace(/(timeline:\n)/, '$1  - { at: 2026-03-02T09:10:00+01:00, status: triaged }\n');
    expect(await produced({ [INC]: text })).toEqual([`timeline/unknown-status ${INC}`]);
  });

  it('text/unsafe-character: a bidirectional override in the body', async () => {
    expect(await produced({ [INC]: INCIDENT.replace('Users saw errors at checkout.', 'Users saw errors at \u202echeckout.') })).toEqual([
      `text/unsafe-character ${INC}`,
    ]);
  });
});
