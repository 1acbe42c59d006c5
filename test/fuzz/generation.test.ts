import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysOf,
  type FuzzSpace,
  identity,
  loadDocument,
  policyValueArb,
  shiftBounds,
  usedActions,
  variantArb,
  variantDocument,
} from '../../fuzz/index.ts';

const WRITTEN = {
  licsim: 3,
  name: 'generation',
  duration: '60d',
  policy: { 'smart-licensing': { overrides: { overageDays: 30 } } },
  accounts: [{ id: 'va', kind: 'virtual-account', purchases: [{ type: 'UCL-Enhanced', count: 5 }] }],
  fleet: [{ name: 'hq', model: 'smart-licensing', count: 2, account: 'va', users: 10 }],
  timeline: [
    { at: '0d', do: 'register' },
    { at: '2026-01-31', do: 'purchase', account: 'va', type: 'UCL-Enhanced', count: 10 },
    { at: '50d', do: 'link-down', until: '58d' },
  ],
  expect: [{ never: { state: 'outOfComplianceEnforced' } }],
  fuzz: { shift: '10d', drop: true },
};

const SPACE: FuzzSpace = {
  derived: false,
  days: 60,
  entries: [
    { index: 0, kind: 'register', day: 0, ...shiftBounds(0, 10, 60) },
    { index: 1, kind: 'purchase', day: 30, ...shiftBounds(30, 10, 60) },
    { index: 2, kind: 'link-down', day: 50, ...shiftBounds(50, 10, 60) },
  ],
  drop: true,
  inserts: [{ kind: 'link-up', written: { do: 'link-up', target: { indices: 1 } } }],
  policy: [{ model: 'smart-licensing', key: 'overageDays', min: 20, max: 45, original: 30 }],
  fleet: [],
  purchases: [],
};
const dayOf = (v: unknown) => daysOf(v, '2026-01-01');

describe('generation', () => {
  it('keeps every entry within its shift and the run, insertions on days of the run, policy values in range', () => {
    expect(SPACE.entries.map((e) => [e.minShift, e.maxShift])).toEqual([
      [0, 10],
      [-10, 10],
      [-10, 9],
    ]);
    fc.assert(
      fc.property(variantArb(SPACE), (v) => {
        v.entries.forEach((c, i) => {
          const e = SPACE.entries[i];
          expect(c.shift).toBeGreaterThanOrEqual(e?.minShift ?? 0);
          expect(c.shift).toBeLessThanOrEqual(e?.maxShift ?? 0);
          expect(Number.isInteger(c.shift)).toBe(true);
        });
        expect(v.inserts.length).toBeLessThanOrEqual(3);
        for (const ins of v.inserts) {
          expect(ins.choice).toBe(0);
          expect(ins.day).toBeGreaterThanOrEqual(0);
          expect(ins.day).toBeLessThan(60);
        }
        expect(v.policy[0]).toBeGreaterThanOrEqual(20);
        expect(v.policy[0]).toBeLessThanOrEqual(45);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('writes a variant as a scenario the loader accepts, days in their own spelling, until moved with at', () => {
    fc.assert(
      fc.property(variantArb(SPACE), (v) => {
        const doc = variantDocument(WRITTEN, SPACE, v, dayOf);
        expect(doc.fuzz).toBeUndefined();
        const read = loadDocument(doc, 'g.yaml');
        expect('problem' in read ? read.problem : null).toBeNull();
      }),
      { seed: 3, numRuns: 100 },
    );
    const doc = variantDocument(
      WRITTEN,
      SPACE,
      {
        entries: [
          { shift: 0, drop: true },
          { shift: 1, drop: false },
          { shift: 5, drop: false },
        ],
        inserts: [{ choice: 0, day: 12 }],
        policy: [44],
        fleet: [],
        purchases: [],
      },
      dayOf,
    );
    expect(doc.timeline).toEqual([
      { at: '2026-02-01', do: 'purchase', account: 'va', type: 'UCL-Enhanced', count: 10 },
      { at: '55d', do: 'link-down', until: '60d' },
      { at: '12d', do: 'link-up', target: { indices: 1 } },
    ]);
    expect(doc.policy).toEqual({ 'smart-licensing': { overrides: { overageDays: 44 } } });
  });

  it('the variant that changes nothing writes the scenario as it was (without fuzz:)', () => {
    const { fuzz: _fuzz, ...rest } = WRITTEN;
    expect(variantDocument(WRITTEN, SPACE, identity(SPACE), dayOf)).toEqual(rest);
  });

  it('shrinks each piece toward the original: shift 0, kept, no insertion, the original policy value', () => {
    const report = fc.check(
      fc.property(variantArb(SPACE), () => false),
      { seed: 11, numRuns: 1 },
    );
    expect(report.counterexample?.[0]).toEqual(identity(SPACE));
    // A policy value that must be at least 40 shrinks to 40, the nearest to the original 30.
    const p = fc.check(
      fc.property(policyValueArb(SPACE.policy[0] as FuzzSpace['policy'][number]), (x) => x < 40),
      { seed: 5, numRuns: 200 },
    );
    expect(p.counterexample).toEqual([40]);
  });

  it('derives the insertable actions from the timeline: each distinct action once, without its days', () => {
    expect(usedActions(WRITTEN.timeline)).toEqual([
      { do: 'register' },
      { do: 'purchase', account: 'va', type: 'UCL-Enhanced', count: 10 },
      { do: 'link-down' },
    ]);
  });
});
