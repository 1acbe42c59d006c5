/**
 * The discrete-event queue of virtual time: a binary min-heap of the distinct
 * due ticks, each with a FIFO bucket. Entries due at the same tick run in the
 * order they were queued (their position in the bucket is the stable sequence
 * number), which is also how fake timers order same-time timers.
 *
 * Machine timers are packed into one number (instance, slot, generation) so a
 * million instances' pending timers cost 8 bytes each; engine tasks are closures.
 * A cancelled timer is not removed: its generation no longer matches when it
 * comes due, and it is skipped.
 */
import { loadFields, type SavedFields, type Snapshotting, saveFields } from '../../ledger/snapshot.ts';

const SLOT_BITS = 6;
const GEN_BITS = 26;
const SLOT_SCALE = 2 ** GEN_BITS;
const INSTANCE_SCALE = 2 ** (GEN_BITS + SLOT_BITS);

/** Largest instance index, timer slot and generation a packed timer holds. */
export const QUEUE_LIMITS = { instances: 2 ** (53 - GEN_BITS - SLOT_BITS), slots: 2 ** SLOT_BITS, generations: 2 ** GEN_BITS } as const;

interface Bucket {
  /** >= 0: a packed timer; < 0: -(index + 1) into `tasks`. */
  entries: number[];
  tasks: Array<() => void>;
}

/** Slots of the bucket cache (2 ** CACHE_BITS). */
const CACHE_BITS = 6;
const CACHE = 2 ** CACHE_BITS;

/**
 * A tick's cache slot: the top bits of a multiplicative (Fibonacci) hash. Not its low
 * bits: a day is 1440 ticks (1440 mod 64 = 32), so `now + k days` would land in two slots.
 */
export function cacheSlot(tick: number): number {
  return Math.imul(tick | 0, 0x9e3779b1) >>> (32 - CACHE_BITS);
}

/** What a queue's state is: its time, its heap of ticks and their buckets. */
const QUEUE_FIELDS = ['heap', 'buckets', 'current'] as const;

export type TimerHandler = (instance: number, slot: number, gen: number) => void;

export class EventQueue implements Snapshotting<SavedFields> {
  private readonly heap: number[] = [];
  private readonly buckets = new Map<number, Bucket>();
  private current = 0;
  /**
   * Bursts of entries go to a few ticks (a renewal schedules its next renewal, its
   * warning and its expiry; a step in a parallel state arms a timer per region): a
   * direct-mapped cache of buckets by a hash of the tick, so a burst finds its
   * buckets without a map look-up or reordering a recent list.
   */
  // NaN equals no tick, so an empty slot never matches.
  private readonly cachedTicks = new Float64Array(CACHE).fill(Number.NaN);
  private readonly cachedBuckets: Array<Bucket | undefined> = new Array<Bucket | undefined>(CACHE).fill(undefined);

  /** The tick being processed (or last processed). */
  get now(): number {
    return this.current;
  }

  private bucket(tick: number): Bucket {
    const slot = cacheSlot(tick);
    if (this.cachedTicks[slot] === tick) return this.cachedBuckets[slot] as Bucket;
    if (tick < this.current) throw new Error(`cannot queue at tick ${tick}: time is already at ${this.current}`);
    let bucket = this.buckets.get(tick);
    if (!bucket) {
      bucket = { entries: [], tasks: [] };
      this.buckets.set(tick, bucket);
      this.heapPush(tick);
    }
    this.cachedTicks[slot] = tick;
    this.cachedBuckets[slot] = bucket;
    return bucket;
  }

  pushTimer(tick: number, instance: number, slot: number, gen: number): void {
    this.bucket(tick).entries.push(instance * INSTANCE_SCALE + slot * SLOT_SCALE + (gen % SLOT_SCALE));
  }

  pushTask(tick: number, task: () => void): void {
    const bucket = this.bucket(tick);
    bucket.tasks.push(task);
    bucket.entries.push(-bucket.tasks.length);
  }

  /** The queue's time and what is queued (tasks are kept as the same closures). */
  save(): SavedFields {
    return saveFields(this, QUEUE_FIELDS);
  }

  load(state: SavedFields): void {
    loadFields(this, state);
    this.cachedTicks.fill(Number.NaN);
    this.cachedBuckets.fill(undefined);
  }

  /**
   * Every queued entry in (tick, sequence) order: a timer as its owner, slot and
   * generation (live or cancelled: its owner knows), a task as `task` (its index in
   * the bucket's tasks).
   */
  *pending(): Generator<{ tick: number; owner: number; slot: number; gen: number } | { tick: number; task: number }> {
    for (const tick of [...this.heap].sort((a, b) => a - b)) {
      const bucket = this.buckets.get(tick) as Bucket;
      for (const e of bucket.entries) {
        if (e < 0) {
          yield { tick, task: -e - 1 };
          continue;
        }
        const owner = Math.floor(e / INSTANCE_SCALE);
        const rest = e - owner * INSTANCE_SCALE;
        const slot = Math.floor(rest / SLOT_SCALE);
        yield { tick, owner, slot, gen: rest - slot * SLOT_SCALE };
      }
    }
  }

  /**
   * Runs every entry due strictly before `tick`; time then stands at `tick`, with the
   * entries due at it still queued (the checker injects its events there).
   */
  runBefore(tick: number, onTimer: TimerHandler): void {
    this.runUntil(tick - 1, onTimer);
    if (tick > this.current) this.current = tick;
  }

  /** The earliest tick with queued entries. */
  peek(): number | undefined {
    return this.heap[0];
  }

  /** Runs every entry due at or before `end`, in (tick, sequence) order; time then stands at `end`. */
  runUntil(end: number, onTimer: TimerHandler): void {
    while (this.heap.length && (this.heap[0] as number) <= end) {
      const tick = this.heapPop();
      this.current = tick;
      const bucket = this.buckets.get(tick) as Bucket;
      const entries = bucket.entries;
      // Entries may be added to this bucket while it runs; they run too, in order.
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i] as number;
        if (e < 0) {
          (bucket.tasks[-e - 1] as () => void)();
        } else {
          const instance = Math.floor(e / INSTANCE_SCALE);
          const rest = e - instance * INSTANCE_SCALE;
          const slot = Math.floor(rest / SLOT_SCALE);
          onTimer(instance, slot, rest - slot * SLOT_SCALE);
        }
      }
      this.buckets.delete(tick);
      const slot = cacheSlot(tick);
      if (this.cachedTicks[slot] === tick) {
        this.cachedTicks[slot] = Number.NaN;
        this.cachedBuckets[slot] = undefined;
      }
    }
    if (end > this.current) this.current = end;
  }

  private heapPush(value: number): void {
    const h = this.heap;
    let i = h.length;
    h.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((h[parent] as number) <= value) break;
      h[i] = h[parent] as number;
      i = parent;
    }
    h[i] = value;
  }

  private heapPop(): number {
    const h = this.heap;
    const top = h[0] as number;
    const last = h.pop() as number;
    if (h.length) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (h[r] as number) < (h[l] as number) ? r : l;
        if ((h[c] as number) >= last) break;
        h[i] = h[c] as number;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
