/**
 * The mapping file of `itsm import --map map.yaml`: the old tool's names for groups, users,
 * locations, categories, CIs, services and states, each with what it becomes here. Read and
 * checked against the workspace (a team, person, CI or service that does not exist is an error
 * before anything is imported), and suggested from the distinct values of an export. Pure.
 */
import { stringify } from 'yaml';

export const SECTIONS = ['groups', 'users', 'states', 'categories', 'close_codes', 'locations', 'cis', 'services'] as const;
export type Section = (typeof SECTIONS)[number];

/** Per section: the vendor's value, lowercased -> what it becomes (null: deliberately not mapped). */
export type ImportMapping = Record<Section, ReadonlyMap<string, string | null>>;

export const EMPTY_MAPPING: ImportMapping = Object.fromEntries(SECTIONS.map((s) => [s, new Map()])) as unknown as ImportMapping;

const WHAT: Record<Section, string> = {
  groups: 'a team ID (TEAM-...)',
  users: "a person's handle (their login in the team files)",
  states: 'a status of the kind imported',
  categories: 'a category (lowercase words joined by hyphens)',
  close_codes: "one of the workspace's close codes (itsm.yaml close_codes)",
  locations: 'a location name',
  cis: 'a CI ID (CI-...)',
  services: 'a service ID (SVC-...)',
};

/** What a mapping's values are checked against. */
export interface MappingTargets {
  teams: ReadonlySet<string>;
  people: ReadonlySet<string>;
  cis: ReadonlySet<string>;
  services: ReadonlySet<string>;
  statuses: readonly string[];
  /** The workspace's close codes, and its categories when itsm.yaml lists them. */
  closeCodes: readonly string[];
  categories?: readonly string[];
}

export type MappingResult = { ok: true; mapping: ImportMapping } | { ok: false; errors: string[] };

/** Reads a loaded mapping file; every problem is listed, with the section and value it is in. */
export function readMapping(doc: unknown, file: string, targets: MappingTargets): MappingResult {
  const errors: string[] = [];
  if (doc === null || doc === undefined) return { ok: true, mapping: EMPTY_MAPPING };
  if (typeof doc !== 'object' || Array.isArray(doc))
    return { ok: false, errors: [`${file}: expected sections ${SECTIONS.join(', ')}, each a list of "old name: new value".`] };
  const out = Object.fromEntries(SECTIONS.map((s) => [s, new Map<string, string | null>()])) as Record<Section, Map<string, string | null>>;
  for (const [section, body] of Object.entries(doc as Record<string, unknown>)) {
    if (!(SECTIONS as readonly string[]).includes(section)) {
      errors.push(`${file}: unknown section "${section}"; the sections are ${SECTIONS.join(', ')}.`);
      continue;
    }
    if (body === null) continue;
    if (typeof body !== 'object' || Array.isArray(body)) {
      errors.push(`${file}: ${section} must be "old name: new value" pairs.`);
      continue;
    }
    const s = section as Section;
    for (const [from, to] of Object.entries(body as Record<string, unknown>)) {
      if (to === null || to === '') {
        out[s].set(from.trim().toLowerCase(), null);
        continue;
      }
      const value = typeof to === 'string' || typeof to === 'number' ? String(to).trim() : undefined;
      const problem = value === undefined ? 'is not a single value' : check(s, value, targets);
      if (problem) errors.push(`${file}: ${section}: "${from}" -> ${JSON.stringify(to)} ${problem}; expected ${WHAT[s]}, or nothing to leave it unmapped.`);
      else out[s].set(from.trim().toLowerCase(), value!);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, mapping: out };
}

function check(section: Section, value: string, t: MappingTargets): string | undefined {
  switch (section) {
    case 'groups':
      return t.teams.has(value) ? undefined : 'is not a team of the workspace';
    case 'users':
      return t.people.has(value) ? undefined : 'is not a person in the team files';
    case 'cis':
      return t.cis.has(value) ? undefined : 'is not a CI of the workspace';
    case 'services':
      return t.services.has(value) ? undefined : 'is not a service of the workspace';
    case 'states':
      return t.statuses.includes(value) ? undefined : `is not a status (${t.statuses.join(', ')})`;
    case 'categories':
      if (t.categories) return t.categories.includes(value) ? undefined : `is not one of the workspace's categories (${t.categories.join(', ')})`;
      return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) ? undefined : 'is not lowercase words joined by hyphens';
    case 'close_codes':
      return t.closeCodes.includes(value) ? undefined : `is not one of the workspace's close codes (${t.closeCodes.join(', ')})`;
    case 'locations':
      return undefined;
  }
}

/** The distinct values an export holds per section, with the row count of each. */
export type DistinctValues = Record<Section, Map<string, number>>;

export function emptyDistinct(): DistinctValues {
  return Object.fromEntries(SECTIONS.map((s) => [s, new Map()])) as unknown as DistinctValues;
}

/**
 * A starting mapping file: every distinct value of the export, most frequent first, with what the
 * import would make of it today (a match in the workspace, the default state mapping) or nothing
 * where a person has to decide. `guess` gives today's reading of a value.
 */
export function suggestMapping(found: DistinctValues, guess: (section: Section, value: string) => string | undefined, source: string): string {
  const doc: Record<string, Record<string, string | null>> = {};
  for (const s of SECTIONS) {
    const values = [...found[s]].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (!values.length) continue;
    doc[s] = {};
    for (const [value] of values) doc[s][value] = guess(s, value) ?? null;
  }
  const header = [
    `# itsm import mapping, suggested from ${source}.`,
    "# Each section maps the old tool's values to this workspace: groups -> team IDs, users -> person",
    '# handles (logins in content/teams/), states -> statuses, categories -> category slugs,',
    '# locations -> names, cis -> CI IDs, services -> service IDs. Values filled in are what the',
    '# import would do today (a match by name, a default); an empty value stays unmapped (reported).',
    '# Use it with: itsm import ... --map THIS-FILE',
  ];
  return header.join('\n') + '\n' + (Object.keys(doc).length ? stringify(doc, { lineWidth: 0, nullStr: '' }) : '{}\n');
}
