// Like measured-child.ts, on the compiled JavaScript of the npm package (dist-pkg/, built by
// scripts/build-package.ts): no type stripping at start-up.
import { main } from '../../dist-pkg/cli/main.js';
import { processIO } from '../../dist-pkg/cli/io.js';

const code = await main(process.argv.slice(2), processIO());
const usage = process.resourceUsage();
// CPU time (user + system, all threads) besides wall time: on a shared machine it moves far less with the load.
process.stderr.write(`\nmaxRSS=${usage.maxRSS}\ncpuMs=${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`);
process.exitCode = code;
