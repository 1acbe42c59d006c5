import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheSlot, EventQueue, QUEUE_LIMITS } from '../../engine/clock/eventQueue.ts';

describe('the virtual-time event queue', () => {
  it('runs entries by tick, and entries of one tick in the order they were queued', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (ticks) => {
        const q = new EventQueue();
        const ran: Array<[number, number]> = [];
        for (const [seq, tick] of ticks.entries()) q.pushTask(tick, () => ran.push([q.now, seq]));
        q.runUntil(100, () => {});
        const expected = ticks.map((tick, seq) => [tick, seq] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(ran).toEqual(expected);
      }),
    );
  });

  it("a step's deadlines a whole number of days apart (1, 15, 30, 60, 85, 90, 182.5, 335, 365 days) get distinct cache slots", () => {
    const day = 1440;
    for (const now of [0, 10 * day, 123 * day + 720]) {
      const slots = [1, 15, 30, 60, 85, 90, 182.5, 335, 365].map((d) => cacheSlot(now + d * day));
      expect(new Set(slots).size, `from tick ${now}`).toBe(slots.length);
    }
  });

  it('ticks that share a bucket-cache slot (64 apart, or fractional) keep their own buckets, runs and order', () => {
    const tick = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom(0, 0.5, 1)).map(([k, f]) => 100 + 64 * k + f);
    fc.assert(
      fc.property(fc.array(fc.tuple(tick, fc.boolean()), { maxLength: 300 }), (plan) => {
        const q = new EventQueue();
        const ran: Array<[number, number]> = [];
        const queued: Array<[number, number]> = [];
        for (const [seq, [at, stop]] of plan.entries()) {
          // Now and then time moves on, and a later entry reuses a slot whose bucket has run.
          if (stop && at > q.now) q.runUntil(at - 1, () => {});
          if (at < q.now) continue;
          queued.push([at, seq]);
          q.pushTask(at, () => ran.push([q.now, seq]));
        }
        q.runUntil(1000, () => {});
        expect(ran).toEqual([...queued].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      }),
    );
  });

  it('entries queued while the queue runs (now or later, over many ticks) run in (tick, order queued) order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 6 })), { maxLength: 200 }), (plan) => {
        const q = new EventQueue();
        const ran: Array<[number, number]> = [];
        const queued: Array<[number, number]> = [];
        let seq = 0;
        const add = (tick: number) => {
          const id = seq++;
          queued.push([tick, id]);
          q.pushTask(tick, () => {
            ran.push([q.now, id]);
            const next = plan[id];
            if (next) add(q.now + (next[1] % 3));
          });
        };
        for (const [tick] of plan.slice(0, 8)) add(tick);
        q.runUntil(1000, () => {});
        expect(ran).toEqual([...queued].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      }),
    );
  });

  it('refuses a tick already past, and -1, with the reason', () => {
    const q = new EventQueue();
    expect(() => q.pushTask(-1, () => {})).toThrow('cannot queue at tick -1: time is already at 0');
    q.pushTask(5, () => {});
    q.runUntil(5, () => {});
    expect(() => q.pushTimer(4, 0, 0, 0)).toThrow('cannot queue at tick 4: time is already at 5');
  });

  it('packs a timer into one entry and gives it back whole, at the largest limits', () => {
    const q = new EventQueue();
    const got: number[][] = [];
    q.pushTimer(10, QUEUE_LIMITS.instances - 1, QUEUE_LIMITS.slots - 1, QUEUE_LIMITS.generations - 1);
    q.pushTimer(10, 0, 0, 0);
    q.pushTimer(5, 123_456, 17, 99);
    q.runUntil(10, (i, s, g) => got.push([q.now, i, s, g]));
    expect(got).toEqual([
      [5, 123_456, 17, 99],
      [10, QUEUE_LIMITS.instances - 1, QUEUE_LIMITS.slots - 1, QUEUE_LIMITS.generations - 1],
      [10, 0, 0, 0],
    ]);
  });

  it('interleaves timers and tasks of one tick in queueing order, and runs entries added while a tick runs', () => {
    const q = new EventQueue();
    const log: string[] = [];
    q.pushTimer(3, 1, 0, 0);
    q.pushTask(3, () => {
      log.push('task');
      q.pushTask(3, () => log.push('added'));
      q.pushTask(4, () => log.push('later'));
    });
    q.pushTimer(3, 2, 0, 0);
    q.runUntil(3, (i) => log.push(`timer ${i}`));
    expect(log).toEqual(['timer 1', 'task', 'timer 2', 'added']);
    expect(q.peek()).toBe(4);
  });

  it('refuses to queue in the past', () => {
    const q = new EventQueue();
    q.runUntil(10, () => {});
    expect(() => q.pushTask(9, () => {})).toThrow('cannot queue at tick 9: time is already at 10');
  });
});
