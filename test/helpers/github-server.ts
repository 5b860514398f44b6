/**
 * A stand-in for the GitHub REST API on 127.0.0.1, serving the operations `itsm approvals` calls:
 * pulls/get, pulls/list-files, pulls/list-reviews and pulls/list-commits (at most 3000 files and 250
 * commits, as GitHub), and repos/list-pull-requests-associated-with-commit (`itsm evidence record`), with GitHub's pagination (per_page up to 100, Link headers with absolute URLs);
 * and pulls/request-reviewers (`itsm approvals --request-reviews`), which adds to the PR's requested
 * reviewers and teams and refuses the author with 422, as GitHub does. For `itsm collisions` and
 * `itsm comment`: pulls/list (open PRs, paginated), repos/get-content (a PR's files at its head),
 * issues/list-comments, issues/create-comment and issues/update-comment (a PR's comments), and
 * users/get-authenticated (403 unless `tokenUser` is set, as for a workflow's GITHUB_TOKEN).
 *
 * It cannot drift from the real API: every body it serves is validated with ajv against that
 * operation's response schema from GitHub's OpenAPI description (vendored in
 * test/fixtures/github/openapi-schemas.json by scripts/vendor-openapi.ts). A body that does not match
 * is recorded in `violations`, answered with status 599, and `close()` throws, failing the test.
 * `tamper` then breaks a checked answer on purpose, to test that the client refuses it.
 * Bodies start from GitHub's own examples, with the fields a scenario needs set on top.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import vendored from '../fixtures/github/openapi-schemas.json' with { type: 'json' };

type Json = Record<string, unknown>;
type OperationId =
  | 'pulls/get'
  | 'pulls/list-files'
  | 'pulls/list-reviews'
  | 'pulls/list-commits'
  | 'repos/list-pull-requests-associated-with-commit'
  | 'pulls/request-reviewers'
  | 'pulls/list'
  | 'repos/get-content'
  | 'issues/list-comments'
  | 'issues/create-comment'
  | 'issues/update-comment'
  | 'users/get-authenticated';

export interface FakeReview {
  login: string | null;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commit_id: string;
  submitted_at?: string;
}

export interface FakeFile {
  filename: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed';
  previous_filename?: string;
}

/** A commit of the PR: GitHub's author and committer accounts (null when the email matches no account). */
export interface FakeCommit {
  sha: string;
  author: string | null;
  committer: string | null;
  /** 2 for a merge commit. */
  parents?: number;
}

/** A comment on a pull request (GitHub's issue comment). */
export interface FakeComment {
  id: number;
  login: string;
  body: string;
}

export interface FakePullRequest {
  owner: string;
  repo: string;
  number: number;
  author: string;
  /** Shown by pulls/list; default "Pull request N". */
  title?: string;
  /** Closed PRs are not listed by pulls/list?state=open. */
  state?: 'open' | 'closed';
  /** Files at the head commit, path -> text, served by repos/get-content?ref=<headSha>. */
  contents?: Record<string, string>;
  /** Its comments, oldest first; POST adds one by the token's account, PATCH edits one. */
  comments?: FakeComment[];
  headSha: string;
  baseSha: string;
  /** The branch the PR merges into (default main) and the repository's default branch (default main). */
  baseRef?: string;
  defaultBranch?: string;
  files: FakeFile[];
  reviews: FakeReview[];
  /** Default: one commit, the head, by the author. */
  commits?: FakeCommit[];
  /** What pulls/get reports as the number of commits (GitHub lists at most 250); default commits.length. */
  commitCount?: number;
  /** What pulls/get reports as changed_files (GitHub lists at most 3000); default files.length. */
  changedFiles?: number;
  /** Set when merged: the commit GitHub merged it as, and when (repos/list-pull-requests-associated-with-commit). */
  mergeCommitSha?: string;
  mergedAt?: string;
  /** Who is asked for a review (requested_reviewers, requested_teams by slug); POST requested_reviewers adds to them. */
  requestedReviewers?: string[];
  requestedTeams?: string[];
}

