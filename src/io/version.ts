/** The package version, read from package.json once (the first time it is asked for). */
import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.ts';

const PACKAGE_JSON = packagePath('package.json');

let cached: string | undefined;

/** The `version` of the itsm package.json, e.g. "0.1.0". */
export function packageVersion(): string {
  if (cached === undefined) {
    const parsed = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: unknown };
    cached = typeof parsed.version === 'string' ? parsed.version : 'unknown';
  }
  return cached;
}
