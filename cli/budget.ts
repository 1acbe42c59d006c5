import { totalmem } from 'node:os';
import { constrainedMemory } from 'node:process';
import { InvalidArgumentError } from 'commander';
import { type BudgetVerdict, bytesText, estimateRun, judgeRun, LIMITS, type RunBudget } from '../engine/budget.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import { UsageError } from './errors.ts';

/** The share of the machine's memory a run may use by default. */
const MACHINE_SHARE = 0.75;
/** A run estimated longer than this is announced with its estimate. */
const LONG_RUN_SECONDS = 120;

const UNITS: Record<string, number> = {
  '': 1,
  k: 2 ** 10,
  kib: 2 ** 10,
  m: 2 ** 20,
  mib: 2 ** 20,
  g: 2 ** 30,
  gib: 2 ** 30,
  t: 2 ** 40,
  tib: 2 ** 40,
};

/** `--max-memory`: bytes written as 512MiB, 8GiB, 2G or a number of bytes. */
export function memorySize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? UNITS[(m[2] as string).toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) throw new InvalidArgumentError('expected a memory size such as 512MiB, 8GiB or 2G');
  return Number(m[1]) * unit;
}

/** The memory of this machine (or of its container, when that is less). */
export function machineMemory(): number {
  const constrained = constrainedMemory?.() ?? 0;
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
}

/** The budget of a run from its flags: by default three quarters of the machine's memory and no event limit. */
export function runBudget(flags: { maxMemory?: number; maxEvents?: number }): RunBudget {
  return {
    maxMemoryBytes: flags.maxMemory ?? Math.floor(machineMemory() * MACHINE_SHARE),
    maxEvents: flags.maxEvents ?? Number.POSITIVE_INFINITY,
    warnSeconds: LONG_RUN_SECONDS,
  };
}

/**
 * Judges every run (each variant of each scenario) against the budget before anything
 * runs: a run beyond it is a usage error listing each one with its numbers (exit 2,
 * nothing written); a long run is announced through `warn`.
 */
export function checkBudget(scenarios: readonly LoadedScenario[], budget: RunBudget, warn: (line: string) => void): void {
  const refused: string[] = [];
  let reportBytes = 0;
  for (const s of scenarios) {
    for (const v of s.variants) {
      const estimate = estimateRun(v.scenario);
      reportBytes += estimate.reportBytes;
      const verdict: BudgetVerdict = judgeRun(estimate, budget);
      const where = `${s.file} › ${s.name}${s.variants.length > 1 ? ` [${v.label}]` : ''}`;
      if (verdict.kind === 'refused') refused.push(`${where}: ${verdict.message}`);
      else if (verdict.kind === 'long') warn(`${where}: ${verdict.message}`);
    }
  }
  if (reportBytes > LIMITS.maxReportBytes)
    throw new UsageError(
      `the report would be too large: results.json of about ${bytesText(reportBytes)}, more than the ` +
        `${bytesText(LIMITS.maxReportBytes)} licsim writes; run fewer or shorter scenarios, or repeat timeline entries less often`,
    );
  if (refused.length)
    throw new UsageError(
      `${refused.length === 1 ? 'a run is' : `${refused.length} runs are`} larger than this machine allows ` +
        `(${bytesText(budget.maxMemoryBytes)} of memory); make the fleet or the run smaller, or raise --max-memory / --max-events`,
      refused,
    );
}
