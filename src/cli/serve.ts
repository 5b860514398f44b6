/** `itsm serve`: preview the built site on 127.0.0.1 until interrupted. */
import { join, resolve } from 'node:path';
import { listenProblem, parsePort, PORT_HINT } from '../io/listen-check.ts';
import { pathExists } from '../io/paths.ts';
import { serveSite } from '../io/serve.ts';
import { parseCommand } from './args.ts';
import { EXIT, ExitError, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';

const HELP = `Usage: itsm serve [--out DIR] [--port N] [--host 127.0.0.1] [--base PATH]

Serves a site built by \`itsm build\` so you can look at it in a browser. It listens on 127.0.0.1
only (this machine), prints the address, and runs until you press Ctrl-C.

Options:
  --out DIR     the built site (default: dist/ in the current directory)
  --port N      the port (default 4321; 0 picks a free one)
  --host H      the address to listen on (default 127.0.0.1)
  --base PATH   the base path the site was built with (default: read from the built site)
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'serve',
    args,
    {
      out: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      base: { type: 'string' },
    },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const dir = resolve(io.cwd, values.out ?? 'dist');
  if (!pathExists(join(dir, 'index.html')))
    throw usageError(`itsm serve: ${dir} has no built site (no index.html). Run \`itsm build\` first, or pass --out DIR.`);
  const port = values.port === undefined ? 4321 : parsePort(values.port);
  if (port === undefined) throw usageError(`itsm serve: --port must be ${PORT_HINT}; got "${values.port}".`);
  const host = values.host ?? '127.0.0.1';
  // An empty host means "every interface" to Node: never what a preview asked for by accident.
  if (host.trim() === '') throw usageError('itsm serve: --host is empty; give an address of this machine such as 127.0.0.1 (the default).');
  let served;
  try {
    served = await serveSite({ dir, port, host, ...(values.base !== undefined ? { base: values.base } : {}) });
  } catch (err) {
    throw new ExitError(EXIT.usage, `itsm serve: cannot listen on ${host}:${port}: ${listenProblem(err)}.`);
  }
  io.stdout(`Serving ${dir} at ${served.url}\nPress Ctrl-C to stop.\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void served.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.ok;
}
