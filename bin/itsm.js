#!/usr/bin/env node
// The `itsm` command. The source is TypeScript that Node >= 22.12 runs directly (type stripping).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `itsm needs Node.js 22.12 or newer; this is ${process.version}.\nRun it through ./dev (which provisions Node into .cache/) or put a newer Node first on PATH.\n`,
  );
  process.exit(2);
}
const { cli } = await import('../src/cli/main.ts');
await cli();
