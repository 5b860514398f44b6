/** Worker thread: renders a batch of Markdown bodies with the same pipeline as src/io/markdown.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { renderMarkdown } from './markdown.ts';
import type { RecordLinks } from './markdown-record-links.ts';

const { bodies, records } = workerData as { bodies: string[]; records?: RecordLinks };
parentPort!.postMessage(bodies.map((body) => renderMarkdown(body, records)));