/** Makes requests fail: with an HTTP status (and GitHub's error body) or by never answering. */
export type Failure = { status: 401 | 403 | 404 | 500 | 502 | 503; times?: number; operation?: OperationId } | { timeout: true; operation?: OperationId };

/**
 * A wrong answer, as from a broken GitHub or something in between: applied after the honest body was
 * checked against the schema, and served as is.
 */
export interface Tamper {
  operation: OperationId;
  /** Only this page of a list (default: every page, and pulls/get). */
  page?: number;
  /** Rewrites the body. */
  body?: (body: unknown) => unknown;
  /** Rewrites the response headers (e.g. the Link header). */
  headers?: (headers: Record<string, string>) => Record<string, string>;
  /** Answers with a redirect to `location` instead. */
  redirect?: { status: 301 | 302 | 303 | 307 | 308; location: string };
  /** Only the first this many matching requests (default: all). */
  times?: number;
}

export interface GitHubServer {
  /** The API root to configure (GITHUB_API_URL), with the path prefix if one was asked for. */
  url: string;
  /** Every request, in order: method, path with query, and the Authorization header. */
  requests: Array<{ method: string; url: string; authorization: string | undefined; body?: unknown }>;
  /** Bodies that did not match GitHub's schema (each fails the test at close()). */
  violations: string[];
  pulls: FakePullRequest[];
  fail(failure: Failure | undefined): void;
  tamper(tamper: Tamper | undefined): void;
  close(): Promise<void>;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
addFormats.default(ajv);
ajv.addFormat('int32', { type: 'number', validate: Number.isInteger });
ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
const defs = vendored.$defs;
const validators = new Map<string, ValidateFunction>();

function validatorFor(operation: OperationId, status: number): ValidateFunction {
  const key = `${operation} ${status}`;
  let v = validators.get(key);
  if (!v) {
    const responses = (vendored.operations as Record<string, { responses: Record<string, unknown> }>)[operation]!.responses;
    // Errors the description does not list for an operation (401, 403) have GitHub's basic-error body.
    const schema = responses[String(status)] ?? { $ref: '#/$defs/basic-error' };
    v = ajv.compile({ ...(schema as Json), $defs: defs });
    validators.set(key, v);
  }
  return v;
}

function example(operation: OperationId): unknown {
  return structuredClone((vendored.operations as Record<string, { examples: Record<string, unknown> }>)[operation]!.examples['200']);
}

function user(login: string, id: number): Json {
  const base = (example('pulls/get') as Json).user as Json;
  return {
    ...base,
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.example/u/${id}`,
    html_url: `https://github.example/${login}`,
    url: `https://api.github.example/users/${login}`,
  };
}

function teamBody(slug: string, i: number): Json {
  const [template] = (example('pulls/get') as Json).requested_teams as Json[];
  return { ...template, id: 500 + i, slug, name: slug, type: 'organization', parent: null, html_url: `https://github.example/orgs/northwind/teams/${slug}` };
}

function requestedOf(pr: FakePullRequest): Json {
  return {
    requested_reviewers: (pr.requestedReviewers ?? []).map((l, i) => user(l, 5000 + i)),
    requested_teams: (pr.requestedTeams ?? []).map(teamBody),
  };
}

function pullBody(pr: FakePullRequest): Json {
  const body = example('pulls/get') as Json;
  const head = body.head as Json;
  const base = body.base as Json;
  return {
    ...body,
    number: pr.number,
    state: 'open',
    user: user(pr.author, 1000),
    ...requestedOf(pr),
    head: { ...head, sha: pr.headSha },
    base: { ...base, sha: pr.baseSha, ref: pr.baseRef ?? 'main', repo: { ...(base.repo as Json), default_branch: pr.defaultBranch ?? 'main' } },
    changed_files: pr.changedFiles ?? pr.files.length,
    commits: pr.commitCount ?? commitsOf(pr).length,
  };
}

/** A pull request as commits/{sha}/pulls lists it (pull-request-simple). */
function simplePullBody(pr: FakePullRequest): Json {
  const [body] = example('repos/list-pull-requests-associated-with-commit') as Json[];
  const head = body!.head as Json;
  const base = body!.base as Json;
  return {
    ...body,
    number: pr.number,
    state: pr.mergedAt ? 'closed' : 'open',
    user: user(pr.author, 1000),
    // GitHub's example team lacks the `type` its own schema requires.
    requested_teams: [],
    merged_at: pr.mergedAt ?? null,
    closed_at: pr.mergedAt ?? null,
    merge_commit_sha: pr.mergeCommitSha ?? null,
    head: { ...head, sha: pr.headSha },
    base: { ...base, sha: pr.baseSha, ref: pr.baseRef ?? 'main', repo: { ...(base.repo as Json), default_branch: pr.defaultBranch ?? 'main' } },
  };
}

function commitsOf(pr: FakePullRequest): FakeCommit[] {
  return pr.commits ?? [{ sha: pr.headSha, author: pr.author, committer: pr.author }];
}

function commitBody(c: FakeCommit, i: number): Json {
  const [template] = example('pulls/list-commits') as Json[];
  const parent = (n: number) => ({
    sha: n.toString(16).padStart(40, 'e'),
    url: 'https://api.github.example/parent',
    html_url: 'https://github.example/parent',
  });
  return {
    ...template,
    sha: c.sha,
    author: c.author === null ? null : user(c.author, 3000 + i),
    committer: c.committer === null ? null : user(c.committer, 4000 + i),
    parents: Array.from({ length: c.parents ?? 1 }, (_, k) => parent(k + 1)),
  };
}

function fileBody(f: FakeFile, i: number): Json {
  const [template] = example('pulls/list-files') as Json[];
  const out: Json = { ...template, sha: (i + 1).toString(16).padStart(40, '0'), filename: f.filename, status: f.status ?? 'modified' };
  if (f.previous_filename) out.previous_filename = f.previous_filename;
  else delete out.previous_filename;
  return out;
}

function reviewBody(r: FakeReview, i: number, pr: FakePullRequest): Json {
  const [template] = example('pulls/list-reviews') as Json[];
  const id = 9000 + i;
  const out: Json = {
    ...template,
    id,
    node_id: `PRR_${id}`,
    user: r.login === null ? null : user(r.login, 2000 + i),
    state: r.state,
    commit_id: r.commit_id,
    body: '',
  };
  out.html_url = `https://github.example/${pr.owner}/${pr.repo}/pull/${pr.number}#pullrequestreview-${id}`;
  if (r.state === 'PENDING') delete out.submitted_at;
  else out.submitted_at = r.submitted_at ?? new Date(Date.UTC(2026, 9, 1, 0, 0, i)).toISOString().replace('.000', '');
  return out;
}

const ROUTE = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)(\/files|\/reviews|\/commits|\/requested_reviewers)?$/;
const COMMIT_PULLS = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]{40})\/pulls$/;

