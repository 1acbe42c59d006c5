import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/runScenario.ts';
import type { TimelineEntry } from '../../engine/scenario.ts';
import { disagreement } from '../../engine/world/consistency.ts';
import { Ledger } from '../../ledger/index.ts';
import { CLAIMS_NOTHING } from '../../machines/holdings.ts';
import { scenarioWith, smartGroup } from '../support/scenarios.ts';

const E = 'UCL-Enhanced';

/** A VA of 100 UCL-Enhanced; ucm1 reserves 10 and installs the code SLR-ucm1-1 (SLR-3, SLR-4). */
function installed() {
  const ledger = new Ledger();
  ledger.openAccount({ id: 'va', kind: 'virtualAccount', smartAccount: 'acme' });
  expect(ledger.purchase('va', E, 100).ok).toBe(true);
  expect(ledger.reserve('ucm1', 'va', { [E]: 10 }).ok).toBe(true);
  expect(ledger.installReservation('ucm1').ok).toBe(true);
  return ledger;
}

const RESERVED = { ...CLAIMS_NOTHING, reservation: { code: 'SLR-ucm1-1' } };

describe('SLR-7, §6: a returned reservation is an orphaned holding until its return code is entered in CSSM', () => {
  it('SLR-7: the ledger says the reservation is returned, its licences still blocked, until the code is entered', () => {
    const ledger = installed();
    expect(ledger.holdings('ucm1').reservation).toEqual({
      code: 'SLR-ucm1-1',
      installedCode: 'SLR-ucm1-1',
      nonOperational: false,
      returnCode: null,
    });
    expect(ledger.returnReservation('ucm1')).toEqual({ ok: true, returnCode: 'SLRR-ucm1-1' });
    expect(ledger.holdings('ucm1').reservation).toEqual({
      code: 'SLR-ucm1-1',
      installedCode: 'SLR-ucm1-1',
      nonOperational: false,
      returnCode: 'SLRR-ucm1-1',
    });
    expect(ledger.typeStatus('va', E)).toMatchObject({ reserved: 10, available: 90 });
    expect(ledger.enterReturnCode('ucm1')).toMatchObject({ ok: true, released: { [E]: 10 } });
    expect(ledger.holdings('ucm1').reservation).toBeNull();
  });

  it('§6, SLR-7: an instance that holds no reservation agrees with a returned one, never with one still installed', () => {
    const ledger = installed();
    // Installed and not returned: the instance must claim it.
    expect(disagreement(CLAIMS_NOTHING, ledger.holdings('ucm1'))).toEqual({
      claims: 'no reservation installed',
      ledger: 'reservation SLR-ucm1-1 installed',
    });
    expect(disagreement(RESERVED, ledger.holdings('ucm1'))).toBeNull();
    ledger.returnReservation('ucm1');
    // Returned ("which removes the Authorization Code"): the instance holds nothing, CSSM still blocks it.
    expect(disagreement(CLAIMS_NOTHING, ledger.holdings('ucm1'))).toBeNull();
    expect(disagreement(RESERVED, ledger.holdings('ucm1'))).toEqual({
      claims: 'reservation SLR-ucm1-1 installed',
      ledger: 'reservation returned (SLRR-ucm1-1 not entered)',
    });
    ledger.enterReturnCode('ucm1');
    expect(disagreement(CLAIMS_NOTHING, ledger.holdings('ucm1'))).toBeNull();
  });

  it('SLR-7: a cluster returning on day 10 and entered in CSSM on day 20 agrees with the ledger after every step', () => {
    const at = (day: number, action: TimelineEntry['action']): TimelineEntry => ({ at: day, target: {}, action });
    const scenario = scenarioWith(
      [smartGroup('air', 1, { users: 10, profiles: { 'desk-phone': 1 }, growth: 0, link: { direct: 1 } } as never)],
      [
        at(1, { kind: 'slr-enable' }),
        at(2, { kind: 'slr-request' }),
        at(3, { kind: 'slr-authorize', headroom: 0 }),
        at(4, { kind: 'slr-install' }),
        at(10, { kind: 'slr-return' }),
        at(20, { kind: 'slr-return-entered' }),
      ],
      { days: 30 },
    );
    const r = runScenario(scenario, { consistency: 'every-step' });
    const statusOn = (status: string, day: number) => r.series.status['smart-licensing']?.[status]?.[day] ?? 0;
    expect([statusOn('reserved', 9), statusOn('reservationEvaluation', 10)]).toEqual([1, 1]);
    // The 10 reserved on day 3 stay blocked from the return on day 10 until the code is entered on day 20.
    const enhanced = r.series.usage.find((u) => u.account === 'va-east' && u.type === E);
    expect(enhanced?.entitlement.slice(2, 4)).toEqual([3000, 2990]);
    expect(enhanced?.entitlement.slice(9, 21)).toEqual([...Array(11).fill(2990), 3000]);
    expect(r.consistency).toMatchObject({ inconsistent: 0 });
  });
});
