/** The registry of subcommands: each lives in its own file and is loaded only when run. */
import type { CliIO } from './io.ts';

export interface Command {
  /** One line for `itsm --help`. */
  summary: string;
  load: () => Promise<{ run(args: string[], io: CliIO): Promise<number> }>;
}

export const COMMANDS: Record<string, Command> = {
  validate: { summary: 'Check every record and policy: schema, references, rules (and, with --base, history rules).', load: () => import('./validate.ts') },
  sla: { summary: 'Compute response and resolution SLAs on business calendars.', load: () => import('./sla.ts') },
  queue: { summary: 'The open work, soonest SLA due time first: per team, per person, or unassigned.', load: () => import('./queue.ts') },
  report: { summary: 'MTTA, MTTR, SLA attainment, volumes, change success and failure rates.', load: () => import('./report.ts') },
  history: { summary: "A record's story from git: who changed which field, when, in which PR.", load: () => import('./history.ts') },
  'as-of': { summary: 'Write out the workspace as it stood at a date.', load: () => import('./as-of.ts') },
  approvals: { summary: "Decide whether a pull request's changes have the approvals the change policy requires.", load: () => import('./approvals.ts') },
  evidence: {
    summary: 'Record approval evidence after a merge (git notes), or show who approved each change in which PR.',
    load: () => import('./evidence.ts'),
  },
  build: { summary: 'Validate, compute SLAs, read history and build the static site with its search index.', load: () => import('./build.ts') },
  serve: { summary: 'Serve the built site on 127.0.0.1.', load: () => import('./serve.ts') },
  new: { summary: 'Create a record from the workspace template for its kind, with the next free ID.', load: () => import('./new.ts') },
  update: {
    summary: 'Change a record in one step: status (with milestone and timeline entry), fields, a note; validated before writing.',
    load: () => import('./update.ts'),
  },
  assign: {
    summary: 'Assign a record to a person or a team (itsm update assignee=/team=).',
    load: async () => ({ run: (await import('./update.ts')).assign }),
  },
  resolve: {
    summary: "Resolve a record with its resolution (its kind's done status: resolved, fulfilled, completed).",
    load: async () => ({ run: (await import('./update.ts')).resolve }),
  },
  close: { summary: 'Close a resolved incident or problem.', load: async () => ({ run: (await import('./update.ts')).close }) },
  reopen: {
    summary: 'Reopen a resolved, closed or cancelled record, clearing how it ended.',
    load: async () => ({ run: (await import('./update.ts')).reopen }),
  },
  renumber: { summary: 'Give a record a new ID and rewrite every reference to it across the workspace.', load: () => import('./renumber.ts') },
  impact: { summary: 'What depends on a CI or service, what it depends on, and the incidents and changes touching it.', load: () => import('./impact.ts') },
  status: { summary: 'Service status from open incidents, upcoming maintenance, availability over 30 and 90 days.', load: () => import('./status.ts') },
  import: { summary: 'Import a ServiceNow or Jira Service Management export as records, never overwriting.', load: () => import('./import.ts') },
  intake: { summary: 'Turn a GitHub issue made with an intake form into an incident or request record.', load: () => import('./intake.ts') },
  notify: { summary: 'Post new major incidents and SLA breaches to a Slack or Teams webhook.', load: () => import('./notify.ts') },
  'editor-settings': {
    summary: 'Write the VS Code settings that complete front matter and policy files from the schemas (frontmatter.json, .vscode/).',
    load: () => import('./editor-settings.ts'),
  },
  init: { summary: 'Create a workspace repository that runs this package: examples, policies, workflows, first commit.', load: () => import('./init.ts') },
  'upgrade-check': {
    summary: 'After bumping itsm: what the new version reports on this workspace that the old one did not, and renamed fields.',
    load: () => import('./upgrade-check.ts'),
  },
  migrate: { summary: 'Rewrite records that use a field a release of itsm renamed (keeps comments and order).', load: () => import('./migrate.ts') },
  demo: { summary: 'The main job on a workspace: validate, SLA summary, build and serve the site.', load: () => import('./demo.ts') },
};
