/**
 * The addresses a workspace configures or a record carries (itsm.yaml's repo_url and site_base, a
 * record's source.url) become links on the site and in messages. These are the only shapes that
 * may: the schemas say the same, and every link builder asks here again, so a bypassed schema
 * (a command-line option, an old cache, a hand-made workspace) still cannot make a link that runs
 * script (`javascript:`, `data:`) or leaves for another host (`//host`, `/\host`).
 */

/** The characters an address we link to may hold: no space, control character, backslash, quote or angle bracket. */
const URL_CHARS = /^[!#$%&'()*+,\-./0-9:;=?@A-Z[\]_a-z~]+$/;

/**
 * The address when it is an absolute http(s) URL with a host and no user name or password (which
 * can disguise the host: https://github.com@evil.example/); otherwise undefined.
 */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL_CHARS.test(value) || !/^https?:\/\/[^/?#]/i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) return undefined;
  return value;
}

/** A repository's web address to append paths to: an http(s) URL without query or fragment, no trailing slash. */
export function repoUrl(value: unknown): string | undefined {
  const url = httpUrl(value);
  return url && !/[?#]/.test(url) ? url.replace(/\/+$/, '') : undefined;
}

/**
 * A base path of plain segments (`/`, `/itsm/`, `/docs/v2/`): letters, digits, `.`, `_`, `~`, `-`;
 * no `.` or `..` segment, no empty segment (`//`), backslash, scheme, query or fragment. Kept in
 * step with workspace.schema.json's site_base (test/security/urls.test.ts checks both).
 */
export const BASE_PATH_PATTERN = '^(?=/)(/(?!\\.\\.?(/|$))[A-Za-z0-9._~-]+)*/?$';
const BASE_PATH = new RegExp(BASE_PATH_PATTERN);

/** The base path with a slash at both ends, or undefined when it is not a plain path. */
export function basePath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !BASE_PATH.test(value)) return undefined;
  return value.endsWith('/') ? value : value + '/';
}
