/**
 * A small static file server for previewing the built site (and for the browser tests): serves `dir`
 * under the site's base path on 127.0.0.1, with the MIME types Pagefind needs (application/wasm),
 * directory index pages, the site's 404 page, and no way out of `dir`.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { normalizeBase } from '../core/site/links.ts';

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export interface ServeOptions {
  /** The built site. */
  dir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: a preview is not meant for the network. */
  host?: string;
  /** Base path the site was built for, e.g. /itsm/ (default: read from the built home page). */
  base?: string;
}

export interface Served {
  /** The site's address, base path included, e.g. http://127.0.0.1:4321/itsm/. */
  url: string;
  close(): Promise<void>;
}

export function serveSite(opts: ServeOptions): Promise<Served> {
  const base = normalizeBase(opts.base ?? builtBase(opts.dir));
  const host = opts.host ?? '127.0.0.1';
  const root = normalize(opts.dir);
  const server = createServer((req, res) => handle(req, res, root, base));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}${base}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The base path a site was built with, from its home page (<html data-base="...">); / if unknown. */
export function builtBase(dir: string): string {
  try {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    return /<html[^>]*\sdata-base="([^"]*)"/.exec(html)?.[1] ?? '/';
  } catch {
    return '/';
  }
}

function handle(req: IncomingMessage, res: ServerResponse, root: string, base: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end('Bad request');
    return;
  }
  if (!path.startsWith(base)) {
    if (path === '/' || path === base.slice(0, -1)) {
      res.writeHead(302, { Location: base }).end();
      return;
    }
    return notFound(res, root, req.method === 'HEAD');
  }
  const rel = path.slice(base.length);
  const file = resolveFile(root, rel);
  if (file === 'redirect') {
    res.writeHead(301, { Location: path + '/' }).end();
    return;
  }
  if (!file) return notFound(res, root, req.method === 'HEAD');
  send(res, file.path, file.size, 200, req.method === 'HEAD');
}

function resolveFile(root: string, rel: string): { path: string; size: number } | 'redirect' | null {
  const target = normalize(join(root, rel));
  if (target !== root && !target.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const st = statOf(target);
  if (st?.isFile()) return { path: target, size: st.size };
  if (st?.isDirectory()) {
    if (rel !== '' && !rel.endsWith('/')) return 'redirect';
    const index = statOf(join(target, 'index.html'));
    return index?.isFile() ? { path: join(target, 'index.html'), size: index.size } : null;
  }
  return null;
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function notFound(res: ServerResponse, root: string, head: boolean): void {
  const page = join(root, '404.html');
  const st = statOf(page);
  if (st?.isFile()) return send(res, page, st.size, 404, head);
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
}

function send(res: ServerResponse, path: string, size: number, status: number, head: boolean): void {
  res.writeHead(status, {
    'Content-Type': MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (head) {
    res.end();
    return;
  }
  createReadStream(path).pipe(res);
}
