/**
 * Worker thread for validateOnDisk: loads the parsers and validators as soon as it starts (while the
 * main thread is still reading the policies), then claims and analyzes chunks of record files until
 * none are left, posting each chunk's results on the port it was given, then `done`.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { drainJobs, type SharedJobs } from './validate-drain.ts';

const ready = Promise.all([import('./analyze.ts'), import('./workspace.ts')]);
parentPort!.once('message', ({ shared, port }: { shared: SharedJobs; port: MessagePort }) => {
  void ready.then(() => drainJobs(shared, (results) => port.postMessage(results))).then(() => port.postMessage('done'));
});
