// A worker thread's entry for licsim's pools (run, verify, fuzz): registers tsx's loader in this thread, then loads
// the TypeScript worker its pool names in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
