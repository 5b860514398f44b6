/** One reference grammar for record IDs: the prefix names the kind. */
export const KINDS = ['service', 'ci', 'incident', 'problem', 'change', 'request', 'release', 'kb', 'team'] as const;
export type Kind = (typeof KINDS)[number];

export interface KindInfo {
  kind: Kind;
  /** ID prefix including the dash. */
  prefix: string;
  /** Folder under content/. */
  folder: string;
  /** Human name, singular and plural. */
  label: string;
  plural: string;
  /** Numbered IDs (INC-0142) or slugs (SVC-payments). */
  numbered: boolean;
}

export const KIND_INFO: Record<Kind, KindInfo> = {
  service: { kind: 'service', prefix: 'SVC-', folder: 'services', label: 'service', plural: 'services', numbered: false },
  ci: { kind: 'ci', prefix: 'CI-', folder: 'cis', label: 'configuration item', plural: 'configuration items', numbered: false },
  incident: { kind: 'incident', prefix: 'INC-', folder: 'incidents', label: 'incident', plural: 'incidents', numbered: true },
  problem: { kind: 'problem', prefix: 'PRB-', folder: 'problems', label: 'problem', plural: 'problems', numbered: true },
  change: { kind: 'change', prefix: 'CHG-', folder: 'changes', label: 'change', plural: 'changes', numbered: true },
  request: { kind: 'request', prefix: 'REQ-', folder: 'requests', label: 'service request', plural: 'service requests', numbered: true },
  release: { kind: 'release', prefix: 'REL-', folder: 'releases', label: 'release', plural: 'releases', numbered: false },
  kb: { kind: 'kb', prefix: 'KB-', folder: 'kb', label: 'knowledge article', plural: 'knowledge articles', numbered: true },
  team: { kind: 'team', prefix: 'TEAM-', folder: 'teams', label: 'team', plural: 'teams', numbered: false },
};

/**
 * Numbered IDs have 4 to 9 digits (schemas/common.schema.json says the same). The bound keeps one
 * hostile record (INC-9007199254740993) from becoming everyone's "highest ID"; numbers are BigInt
 * anyway, so nothing is ever rounded.
 */
export const MAX_ID_DIGITS = 9;

const ID_SHAPE: Record<Kind, RegExp> = {
  service: /^SVC-[a-z0-9]+(-[a-z0-9]+)*$/,
  ci: /^CI-[a-z0-9]+(-[a-z0-9]+)*$/,
  incident: /^INC-\d{4,9}$/,
  problem: /^PRB-\d{4,9}$/,
  change: /^CHG-\d{4,9}$/,
  request: /^REQ-\d{4,9}$/,
  release: /^REL-[a-z0-9]+(-[a-z0-9]+)*$/,
  kb: /^KB-\d{4,9}$/,
  team: /^TEAM-[a-z0-9]+(-[a-z0-9]+)*$/,
};

const KIND_BY_FOLDER = new Map<string, Kind>(KINDS.map((k) => [KIND_INFO[k].folder, k]));

export function kindOfFolder(folder: string): Kind | undefined {
  return KIND_BY_FOLDER.get(folder);
}

/** The kind an ID's prefix names, whether or not the rest is well formed. */
export function kindOfId(id: string): Kind | undefined {
  for (const k of KINDS) if (id.startsWith(KIND_INFO[k].prefix)) return k;
  return undefined;
}

export function isValidId(id: string, kind?: Kind): boolean {
  const k = kind ?? kindOfId(id);
  return k !== undefined && ID_SHAPE[k].test(id);
}

/** What an ID of a kind looks like, for messages: "INC- then 4 to 9 digits, e.g. INC-0042". */
export function idShape(kind: Kind): string {
  const { prefix, numbered } = KIND_INFO[kind];
  return numbered ? `${prefix} then 4 to ${MAX_ID_DIGITS} digits, e.g. ${prefix}0042` : `${prefix} then lowercase words joined by hyphens, e.g. ${prefix}payments-api`;
}

/** The number in a numbered ID (INC-0142 -> 142n), exact at any length, or undefined. */
export function idNumber(id: string): bigint | undefined {
  const m = /^[A-Z]+-(\d+)$/.exec(id);
  return m ? BigInt(m[1]!) : undefined;
}

/** The number of a numbered ID within the bound (at most MAX_ID_DIGITS digits), or undefined. */
export function boundedIdNumber(id: string): bigint | undefined {
  const m = /^[A-Z]+-(\d+)$/.exec(id);
  return m && m[1]!.length <= MAX_ID_DIGITS ? BigInt(m[1]!) : undefined;
}

/** Formats a numbered ID with at least `width` (default four) digits. */
export function formatNumberedId(kind: Kind, n: bigint, width = 4): string {
  return KIND_INFO[kind].prefix + n.toString().padStart(width, '0');
}
