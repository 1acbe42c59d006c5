import { parentPort, Worker, workerData } from 'node:worker_threads';

/** What a worker of an ordered pool tells the main thread about the unit it was sent. */
export type PoolMessage<R, P> =
  | { type: 'progress'; progress: P }
  | { type: 'done'; result: R }
  | { type: 'error'; message: string; stack: string };

/** How the main thread runs `count` units on worker threads, `jobs` at once. */
export interface OrderedPoolOptions<Q, R, P> {
  /** The TypeScript worker (loaded by workerBoot.js under tsx's loader), and its role. */
  entry: URL;
  role: string;
  jobs: number;
  count: number;
  /** The request for unit i (structured-cloned to the worker). */
  request: (i: number) => Q;
  /** Unit i's progress, as its worker tells it. */
  progress?: (i: number, p: P) => void;
  /** Unit i's worker is done with it (as it happens, before `done` in unit order). */
  finished?: (i: number) => void;
  /** Unit i's result, in unit order (a unit finished early waits for those before it). */
  done: (i: number, result: R) => void;
  /** The error a crash of unit i (a bug, not a verdict) is thrown as. */
  crash: (i: number, message: string, stack: string) => Error;
}

/**
 * Runs units on `jobs` worker threads, each worker taking the next unit when it is done
 * with one; `done` gets the results in unit order, so what the main thread reports is
 * what a run one after another would report. The first crash stops every worker and is
 * thrown (`crash` makes the error). `licsim verify` and `licsim fuzz` run on it.
 *
 * @example
 * await runOrdered({ entry, role: FUZZ_WORKER, jobs: 2, count: 3, request: (i) => ({ i }), done: print, crash: toError });
 */
export async function runOrdered<Q, R, P>(o: OrderedPoolOptions<Q, R, P>): Promise<void> {
  const finished = new Map<number, R>();
  let reported = 0;
  const done = (index: number, result: R) => {
    finished.set(index, result);
    for (let next = finished.get(reported); next !== undefined; next = finished.get(reported)) {
      finished.delete(reported);
      o.done(reported, next);
      reported++;
    }
  };
  const workers = new Set<Worker>();
  let crash: unknown = null;
  let next = 0;
  const runOn = (worker: Worker, index: number) =>
    new Promise<void>((resolve, reject) => {
      const settle = (then: () => void) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        then();
      };
      const onMessage = (m: PoolMessage<R, P>) => {
        if (m.type === 'progress') o.progress?.(index, m.progress);
        else if (m.type === 'done')
          settle(() => {
            // Reporting runs in this thread: its failure is licsim's, not the worker's.
            try {
              o.finished?.(index);
              done(index, m.result);
              resolve();
            } catch (error) {
              reject(error);
            }
          });
        else settle(() => reject(o.crash(index, m.message, m.stack)));
      };
      const onError = (error: Error) => settle(() => reject(o.crash(index, error.message, error.stack ?? '')));
      const onExit = (code: number) => settle(() => reject(o.crash(index, `its worker exited with code ${code}`, '')));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(o.request(index));
    });
  const lane = async () => {
    const worker = new Worker(new URL('./workerBoot.js', import.meta.url), {
      workerData: { role: o.role, entry: o.entry.href },
      stdout: false,
    });
    workers.add(worker);
    try {
      while (crash === null && next < o.count) await runOn(worker, next++);
    } catch (error) {
      // The first crash is the one to report: the workers stopped because of it exit after it.
      if (crash === null) crash = error;
      for (const w of workers) void w.terminate();
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, o.count) }, lane));
  if (crash !== null) throw crash;
}

/**
 * The worker's side: when this thread is a worker of `role`, answers each request with
 * `handle` (which may tell progress), one at a time; a throw is a crash, told with its stack.
 *
 * @example
 * serveOrdered(FUZZ_WORKER, (request: FuzzRequest) => fuzzUnit(request));
 */
export function serveOrdered<Q, R, P>(role: string, handle: (request: Q, progress: (p: P) => void) => R | Promise<R>): void {
  if (!parentPort || (workerData as { role?: string } | null)?.role !== role) return;
  const port = parentPort;
  const post = (m: PoolMessage<R, P>) => port.postMessage(m);
  let queue = Promise.resolve();
  port.on('message', (request: Q) => {
    queue = queue.then(async () => {
      try {
        post({ type: 'done', result: await handle(request, (progress) => post({ type: 'progress', progress })) });
      } catch (error) {
        post({ type: 'error', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack ?? '' });
      }
    });
  });
}
