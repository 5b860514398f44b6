import type { Team } from '../model.ts';
import { Findings, type RecordRules } from './rule-kit.ts';

export const teamRules: RecordRules<Team> = (d, ctx) => {
  const f = new Findings(ctx.file);
  const seen = new Map<string, number>();
  d.members.forEach((m, i) => {
    const login = m.login.toLowerCase();
    if (seen.has(login)) f.add('team/duplicate-member', `/members/${i}/login`, `Login "${m.login}" is listed twice (members ${seen.get(login)! + 1} and ${i + 1}).`, 'List each person once.');
    else seen.set(login, i);
  });
  return f.list;
};
