import { describe, expect, it } from 'vitest';
import { MemoryGate } from '../../cli/pool/memoryGate.ts';
import { workerHeapMiB } from '../../cli/pool/pool.ts';
import { estimateRun } from '../../engine/budget.ts';
import { heapLimitMiB } from '../../engine/heap.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';

describe('scenarios running at once share the memory budget (issue 11, item 4)', () => {
  it('a lane waits while the others use too much, and a scenario alone always starts', async () => {
    const gate = new MemoryGate(10);
    const order: string[] = [];
    await gate.acquire(6);
    const second = gate.acquire(6).then(() => order.push('second'));
    await Promise.resolve();
    order.push('first ends');
    gate.release(6);
    await second;
    expect(order).toEqual(['first ends', 'second']);
    gate.release(6);
    // Larger than the whole gate, but nothing else runs: it starts (the budget check refused anything larger than the machine).
    await gate.acquire(50);
  });

  it("a worker's heap is never below its scenario's estimate: a long timeline of one instance gets the memory it was allowed", () => {
    // Before: 1 instance, 300 years of an hourly entry passed the budget (about 8 GiB) and died in a 1 GiB heap (exit 3).
    const text =
      'licsim: 3\nname: hourly\nduration: 300y\n' +
      'accounts:\n  - { id: cs, kind: session-license, purchases: [{ type: sessions, count: 5 }] }\n' +
      'fleet:\n  - { name: ivr, model: session-claim, count: 1, account: cs, sessions: 1 }\n' +
      'timeline:\n  - { at: 0d, every: 1h, do: transfer }\n';
    const r = parseScenarios(text, 'f.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const loaded = r.scenarios[0];
    if (!loaded) throw new Error('no scenario');
    const estimate = estimateRun(loaded.variants[0]?.scenario as never).memoryBytes;
    expect(heapLimitMiB(1)).toBe(1024);
    expect(workerHeapMiB(loaded)).toBe(Math.ceil(estimate / 2 ** 20));
    expect(workerHeapMiB(loaded)).toBeGreaterThan(7000);
  });
});
