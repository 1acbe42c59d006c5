import type { Tick } from '../machines/time.ts';
import { addCheckout } from './checkout.ts';
import { toCounts, toVec } from './counts.ts';
import type { Counts, LicenceType } from './licenceTypes.ts';
import { addLot } from './lots.ts';
import { isWhole, type Refusal, type Result, refusal } from './result.ts';
import { type AccountState, accountOf, type LedgerState } from './state.ts';
import { at, type Vec } from './vector.ts';

/** A TERM licence's validity: it counts from `start` (inclusive) to `end` (exclusive), SLR-10. */
export interface Term {
  start: Tick;
  end: Tick;
}

function termProblem(state: LedgerState, term: Term | undefined): Refusal | null {
  if (term === undefined) return null;
  if (!(term.start < term.end)) return refusal('badTerm', 'SLR-10', `a term must start before it ends (${term.start} ≥ ${term.end})`);
  if (term.end <= state.now) return refusal('badTerm', 'SLR-10', `the term ended at ${term.end}, before now (${state.now})`);
  return null;
}

function typeProblem(acc: AccountState, t: number, name: string): Refusal | null {
  if (acc.kind === 'sessionLicense' && t !== acc.sessionUnit) {
    return refusal('unknownType', 'CS-2', `session licence ${acc.id} counts only its own unit, not ${name}`);
  }
  return null;
}

/**
 * A purchase adds a lot to an account: perpetual, or TERM (`term`, SLR-10). Checks, in
 * order: units whole ≥ 1; the term is well-formed and not over; a session licence only
 * takes its own unit.
 */
export function purchase(state: LedgerState, accountId: string, type: LicenceType, units: number, term?: Term): Result<{ lotId: string }> {
  const acc = accountOf(state, accountId);
  if (!isWhole(units, 1)) return refusal('badCount', null, 'units must be a whole number of at least 1');
  const bad = termProblem(state, term);
  if (bad !== null) return bad;
  const t = state.types.index(type);
  const wrong = typeProblem(acc, t, type);
  if (wrong !== null) return wrong;
  const lot = addLot(state, acc, {
    type: t,
    units,
    start: term?.start ?? -Infinity,
    end: term?.end ?? Infinity,
    source: 'purchase',
    pakId: null,
  });
  return { ok: true, lotId: lot.id };
}

/** A PAK and the licence files it is split into (NL-9). */
export interface PakSplit {
  pakId: string;
  counts: Counts;
  parts: readonly { accountId: string; counts: Counts }[];
  term?: Term;
  /** NL-12: whether this PAK may be split across clusters (default true). */
  splittable?: boolean;
}

/**
 * NL-9: a PAK's purchase split across licence files. Checks, in order: the PAK was not
 * used before; it may be split, if it is (NL-12); every part is a licence file; counts
 * are whole; the parts add up to the PAK exactly, type by type; the term is valid.
 */
export function splitPak(state: LedgerState, split: PakSplit): Result<{ lotIds: string[] }> {
  if (state.paks.has(split.pakId)) return refusal('pakUsed', 'NL-9', `PAK ${split.pakId} has already been used`);
  if (split.splittable === false && split.parts.length > 1) {
    return refusal('notSplittable', 'NL-12', `PAK ${split.pakId} may not be split across clusters`);
  }
  const accounts = split.parts.map((p) => accountOf(state, p.accountId));
  const notFile = accounts.find((a) => a.kind !== 'licenseFile');
  if (notFile !== undefined) return refusal('wrongAccountKind', 'NL-9', `${notFile.id} is not a licence file`);
  const total = toVec(state.types, split.counts);
  if (typeof total === 'string') return refusal('badCount', 'NL-9', total);
  const sum: number[] = [];
  const partVecs: number[][] = [];
  for (const part of split.parts) {
    const v = toVec(state.types, part.counts);
    if (typeof v === 'string') return refusal('badCount', 'NL-9', `${part.accountId}: ${v}`);
    partVecs.push(v);
    for (let t = 0; t < v.length; t++) sum[t] = (sum[t] ?? 0) + at(v, t);
  }
  for (let t = 0; t < Math.max(sum.length, total.length); t++) {
    if (at(sum, t) !== at(total, t)) {
      return refusal(
        'splitMismatch',
        'NL-9',
        `the parts hold ${at(sum, t)} ${state.types.name(t)}, the PAK ${at(total, t)}: ` +
          `${JSON.stringify(toCounts(state.types, sum))} ≠ ${JSON.stringify(toCounts(state.types, total))}`,
      );
    }
  }
  const bad = termProblem(state, split.term);
  if (bad !== null) return bad;
  state.paks.add(split.pakId);
  const lotIds: string[] = [];
  partVecs.forEach((v, i) => {
    const acc = accounts[i];
    if (acc === undefined) return;
    for (let t = 0; t < v.length; t++) {
      const units = at(v, t);
      if (units === 0) continue;
      const lot = addLot(state, acc, {
        type: t,
        units,
        start: split.term?.start ?? -Infinity,
        end: split.term?.end ?? Infinity,
        source: 'pak',
        pakId: split.pakId,
      });
      lotIds.push(lot.id);
    }
  });
  return { ok: true, lotIds };
}

/**
 * NL-10: migration from 4.x: the units the instance's phones and nodes use are granted
 * free (recorded apart from purchases) and checked out to it; new devices need purchased
 * units. Checks, in order: the account is a licence file; this instance did not migrate into it before; counts whole.
 * Several clusters may migrate into one licence file, each once.
 */
export function migrate(
  state: LedgerState,
  instanceId: string,
  accountId: string,
  inUse: Counts,
): Result<{ granted: Record<string, number> }> {
  const refused = migrateCheck(state, instanceId, accountId, inUse);
  if (refused) return refused;
  const acc = accountOf(state, accountId);
  const v = toVec(state.types, inUse) as Vec;
  acc.migrated.add(instanceId);
  for (let t = 0; t < v.length; t++) {
    const units = at(v, t);
    if (units === 0) continue;
    addLot(state, acc, { type: t, units, start: -Infinity, end: Infinity, source: 'migration', pakId: null });
    addCheckout(acc, instanceId, t, units);
  }
  return { ok: true, granted: toCounts(state.types, v) };
}

/** Checks of {@link migrate}, in its order (an unknown file is refused, not thrown). */
export function migrateCheck(state: LedgerState, instanceId: string, accountId: string, inUse: Counts): Refusal | null {
  const acc = state.accounts.get(accountId);
  if (acc === undefined) return refusal('unknownAccount', 'NL-10', `there is no licence file ${JSON.stringify(accountId)}`);
  if (acc.kind !== 'licenseFile') return refusal('wrongAccountKind', 'NL-10', `${accountId} is not a licence file`);
  if (acc.migrated.has(instanceId))
    return refusal('alreadyMigrated', 'NL-10', `${instanceId} already migrated its 4.x units into ${accountId}`);
  const v = toVec(state.types, inUse);
  return typeof v === 'string' ? refusal('badCount', 'NL-10', v) : null;
}
