import type { Evidence, ScenarioOutcome, Verdict } from '../engine/result.ts';

/** A day as people read it: whole days plain, fractional days with two decimals. */
export function formatDay(day: number): string {
  return Number.isInteger(day) ? String(day) : day.toFixed(2);
}

/** One line for a piece of evidence: "small-000, day 5: 10 units (limit 0) — detail". */
export function evidenceLine(e: Evidence): string {
  const where = [e.instance, e.day === undefined ? undefined : `day ${formatDay(e.day)}`].filter(Boolean).join(', ');
  const value = e.value === undefined ? '' : `${e.value}${e.limit === undefined ? '' : ` (limit ${e.limit})`}`;
  const head = [where, value].filter(Boolean).join(': ');
  return head ? `${head} — ${e.detail}` : e.detail;
}

/** A cause's changes of status, one line each: "day 31: outOfComplianceOverage → outOfComplianceEnforced — timer overage (…) [SL-12]". */
export function causeLines(e: Evidence): string[] {
  return (e.cause ?? []).map(
    (s) => `day ${formatDay(s.day)}: ${s.from ?? ''} → ${s.to ?? ''} — ${s.why}${s.rules.length ? ` [${s.rules.join(', ')}]` : ''}`,
  );
}

/**
 * The rule ids a verdict shows: those of the transitions that fired at its evidence (from
 * the instances' stories), else the expectation's own.
 */
export function shownRules(v: Verdict): { rules: string[]; fired: boolean } {
  const fired = [...new Set(v.evidence.flatMap((e) => e.rules ?? []))];
  return fired.length ? { rules: fired, fired: true } : { rules: v.rules, fired: false };
}

/** The verdict's title with its variant, e.g. "never enforcement [variant B]". */
export function verdictName(v: Verdict): string {
  return v.variant ? `${v.title} [variant ${v.variant}]` : v.title;
}

/** The verdict's message, rules and evidence as plain text lines (JUnit body, annotations). */
export function verdictText(v: Verdict): string {
  const lines = [v.message];
  const { rules, fired } = shownRules(v);
  if (rules.length) lines.push(`${fired ? 'rules fired' : 'rules'}: ${rules.join(', ')}`);
  if (v.source) lines.push(`at ${v.source.file}:${v.source.line}`);
  for (const e of v.evidence) {
    lines.push(`- ${evidenceLine(e)}`);
    for (const c of causeLines(e)) lines.push(`    ${c}`);
  }
  return lines.join('\n');
}

/** Each failed verdict with its scenario and the scenario's index in the suite. */
export function failures(scenarios: readonly ScenarioOutcome[]): Array<{ outcome: ScenarioOutcome; index: number; verdict: Verdict }> {
  return scenarios.flatMap((outcome, index) => outcome.verdicts.filter((v) => !v.passed).map((verdict) => ({ outcome, index, verdict })));
}

/** The run a verdict is about: its variant's run, or the first. */
export function runOf(outcome: ScenarioOutcome, v: Verdict): ScenarioOutcome['runs'][number] | undefined {
  return outcome.runs.find((r) => r.variant === v.variant) ?? outcome.runs[0];
}
