import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../ledger/index.ts';

const E = 'UCL-Enhanced';
const IDS = ['n-0', 'n-1', 'n-2', 'other', 'n-9'];
/** Slots for `n-0`…`n-2` only: `other` and `n-9` (beyond capacity) live in the map. */
const slots = { capacity: 3, slotOf: (id: string) => (/^n-[0-2]$/.test(id) ? Number(id.slice(2)) : -1) };

type Op = { kind: 'register' | 'deregister' | 'report'; id: string; units: number };
const op = fc.record({
  kind: fc.constantFrom<Op['kind']>('register', 'deregister', 'report'),
  id: fc.constantFrom(...IDS),
  units: fc.nat({ max: 40 }),
});

function play(ledger: Ledger, ops: readonly Op[]): unknown[] {
  ledger.openAccount({ id: 'va', kind: 'virtualAccount' });
  ledger.purchase('va', E, 50);
  return ops.map((o) => {
    const r =
      o.kind === 'register'
        ? ledger.register(o.id, 'va')
        : o.kind === 'deregister'
          ? ledger.deregister(o.id)
          : ledger.reportUsage(o.id, { [E]: o.units });
    return { r, holdings: IDS.map((id) => ledger.holdings(id)), status: ledger.typeStatus('va', E) };
  });
}

describe('instance slots: where the ledger keeps records, and nothing more', () => {
  it('a ledger keeping records by slot answers every operation as one keeping them all in a map', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        expect(play(new Ledger({ instanceSlots: slots }), ops)).toEqual(play(new Ledger(), ops));
      }),
    );
  });

  it('an id with a slot and one without are different instances', () => {
    const ledger = new Ledger({ instanceSlots: slots });
    ledger.openAccount({ id: 'va', kind: 'virtualAccount' });
    ledger.purchase('va', E, 50);
    expect(ledger.register('n-1', 'va').ok).toBe(true);
    expect(ledger.registration('n-1')).toBe('va');
    expect(ledger.registration('other')).toBeNull();
    expect(ledger.reportUsage('n-1', { [E]: 7 }).ok).toBe(true);
    expect(ledger.usage('n-1')).toEqual({ [E]: 7 });
    expect(ledger.usage('n-2')).toBeNull();
  });
});
