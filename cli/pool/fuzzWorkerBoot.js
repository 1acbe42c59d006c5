// A licsim fuzz worker thread's entry: registers tsx's loader in this thread (as workerBoot.js does for licsim run),
// then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./fuzzWorker.ts');
