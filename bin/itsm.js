#!/usr/bin/env node
// The `itsm` command. In this repository it runs the TypeScript sources (Node >= 22.12 strips
// types); installed from npm (under node_modules, where Node strips no types) it runs the compiled
// JavaScript in dist-pkg/ that `npm pack` builds (scripts/build-package.ts).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `itsm needs Node.js 22.12 or newer; this is ${process.version}.\nRun it through ./dev (which provisions Node into .cache/) or put a newer Node first on PATH.\n`,
  );
  process.exit(2);
}
const installed = /[\\/]node_modules[\\/]/.test(import.meta.filename);
const { cli } = await import(installed ? '../dist-pkg/cli/main.js' : '../src/cli/main.ts');
await cli();
