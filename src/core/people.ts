/**
 * People behind logins. A person may use several forge accounts (a second account, a bot); the team
 * files list them once, with `login` and `other_logins`. Everything that asks "is this the same
 * person?" (the PR author, commit authors, approvers, validation) asks here, so it cannot differ.
 *
 * Logins compare ASCII-case-insensitively, as GitHub logins are ASCII. Unicode case folding is never
 * used: it maps the Kelvin sign (U+212A) to "k" and "İ" to "i̇", so a look-alike account would count
 * as the real one.
 */
import type { Team } from './model.ts';
import { similarWords } from './suggest.ts';

/** The form a login is compared in: ASCII letters lower-cased, every other character left alone. */
export function loginKey(login: string): string {
  // Asked for every person every record names: most logins are lower-case already.
  return /[A-Z]/.test(login) ? login.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32)) : login;
}

/** Whether two logins name the same account (ASCII case-insensitive). */
export function sameLogin(a: string, b: string): boolean {
  return loginKey(a) === loginKey(b);
}

/** Every login of one team member entry, primary first. */
export function loginsOf(member: { login: string; other_logins?: readonly string[] | undefined }): string[] {
  return [member.login, ...(member.other_logins ?? [])];
}

/** The form a person's name is compared in: Unicode-normalised, spaces collapsed, case ignored. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface Person {
  /** Stable identity: the key of the person's first login in team order. */
  key: string;
  /**
   * The person's handle, as records name them (`assignee`, `by`, `caller`...): their primary `login`
   * in the first team file that lists them, as spelled there.
   */
  handle: string;
  /** The name from the team files; the login itself for someone no team lists. */
  name: string;
  /** Every login the person uses, as first spelled in the team files. */
  logins: string[];
  /** Email addresses the team files give for the person. */
  emails: string[];
}

/** The part of a team the people need: its ID and its member entries. */
export type TeamMembers = Pick<Team, 'members'> & { id?: string };

export interface People {
  /** The person behind a login; a login no team lists is a person of its own. */
  personOf(login: string): Person;
  /** Whether two logins belong to the same person. */
  samePerson(a: string, b: string): boolean;
  /** The person a handle (or any of their other logins) names, if the team files list them. */
  known(login: string): Person | undefined;
  /** The person the team files give this email address (compared case-insensitively). */
  byEmail(email: string): Person | undefined;
  /** The person with this name in the team files (compared as nameKey does). */
  named(name: string): Person | undefined;
  /** Every person's handle, sorted: what a "did you mean" chooses from. */
  handles(): string[];
  /** The handles of a team's members, in the team file's order; undefined for a team no file lists. */
  membersOf(teamId: string): string[] | undefined;
  /** The teams that list a person (by any of their logins), in the order the teams were given. */
  teamsOf(login: string): string[];
}

/**
 * Up to three handles for a login that names nobody (for "did you mean"): the person whose name it
 * is (someone wrote "Jonas Weber" for jweber), then handles a typo or two away, closest first.
 */
export function similarHandles(login: string, people: People): string[] {
  const named = people.named(login);
  return [...new Set([...(named ? [named.handle] : []), ...similarWords(login, people.handles())])].slice(0, 3);
}

/**
 * Resolves the people in the given teams (retired ones too: a person does not stop being themselves).
 * Member entries that share a login, or carry the same name, are one person. `itsm validate` refuses
 * both as ambiguity; should ambiguous teams reach the decision anyway, merging is the safe reading:
 * it can only exclude more self-approvals and let one person fill fewer seats.
 */
export function peopleFrom(teams: readonly TeamMembers[]): People {
  const entries = teams.flatMap((t) => t.members);
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const firstWith = new Map<string, number>();
  entries.forEach((m, i) => {
    for (const k of [...loginsOf(m).map((l) => `l:${loginKey(l)}`), `n:${nameKey(m.name)}`]) {
      const seen = firstWith.get(k);
      if (seen === undefined) firstWith.set(k, i);
      else union(seen, i);
    }
  });
  const byRoot = new Map<number, Person>();
  const byLogin = new Map<string, Person>();
  entries.forEach((m, i) => {
    const root = find(i);
    let person = byRoot.get(root);
    if (!person) {
      const first = entries[root]!;
      byRoot.set(root, (person = { key: loginKey(first.login), handle: first.login, name: first.name, logins: [], emails: [] }));
    }
    if (m.email !== undefined && !person.emails.some((e) => e.toLowerCase() === m.email!.toLowerCase())) person.emails.push(m.email);
    for (const l of loginsOf(m)) {
      if (byLogin.has(loginKey(l))) continue;
      person.logins.push(l);
      byLogin.set(loginKey(l), person);
    }
  });
  const personOf = (login: string): Person => byLogin.get(loginKey(login)) ?? { key: loginKey(login), handle: login, name: login, logins: [login], emails: [] };
  const byEmail = new Map<string, Person>();
  for (const p of byRoot.values()) for (const e of p.emails) if (!byEmail.has(e.toLowerCase())) byEmail.set(e.toLowerCase(), p);
  const byName = new Map<string, Person>();
  for (const p of byRoot.values()) if (!byName.has(nameKey(p.name))) byName.set(nameKey(p.name), p);
  const handles = [...byRoot.values()].map((p) => p.handle).sort();
  const members = new Map<string, string[]>();
  for (const t of teams)
    if (t.id !== undefined)
      members.set(
        t.id,
        t.members.map((m) => byLogin.get(loginKey(m.login))!.handle),
      );
  return {
    personOf,
    samePerson: (a, b) => personOf(a).key === personOf(b).key,
    known: (login) => byLogin.get(loginKey(login)),
    byEmail: (email) => byEmail.get(email.toLowerCase()),
    named: (name) => byName.get(nameKey(name)),
    handles: () => [...handles],
    membersOf: (teamId) => members.get(teamId),
    teamsOf: (login) => {
      const person = byLogin.get(loginKey(login));
      return person ? [...members].filter(([, handles]) => handles.includes(person.handle)).map(([id]) => id) : [];
    },
  };
}
