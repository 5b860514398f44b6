/**
 * Port options for `itsm serve` and `itsm demo`: read strictly, and checked by listening once, so a
 * command fails in a second with a clear message rather than after a full build with a stack trace.
 */
import { createServer } from 'node:net';

/** The port a `--port` text names (a whole number 0..65535, plain decimal digits), or undefined. */
export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

export const PORT_HINT = 'a whole number from 0 to 65535 (0 picks a free port)';

/** Why listening failed, in words, with the fix. */
export function listenProblem(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') return 'the port is in use. Stop what is using it, or pick another with --port N (0 picks a free port)';
  if (code === 'EACCES') return 'permission denied (ports below 1024 need privileges). Pick a port from 1024 up with --port N';
  if (code === 'EADDRNOTAVAIL') return "that address is not one of this machine's. Use --host 127.0.0.1 (or another local address)";
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve. Use --host 127.0.0.1 (or another local address)';
  return `${err instanceof Error ? err.message : String(err)}. Check --host and --port`;
}

/** Listens on host:port once and stops: undefined when that works, else why not. */
export function checkListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err) => resolve(listenProblem(err)));
    try {
      server.listen(port, host, () => server.close(() => resolve(undefined)));
    } catch (err) {
      resolve(listenProblem(err));
    }
  });
}
