import type { Colors } from './format.ts';
import { printable } from './printable.ts';

/** The heading the replayed counterexamples are printed under, before every other scenario. */
export function replayHeading(c: Colors): string {
  return ` ${c.bold('Counterexamples (replayed first)')}`;
}

/** The heading of the other scenarios, printed after the counterexamples when there were any. */
export function scenariosHeading(c: Colors): string {
  return ` ${c.bold('Scenarios')}`;
}

/**
 * What a replayed counterexample's run says: the defect is still there, or it is fixed
 * (with the hint that `--prune` deletes it, unless pruning already).
 *
 * @example
 * replayStatus(false, false, c); // '— still fails'
 * replayStatus(true, false, c); // '— fixed — now passes (--prune deletes it)'
 */
export function replayStatus(passed: boolean, pruning: boolean, c: Colors): string {
  if (!passed) return `— ${c.red('still fails')}`;
  return `— ${c.green('fixed — now passes')}${pruning ? '' : c.dim(' (--prune deletes it)')}`;
}

/**
 * The closing line about the counterexamples replayed, or none when there were none.
 *
 * @example
 * replayTotal({ failing: 1, fixed: 1 }, false, c);
 * // [' Replayed      2 saved counterexamples: 1 still fails, 1 fixed (--prune deletes it)']
 */
export function replayTotal(counts: { failing: number; fixed: number }, pruning: boolean, c: Colors): string[] {
  const total = counts.failing + counts.fixed;
  if (!total) return [];
  const parts = [
    counts.failing ? c.red(`${counts.failing} still fail${counts.failing === 1 ? 's' : ''}`) : '',
    counts.fixed
      ? c.green(`${counts.fixed} fixed`) + (pruning ? '' : c.dim(` (--prune deletes ${counts.fixed === 1 ? 'it' : 'them'})`))
      : '',
  ].filter(Boolean);
  return [` ${c.bold('Replayed')}      ${total} saved counterexample${total === 1 ? '' : 's'}: ${parts.join(', ')}`];
}

/**
 * The lines `--prune` ends with: each file it deleted, or that it deleted nothing and why.
 *
 * @example
 * prunedLines(['s/counterexamples/x.yaml'], 2, c); // [' Pruned        s/counterexamples/x.yaml (fixed — now passes)']
 * prunedLines([], 0, c); // [' Pruned        nothing: no saved counterexamples (counterexamples/ folders) under the paths given']
 */
export function prunedLines(deleted: readonly string[], replayed: number, c: Colors): string[] {
  const label = ` ${c.bold('Pruned')}        `;
  if (!replayed) return [`${label}nothing: no saved counterexamples (counterexamples/ folders) under the paths given`];
  if (!deleted.length) return [`${label}nothing: no saved counterexample passes now`];
  return deleted.map((f) => `${label}${printable(f)} ${c.dim('(fixed — now passes)')}`);
}
