/**
 * Addresses on the forge that hosts the workspace (GitHub's URL shapes), from itsm.yaml's repo_url
 * and default_branch: the one place the site, its record pages and notifications build them.
 * Without a safe repo_url there is nowhere to send people, so every link is undefined.
 */
import { KIND_INFO, type Kind } from './ids.ts';
import { repoUrl } from './urls.ts';

export interface ForgeLinks {
  /** The file as it is on the branch. */
  file(path: string): string | undefined;
  /** Opens the file in the forge's web editor. */
  edit(path: string): string | undefined;
  /** Opens the forge's "new file" editor in a content folder with a file name and, if given, a starting text. */
  create(kind: Kind, filename: string, value?: string): string | undefined;
  commit(sha: string): string | undefined;
  pullRequest(pr: number): string | undefined;
}

export function forgeLinks(forgeUrl: string | undefined, branch = 'main'): ForgeLinks {
  // Only an http(s) address becomes a link: never javascript:, data: or //host.
  const repo = repoUrl(forgeUrl);
  const ref = encodeURIComponent(branch);
  const at = (path: string) => (repo ? `${repo}/${path}` : undefined);
  const filePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  return {
    file: (path) => at(`blob/${ref}/${filePath(path)}`),
    edit: (path) => at(`edit/${ref}/${filePath(path)}`),
    create: (kind, filename, value) =>
      at(`new/${ref}/content/${KIND_INFO[kind].folder}?filename=${encodeURIComponent(filename)}${value ? `&value=${encodeURIComponent(value)}` : ''}`),
    commit: (sha) => at(`commit/${sha}`),
    pullRequest: (pr) => at(`pull/${pr}`),
  };
}
