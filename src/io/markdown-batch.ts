/**
 * Renders many bodies at once. Markdown is the biggest share of gathering the site's data, so for
 * large workspaces it runs on a worker thread while the main thread computes the rest of the pages.
 */
import { Worker } from 'node:worker_threads';
import { renderMarkdown } from './markdown.ts';
import type { RecordLinks } from './markdown-record-links.ts';
import { siblingModule } from './module-url.ts';

/** Below this many bodies a worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 2000;

/**
 * Starts rendering; the promise resolves to the HTML of each body, in order. IDs of the records in
 * `records` become links.
 */
export function renderMarkdownBatch(bodies: readonly string[], records?: RecordLinks): Promise<string[]> {
  const here = () => bodies.map((body) => renderMarkdown(body, records));
  if (bodies.length < WORKER_THRESHOLD) return Promise.resolve(here());
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(siblingModule(import.meta.url, 'markdown-worker'), { workerData: { bodies, records } });
    } catch {
      resolve(here());
      return;
    }
    let done = false;
    worker.once('message', (html: string[]) => {
      done = true;
      resolve(html);
      void worker.terminate();
    });
    // A worker that cannot run (e.g. no type stripping in workers) must not fail the build.
    worker.once('error', () => {
      if (!done) resolve(here());
    });
  });
}
