/**
 * One checker for every relative path that comes from git or a user before it is joined under a
 * folder: a path that could climb out, name git's own folder, or hide in control characters is
 * refused, whatever the file system. Pure: the I/O side (src/io/safe-fs.ts) also checks the
 * resolved path and refuses symlinks.
 */

/** Why `path` (relative, forward slashes) must not be joined under a folder, or undefined when it is safe. */
export function unsafePathReason(path: string): string | undefined {
  if (path === '') return 'it is empty';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'it is absolute';
  if (path.includes('\\')) return 'it holds a backslash';
  // C0 controls (NUL included), DEL and C1 controls.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return 'it holds a control character';
  for (const segment of path.split('/')) {
    if (segment === '') return 'it has an empty segment';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
    // Windows and macOS ignore case and Windows trailing dots and spaces: ".GIT", ".git." are .git there.
    if (segment.replace(/[. ]+$/, '').toLowerCase() === '.git') return 'it names a .git folder';
  }
  return undefined;
}

/** True when `child` is `parent` or lies under it (both absolute, already resolved, same separator). */
export function isWithin(child: string, parent: string, sep = '/'): boolean {
  const base = parent.endsWith(sep) ? parent : parent + sep;
  return child === parent || child + sep === base || child.startsWith(base);
}