/**
 * Starts the server on an ephemeral port of 127.0.0.1. `prefix` serves the API under a path, as
 * GitHub Enterprise Server does under /api/v3.
 */
export async function startGitHubServer(
  pulls: FakePullRequest[],
  options: {
    prefix?: string;
    /**
     * The token's account as GET /user answers it; undefined (default) answers 403 "Resource not accessible
     * by integration", as for a workflow's GITHUB_TOKEN, whose comments are github-actions[bot]'s.
     */
    tokenUser?: string;
  } = {},
): Promise<GitHubServer> {
  const requests: GitHubServer['requests'] = [];
  const violations: string[] = [];
  const prefix = options.prefix ?? '';
  let failure: (Failure & { used?: number }) | undefined;
  let tamper: (Tamper & { used?: number }) | undefined;
  /** Whether the tamper applies to this request (and counts it). */
  const tampers = (operation: OperationId, page: number): boolean => {
    if (!tamper || tamper.operation !== operation || (tamper.page !== undefined && tamper.page !== page)) return false;
    if (tamper.times !== undefined && (tamper.used ?? 0) >= tamper.times) return false;
    tamper.used = (tamper.used ?? 0) + 1;
    return true;
  };
  const sockets = new Set<Socket>();

  const send = (res: ServerResponse, operation: OperationId, status: number, body: unknown, headers: Record<string, string> = {}, page?: number) => {
    const validate = validatorFor(operation, status);
    if (!validate(body)) {
      violations.push(`${operation} ${status}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
      res.writeHead(599, { 'content-type': 'text/plain' }).end('response body does not match the GitHub OpenAPI schema');
      return;
    }
    let out: { body: unknown; headers: Record<string, string> } = {
      body,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', ...headers },
    };
    if (status === 200 && tamper && !tamper.redirect && tampers(operation, page ?? 1)) {
      out = { body: tamper.body ? tamper.body(structuredClone(body)) : body, headers: tamper.headers ? tamper.headers(out.headers) : out.headers };
    }
    res.writeHead(status, out.headers).end(JSON.stringify(out.body));
  };

  const errorBody = (status: number) => ({
    message:
      { 401: 'Bad credentials', 403: 'Forbidden', 404: 'Not Found', 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[status] ?? 'Error',
    documentation_url: 'https://docs.github.com/rest',
    status: String(status),
  });

  /** Serves one page of a list with GitHub's Link headers (absolute URLs). */
  const sendPage = (req: IncomingMessage, res: ServerResponse, url: URL, operation: OperationId, all: unknown[]) => {
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const link = (n: number, rel: string) => {
      const u = new URL(url.pathname, `http://${req.headers.host}`);
      for (const [k, v] of url.searchParams) if (k !== 'page' && k !== 'per_page') u.searchParams.set(k, v);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(n));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
    send(res, operation, 200, all.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {}, page);
  };

  /** The operations of `itsm collisions` and `itsm comment`; false when the path is none of theirs. */
  const handleMore = (req: IncomingMessage, res: ServerResponse, url: URL, path: string, body: unknown): boolean => {
    const method = req.method ?? 'GET';
    const pullsOf = (o: string, r: string) => pulls.filter((p) => p.owner === o && p.repo === r);
    const fail = (operation: OperationId): boolean => {
      if (!failure || (failure.operation && failure.operation !== operation)) return false;
      if ('timeout' in failure) return true;
      if (failure.times !== undefined && (failure.used ?? 0) >= failure.times) return false;
      failure.used = (failure.used ?? 0) + 1;
      send(res, operation, failure.status, errorBody(failure.status));
      return true;
    };
    let m: RegExpExecArray | null;
    if (path === '/user' && method === 'GET') {
      if (fail('users/get-authenticated')) return true;
      if (options.tokenUser === undefined)
        send(res, 'users/get-authenticated', 403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest',
          status: '403',
        });
      else send(res, 'users/get-authenticated', 200, { ...(example('users/get-authenticated') as Json), login: options.tokenUser, id: 77 });
      return true;
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(path)) && method === 'GET') {
      if (fail('pulls/list')) return true;
      const state = url.searchParams.get('state') ?? 'open';
      const listed = pullsOf(m[1]!, m[2]!)
        .filter((p) => state === 'all' || (p.state ?? 'open') === state)
        .sort((a, b) => b.number - a.number)
        .map((p) => ({ ...simplePullBody(p), state: p.state ?? 'open', title: p.title ?? `Pull request ${p.number}`, merged_at: null, closed_at: null }));
      sendPage(req, res, url, 'pulls/list', listed);
      return true;
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(path)) && method === 'GET') {
      if (fail('repos/get-content')) return true;
      const file = decodeURIComponent(m[3]!);
      const ref = url.searchParams.get('ref');
      const text = pullsOf(m[1]!, m[2]!).find((p) => p.headSha === ref)?.contents?.[file];
      if (text === undefined) {
        send(res, 'repos/get-content', 404, errorBody(404));
        return true;
      }
      const bytes = Buffer.from(text, 'utf8');
      const api = `https://api.github.example/repos/${m[1]}/${m[2]}/contents/${file}?ref=${ref}`;
      const html = `https://github.example/${m[1]}/${m[2]}/blob/${ref}/${file}`;
      const git = `https://api.github.example/repos/${m[1]}/${m[2]}/git/blobs/${'b'.repeat(40)}`;
      // GitHub wraps base64 at 60 characters.
      const content = (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n';
      send(res, 'repos/get-content', 200, {
        type: 'file',
        encoding: 'base64',
        size: bytes.length,
        name: file.split('/').pop(),
        path: file,
        content,
        sha: 'b'.repeat(40),
        url: api,
        git_url: git,
        html_url: html,
        download_url: `https://raw.github.example/${m[1]}/${m[2]}/${ref}/${file}`,
        _links: { git, html, self: api },
      });
      return true;
    }
    const commentBody = (c: FakeComment, p: FakePullRequest): Json => {
      const [template] = example('issues/list-comments') as Json[];
      const bot = c.login.endsWith('[bot]');
      return {
        ...template,
        id: c.id,
        node_id: `IC_${c.id}`,
        url: `https://api.github.example/repos/${p.owner}/${p.repo}/issues/comments/${c.id}`,
        html_url: `https://github.example/${p.owner}/${p.repo}/pull/${p.number}#issuecomment-${c.id}`,
        issue_url: `https://api.github.example/repos/${p.owner}/${p.repo}/issues/${p.number}`,
        body: c.body,
        // As GitHub names a bot: its API address percent-encoded, its page the app's.
        user: bot
          ? {
              ...user(c.login, 6000 + c.id),
              type: 'Bot',
              url: `https://api.github.example/users/${encodeURIComponent(c.login)}`,
              html_url: `https://github.example/apps/${c.login.replace('[bot]', '')}`,
            }
          : user(c.login, 6000 + c.id),
        author_association: bot ? 'NONE' : 'MEMBER',
      };
    };
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      const operation: OperationId = method === 'POST' ? 'issues/create-comment' : 'issues/list-comments';
      if (fail(operation)) return true;
      const p = pullsOf(m[1]!, m[2]!).find((x) => x.number === Number(m![3]));
      if (!p) {
        send(res, operation, 404, errorBody(404));
        return true;
      }
      p.comments ??= [];
      if (method === 'POST') {
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string') {
          send(res, operation, 422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' });
          return true;
        }
        const c = { id: 100 + nextComment++, login: options.tokenUser ?? 'github-actions[bot]', body: text };
        p.comments.push(c);
        send(res, operation, 201, commentBody(c, p), { location: String(commentBody(c, p).url) });
      } else
        sendPage(
          req,
          res,
          url,
          operation,
          p.comments.map((c) => commentBody(c, p)),
        );
      return true;
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path)) && method === 'PATCH') {
      if (fail('issues/update-comment')) return true;
      const p = pullsOf(m[1]!, m[2]!).find((x) => x.comments?.some((c) => c.id === Number(m![3])));
      const c = p?.comments?.find((x) => x.id === Number(m![3]));
      const text = (body as { body?: unknown } | undefined)?.body;
      if (!p || !c) send(res, 'issues/update-comment', 404, errorBody(404));
      else if (typeof text !== 'string')
        send(res, 'issues/update-comment', 422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' });
      else {
        c.body = text;
        send(res, 'issues/update-comment', 200, commentBody(c, p));
      }
      return true;
    }
    return false;
  };
  let nextComment = 0;

  const handle = (req: IncomingMessage, res: ServerResponse, body?: unknown) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, ...(body === undefined ? {} : { body }) });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : '/-outside-the-prefix';
    if (handleMore(req, res, url, path, body)) return;
    const m = ROUTE.exec(path);
    const byCommit = COMMIT_PULLS.exec(path);
    const operation: OperationId = byCommit
      ? 'repos/list-pull-requests-associated-with-commit'
      : m?.[4] === '/files'
        ? 'pulls/list-files'
        : m?.[4] === '/reviews'
          ? 'pulls/list-reviews'
          : m?.[4] === '/commits'
            ? 'pulls/list-commits'
            : m?.[4] === '/requested_reviewers'
              ? 'pulls/request-reviewers'
              : 'pulls/get';
    if (failure && (!failure.operation || failure.operation === operation)) {
      if ('timeout' in failure) return; // never answer: the client must give up on its own
      if (failure.times === undefined || (failure.used ?? 0) < failure.times) {
        failure.used = (failure.used ?? 0) + 1;
        return send(res, operation, failure.status, errorBody(failure.status));
      }
    }
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    if (tamper?.redirect && tampers(operation, page)) {
      return res.writeHead(tamper.redirect.status, { location: tamper.redirect.location }).end();
    }
    // The PRs a commit is merged as or is the head of; unknown commits list none, as on GitHub.
    const associated =
      byCommit && req.method === 'GET'
        ? pulls.filter((p) => p.owner === byCommit[1] && p.repo === byCommit[2] && (p.mergeCommitSha === byCommit[3] || p.headSha === byCommit[3]))
        : undefined;
    if (operation === 'pulls/request-reviewers') {
      const target = req.method === 'POST' ? pulls.find((p) => p.owner === m![1] && p.repo === m![2] && p.number === Number(m![3])) : undefined;
      if (!target) return send(res, operation, 404, errorBody(404));
      const asked = (body ?? {}) as { reviewers?: string[]; team_reviewers?: string[] };
      const reviewers = asked.reviewers ?? [];
      if (reviewers.some((l) => l.toLowerCase() === target.author.toLowerCase()))
        return send(res, operation, 422, {
          message: 'Review cannot be requested from pull request author.',
          documentation_url: 'https://docs.github.com/rest',
        });
      const add = (list: string[] | undefined, more: string[]) => [
        ...(list ?? []),
        ...more.filter((x, i) => more.indexOf(x) === i && !(list ?? []).some((y) => y.toLowerCase() === x.toLowerCase())),
      ];
      target.requestedReviewers = add(target.requestedReviewers, reviewers);
      target.requestedTeams = add(target.requestedTeams, asked.team_reviewers ?? []);
      return send(res, operation, 201, { ...simplePullBody(target), ...requestedOf(target) });
    }
    const pr = m && req.method === 'GET' ? pulls.find((p) => p.owner === m[1] && p.repo === m[2] && p.number === Number(m[3])) : undefined;
    if (!pr && !associated) return send(res, operation, 404, errorBody(404));
    if (operation === 'pulls/get') return send(res, operation, 200, pullBody(pr!), {}, 1);
    const all = associated
      ? associated.map(simplePullBody)
      : !pr
        ? []
        : operation === 'pulls/list-files'
          ? pr.files.slice(0, 3000).map(fileBody)
          : operation === 'pulls/list-commits'
            ? commitsOf(pr).slice(0, 250).map(commitBody)
            : pr.reviews.map((r, i) => reviewBody(r, i, pr));
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const link = (n: number, rel: string) => {
      const u = new URL(url.pathname, `http://${req.headers.host}`);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(n));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
    send(res, operation, 200, all.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {}, page);
  };

  const server = createServer((req, res) => {
    if (req.method !== 'POST' && req.method !== 'PATCH') return handle(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text: the route answers for what it can read
      }
      handle(req, res, body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    violations,
    pulls,
    fail(f) {
      failure = f ? { ...f } : undefined;
    },
    tamper(t) {
      tamper = t ? { ...t } : undefined;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (violations.length) throw new Error(`the test GitHub server served bodies that do not match GitHub's OpenAPI schema:\n${violations.join('\n')}`);
    },
  };
}
