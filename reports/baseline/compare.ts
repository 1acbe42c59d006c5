import type { Peak, RunKeyOutcomes, ScenarioKeyOutcomes, VerdictOutcome } from './outcomes.ts';

/**
 * One difference between two scenarios' key outcomes (before: the baseline or the first run; after: this
 * run or the second), structured; reports/baseline/diffText.ts says it for a person. `variant` is the run
 * it is about in a comparison of several variants (absent for a plain scenario's one run).
 */
export type Difference =
  | { what: 'verdict'; verdict: string; before?: boolean; after?: boolean }
  | { what: 'group'; variant?: string; model?: string; group: string; edge: 'first' | 'last'; before?: number; after?: number }
  | { what: 'overdraft'; variant?: string; account?: string; type?: string; before?: Peak; after?: Peak }
  | { what: 'refusals' | 'alarms'; variant?: string; name: string; before: number; after: number }
  | { what: 'variant'; variant: string; before: boolean; after: boolean }
  /** A scenario only one side has (a baseline's scenario no longer in its file; a scenario only one of two runs ran). */
  | { what: 'scenario'; scenario: string; before: boolean; after: boolean };

/** Every difference between two scenarios' key outcomes, in a fixed order: verdicts, then each variant's. */
export function compareOutcomes(before: ScenarioKeyOutcomes, after: ScenarioKeyOutcomes): Difference[] {
  const out: Difference[] = compareVerdicts(before.verdicts, after.verdicts);
  const variants = union(Object.keys(before.variants), Object.keys(after.variants));
  for (const variant of variants) {
    const b = before.variants[variant];
    const a = after.variants[variant];
    if (!b || !a) {
      out.push({ what: 'variant', variant, before: b !== undefined, after: a !== undefined });
      continue;
    }
    const named = variants.length > 1 ? { variant } : {};
    out.push(...compareRuns(b, a).map((d) => ({ ...d, ...named })));
  }
  return out;
}

/** Verdicts are matched by variant and title, repeated titles in their order (`#2`, …). */
function compareVerdicts(before: VerdictOutcome[], after: VerdictOutcome[]): Difference[] {
  const b = verdictsByName(before);
  const a = verdictsByName(after);
  const out: Difference[] = [];
  // In the order they are written: the first's, then those only the second has.
  for (const name of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(name);
    const now = a.get(name);
    if (was === now) continue;
    out.push({
      what: 'verdict',
      verdict: name,
      ...(was === undefined ? {} : { before: was }),
      ...(now === undefined ? {} : { after: now }),
    });
  }
  return out;
}

function verdictsByName(verdicts: VerdictOutcome[]): Map<string, boolean> {
  const byName = new Map<string, boolean>();
  const seen = new Map<string, number>();
  for (const v of verdicts) {
    const base = `"${v.title}"${v.variant === undefined ? '' : ` [variant ${v.variant}]`}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    byName.set(n > 1 ? `${base} #${n}` : base, v.passed);
  }
  return byName;
}

function compareRuns(before: RunKeyOutcomes, after: RunKeyOutcomes): Difference[] {
  const out: Difference[] = [];
  const models = union(Object.keys(before.statusGroups), Object.keys(after.statusGroups));
  for (const model of models) {
    const b = before.statusGroups[model] ?? {};
    const a = after.statusGroups[model] ?? {};
    for (const group of union(Object.keys(b), Object.keys(a)))
      for (const edge of ['first', 'last'] as const) {
        const was = b[group]?.[edge];
        const now = a[group]?.[edge];
        if (was === now) continue;
        out.push({
          what: 'group',
          ...(models.length > 1 ? { model } : {}),
          group,
          edge,
          ...(was === undefined ? {} : { before: was }),
          ...(now === undefined ? {} : { after: now }),
        });
      }
  }
  for (const account of union(Object.keys(before.overdraft), Object.keys(after.overdraft)))
    for (const type of union(Object.keys(before.overdraft[account] ?? {}), Object.keys(after.overdraft[account] ?? {}))) {
      const d = peakDifference(before.overdraft[account]?.[type], after.overdraft[account]?.[type]);
      if (d) out.push({ ...d, account, type });
    }
  const total = peakDifference(before.overdraftTotal, after.overdraftTotal);
  if (total) out.push(total);
  for (const what of ['refusals', 'alarms'] as const)
    for (const name of union(Object.keys(before[what]), Object.keys(after[what]))) {
      const was = before[what][name] ?? 0;
      const now = after[what][name] ?? 0;
      if (was !== now) out.push({ what, name, before: was, after: now });
    }
  return out;
}

function peakDifference(before: Peak | undefined, after: Peak | undefined): Extract<Difference, { what: 'overdraft' }> | undefined {
  if (before?.units === after?.units && before?.day === after?.day) return undefined;
  return { what: 'overdraft', ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/** The keys of both, each once, sorted (so every difference comes in the same order). */
function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
