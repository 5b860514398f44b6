// Runs the itsm CLI in this process, then reports the process's peak memory (kB) on stderr.
import { main } from '../../src/cli/main.ts';
import { processIO } from '../../src/cli/io.ts';

const code = await main(process.argv.slice(2), processIO());
const usage = process.resourceUsage();
// CPU time (user + system, all threads) besides wall time: on a shared machine it moves far less with the load.
process.stderr.write(`\nmaxRSS=${usage.maxRSS}\ncpuMs=${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`);
process.exitCode = code;
