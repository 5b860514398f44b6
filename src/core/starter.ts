/**
 * What `itsm init` writes, decided without touching the disk: the content of a new workspace (one
 * example per kind, or the whole demo) and the repository around it (package.json, workflows,
 * CODEOWNERS, README). Everything is derived from the package's own files and the kind definitions:
 * adding a kind adds its example here without an edit.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { GATE_FILE_NAMES, GOVERNED_PREFIXES } from './approvals/inputs.ts';
import { editorFiles, editorSettings } from './editor-settings.ts';
import { formatNumberedId, isValidId, kindOfId, type Kind } from './ids.ts';
import { REGISTRY } from './kinds/index.ts';
import { recordFromTemplate, type JsonSchema } from './new-record.ts';
import { splitFrontMatter } from './record-writer.ts';
import type { SchemaDocuments } from './validate/validators.ts';

/** Files as path (relative, with /) -> text. */
export type FileSet = Map<string, string>;

export interface StarterInput {
  /** The package's demo workspace: content/** and itsm.yaml, as they ship. */
  demo: ReadonlyMap<string, string>;
  /** The kinds' JSON Schemas by schema name. */
  schemas: Readonly<Record<string, object>>;
  /** The instant the examples are stamped with (`{{now}}` in templates). */
  now: string;
  /** The new workspace's name (itsm.yaml `name`). */
  name: string;
}

const TEMPLATES = 'content/.templates/';
const POLICIES = 'content/policies/';

/**
 * The content of a new workspace: itsm.yaml, the templates, the default policies and one example
 * per kind. Each example is the kind's template filled with a demo record's fields (so it is
 * realistic and passes every rule); its references point at the other examples. The demo records
 * are chosen around one service (the demo's most referenced), so that they agree with each other
 * (a request's offering is one its service offers). Policy entries that name demo records the
 * starter does not have are left out.
 */
export function starterContent(input: StarterInput): FileSet {
  const { demo } = input;
  const out: FileSet = new Map();
  const settings = parseDocument(demo.get('itsm.yaml') ?? '');
  const timeZone = String(settings.get('time_zone') ?? 'UTC');
  out.set('itsm.yaml', workspaceSettings(input.name, timeZone));
  for (const [path, text] of demo) if (path.startsWith(TEMPLATES)) out.set(path, text);

  const records = demoRecords(demo);
  const sources = chooseSources(records);
  withTheirPeople(sources, records);
  const ids = new Map<string, string>();
  for (const [kind, data] of sources) ids.set(kind, REGISTRY.get(kind).numbered ? formatNumberedId(kind, 1n) : String(data.id));
  for (const [kind, data] of sources) {
    const def = REGISTRY.get(kind);
    const id = ids.get(kind)!;
    const fields: Record<string, unknown> = { ...data };
    delete fields.id;
    for (const rel of REGISTRY.relationsFrom(kind)) {
      if (!(rel.field in fields)) continue;
      const target = ids.get(rel.to);
      if (rel.to === kind || target === undefined) delete fields[rel.field];
      else fields[rel.field] = rel.many ? [target] : target;
    }
    const template = demo.get(`${TEMPLATES}${kind}.md`) ?? `---\nid: "{{id}}"\n---\n`;
    const made = recordFromTemplate(kind, input.schemas[def.schema] as JsonSchema, template, {
      id,
      title: '',
      now: input.now,
      timeZone,
      fields,
      matrix: undefined,
    });
    if (!made.ok) throw new Error(`the package's ${kind} template cannot make the starter example: ${made.message}`);
    out.set(`content/${def.folder}/${id}.md`, made.value);
  }
  const kept = new Set(ids.values());
  for (const [path, text] of demo) if (path.startsWith(POLICIES)) out.set(path, withoutEntriesNaming(text, kept));
  return out;
}

/** The whole demo workspace, as the package ships it (`itsm init --demo`). */
export function demoContent(demo: ReadonlyMap<string, string>): FileSet {
  return new Map(demo);
}

