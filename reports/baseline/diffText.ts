import type { Difference } from './compare.ts';
import type { Peak } from './outcomes.ts';

/**
 * A difference in one line, before → after: `enforcement: first entered day 91 → day 61`,
 * `peak overdraft va UCL-Enhanced: 48 on day 90 → 120 on day 95`,
 * `verdict "no instance enters enforcement": passed → failed`. In a comparison of
 * several variants a run's line starts with its variant (`variant B › …`).
 */
export function differenceLine(d: Difference): string {
  const variant = 'variant' in d && d.variant !== undefined && d.what !== 'variant' ? `variant ${d.variant} › ` : '';
  return `${variant}${subject(d)}: ${values(d)}`;
}

function subject(d: Difference): string {
  switch (d.what) {
    case 'verdict':
      return `verdict ${d.verdict}`;
    case 'group':
      return `${d.group}${d.model === undefined ? '' : ` (${d.model})`}`;
    case 'overdraft':
      return d.account === undefined ? 'peak total overdraft' : `peak overdraft ${d.account} ${d.type ?? ''}`;
    case 'refusals':
      return `refusals ${d.name}`;
    case 'alarms':
      return `alarms raised ${d.name}`;
    case 'variant':
      return `variant ${d.variant}`;
    case 'scenario':
      return `scenario "${d.scenario}"`;
  }
}

function values(d: Difference): string {
  switch (d.what) {
    case 'verdict':
      return `${verdictState(d.before)} → ${verdictState(d.after)}`;
    case 'group':
      return `${d.edge} entered ${enteredDay(d.before)} → ${enteredDay(d.after)}`;
    case 'overdraft':
      return `${peakText(d.before)} → ${peakText(d.after)}`;
    case 'refusals':
    case 'alarms':
      return `${d.before} → ${d.after}`;
    case 'variant':
    case 'scenario':
      return `${d.before ? 'ran' : 'absent'} → ${d.after ? 'ran' : 'absent'}`;
  }
}

const verdictState = (passed: boolean | undefined) => (passed === undefined ? 'absent' : passed ? 'passed' : 'failed');
const enteredDay = (day: number | undefined) => (day === undefined ? 'never' : `day ${day}`);
const peakText = (peak: Peak | undefined) => (peak ? `${peak.units} on day ${peak.day}` : 'none');
