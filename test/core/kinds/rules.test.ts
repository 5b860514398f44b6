import { describe, expect, it } from 'vitest';
import { kindDefinition } from '../../../src/core/kinds/index.ts';
import type { Change, Incident, Policies, Problem } from '../../../src/core/model.ts';

const policies: Policies = {
  priorityMatrix: {
    matrix: { high: { high: 'P1', medium: 'P2', low: 'P3' }, medium: { high: 'P2', medium: 'P3', low: 'P4' }, low: { high: 'P3', medium: 'P4', low: 'P5' } },
  },
  changePolicy: { rules: [{ type: 'normal' }], standard_templates: [{ id: 'cert-renewal', name: 'Renew a certificate' }] },
};
const ctx = { file: 'f.md', policies };
const rules = (kind: 'incident' | 'change' | 'problem', data: object, body = '') =>
  (kindDefinition(kind).rules as (d: object, c: typeof ctx, b: string) => Array<{ rule: string; pointer?: string; severity: string }>)(data, ctx, body);

function incident(): Incident {
  return {
    id: 'INC-0001',
    title: 't',
    status: 'resolved',
    service: 'SVC-a',
    impact: 'high',
    urgency: 'medium',
    priority: 'P2',
    reported_at: '2026-03-01T10:00:00+01:00',
    acknowledged_at: '2026-03-01T10:05:00+01:00',
    resolved_at: '2026-03-01T12:00:00+01:00',
    resolution: 'fixed',
    timeline: [
      { at: '2026-03-01T10:00:00+01:00', status: 'new' },
      { at: '2026-03-01T09:05:00Z', status: 'acknowledged' },
      { at: '2026-03-01T12:00:00+01:00', status: 'resolved' },
    ],
  };
}

describe('incident rules', () => {
  it('accept a consistent incident (milestones compared as instants across offsets)', () => {
    expect(rules('incident', incident())).toEqual([]);
  });
  it('refuse a priority that disagrees with the matrix, unless a reason is given', () => {
    const i = { ...incident(), priority: 'P3' as const };
    expect(rules('incident', i).map((d) => d.rule)).toEqual(['priority/matrix']);
    expect(rules('incident', { ...i, priority_override_reason: 'VIP' })).toEqual([]);
  });
  it('need a resolution and resolved_at once resolved', () => {
    const { resolution: _r, resolved_at: _t, ...rest } = incident();
    expect(
      rules('incident', { ...rest, timeline: undefined })
        .map((d) => d.rule)
        .sort(),
    ).toEqual(['lifecycle/resolution', 'lifecycle/resolved-at']);
  });
  it('refuse resolved_at on a reopened (open) incident', () => {
    const i2 = {
      ...incident(),
      status: 'in_progress' as const,
      timeline: [...incident().timeline!, { at: '2026-03-01T13:00:00+01:00', status: 'in_progress' }],
    };
    expect(rules('incident', i2).map((d) => d.rule)).toEqual(['lifecycle/open-but-resolved']);
  });
  it('refuse a milestone that disagrees with the timeline', () => {
    expect(rules('incident', { ...incident(), acknowledged_at: '2026-03-01T10:06:00+01:00' })).toEqual([
      expect.objectContaining({ rule: 'timeline/milestone-mismatch', pointer: '/acknowledged_at' }),
    ]);
  });
  it('refuse a major incident closed without its post-incident review, whatever the body says', () => {
    const closed = {
      ...incident(),
      major: true,
      status: 'closed' as const,
      closed_at: '2026-03-02T12:00:00+01:00',
      timeline: [...incident().timeline!, { at: '2026-03-02T12:00:00+01:00', status: 'closed' }],
    };
    expect(rules('incident', closed, '## Postmortem\n\nWhat happened.')).toEqual([
      expect.objectContaining({ rule: 'major/pir-missing', severity: 'error', pointer: '/major' }),
    ]);
    const pir = { summary: 'Bad config push.', contributing_factors: ['No canary'], actions: [] };
    expect(rules('incident', { ...closed, pir })).toEqual([]);
    expect(rules('incident', { ...closed, major: false })).toEqual([]);
  });
  it('leave a resolved major incident to the timed rules: no body heading is required any more', () => {
    expect(rules('incident', { ...incident(), major: true })).toEqual([]);
  });
});

describe('change rules', () => {
  const change = (): Change => ({
    id: 'CHG-0001',
    title: 't',
    type: 'normal',
    risk: 'low',
    status: 'completed',
    planned_start: '2026-03-07T22:00:00+01:00',
    planned_end: '2026-03-08T02:00:00+01:00',
    actual_start: '2026-03-07T22:00:00+01:00',
    actual_end: '2026-03-08T01:00:00+01:00',
    outcome: 'successful',
    test_plan: 'x',
    rollback_plan: 'y',
  });
  it('accept a completed normal change with its plans', () => expect(rules('change', change())).toEqual([]));
  it('need test and rollback plans for normal changes', () => {
    const { test_plan: _t, rollback_plan: _r, ...rest } = change();
    expect(rules('change', rest).map((d) => d.rule)).toEqual(['change/test-plan', 'change/rollback-plan']);
  });
  it('need an outcome that fits the status', () =>
    expect(rules('change', { ...change(), outcome: 'failed' }).map((d) => d.rule)).toEqual(['change/outcome-status']));
  it('need a known template for standard changes', () => {
    expect(rules('change', { ...change(), type: 'standard', template: 'cert-renewal' })).toEqual([]);
    expect(rules('change', { ...change(), type: 'standard', template: 'reboot-anything' }).map((d) => d.rule)).toEqual(['change/unknown-template']);
  });
  it('need a planned window that ends after it starts', () =>
    expect(rules('change', { ...change(), planned_end: '2026-03-07T21:00:00+01:00' }).map((d) => d.rule)).toEqual(['change/planned-window']));
  it('accept drafting and approval in the timeline before the planned window', () => {
    const timeline = [
      { at: '2026-03-01T09:00:00+01:00', status: 'draft' },
      { at: '2026-03-02T09:00:00+01:00', status: 'approved' },
      { at: '2026-03-07T22:00:00+01:00', status: 'implementing' },
      { at: '2026-03-08T01:00:00+01:00', status: 'completed' },
    ];
    expect(rules('change', { ...change(), timeline })).toEqual([]);
    expect(rules('change', { ...change(), timeline, actual_start: '2026-03-07T22:30:00+01:00' })).toEqual([
      expect.objectContaining({ rule: 'timeline/milestone-mismatch', pointer: '/actual_start' }),
    ]);
  });
  it('need a post-implementation review for an ended emergency change', () => {
    expect(rules('change', { ...change(), type: 'emergency' }).map((d) => d.rule)).toEqual(['change/pir']);
    expect(rules('change', { ...change(), type: 'emergency', pir: { due: '2026-03-13' } })).toEqual([]);
  });
});

describe('problem rules', () => {
  const problem = (): Problem => ({
    id: 'PRB-0001',
    title: 't',
    status: 'known_error',
    opened_at: '2026-03-01T10:00:00+01:00',
    known_error: true,
    root_cause: 'a',
    workaround: 'b',
  });
  it('accept a documented known error', () => expect(rules('problem', problem())).toEqual([]));
  it('need a workaround for a known error', () => {
    const { workaround: _w, ...rest } = problem();
    expect(rules('problem', rest).map((d) => d.rule)).toEqual(['known-error/workaround']);
  });
});