function workspaceSettings(name: string, timeZone: string): string {
  return [
    '# Workspace settings (schema: node_modules/itsm/schemas/workspace.schema.json).',
    `name: ${JSON.stringify(name)}`,
    `time_zone: ${timeZone}`,
    '# repo_url: https://github.com/OWNER/REPO',
    'default_branch: main',
    '',
  ].join('\n');
}

type Data = Record<string, unknown>;

/** The demo's records by kind, in ID order. */
function demoRecords(demo: ReadonlyMap<string, string>): Map<Kind, Data[]> {
  const byKind = new Map<Kind, Data[]>();
  for (const kind of REGISTRY.kinds) byKind.set(kind, []);
  for (const path of [...demo.keys()].sort()) {
    const m = /^content\/([^/.][^/]*)\/([^/]+)\.md$/.exec(path);
    const kind = m && REGISTRY.kindOfFolder(m[1]!);
    if (!kind) continue;
    const split = splitFrontMatter(demo.get(path)!);
    const data: unknown = split ? parseDocument(split.yaml).toJS() : undefined;
    if (data && typeof data === 'object' && !Array.isArray(data)) byKind.get(kind)!.push(data as Data);
  }
  return byKind;
}

/** A person of a team file: `login` is their handle; `other_logins` name the same person. */
type Member = { login?: unknown; other_logins?: unknown };

/**
 * People are named by handle (assignees, timeline authors...) and must be members of a team file,
 * so the example team (the kind whose records list `members`) gets, besides its own members,
 * every demo member the other examples name, with their entry as the demo has it.
 */
function withTheirPeople(sources: Map<Kind, Data>, byKind: Map<Kind, Data[]>): void {
  const isMemberList = (v: unknown): v is Member[] => Array.isArray(v) && v.every((m) => typeof m === 'object' && m !== null && 'login' in m);
  const teamKind = [...byKind].find(([, records]) => records.some((d) => isMemberList(d.members)))?.[0];
  const team = teamKind && sources.get(teamKind);
  if (!teamKind || !team) return;
  const byLogin = new Map<string, Member>();
  for (const d of byKind.get(teamKind)!)
    if (isMemberList(d.members))
      for (const m of d.members)
        for (const login of [m.login, ...(Array.isArray(m.other_logins) ? (m.other_logins as unknown[]) : [])])
          if (typeof login === 'string') byLogin.set(login, m);
  const named = new Set<Member>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = byLogin.get(v);
      if (m) named.add(m);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit);
  };
  for (const [kind, data] of sources) if (kind !== teamKind) visit(data);
  const members = isMemberList(team.members) ? [...team.members] : [];
  for (const m of named) if (!members.some((own) => own.login === m.login)) members.push(m);
  sources.set(teamKind, { ...team, members });
}

/** The demo record each example is made from: the most referenced service, and per kind the first record that uses it. */
function chooseSources(byKind: Map<Kind, Data[]>): Map<Kind, Data> {
  const serviceRefs = (kind: string, data: Data): string[] =>
    REGISTRY.relationsFrom(kind)
      .filter((r) => r.to === 'service')
      .flatMap((r) => [data[r.field]].flat())
      .filter((v): v is string => typeof v === 'string');
  const uses = new Map<string, number>();
  for (const [kind, records] of byKind) for (const data of records) for (const id of serviceRefs(kind, data)) uses.set(id, (uses.get(id) ?? 0) + 1);
  const hub = [...uses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const sources = new Map<Kind, Data>();
  for (const [kind, records] of byKind) {
    const chosen = records.find((d) => d.id === hub) ?? records.find((d) => hub !== undefined && serviceRefs(kind, d).includes(hub)) ?? records[0];
    if (chosen) sources.set(kind, chosen);
  }
  return sources;
}

/**
 * A policy file without the entries of its top-level lists that name a record not in `kept` (an
 * SLA policy for the demo's payment services, a freeze of them): dropping the whole entry, not
 * just the name, keeps an entry from silently widening to everything. Comments stay.
 */
export function withoutEntriesNaming(text: string, kept: ReadonlySet<string>): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return text;
  let changed = false;
  for (const pair of doc.contents.items) {
    if (!isSeq(pair.value)) continue;
    const seq = pair.value;
    const before = seq.items.length;
    seq.items = seq.items.filter((item) => !namesMissing(item as Node, kept));
    changed ||= seq.items.length !== before;
  }
  return changed ? doc.toString({ flowCollectionPadding: false, lineWidth: 0 }) : text;
}

