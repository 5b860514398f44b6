// Runs the itsm CLI in this process, then reports the process's peak memory (kB) on stderr.
import { main } from '../../src/cli/main.ts';
import { processIO } from '../../src/cli/io.ts';

const code = await main(process.argv.slice(2), processIO());
process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
