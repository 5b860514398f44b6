/** Worker thread: renders a batch of Markdown bodies with the same pipeline as src/io/markdown.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { renderMarkdown } from './markdown.ts';

const bodies = workerData as string[];
parentPort!.postMessage(bodies.map(renderMarkdown));