function namesMissing(node: Node | null, kept: ReadonlySet<string>): boolean {
  if (node === null) return false;
  if (isScalar(node)) {
    const v = node.value;
    return typeof v === 'string' && kindOfId(v) !== undefined && isValidId(v) && !kept.has(v);
  }
  if (isSeq(node)) return node.items.some((i) => namesMissing(i as Node, kept));
  if (isMap(node)) return node.items.some((p) => namesMissing(p.value as Node, kept));
  return false;
}

export interface ScaffoldInput {
  /** The folder name, for package.json's `name`. */
  folder: string;
  /** The workspace's display name. */
  name: string;
  /** This package's version: the workspace depends on exactly it (an upgrade is a one-line bump). */
  version: string;
  /** The package's own workflows (.github/workflows/*.yml), file name -> text. */
  workflows: ReadonlyMap<string, string>;
  /** The intake issue forms rendered for the new content, path -> text. */
  issueForms: Readonly<Record<string, string>>;
  /** The package's JSON Schemas, for the editor settings. */
  schemas: SchemaDocuments;
}

/** Where a workspace's editor finds the package's schema `name`: the installed package, so it matches the version in use. */
export const installedSchemaPath = (name: string) => `./node_modules/itsm/schemas/${name}.schema.json`;

/** How the package's workflows run itsm (from its sources) and how a workspace's run it (the installed package). */
const WORKFLOW_COMMANDS: ReadonlyArray<readonly [RegExp, string]> = [
  // The approvals check runs the base commit's itsm, installed in tooling/.
  [/node \.\.\/tooling\/src\/cli\/main\.ts/g, '../tooling/node_modules/.bin/itsm'],
  [/node src\/cli\/main\.ts/g, 'npx itsm'],
];

/** A workflow of the package, rewritten to call the installed package; throws if it runs source files. */
export function workspaceWorkflow(file: string, text: string): string {
  let out = text;
  for (const [from, to] of WORKFLOW_COMMANDS) out = out.replace(from, to);
  const stray = /\bnode\s+\S*\bsrc\/\S+/.exec(out);
  if (stray) throw new Error(`.github/workflows/${file} runs "${stray[0]}", which a workspace does not have: call \`npx itsm\`.`);
  return out;
}

/**
 * A workflow only a workspace has: on a pull request that changes the package files (a version
 * bump), `itsm upgrade-check` of the new version against the base commit's. Read-only token, no
 * install scripts; the base's ref reaches `with:`, never a script.
 */
export const UPGRADE_CHECK_WORKFLOW = `# Before a bump of itsm is merged: what the new version reports on this workspace that the old
# one did not (new rules, stricter schemas) and the fields it renamed (\`npx itsm migrate\` rewrites
# them). See node_modules/itsm/docs/adopting.md. Runs on pull requests that change the package
# files; the token can only read, and dependencies install without their scripts.
name: upgrade check

on:
  pull_request:
    paths: ['package.json', 'package-lock.json']

permissions:
  contents: read

jobs:
  upgrade-check:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - name: Check out the base commit (the version in use)
        uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.base.sha }}
          path: base
          persist-credentials: false
      - name: Check out the pull request (the new version)
        uses: actions/checkout@v4
        with:
          path: workspace
          persist-credentials: false
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - name: Install the version in use
        working-directory: base
        run: npm ci --ignore-scripts --no-audit --no-fund
      - name: Install the new version
        working-directory: workspace
        run: npm ci --ignore-scripts --no-audit --no-fund
      - name: What the new version reports that the old one did not
        working-directory: workspace
        run: npx itsm upgrade-check --from ../base/node_modules/itsm
`;

