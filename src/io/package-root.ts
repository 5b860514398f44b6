/**
 * Where the itsm package itself is (not the workspace): its schemas/, templates, site sources
 * (src/site, astro.config.mjs) and package.json. The same two levels up from src/io/*.ts in this
 * repository and from dist-pkg/io/*.js in the installed package, so every such path is package-relative.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Whether `root` is the package's own repository (the demo is its workspace, and its schemas/ are the package's). */
export function isPackageRoot(root: string): boolean {
  try {
    return realpathSync(root) === realpathSync(PACKAGE_ROOT);
  } catch {
    return false;
  }
}

/** A file inside the package, e.g. packagePath('schemas', 'incident.schema.json'). */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

/**
 * The node_modules folder that holds one of the package's dependencies, found as Node finds it:
 * the package's own node_modules in this repository, the project's (where npm hoists it) when
 * itsm is installed as a dependency.
 */
export function dependencyFolder(name: string): string {
  let dir = PACKAGE_ROOT;
  for (;;) {
    const candidate = join(dir, 'node_modules');
    if (existsSync(join(candidate, name, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${name} package installed beside itsm (${PACKAGE_ROOT})`);
    dir = parent;
  }
}
