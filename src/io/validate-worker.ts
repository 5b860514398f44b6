/**
 * Worker thread for validateOnDisk: loads the parsers and validators as soon as it starts (while the
 * main thread is still reading the policies), then claims and analyzes chunks of record files until
 * none are left.
 */
import { parentPort } from 'node:worker_threads';
import { drainJobs, type SharedJobs } from './validate-run.ts';

const ready = Promise.all([import('./analyze.ts'), import('./workspace.ts')]);
parentPort!.once('message', (shared: SharedJobs) => {
  void ready.then(() => drainJobs(shared)).then((results) => parentPort!.postMessage(results));
});
