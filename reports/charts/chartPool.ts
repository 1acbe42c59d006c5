import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ManifestEntry } from '../io/manifest.ts';
import type { ChartSpec } from '../types.ts';
import { writeChartFile } from './chartFile.ts';
import type { ChartAnswer, ChartJob } from './chartJobs.ts';
import { loadRenderer } from './renderPng.ts';

/** Charts a worker thread must have to earn its start (loading Chart.js and canvas costs about as much as drawing 20). */
const CHARTS_PER_THREAD = 50;
/** Worker threads at most: each holds its own Chart.js, canvas and heap. */
const MAX_THREADS = 4;
/** Jobs handed to a worker at once: the next waits in its queue while it draws, nothing more is held. */
const IN_FLIGHT = 2;

/**
 * Worker threads for `charts` charts: one per core up to {@link MAX_THREADS},
 * one per {@link CHARTS_PER_THREAD} charts; 0 (draw in this thread) when fewer
 * than two would start, as one worker would only move the work.
 */
export function chartThreads(charts: number): number {
  const n = Math.min(availableParallelism(), MAX_THREADS, Math.floor(charts / CHARTS_PER_THREAD));
  return n >= 2 ? n : 0;
}

interface Pending {
  job: ChartJob;
  resolve: (entry: ManifestEntry | null) => void;
  reject: (error: Error) => void;
}

interface Lane {
  worker: Worker;
  busy: Map<number, Pending>;
}

/**
 * Renders charts and writes their PNGs, on worker threads or in this one
 * (`threads` 0). Each PNG is drawn, written and dropped where it is drawn:
 * only its manifest entry comes back, so memory holds at most
 * {@link IN_FLIGHT} charts per thread whatever the report's size. A worker that
 * dies hands its charts back; with none left they are drawn here.
 */
export class ChartPool {
  private readonly queue: Pending[] = [];
  private nextId = 0;

  private constructor(private readonly lanes: Lane[]) {}

  /** A pool of `threads` worker threads (0: charts are drawn in this thread) for charts of `size`. */
  static start(threads: number, size: { width: number; height: number }): ChartPool {
    const lanes: Lane[] = [];
    const pool = new ChartPool(lanes);
    if (threads > 0) loadRenderer(size);
    for (let i = 0; i < threads; i++) {
      const lane: Lane = { worker: new Worker(new URL('./chartWorkerBoot.js', import.meta.url)), busy: new Map() };
      lane.worker.on('message', (answer: ChartAnswer) => pool.answered(lane, answer));
      lane.worker.on('error', () => pool.lost(lane));
      lane.worker.on('exit', () => pool.lost(lane));
      lanes.push(lane);
    }
    return pool;
  }

  /** Worker threads drawing (0: in this thread). */
  get threads(): number {
    return this.lanes.length;
  }

  /** Renders `spec` into its file in report folder `dir`, tagged with the run id: its manifest entry, or null when it did not render. */
  render(spec: ChartSpec, dir: string, runId: string): Promise<ManifestEntry | null> {
    if (this.lanes.length === 0) return writeChartFile(spec, dir, runId);
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, spec, dir, runId }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    const lanes = this.lanes.splice(0);
    await Promise.all(lanes.map((l) => l.worker.terminate()));
  }

  private dispatch(): void {
    if (this.lanes.length === 0) {
      for (const p of this.queue.splice(0)) writeChartFile(p.job.spec, p.job.dir, p.job.runId).then(p.resolve, p.reject);
      return;
    }
    for (const lane of this.lanes)
      while (lane.busy.size < IN_FLIGHT && this.queue.length > 0) {
        const p = this.queue.shift() as Pending;
        lane.busy.set(p.job.id, p);
        lane.worker.postMessage(p.job);
      }
  }

  private answered(lane: Lane, answer: ChartAnswer): void {
    const p = lane.busy.get(answer.id);
    if (!p) return;
    lane.busy.delete(answer.id);
    if (answer.ok) p.resolve(answer.entry);
    else p.reject(Object.assign(new Error(answer.message), { stack: answer.stack }));
    this.dispatch();
  }

  /** A worker that failed or exited: its charts go back to the queue, to another worker or this thread. */
  private lost(lane: Lane): void {
    const at = this.lanes.indexOf(lane);
    if (at < 0) return;
    this.lanes.splice(at, 1);
    this.queue.unshift(...lane.busy.values());
    lane.busy.clear();
    this.dispatch();
  }
}
