import type { ModelName } from '../../machines/policyOverride.ts';

/** How many instances in scope must satisfy an expectation. */
export type Quantifier = { kind: 'all' } | { kind: 'any' } | { kind: 'share'; share: number };

/** A number of units or instances, or a percentage of a reference. */
export interface Amount {
  value: number;
  percent: boolean;
}

/** The states an expectation names, resolved per model to status names. */
export interface StateSet {
  /** As written (status or status-group names). */
  names: string[];
  byModel: Partial<Record<ModelName, string[]>>;
  rules: string[];
}

interface Base {
  title: string;
  source: { file: string; line: number };
  /** Fleet groups in scope; null for all. */
  groups: string[] | null;
  /** Compared variants it checks; null for all. */
  variants: string[] | null;
}

export type Expectation =
  | (Base & { kind: 'maxOverdraft'; max: Amount; type: string | null; account: string | null; from: number; to: number })
  | (Base & { kind: 'never' | 'eventually' | 'always'; states: StateSet; for: Quantifier; from: number; to: number })
  | (Base & { kind: 'stateCount'; states: StateSet; day: number; equals?: Amount; atLeast?: Amount; atMost?: Amount })
  | (Base & { kind: 'alarm'; name: string; raised: boolean; from: number; by: number; rules: string[] })
  | (Base & { kind: 'refused'; op: string | null; rule: string | null; from: number; by: number; equals?: number; atLeast?: number; atMost?: number })
  | (Base & { kind: 'noServiceLoss'; warningDays: number; operations: string[] })
  | (Base & { kind: 'ledgerBalanced'; accounts: string[] | null });

