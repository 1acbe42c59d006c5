import type { VariantResult } from './results.ts';

/** Per kind of machine: the statuses no explored state reached and the rules no explored step fired. */
export interface Unreached {
  kind: string;
  statuses: string[];
  rules: string[];
  /** Rules the machine carries in all. */
  ruleCount: number;
  statusCount: number;
  /** The alarms its instances raised (as the coverage lists them). */
  alarms: string[];
}

/** What a variant's exploration never reached, per kind of machine (the dead policy within the bounds), and the alarms raised. */
export function unreached(variant: VariantResult): Unreached[] {
  return variant.coverage.map((c) => ({
    kind: c.kind,
    statuses: c.statuses.filter((s) => !s.reached).map((s) => s.name),
    rules: c.rules.filter((r) => !r.fired).map((r) => r.id),
    ruleCount: c.rules.length,
    statusCount: c.statuses.length,
    alarms: c.alarms,
  }));
}
