import type { Counts } from './effects.ts';
import type { Holding } from './meta.ts';

/**
 * What an instance says it holds in the back end (DOMAIN.md §6), from the
 * `holds` of its active states and what its context records: the consistent
 * monitor compares it with the ledger.
 */
export interface HoldingsClaim {
  /** Registered: CSSM must hold it in `account`, having received report number `reportsSent`. */
  registration: { account: string; reportsSent: number } | null;
  /** A VA whose CSSM may hold it although it holds nothing there: it deregistered unreachable (SL-8). */
  orphanedIn: string | null;
  /** An installed reservation: CSSM's latest code for it is this one, installed. */
  reservation: { code: string } | null;
  /** Units checked out to it from a licence file (NL-7). */
  units: { account: string; counts: Counts } | null;
  /** Sessions or seats claimed on a licence (CS-3: never returned). */
  sessions: { license: string; count: number } | null;
}

export const CLAIMS_NOTHING: HoldingsClaim = Object.freeze({
  registration: null,
  orphanedIn: null,
  reservation: null,
  units: null,
  sessions: null,
});

/** A model's reading of its own states: what a state's `holds`, with its context, claims. */
export type ClaimOf = (holds: Holding, context: Record<string, unknown>) => HoldingsClaim;
