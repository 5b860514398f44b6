/** `itsm upgrade-check [--from OLD]`: what this version of itsm will report on the workspace that the old one did not (see io/upgrade-check.ts). */
import { upgradeCheck, UpgradeCheckError } from '../io/upgrade-check.ts';
import { workspaceSettings } from '../io/reference-time.ts';
import { parseCommand } from './args.ts';
import { EXIT, usageError } from './exit-error.ts';
import type { CliIO } from './io.ts';
import { nowOrReference, parseFormat, workspaceRoot } from './options.ts';
import { formatDiagnostics, summarize } from './reporter.ts';

const HELP = `Usage: itsm upgrade-check [--from OLD] [--registry URL] [--root DIR] [--now ISO] [--format pretty|json]

Run it with the NEW version of itsm installed, in the pull request that bumps it: it validates the
workspace with the old version and with this one, and lists
  - the findings this version reports that the old one did not (new rules, stricter schemas),
  - the findings it no longer reports,
  - the fields a release in between renamed that records still use (\`itsm migrate\` rewrites them).

  --from OLD     the old itsm: a released version (e.g. 0.3.0, downloaded from the npm
                 registry and checked against its checksum), its package folder (for example
                 the base branch's node_modules/itsm, installed in another checkout) or its npm
                 tarball (.tgz); write ./0.3.0 for a folder named like a version.
                 Without it: the workspace's last full \`itsm validate\` (recorded in
                 .itsm-cache/last-run.json), when an older version ran it: run
                 \`itsm validate\` before \`npm install\` of the new version
  --registry URL the npm registry to download --from VERSION from (default: the one npm is
                 configured with: NPM_CONFIG_REGISTRY, else \`npm config get registry\`)
  --now ISO      the instant both versions judge the workspace at (default: itsm.yaml's
                 reference_time if set, else now)
  --format F     pretty (default) or json

Exit codes: 0 no new errors, 1 this version reports errors the old one did not (or records use
renamed fields), 2 bad arguments, the old package cannot be run, or the registry cannot be
reached or has no such version.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(
    'upgrade-check',
    args,
    { from: { type: 'string' }, registry: { type: 'string' }, root: { type: 'string' }, now: { type: 'string' }, format: { type: 'string' } },
    HELP,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values } = parsed;
  const format = parseFormat('upgrade-check', values.format, ['pretty', 'json']);
  const root = workspaceRoot('upgrade-check', io, values.root);
  const now = nowOrReference('upgrade-check', values.now, workspaceSettings(root)).text;
  let result;
  try {
    result = await upgradeCheck({
      root,
      now,
      env: io.env,
      ...(values.from === undefined ? {} : { from: values.from }),
      ...(values.registry === undefined ? {} : { registry: values.registry }),
    });
  } catch (err) {
    if (err instanceof UpgradeCheckError) throw usageError(`itsm upgrade-check: ${err.message}`);
    throw err;
  }
  const { before, after, added, gone, migration } = result;
  const newErrors = added.filter((d) => d.severity === 'error').length;
  if (format === 'json') {
    io.stdout(
      JSON.stringify(
        { from: before.version, to: after.version, records: after.records, added, gone, renames: result.renames, migrate: migration.changes },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.stdout(`itsm ${before.version} -> ${after.version} on ${after.records} records, judged at ${now}.\n`);
    if (before.source === 'last-run') io.stdout(`(${before.version}: its last \`itsm validate\` of this workspace, on the files as they were then.)\n`);
    io.stdout('\n');
    if (added.length) {
      io.stdout(`New with ${after.version} (not reported by ${before.version}):\n`);
      io.stdout(formatDiagnostics(added, 'pretty', summarize(after.records, added)));
    } else io.stdout(`Nothing new: ${after.version} reports nothing that ${before.version} did not.\n`);
    if (gone.length)
      io.stdout(
        `\nNo longer reported by ${after.version}: ${gone.length} finding${gone.length === 1 ? '' : 's'} (${[...new Set(gone.map((d) => d.rule))].join(', ')}).\n`,
      );
    if (migration.changes.length) {
      io.stdout(
        `\nFields renamed since ${before.version}, still used here: run \`itsm migrate --from ${before.version}\` to rewrite ${migration.rewritten.size} record${migration.rewritten.size === 1 ? '' : 's'}:\n`,
      );
      for (const c of migration.changes) io.stdout(`  ${c.file}: ${c.from} -> ${c.to}\n`);
    }
  }
  return newErrors > 0 || migration.changes.length > 0 ? EXIT.failed : EXIT.ok;
}