/** The repository around the content: package.json, workflows, issue forms, CODEOWNERS, README, .gitignore, editor settings. */
export function workspaceScaffold(input: ScaffoldInput): FileSet {
  const out: FileSet = new Map();
  const pkg = {
    name: packageName(input.folder),
    private: true,
    type: 'module',
    description: `${input.name}: an ITSM workspace (records, policies and a site) in git, run by the itsm package.`,
    scripts: { validate: 'itsm validate', build: 'itsm build', new: 'itsm new', 'upgrade-check': 'itsm upgrade-check' },
    dependencies: { itsm: input.version },
  };
  out.set('package.json', JSON.stringify(pkg, null, 2) + '\n');
  out.set('.gitignore', ['node_modules/', 'dist/', 'dist-shard-*/', '.itsm-cache/', '.itsm-build-*/', ''].join('\n'));
  for (const [file, text] of [...input.workflows].sort(([a], [b]) => a.localeCompare(b))) out.set(`.github/workflows/${file}`, workspaceWorkflow(file, text));
  out.set('.github/workflows/upgrade-check.yml', UPGRADE_CHECK_WORKFLOW);
  for (const [path, text] of Object.entries(input.issueForms)) out.set(path, text);
  out.set('.github/CODEOWNERS', codeowners());
  out.set('README.md', teamReadme(input));
  for (const [path, text] of Object.entries(editorFiles(editorSettings(REGISTRY, input.schemas, installedSchemaPath)))) out.set(path, text);
  return out;
}

/** npm's rules for a package name, from the folder's name. */
function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name || 'itsm-workspace';
}

function codeowners(): string {
  const lines = [
    '# Who judges changes is itself governed. With "Require review from Code Owners" (branch protection or a',
    '# ruleset on the default branch), edits to the change policy, the teams, the workflows, the schema',
    "# overrides and the package versions need a review from the CAB. Replace @OWNER/cab with your CAB's",
    '# GitHub team (it needs write access). `itsm approvals` enforces the same from the base branch.',
    '',
    ...[...GOVERNED_PREFIXES, '.github/', 'schemas/'].map((p) => `/${p.padEnd(29)} @OWNER/cab`),
    ...GATE_FILE_NAMES.map((f) => `${f.padEnd(30)} @OWNER/cab`),
    '',
  ];
  return lines.join('\n');
}

function teamReadme(input: ScaffoldInput): string {
  return `# ${input.name}

Our incidents, problems, changes, requests, CMDB and knowledge base, as reviewed Markdown in git.
The tool is the npm package [itsm](https://www.npmjs.com/package/itsm) at the version in
\`package.json\`; nothing of its code is copied here.

## Start

\`\`\`sh
npm install                  # once, then commit package-lock.json (the workflows run npm ci)
npx itsm validate            # every record and policy
npx itsm new incident --title "Checkout returns 500" service=SVC-...
npx itsm build && npx itsm serve
\`\`\`

- \`content/\`: one folder per kind of record, \`content/policies/\` (SLA, calendars, priority
  matrix, change policy) and \`content/.templates/\` (what \`itsm new\` starts from). The records
  here are examples: change or delete them.
- \`.github/workflows/\`: validation of every pull request, change approvals, the site on GitHub
  Pages, the daily SLA check, intake from issue forms, chat notifications, and a back-test of
  every policy edit posted on its pull request. They call
  \`npx itsm\`. \`.github/CODEOWNERS\` names who reviews policy changes: replace \`@OWNER/cab\`.
- \`schemas/<kind>.schema.json\` (optional): our own fields for a kind, merged over the package's
  schema (see the package's docs/adopting.md).
- \`frontmatter.json\`, \`.vscode/\`: completion of front matter and policy files in VS Code (accept
  the recommended extensions; see the package's docs/adopting.md).

## Upgrade

Bump \`itsm\` in \`package.json\` in a pull request: the \`upgrade check\` workflow lists what the new
version reports that the old one did not. By hand: \`npx itsm validate\`, \`npm install\` the new
version, then \`npx itsm upgrade-check\` (or \`--from\` the old package folder or tarball).
\`npx itsm migrate\` rewrites fields a release renamed.
`;
}
