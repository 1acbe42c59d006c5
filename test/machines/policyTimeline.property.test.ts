import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_FACTS } from '../../machines/env.ts';
import { createNodeLockedMachine } from '../../machines/nodeLocked/machine.ts';
import { mustOverridePolicy } from '../../machines/policyOverride.ts';
import { startActor } from '../support/actorHarness.ts';
import { REGISTER, smartActor } from '../support/smart.ts';

const RUNS = Number(process.env.LICSIM_FC_RUNS ?? 100);
/** Quarter days: exact in ticks, so expected days are exact. */
const quarterDays = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((q) => q / 4);

describe('timelines follow the policy (property tests over random policy values)', () => {
  it('SL-1, SL-15: evaluation expires evaluationDays of use after install, around a registration', () => {
    fc.assert(
      fc.property(quarterDays(2, 200), fc.double({ min: 0.05, max: 0.9, noNaN: true }), quarterDays(1, 100), (evalDays, share, stay) => {
        const registerDay = Math.round(evalDays * share * 4) / 4;
        const a = smartActor({ evaluationDays: evalDays })
          .at(registerDay, REGISTER)
          .at(registerDay + stay, { type: 'DEREGISTER' })
          .advanceTo(registerDay + stay + evalDays + 1);
        expect(a.dayEntered('unregistered.evaluationExpired')).toBe(stay + evalDays);
      }),
      { numRuns: RUNS },
    );
  });

  it('SL-5, SL-13: authorization expires validity days after the last renewal before an outage, then enforcement after the overage', () => {
    fc.assert(
      fc.property(
        quarterDays(1, 60),
        quarterDays(5, 60),
        quarterDays(1, 120),
        quarterDays(0, 300),
        quarterDays(1, 100),
        (renewal, extra, overage, outageAfter, registerDay) => {
          const validity = renewal + extra;
          const policy = {
            authorizationRenewalDays: renewal,
            authorizationValidityDays: validity,
            authorizationExpiredOverageDays: overage,
          };
          const outage = registerDay + outageAfter;
          // A registration that never lapses keeps SL-14 out of this property about authorization.
          const a = smartActor({
            ...policy,
            authorizationExpiringSoonDays: 1,
            registrationValidityDays: 3650,
            registrationRenewalDays: 1800,
          })
            .at(registerDay, REGISTER)
            .at(outage, { type: 'LINK_DOWN' })
            .advanceTo(outage + validity + overage + 1);
          // Renewals due strictly before the outage succeed; one due on the outage day fails (the outage comes first).
          const lastRenewal = registerDay + Math.max(0, Math.ceil(outageAfter / renewal) - 1) * renewal;
          expect(a.dayEntered('registered.authorization.expired')).toBe(lastRenewal + validity);
          expect(a.dayEntered('registered.authorization.expired.noProvision')).toBe(lastRenewal + validity + overage);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('SL-12: enforcement follows overageDays after the out-of-compliance report', () => {
    fc.assert(
      fc.property(quarterDays(1, 365), quarterDays(0, 100), (overage, reportAfter) => {
        const a = smartActor({ overageDays: overage })
          .at(1, REGISTER)
          .at(1 + reportAfter, { type: 'OUT_OF_COMPLIANCE' })
          .advanceTo(2 + reportAfter + overage);
        expect(a.dayEntered('registered.compliance.outOfCompliance.noProvision')).toBe(1 + reportAfter + overage);
      }),
      { numRuns: RUNS },
    );
  });

  it('NL-1, NL-6: node-locked evaluation, warnings and rehost grace follow the policy', () => {
    fc.assert(
      fc.property(quarterDays(2, 200), fc.double({ min: 0.1, max: 0.9, noNaN: true }), quarterDays(1, 90), (evalDays, share, grace) => {
        const warningDays = Math.max(0.25, Math.round(evalDays * share * 4) / 4);
        const policy = mustOverridePolicy('node-locked', {
          evaluationDays: evalDays,
          evaluationWarningDays: warningDays,
          rehostGraceDays: grace,
        });
        // NL-5: a licence file with units to spare, so the upload is covered.
        const facts = { ...NO_FACTS, licenceFileFree: () => 1000 };
        const a = startActor(createNodeLockedMachine, { policy, instanceId: 'n', accountId: 'cucm-file', mac: 'm1', release: '1' }, facts);
        a.advanceTo(evalDays + 1);
        expect(a.alarms('LicenseEvaluationExpiryWarning')[0]?.day).toBe(evalDays - warningDays);
        expect(a.dayEntered('expired')).toBe(evalDays);
        const licensed = evalDays + 1;
        a.send({ type: 'UPLOAD_LICENSE', file: 'a.lic', mac: 'm1', servers: 1 }).send({ type: 'MAC_CHANGE', mac: 'm2' });
        a.advanceTo(licensed + grace + 1);
        expect(a.dayEntered('shutdown')).toBe(licensed + grace);
      }),
      { numRuns: RUNS },
    );
  });
});
