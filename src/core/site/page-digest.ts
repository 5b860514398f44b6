/**
 * Incremental site builds (`itsm build --incremental`): which record pages must be rendered again and
 * which can be taken from the previous build. A page is reused when the digest of everything it
 * renders (its page data, which already carries what it shows of other records, and the build's key:
 * the code that renders it, the page shell, live or not, the base path) equals the digest the
 * previous build recorded for it. The instant the site is as of is not in the key: every page's shell
 * shows it, and a reused page gets the new one (restampPage); a page whose data depends on the
 * instant (an SLA clock still running) has other data, so it is rendered again. Any doubt about the
 * previous build means a full build. No I/O here: the manifest is read and the files are listed and
 * hashed by src/io/site-incremental.ts.
 */
import { createHash } from 'node:crypto';

/** The manifest's format: a manifest of another format is not trusted (full build). */
export const INCREMENTAL_FORMAT = 1;

/** What an incremental build records about the site it wrote. */
export interface IncrementalManifest {
  format: number;
  /** The build key: the code, the page shell but its instant, `live`, the base path (see buildKey). */
  key: string;
  /** The instant the site was built as of, as the page shell shows it (ISO, and as text). */
  stamp: Stamp;
  /** Record pages by their path in the site (e.g. incidents/INC-1/index.html). */
  pages: Record<string, { digest: string; sha256: string }>;
  /** Every file of the site but the manifest itself, sorted: a site holding any other is not reused. */
  files: string[];
  /** The digest of the rest of the manifest: a manifest edited by hand or cut short is not trusted. */
  check: string;
}

/** The instant a site is as of, as every page's shell shows it. */
export interface Stamp {
  now: string;
  nowText: string;
}

/** JSON with object keys sorted at every level, so a digest does not depend on the order keys were set in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    if (v instanceof Map || v instanceof Set) throw new TypeError('canonicalJson: a Map or Set has no JSON form (convert it first)');
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** SHA-256 (hex) of text or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The build key: what every page renders besides its own data. A different key means a full build. */
export function buildKey(parts: { code: string; shell: unknown }): string {
  return sha256(canonicalJson({ format: INCREMENTAL_FORMAT, code: parts.code, shell: parts.shell }));
}

/** The digest of one record page: its data under the build's key. */
export function pageDigest(key: string, page: unknown): string {
  return sha256(key + '\0' + canonicalJson(page));
}

/** The manifest's check: the digest of every other field. */
export function manifestCheck(m: Omit<IncrementalManifest, 'check'>): string {
  return sha256(canonicalJson({ format: m.format, key: m.key, stamp: m.stamp, pages: m.pages, files: m.files }));
}

/** A manifest with its check filled in. */
export function sealManifest(m: Omit<IncrementalManifest, 'check'>): IncrementalManifest {
  return { ...m, check: manifestCheck(m) };
}

/** The manifest in `value` (parsed JSON), or why it cannot be trusted. */
export function parseManifest(value: unknown): IncrementalManifest | { problem: string } {
  const m = value as Partial<IncrementalManifest> | null;
  if (!m || typeof m !== 'object') return { problem: 'the manifest is not a JSON object' };
  if (m.format !== INCREMENTAL_FORMAT) return { problem: `the manifest is of format ${String(m.format)}, not ${INCREMENTAL_FORMAT}` };
  const pagesOk =
    !!m.pages &&
    typeof m.pages === 'object' &&
    Object.values(m.pages).every((p) => !!p && typeof p === 'object' && typeof p.digest === 'string' && typeof p.sha256 === 'string');
  const stampOk = !!m.stamp && typeof m.stamp === 'object' && typeof m.stamp.now === 'string' && typeof m.stamp.nowText === 'string';
  if (
    typeof m.key !== 'string' ||
    !stampOk ||
    !pagesOk ||
    !Array.isArray(m.files) ||
    !m.files.every((f) => typeof f === 'string') ||
    typeof m.check !== 'string'
  )
    return { problem: 'the manifest lacks a field or has one of the wrong type' };
  const manifest = { format: m.format, key: m.key, stamp: { now: m.stamp!.now, nowText: m.stamp!.nowText }, pages: m.pages!, files: m.files, check: m.check };
  if (manifestCheck(manifest) !== manifest.check) return { problem: 'the manifest does not match its check (it was edited or cut short)' };
  return manifest;
}

/** What an incremental build does: render some record pages and reuse the others, or build everything. */
export type IncrementalPlan =
  | { full: true; reason: string }
  | {
      full: false;
      /** Paths of the record pages to render (new, or their data changed). */
      render: Set<string>;
      /** Paths of the record pages to copy from the previous build, with the SHA-256 their bytes must have. */
      reuse: Map<string, string>;
      /** Record pages of the previous build whose record is gone. */
      dropped: number;
    };

/**
 * Compares this build's record pages (path and digest) with the previous build's manifest, or with
 * the reason there is none to trust. `files` is what the previous site holds (sorted), as listed now.
 */
export function planIncremental(
  previous: IncrementalManifest | { problem: string },
  key: string,
  pages: ReadonlyArray<{ path: string; digest: string }>,
  files: readonly string[] | { problem: string },
): IncrementalPlan {
  if ('problem' in previous) return { full: true, reason: previous.problem };
  if (previous.key !== key)
    return {
      full: true,
      reason: 'the previous site was built by another version of itsm, or with other settings or base path, or live where this one is not (or the reverse)',
    };
  if ('problem' in files) return { full: true, reason: files.problem };
  if (files.length !== previous.files.length || files.some((f, i) => f !== previous.files[i]))
    return { full: true, reason: 'the previous site holds files its manifest does not list, or lacks some it lists' };
  const render = new Set<string>();
  const reuse = new Map<string, string>();
  for (const { path, digest } of pages) {
    const before = Object.hasOwn(previous.pages, path) ? previous.pages[path] : undefined;
    if (before && before.digest === digest) reuse.set(path, before.sha256);
    else render.add(path);
  }
  const current = new Set(pages.map((p) => p.path));
  const dropped = Object.keys(previous.pages).filter((p) => !current.has(p)).length;
  return { full: false, render, reuse, dropped };
}

/**
 * A page of a site as of `from`, as the same page of a site as of `to`: the two places the page shell
 * (src/site/layouts/Base.astro) shows the instant, `data-as-of="..."` and the footer's
 * `<time datetime="...">...</time>`, each exactly once. Undefined when that cannot be done for sure:
 * either form is not there exactly once, an instant needs escaping in HTML, or the old instant is
 * still in the page afterwards (shown elsewhere, or a record's own time that looks the same): then
 * the page is rendered instead. test/io/site-incremental.test.ts compares the result with a full build.
 */
export function restampPage(html: string, from: Stamp, to: Stamp): string | undefined {
  if ([from.now, from.nowText, to.now, to.nowText].some((t) => /[&<>"']/.test(t) || t === '')) return undefined;
  const forms: Array<[string, string]> = [
    [`data-as-of="${from.now}"`, `data-as-of="${to.now}"`],
    [`<time datetime="${from.now}">${from.nowText}</time>`, `<time datetime="${to.now}">${to.nowText}</time>`],
  ];
  let out = html;
  for (const [old, now] of forms) {
    const at = out.indexOf(old);
    if (at < 0 || out.indexOf(old, at + 1) >= 0) return undefined;
    out = out.slice(0, at) + now + out.slice(at + old.length);
  }
  if (out.includes(from.now) || out.includes(from.nowText)) return undefined;
  return out;
}
