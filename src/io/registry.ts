/**
 * Fetches a released itsm from the npm registry the user's npm is configured with, for
 * `itsm upgrade-check --from 0.3.0`: the registry's answer about the package, then the version's
 * tarball, checked against the registry's checksum. The registry is `--registry`, else
 * npm_config_registry in the environment, else `npm config get registry`, else npmjs.org.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packumentUrl, registryBase, tarballOf } from '../core/packument.ts';

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';
/** No itsm tarball comes near this; a registry that sends more is not sending one. */
const MAX_TARBALL_BYTES = 256 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

/** The registry or the package cannot be reached or used: a clear message, exit 2. */
export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** The registry to ask: given, else from the environment as npm reads it, else npm's own configuration. */
export function configuredRegistry(given: string | undefined, env: NodeJS.ProcessEnv): string {
  // Any case, the last one winning, as npm reads its settings from the environment.
  const fromEnv = Object.entries(env).findLast(([k, v]) => k.toLowerCase() === 'npm_config_registry' && v)?.[1];
  const text = given ?? fromEnv ?? npmConfigRegistry() ?? DEFAULT_REGISTRY;
  const base = registryBase(text);
  if (!base) throw new RegistryError(`the registry ${given === undefined ? 'npm is configured with' : 'given'} is not an http(s) URL: "${text}".`);
  return base;
}

/** `npm config get registry` (it reads .npmrc files), or undefined when npm cannot say. */
function npmConfigRegistry(): string | undefined {
  const run = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const out = run.status === 0 ? run.stdout.trim() : '';
  return out && out !== 'undefined' ? out : undefined;
}

/** Downloads `name@version` from `registry` into `dir`; returns the tarball's path. */
export async function fetchPackage(registry: string, name: string, version: string, dir: string): Promise<string> {
  const where = packumentUrl(registry, name);
  const answer = await get(where, 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8', `the npm registry at ${registry}`);
  if (answer.status === 404) throw new RegistryError(`the npm registry at ${registry} has no package named ${name}.`);
  if (!answer.ok) throw new RegistryError(`the npm registry at ${registry} answered ${answer.status} ${answer.statusText} for ${name}.`);
  let packument: unknown;
  try {
    packument = JSON.parse(new TextDecoder().decode(answer.body));
  } catch {
    throw new RegistryError(`the npm registry at ${registry} did not answer with JSON for ${name}.`);
  }
  const ref = tarballOf(packument, name, version);
  if ('problem' in ref) throw new RegistryError(`${ref.problem} (registry ${registry}).`);
  const tarball = await get(ref.url, 'application/octet-stream', `the tarball of ${name} ${version}`);
  if (!tarball.ok) throw new RegistryError(`the tarball of ${name} ${version} (${ref.url}) answered ${tarball.status} ${tarball.statusText}.`);
  const sha512 = `sha512-${createHash('sha512').update(tarball.body).digest('base64')}`;
  const sha1 = createHash('sha1').update(tarball.body).digest('hex');
  if ((ref.integrity && ref.integrity !== sha512) || (!ref.integrity && ref.shasum !== sha1))
    throw new RegistryError(`the tarball of ${name} ${version} from ${ref.url} does not match the registry's checksum: it was not used.`);
  const file = join(dir, `${name.replace('/', '-')}-${version}.tgz`);
  writeFileSync(file, tarball.body);
  return file;
}

async function get(url: string, accept: string, what: string): Promise<{ ok: boolean; status: number; statusText: string; body: Uint8Array }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new RegistryError(`cannot reach ${what} (${url}): ${why}. Check the network, or the registry in \`npm config get registry\` (or --registry).`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_TARBALL_BYTES) throw new RegistryError(`${what} (${url}) is ${length} bytes: too large to be an itsm package.`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > MAX_TARBALL_BYTES) throw new RegistryError(`${what} (${url}) sent more than ${MAX_TARBALL_BYTES} bytes: too large to be an itsm package.`);
  return { ok: response.ok, status: response.status, statusText: response.statusText, body };
}
