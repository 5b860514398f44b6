/**
 * One person, one identity across every team file: the approval gate compares people, not logins
 * (see core/people.ts), so the team files must say unambiguously whose each login is.
 *
 * - team/login-of-two-people: entries in different files share a login but name different people;
 * - team/same-name: two entries name the same person but share no login (two people, or one person
 *   whose logins are split over two entries);
 * - team/person-logins-differ: one person's entries list different logins.
 * A login repeated within one file is team/duplicate-member (kinds/team.ts).
 *
 * And every person a record names is one of them (personChecks).
 */
import type { PendingDiagnostic } from '../diagnostic.ts';
import type { Team } from '../model.ts';
import { loginKey, loginsOf, nameKey, peopleFrom, similarHandles, type TeamMembers } from '../people.ts';
import type { FileFacts } from './cross-checks.ts';
import { personFieldLabel } from './person-refs.ts';

interface Entry {
  file: string;
  index: number;
  name: string;
  logins: string[];
  keys: Set<string>;
}

const where = (e: Entry) => `${e.file} (member ${e.index + 1})`;
const listed = (e: Entry) => e.logins.join(', ');

export function peopleChecks(files: readonly FileFacts<string>[]): PendingDiagnostic[] {
  const entries: Entry[] = [];
  for (const f of files) {
    if (f.facts.kind !== 'team' || !f.facts.schemaValid || !Array.isArray(f.facts.summary.members)) continue;
    (f.facts.summary.members as Team['members']).forEach((m, index) => {
      const logins = loginsOf(m);
      entries.push({ file: f.file, index, name: m.name, logins, keys: new Set(logins.map(loginKey)) });
    });
  }
  const out: PendingDiagnostic[] = [];
  const byLogin = new Map<string, Entry[]>();
  for (const e of entries) for (const k of e.keys) byLogin.set(k, [...(byLogin.get(k) ?? []), e]);

  const reported = new Set<string>();
  const once = (rule: string, e: Entry, d: Omit<PendingDiagnostic, 'file' | 'rule' | 'severity'>) => {
    const id = `${rule}\0${e.file}\0${e.index}\0${d.message}`;
    if (reported.has(id)) return;
    reported.add(id);
    out.push({ file: e.file, rule, severity: 'error', ...d });
  };

  for (const [key, holders] of byLogin) {
    for (const e of holders) {
      const pointer = loginPointer(e, key);
      const others = holders.filter((o) => o.file !== e.file);
      const strangers = others.filter((o) => nameKey(o.name) !== nameKey(e.name));
      if (strangers.length > 0) {
        const spelled = e.logins.find((l) => loginKey(l) === key)!;
        once('team/login-of-two-people', e, {
          pointer,
          message: `Login "${spelled}" is listed for ${e.name} here and for ${strangers.map((o) => `${o.name} in ${where(o)}`).join(', ')}. A login belongs to one person, so the approval check could not tell whose review or commit it is.`,
          hint: `If they are one person, give every entry the same name; if not, remove "${spelled}" from the entry it does not belong to.`,
        });
        continue;
      }
      const differ = others.filter((o) => !sameSet(o.keys, e.keys));
      if (differ.length > 0) {
        once('team/person-logins-differ', e, {
          pointer: `/members/${e.index}`,
          message: `${e.name} is listed here with ${listed(e)} but with ${differ.map((o) => `${listed(o)} in ${where(o)}`).join(', ')}. Every entry of a person must list all of their logins, so each team file shows whose accounts count as whom.`,
          hint: `List the same logins (login plus other_logins) in each of ${e.name}'s entries.`,
        });
      }
    }
  }

  const byName = new Map<string, Entry[]>();
  for (const e of entries) byName.set(nameKey(e.name), [...(byName.get(nameKey(e.name)) ?? []), e]);
  for (const holders of byName.values()) {
    for (const e of holders) {
      const apart = holders.filter((o) => o !== e && ![...o.keys].some((k) => e.keys.has(k)));
      if (apart.length === 0) continue;
      once('team/same-name', e, {
        pointer: `/members/${e.index}/name`,
        message: `${e.name} (${listed(e)}) shares the name with ${apart.map((o) => `${o.name} (${listed(o)}) in ${where(o)}`).join(', ')}, but no login: they read as one person with logins split over entries, or as two people nobody can tell apart.`,
        hint: `List every login of ${e.name} in one entry (login plus other_logins), or give the two people different names.`,
      });
    }
  }
  return out;
}

function loginPointer(e: Entry, key: string): string {
  const i = e.logins.findIndex((l) => loginKey(l) === key);
  return i === 0 ? `/members/${e.index}/login` : `/members/${e.index}/other_logins/${i - 1}`;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/**
 * Every person a record names must be in the team files (`person/unknown`), under their handle or
 * any of their other logins; an assignee must be a member of the record's team
 * (`assignee/not-in-team`).
 */
export function personChecks(files: readonly FileFacts<string>[]): PendingDiagnostic[] {
  const teams: TeamMembers[] = [];
  for (const f of files) {
    if (f.facts.kind !== 'team' || !f.facts.schemaValid || !Array.isArray(f.facts.summary.members)) continue;
    teams.push({ id: f.facts.id, members: f.facts.summary.members as Team['members'] });
  }
  const people = peopleFrom(teams);
  const out: PendingDiagnostic[] = [];
  for (const f of files) {
    for (const ref of f.facts.people ?? []) {
      const person = people.known(ref.handle);
      if (!person) {
        const near = similarHandles(ref.handle, people);
        out.push({
          file: f.file,
          rule: 'person/unknown',
          severity: 'error',
          pointer: ref.pointer,
          message: `${capital(personFieldLabel(ref.pointer))} is "${ref.handle}", but no team file lists that login.${near.length ? ` Did you mean ${near.map((h) => `"${h}"`).join(', ')}?` : ''}`,
          hint: ref.contact
            ? 'Name a person by their handle (their `login` in content/teams/); write an external contact as {name, email}.'
            : 'Name a person by their handle (their `login` in content/teams/), or add them to their team file.',
        });
        continue;
      }
      if (ref.team === undefined) continue;
      const members = people.membersOf(ref.team);
      if (!members || members.includes(person.handle)) continue;
      out.push({
        file: f.file,
        rule: 'assignee/not-in-team',
        severity: 'error',
        pointer: ref.pointer,
        message: `${capital(personFieldLabel(ref.pointer))} is ${person.name} (${person.handle}), who is not a member of ${ref.team} (members: ${members.join(', ')}).`,
        hint: `Assign someone from ${ref.team}, move the record to a team ${person.name} is in, or add them to ${ref.team}.`,
      });
    }
  }
  return out;
}

function capital(s: string): string {
  return s.startsWith('`') ? s : s[0]!.toUpperCase() + s.slice(1);
}
