/** The package's name and version, read from package.json once (the first time one is asked for). */
import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.ts';

const PACKAGE_JSON = packagePath('package.json');

let cached: { name: string; version: string } | undefined;

function manifest(): { name: string; version: string } {
  if (cached === undefined) {
    const parsed = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { name?: unknown; version?: unknown };
    cached = { name: typeof parsed.name === 'string' ? parsed.name : 'itsm', version: typeof parsed.version === 'string' ? parsed.version : 'unknown' };
  }
  return cached;
}

/** The `version` of the itsm package.json, e.g. "0.1.0". */
export function packageVersion(): string {
  return manifest().version;
}

/** The package's npm name (the one its releases are published under). */
export function packageName(): string {
  return manifest().name;
}
