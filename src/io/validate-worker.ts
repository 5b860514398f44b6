/** Worker thread for validateOnDisk: claims and analyzes chunks of record files until none are left. */
import { parentPort, workerData } from 'node:worker_threads';
import { drainJobs, type SharedJobs } from './validate-run.ts';

parentPort!.postMessage(await drainJobs(workerData as SharedJobs));
