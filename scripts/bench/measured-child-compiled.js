// Like measured-child.ts, on the compiled JavaScript of the npm package (dist-pkg/, built by
// scripts/build-package.ts): no type stripping at start-up.
import { main } from '../../dist-pkg/cli/main.js';
import { processIO } from '../../dist-pkg/cli/io.js';

const code = await main(process.argv.slice(2), processIO());
process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
