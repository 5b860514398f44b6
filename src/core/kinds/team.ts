import type { Team } from '../model.ts';
import { loginKey, loginsOf } from '../people.ts';
import { defineKind, IN_USE_OR_RETIRED, slugId } from './definition.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

const teamRules: RecordRules<Team> = (d, ctx) => {
  const f = new Findings(ctx.file);
  // Every login (primary or other) once per file; across files, validate/people-checks.ts.
  const seen = new Map<string, number>();
  d.members.forEach((m, i) => {
    loginsOf(m).forEach((login, j) => {
      const key = loginKey(login);
      const pointer = j === 0 ? `/members/${i}/login` : `/members/${i}/other_logins/${j - 1}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else if (first === i)
        f.add(
          'team/duplicate-member',
          pointer,
          `Login "${login}" is listed twice for member ${i + 1} (${m.name}).`,
          'List each login once: login is the primary account, other_logins the rest.',
        );
      else
        f.add(
          'team/duplicate-member',
          pointer,
          `Login "${login}" is listed twice (members ${first + 1} and ${i + 1}).`,
          'List each person once, with every login they use in that one entry.',
        );
    });
  });
  return f.list;
};

export const team = defineKind<Team>()({
  kind: 'team',
  prefix: 'TEAM-',
  folder: 'teams',
  label: 'team',
  plural: 'teams',
  numbered: false,
  schema: 'team',
  idPattern: slugId('TEAM-'),
  lifecycle: IN_USE_OR_RETIRED,
  milestones: {},
  identity: ['name'],
  columns: [
    { key: 'name', label: 'Name', value: { from: 'name' } },
    { key: 'status', label: 'Status', facet: true, value: { from: 'label', field: 'status' } },
    { key: 'roles', label: 'Roles', facet: true, value: { from: 'list', field: 'roles' } },
    { key: 'members', label: 'Members', value: { from: 'count', field: 'members' } },
  ],
  relations: [],
  // The manager named in escalations (itsm notify) is a person like any other: they must exist.
  people: [{ field: 'notify.manager' }],
  rules: teamRules,
});
