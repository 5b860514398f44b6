/** Every address on the site, built in one place so the base path (GitHub Pages) is never forgotten. */
import { KIND_INFO, kindOfId, type Kind } from '../ids.ts';
import { basePath } from '../urls.ts';

export interface SiteLinks {
  base: string;
  home: string;
  /** A page under the site root, e.g. page('reports/') -> /itsm/reports/. */
  page(path: string): string;
  catalog(kind: Kind): string;
  record(id: string): string;
  api(name: string): string;
  search(query?: string): string;
  /** A queue page: queues/TEAM-x/ or queues/unassigned/. */
  queue(key: string): string;
}

/**
 * Normalises a base path to start and end with a slash. Anything but plain path segments (`//host`,
 * `/\\host`, `..`, a scheme) would send every link elsewhere: it is refused, and the root is used
 * (`itsm validate` and `itsm build --base` say why before it comes to this).
 */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? '/').trim();
  return basePath(trimmed.startsWith('/') ? trimmed : '/' + trimmed) ?? '/';
}

export function siteLinks(base?: string): SiteLinks {
  const b = normalizeBase(base);
  const page = (path: string) => b + path.replace(/^\/+/, '');
  return {
    base: b,
    home: b,
    page,
    catalog: (kind) => page(`${KIND_INFO[kind].folder}/`),
    record: (id) => {
      const kind = kindOfId(id);
      return kind ? page(`${KIND_INFO[kind].folder}/${id}/`) : page('');
    },
    api: (name) => page(`api/${name}.json`),
    search: (query) => page('search/') + (query ? `?q=${encodeURIComponent(query)}` : ''),
    queue: (key) => page(`queues/${key}/`),
  };
}
