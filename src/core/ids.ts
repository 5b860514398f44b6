/** One reference grammar for record IDs: the prefix names the kind. Every fact comes from the kind registry. */
import { MAX_ID_DIGITS, type KindDefinition } from './kinds/definition.ts';
import { REGISTRY, type Kind } from './kinds/index.ts';

export type { Kind } from './kinds/index.ts';
export { MAX_ID_DIGITS } from './kinds/definition.ts';

export const KINDS: readonly Kind[] = REGISTRY.kinds;

/** A kind's naming facts: prefix (with the dash), folder under content/, label and plural, numbered or slug IDs. */
type KindInfo = Pick<KindDefinition<Kind>, 'kind' | 'prefix' | 'folder' | 'label' | 'plural' | 'numbered'>;

export const KIND_INFO: Readonly<Record<Kind, KindInfo>> = Object.fromEntries(KINDS.map((k) => [k, REGISTRY.get(k)])) as unknown as Record<Kind, KindInfo>;

export function kindOfFolder(folder: string): Kind | undefined {
  return REGISTRY.kindOfFolder(folder);
}

/** The kind an ID's prefix names, whether or not the rest is well formed. */
export function kindOfId(id: string): Kind | undefined {
  return REGISTRY.kindOfId(id);
}

export function isValidId(id: string, kind?: Kind): boolean {
  const k = kind ?? kindOfId(id);
  return k !== undefined && REGISTRY.get(k).idPattern.test(id);
}

/** What an ID of a kind looks like, for messages: "INC- then 4 to 9 digits, e.g. INC-0042". */
export function idShape(kind: Kind): string {
  const { prefix, numbered } = KIND_INFO[kind];
  return numbered
    ? `${prefix} then 4 to ${MAX_ID_DIGITS} digits, e.g. ${prefix}0042`
    : `${prefix} then lowercase words joined by hyphens, e.g. ${prefix}payments-api`;
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

/**
 * Finds record IDs of every kind written in running text ("see INC-0042 and SVC-payments."): each
 * kind's own ID pattern, not glued to a word or a longer ID on either side. Global: use with matchAll.
 */
export function idMentionPattern(): RegExp {
  const alternatives = REGISTRY.definitions.map((d) => d.idPattern.source.replace(/^\^/, '').replace(/\$$/, ''));
  return new RegExp(`(?<![A-Za-z0-9_-])(?:${alternatives.join('|')})(?![A-Za-z0-9_])`, 'g');
}
