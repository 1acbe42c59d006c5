import { z } from 'zod';
import { sessionUnitOf } from '../../../ledger/accounts.ts';
import { daysToTicks } from '../../../machines/time.ts';
import { buy } from '../../run/accounts.ts';
import type { Simulation } from '../../run/simulation.ts';
import { count, when } from '../../units.ts';
import { type ActionContext, type DocPath, defineAction, reportOnce as report } from '../action.ts';

/** The session licence an account-representative action changes. */
const licence = { account: z.string({ error: 'expected the id of a session licence' }) };

function checkLicence(raw: { account: string }, ctx: ActionContext, path: DocPath): void {
  ctx.account(raw.account, [...path, 'account'], 'session-license');
}

/** CS-7: the account representative extends a licence; installations see it when they next reactivate. */
export const extendLicense = defineAction({
  kind: 'extend-license',
  doc: "the account representative extends a session licence's expiry to `expires`; installations see it at their next reactivation (CS-7)",
  rules: ['CS-7'],
  models: [],
  shape: { ...licence, expires: when.describe('the new expiry (it may lie after the run)') },
  resolve(raw, ctx, path) {
    checkLicence(raw, ctx, path);
    return { account: raw.account, expiresDay: ctx.day(raw.expires, [...path, 'expires'], { afterRun: true }) };
  },
  applyOnce(sim: Simulation, p, _entry, outcome) {
    report(outcome, sim.ledger.extendLicense(p.account, daysToTicks(p.expiresDay), sim.backend.now()));
  },
});

/** CS-7: the account representative adds a feature to a licence. */
export const addFeature = defineAction({
  kind: 'add-feature',
  doc: 'the account representative adds a feature to a session licence; installations see it at their next reactivation (CS-7)',
  rules: ['CS-7'],
  models: [],
  shape: { ...licence, feature: z.string({ error: 'expected a feature name' }).min(1) },
  resolve(raw, ctx, path) {
    checkLicence(raw, ctx, path);
    return raw;
  },
  applyOnce(sim: Simulation, p, _entry, outcome) {
    report(outcome, sim.ledger.addFeature(p.account, p.feature));
  },
});

/** CS-4, CS-7: the account representative adds sessions (or seats) to a licence; an installation claims them by reactivating. */
export const addSessions = defineAction({
  kind: 'add-sessions',
  doc: 'the account representative adds `count` sessions (or seats) to a session licence; reactivation claims them (CS-4, CS-7)',
  rules: ['CS-4', 'CS-7'],
  models: [],
  shape: { ...licence, count },
  resolve(raw, ctx, path) {
    checkLicence(raw, ctx, path);
    return raw;
  },
  applyOnce(sim: Simulation, p, _entry, outcome) {
    const unit = sessionUnitOf(sim.scenario.accounts.find((a) => a.id === p.account));
    report(outcome, buy(sim.ledger, p.account, { type: unit, count: p.count }));
  },
});
