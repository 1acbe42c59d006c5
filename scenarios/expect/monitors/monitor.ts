import type { Evidence, RunResult, Verdict } from '../../../engine/result.ts';
import type { EngineObserver, Simulation } from '../../../engine/run/simulation.ts';
import { TICKS_PER_DAY } from '../../../machines/time.ts';
import type { Expectation, Quantifier } from '../types.ts';

/** An expectation watching a run; its verdict is read when the run ends. */
export interface Monitor extends EngineObserver {
  verdict(result: RunResult): Verdict;
}

/** Evidence rows a verdict keeps (the rest are counted in the message). */
export const EVIDENCE_LIMIT = 5;

export const dayOf = (tick: number) => Math.round((tick / TICKS_PER_DAY) * 1000) / 1000;

/** Which instances an expectation looks at: its fleet groups, or all. */
export class Scope {
  private inScope: Uint8Array | null = null;
  size = 0;
  constructor(private readonly groups: string[] | null) {}

  bind(sim: Simulation): void {
    this.inScope = new Uint8Array(sim.fleet.size);
    for (const g of sim.fleet.groups) {
      if (this.groups && !this.groups.includes(g.spec.name)) continue;
      this.inScope.fill(1, g.first, g.first + g.count);
      this.size += g.count;
    }
  }

  has(global: number): boolean {
    return this.inScope?.[global] === 1;
  }
}

/** Whether `satisfied` of `total` instances meet a quantifier, and how many were needed. */
export function quantified(q: Quantifier, satisfied: number, total: number): { passed: boolean; needed: number } {
  const needed = q.kind === 'all' ? total : q.kind === 'any' ? Math.min(1, total) : Math.ceil(q.share * total);
  return { passed: satisfied >= needed, needed };
}

/** A verdict for an expectation. */
export function verdictOf(
  e: Expectation,
  passed: boolean,
  message: string,
  rules: readonly string[],
  evidence: Evidence[],
): Verdict {
  return { kind: e.kind, title: e.title, passed, message, rules: [...new Set(rules)], evidence, source: e.source };
}
