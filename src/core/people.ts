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

/** The form a login is compared in: ASCII letters lower-cased, every other character left alone. */
export function loginKey(login: string): string {
  return login.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
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
  /** The name from the team files; the login itself for someone no team lists. */
  name: string;
  /** Every login the person uses, as first spelled in the team files. */
  logins: string[];
}

export interface People {
  /** The person behind a login; a login no team lists is a person of its own. */
  personOf(login: string): Person;
  /** Whether two logins belong to the same person. */
  samePerson(a: string, b: string): boolean;
}

/**
 * Resolves the people in the given teams (retired ones too: a person does not stop being themselves).
 * Member entries that share a login, or carry the same name, are one person. `itsm validate` refuses
 * both as ambiguity; should ambiguous teams reach the decision anyway, merging is the safe reading:
 * it can only exclude more self-approvals and let one person fill fewer seats.
 */
export function peopleFrom(teams: readonly Team[]): People {
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
    if (!person) byRoot.set(root, (person = { key: loginKey(entries[root]!.login), name: entries[root]!.name, logins: [] }));
    for (const l of loginsOf(m)) {
      if (byLogin.has(loginKey(l))) continue;
      person.logins.push(l);
      byLogin.set(loginKey(l), person);
    }
  });
  const personOf = (login: string): Person => byLogin.get(loginKey(login)) ?? { key: loginKey(login), name: login, logins: [login] };
  return { personOf, samePerson: (a, b) => personOf(a).key === personOf(b).key };
}
