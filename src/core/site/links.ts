/** Every address on the site, built in one place so the base path (GitHub Pages) is never forgotten. */
import { KIND_INFO, kindOfId, type Kind } from '../ids.ts';
import { basePath, repoUrl } from '../urls.ts';

export interface SiteLinks {
  base: string;
  home: string;
  /** A page under the site root, e.g. page('reports/') -> /itsm/reports/. */
  page(path: string): string;
  catalog(kind: Kind): string;
  record(id: string): string;
  api(name: string): string;
  search(query?: string): string;
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
  };
}

export interface ForgeLinks {
  /** Opens the record's file in the forge's web editor. */
  edit(file: string): string | undefined;
  /** Opens the forge's "new file" editor in a content folder with a file name and, if given, a starting text. */
  create(kind: Kind, filename: string, value?: string): string | undefined;
}

/**
 * Links into the forge's editor (GitHub's URL shapes), from itsm.yaml's repo_url and default_branch.
 * Without a repo_url there is nowhere to send people, so the links are left out.
 */
export function forgeLinks(forgeUrl: string | undefined, branch = 'main'): ForgeLinks {
  // Only an http(s) address becomes a link: never javascript:, data: or //host.
  const repo = repoUrl(forgeUrl);
  return {
    edit: (file) => (repo ? `${repo}/edit/${encodeURIComponent(branch)}/${file.split('/').map(encodeURIComponent).join('/')}` : undefined),
    create: (kind, filename, value) =>
      repo ? `${repo}/new/${encodeURIComponent(branch)}/content/${KIND_INFO[kind].folder}?filename=${encodeURIComponent(filename)}${value ? `&value=${encodeURIComponent(value)}` : ''}` : undefined,
  };
}
