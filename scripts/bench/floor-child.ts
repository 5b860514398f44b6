// The floor, in its own process: list and read every record file; then the same plus js-yaml `load`
// of the front matter. Nothing else (process start is not counted here, though it is for itsm).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const [root, mode] = process.argv.slice(2) as [string, 'read' | 'parse'];
const t0 = performance.now();
const u0 = process.resourceUsage();
const cpu0 = (u0.userCPUTime + u0.systemCPUTime) / 1000;
const files = readdirSync(join(root, 'content'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md'))
  .map((f) => join(root, 'content', f));
let n = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (mode === 'parse') {
    const end = text.indexOf('\n---', 3);
    if (load(text.slice(4, end))) n++;
  } else n += text.length > 0 ? 1 : 0;
}
const ms = performance.now() - t0;
const usage = process.resourceUsage();
// CPU of the floor's work only (the process's start-up CPU, measured before t0, is left out like its time).
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000 - cpu0;
process.stdout.write(JSON.stringify({ ms, cpuMs, files: n, maxRSS: usage.maxRSS }));
