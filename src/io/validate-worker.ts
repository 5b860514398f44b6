/** Worker thread for validateOnDisk: analyzes its share of the record files. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeJobs } from './validate-run.ts';

const { root, jobs, policies } = workerData as { root: string; jobs: Parameters<typeof analyzeJobs>[1]; policies: Parameters<typeof analyzeJobs>[2] };
parentPort!.postMessage(analyzeJobs(root, jobs, policies));
