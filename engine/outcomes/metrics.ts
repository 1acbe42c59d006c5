import { BAD_GROUPS, LOSS_GROUPS, STATUS_GROUPS, type StatusGroup } from '../../machines/meta.ts';
import type { Outcomes } from './types.ts';

/** Which way a metric is better, for colouring a comparison's deltas (null: neither). */
export type Better = 'lower' | 'higher' | null;

/** One scalar outcome metric: its id (as sweeps and comparisons name it), its definition and how it is read from Outcomes. */
export interface OutcomeMetric {
  id: string;
  title: string;
  unit: 'instance-days' | 'day' | 'units' | 'unit-days' | 'count' | 'days';
  better: Better;
  /** The definition, as the README and reports give it. */
  doc: string;
  /** The value of a run (null: does not apply, e.g. the first day of a group never entered). */
  value(o: Outcomes): number | null;
}

/** The first or last day an instance entered group `g`. */
function entryMetric(g: StatusGroup, which: 'first' | 'last'): OutcomeMetric {
  return {
    id: `${g}${which === 'first' ? 'First' : 'Last'}Day`,
    title: `${which} entry into ${g}`,
    unit: 'day',
    better: null,
    doc: `the ${which} day an instance's status changed into the ${g} group (none when no instance did)`,
    value: (o) => o.entered[g]?.[which] ?? null,
  };
}

const groupMetrics = STATUS_GROUPS.flatMap((g): OutcomeMetric[] => [
  {
    id: `${g}Days`,
    title: `${g} instance-days`,
    unit: 'instance-days',
    better: BAD_GROUPS.includes(g) ? 'lower' : null,
    doc: `Σ over days of the instances whose status is in the ${g} group at the end of the day`,
    value: (o) => o.instanceDays[g] ?? 0,
  },
  entryMetric(g, 'first'),
  entryMetric(g, 'last'),
]);

/**
 * Every scalar outcome metric of a run, defined once: comparisons, sweeps and their
 * expectations, the summary and the HTML report all read these.
 *
 * @example
 * outcomeMetric('enforcementDays')?.value(result.outcomes); // instance-days in enforcement
 */
export const OUTCOME_METRICS: readonly OutcomeMetric[] = [
  ...groupMetrics,
  {
    id: 'peakOverdraft',
    title: 'peak overdraft',
    unit: 'units',
    better: 'lower',
    doc: 'the largest end-of-day overdraft of all accounts and types together (consumption unserved after borrowing, plus SLR shortfall)',
    value: (o) => o.totalOverdraft?.peak ?? 0,
  },
  {
    id: 'overdraftUnitDays',
    title: 'overdraft unit-days',
    unit: 'unit-days',
    better: 'lower',
    doc: 'Σ over days of the end-of-day overdraft of all accounts and types: the unpaid use',
    value: (o) => o.totalOverdraft?.unitDays ?? 0,
  },
  {
    id: 'borrowedUnitDays',
    title: 'borrowed unit-days',
    unit: 'unit-days',
    better: null,
    doc: "Σ over days of the use served by a higher tier's licences (tier borrowing, SL-11)",
    value: (o) => o.totalBorrowed?.unitDays ?? 0,
  },
  {
    id: 'peakBorrowed',
    title: 'peak borrowed',
    unit: 'units',
    better: null,
    doc: "the largest end-of-day use served by a higher tier's licences",
    value: (o) => o.totalBorrowed?.peak ?? 0,
  },
  {
    id: 'refusals',
    title: 'refusals',
    unit: 'count',
    better: 'lower',
    doc: 'operations refused over the run, by any machine, the ledger or the engine',
    value: (o) => o.refusals.reduce((n, r) => n + r.count, 0),
  },
  {
    id: 'alarmsRaised',
    title: 'alarms raised',
    unit: 'count',
    better: null,
    doc: 'alarms raised over the run, every name together',
    value: (o) => o.alarms.reduce((n, a) => n + a.raised, 0),
  },
  {
    id: 'losses',
    title: 'losses',
    unit: 'count',
    better: 'lower',
    doc: `changes of an instance's status into ${LOSS_GROUPS.join(' or ')} (provisioning or service lost)`,
    value: (o) => o.losses.count,
  },
  {
    id: 'unwarnedLosses',
    title: 'losses without warning',
    unit: 'count',
    better: 'lower',
    doc: "losses no warning alarm of their kind (WARNINGS, SL-17) announced since the instance's last loss of that kind",
    value: (o) => o.losses.unwarned,
  },
  {
    id: 'shortestWarning',
    title: 'shortest warning',
    unit: 'days',
    better: 'higher',
    doc: 'the fewest days between a loss and the first warning alarm that announced it (none without warned losses)',
    value: (o) => (o.losses.leads.length ? Math.min(...o.losses.leads.map((l) => l.min)) : null),
  },
];

const BY_ID = new Map(OUTCOME_METRICS.map((m) => [m.id, m]));

/** The metric of an id, or undefined. */
export function outcomeMetric(id: string): OutcomeMetric | undefined {
  return BY_ID.get(id);
}
