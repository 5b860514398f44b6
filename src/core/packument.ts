/**
 * Reading an npm registry's answer about a package (its "packument": every version with its
 * tarball), for `itsm upgrade-check --from 0.3.0`. Pure: io/registry.ts does the fetching.
 */

/** A released version as `--from` takes it: 0.3.0, 1.0.0-rc.1 (no ranges, no tags). */
export function isExactVersion(text: string): boolean {
  return /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(text);
}

/** The registry's base URL with one trailing slash, or undefined when it is not an http(s) URL. */
export function registryBase(text: string): string | undefined {
  const url = httpUrl(text.trim());
  if (!url) return undefined;
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Where the registry answers about `name` (a scoped name's slash is escaped, as npm does). */
export function packumentUrl(registry: string, name: string): string {
  return `${registry}${name.replace('/', '%2f')}`;
}

export interface TarballRef {
  url: string;
  /** Subresource integrity (`sha512-<base64>`), when the registry gives one. */
  integrity?: string;
  /** The SHA-1 of the tarball in hex, which every registry gives. */
  shasum?: string;
}

/** The tarball of `version` in a packument, or why there is none (in words for the user). */
export function tarballOf(packument: unknown, name: string, version: string): TarballRef | { problem: string } {
  const versions = isObject(packument) && isObject(packument.versions) ? packument.versions : undefined;
  if (!versions) return { problem: `the registry's answer about ${name} lists no versions` };
  const entry = versions[version];
  if (!isObject(entry)) {
    const known = Object.keys(versions);
    const latest = known.slice(-5).join(', ');
    return { problem: `${name} ${version} is not on the registry${known.length ? ` (its latest versions: ${latest})` : ''}` };
  }
  const dist = isObject(entry.dist) ? entry.dist : {};
  const url = typeof dist.tarball === 'string' ? httpUrl(dist.tarball) : undefined;
  if (!url) return { problem: `the registry gives no http(s) tarball for ${name} ${version}` };
  const integrity = typeof dist.integrity === 'string' && /^sha512-[A-Za-z0-9+/]+=*$/.test(dist.integrity) ? dist.integrity : undefined;
  const shasum = typeof dist.shasum === 'string' && /^[0-9a-f]{40}$/.test(dist.shasum) ? dist.shasum : undefined;
  if (!integrity && !shasum) return { problem: `the registry gives no checksum for ${name} ${version}, so its tarball cannot be verified` };
  return { url: url.href, ...(integrity && { integrity }), ...(shasum && { shasum }) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
