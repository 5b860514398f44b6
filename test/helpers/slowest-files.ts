/**
 * A vitest reporter that lists the ten slowest test files after a run (next to the default
 * reporter, whose summary it leaves as it is), so the next slow file is found where it lands.
 */
import type { Reporter, TestModule, Vitest } from 'vitest/node';

const SHOWN = 10;

/** Wall time of a file in its worker: environment, import and collection, setup, then its tests. */
function fileTime(m: TestModule): number {
  const d = m.diagnostic();
  return d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
}

export default class SlowestFiles implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (modules.length < 2 || !this.vitest) return;
    const rows = modules
      .map((m) => ({ file: m.relativeModuleId, ms: fileTime(m) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SHOWN);
    const width = Math.max(...rows.map((r) => (r.ms / 1000).toFixed(1).length));
    this.vitest.logger.log(
      `\n Slowest ${rows.length} test files:\n` + rows.map((r) => `   ${(r.ms / 1000).toFixed(1).padStart(width)} s  ${r.file}`).join('\n') + '\n',
    );
  }
}
