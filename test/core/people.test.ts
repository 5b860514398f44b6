import { describe, expect, it } from 'vitest';
import type { Team } from '../../src/core/model.ts';
import { loginKey, peopleFrom, sameLogin, similarHandles } from '../../src/core/people.ts';

type Member = Team['members'][number];
const team = (id: string, members: Array<Partial<Member> & { name: string; login: string }>, status: Team['status'] = 'active'): Team =>
  ({ id, name: id, status, members }) as Team;

describe('loginKey and sameLogin', () => {
  it('fold ASCII letters only', () => {
    expect(loginKey('Mia-Schneider42')).toBe('mia-schneider42');
    expect(sameLogin('ALICE', 'alice')).toBe(true);
    expect(sameLogin('\u212Aate', 'kate')).toBe(false);
    expect(sameLogin('İvan', 'ivan')).toBe(false);
    expect(sameLogin('ıvan', 'IVAN')).toBe(false);
    expect(loginKey('\u212A')).toBe('\u212A');
  });
});

describe('peopleFrom', () => {
  const people = peopleFrom([
    team('TEAM-a', [
      { name: 'Alice Smith', login: 'alice', other_logins: ['alice-bot'] },
      { name: 'Bob', login: 'bob' },
    ]),
    team('TEAM-b', [{ name: 'Alice Smith', login: 'Alice', other_logins: ['ALICE-BOT'] }]),
    team(
      'TEAM-old',
      [
        { name: 'Carol', login: 'carol' },
        { name: 'Carol', login: 'carol-2' },
      ],
      'retired',
    ),
  ]);

  it('gives every login of an entry the same person, whatever the case', () => {
    expect(people.personOf('ALICE-bot')).toEqual({ key: 'alice', handle: 'alice', name: 'Alice Smith', logins: ['alice', 'alice-bot'], emails: [] });
    expect(people.samePerson('alice-bot', 'Alice')).toBe(true);
    expect(people.samePerson('alice', 'bob')).toBe(false);
  });

  it('reads same-named entries as one person (the safe reading of what validate refuses), retired teams included', () => {
    expect(people.samePerson('carol', 'carol-2')).toBe(true);
  });

  it('a login no team lists is its own person', () => {
    expect(people.personOf('Zed')).toEqual({ key: 'zed', handle: 'Zed', name: 'Zed', logins: ['Zed'], emails: [] });
    expect(people.samePerson('zed', 'ZED')).toBe(true);
    expect(people.samePerson('zed', 'alice')).toBe(false);
  });
});

describe('looking people up by handle, email and name', () => {
  const people = peopleFrom([
    team('TEAM-ops', [
      { name: 'Ada Lovelace', login: 'ada', other_logins: ['ada-bot'], email: 'ada@example.org' },
      { name: 'Grace Hopper', login: 'grace' },
    ]),
    team('TEAM-dev', [{ name: 'Ada Lovelace', login: 'Ada', other_logins: ['ada-bot'], email: 'ADA@example.org' }]),
  ]);

  it('knows a person by their handle or another login, and nobody else', () => {
    expect(people.known('ADA-BOT')).toMatchObject({ handle: 'ada', name: 'Ada Lovelace', emails: ['ada@example.org'] });
    expect(people.known('linus')).toBeUndefined();
  });

  it('finds a person by email, whatever the case, and by name', () => {
    expect(people.byEmail('Ada@Example.org')?.handle).toBe('ada');
    expect(people.byEmail('nobody@example.org')).toBeUndefined();
    expect(people.named('  grace   HOPPER ')?.handle).toBe('grace');
  });

  it('lists every handle once, and the members and teams of each', () => {
    expect(people.handles()).toEqual(['ada', 'grace']);
    expect(people.membersOf('TEAM-dev')).toEqual(['ada']);
    expect(people.membersOf('TEAM-none')).toBeUndefined();
    expect(people.teamsOf('ada-bot')).toEqual(['TEAM-ops', 'TEAM-dev']);
  });

  it('suggests the person a full name names first, then handles a typo away', () => {
    expect(similarHandles('Grace Hopper', people)).toEqual(['grace']);
    expect(similarHandles('grcae', people)).toEqual(['grace']);
    expect(similarHandles('alertmanager', people)).toEqual([]);
  });
});
