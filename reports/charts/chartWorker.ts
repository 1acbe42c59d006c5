/** A worker thread that renders charts and writes their PNGs (chartPool.ts): one job at a time, as they come. */
import { parentPort } from 'node:worker_threads';
import { writeChartFile } from './chartFile.ts';
import type { ChartAnswer, ChartJob } from './chartJobs.ts';

const port = parentPort;
if (!port) throw new Error('chartWorker.ts runs as a worker thread (chartPool.ts)');
port.on('message', (job: ChartJob) => {
  writeChartFile(job.spec, job.dir, job.runId).then(
    (entry) => port.postMessage({ id: job.id, ok: true, entry } satisfies ChartAnswer),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id: job.id, ok: false, message: e.message, stack: e.stack ?? '' } satisfies ChartAnswer);
    },
  );
});
