import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fleet } from '../../engine/fleet/fleet.ts';
import type { FleetGroup } from '../../engine/scenario.ts';

const group = (name: string, count: number): FleetGroup => ({ name, count, model: 'node-locked', account: 'lic' }) as unknown as FleetGroup;

describe('instance ids and the instances they name', () => {
  const fleet = new Fleet([group('east', 12), group('east-2', 1500), group('west', 3)], 1);

  it('globalOf inverts id for every instance, in any order of asking', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: fleet.size - 1 }), { maxLength: 50 }), (globals) => {
        for (const g of globals) expect(fleet.globalOf(fleet.id(g))).toBe(g);
      }),
    );
    expect(fleet.id(12)).toBe('east-2-0000');
    expect(fleet.globalOf('east-2-1499')).toBe(12 + 1499);
  });

  it.each([
    ['east-12', 'index beyond the group'],
    ['east-1', 'digits not written as ids write them'],
    ['east-0001', 'one digit too many'],
    ['east-00a', 'not a number'],
    ['east-2-01500', 'index beyond the group, padded'],
    ['north-001', 'no such group'],
    ['east', 'no index'],
    ['-001', 'no group'],
    ['east-+01', 'a sign'],
  ])('%s names no instance (%s)', (id) => {
    expect(fleet.globalOf(fleet.id(0))).toBe(0);
    expect(fleet.globalOf(id)).toBe(-1);
  });

  it('looks up groups by name when there are many', () => {
    const many = new Fleet(
      Array.from({ length: 20 }, (_, i) => group(`g${i}`, 5)),
      1,
    );
    expect(many.globalOf('g13-004')).toBe(13 * 5 + 4);
    expect(many.globalOf('g13-005')).toBe(-1);
    expect(many.globalOf('g20-000')).toBe(-1);
  });
});
