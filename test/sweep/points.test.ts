import { describe, expect, it } from 'vitest';
import { defaultPolicy, type PolicyByModel } from '../../machines/policyOverride.ts';
import { gridPoints, parseParam, type SweepParam, sampledPoints } from '../../sweep/index.ts';

const base = {
  'smart-licensing': defaultPolicy('smart-licensing'),
  'node-locked': defaultPolicy('node-locked'),
  'session-claim': defaultPolicy('session-claim'),
} as PolicyByModel;

function param(path: string, values: unknown): SweepParam {
  const r = parseParam(path, values, ['smart-licensing'], base);
  if (!r.ok) throw new Error(r.message);
  return r.param;
}

describe('sweep parameters and points', () => {
  it('reads a grid with both ends, a list, a range for sampling; refuses what the policy refuses', () => {
    expect(param('smart-licensing.overageDays', '30..120:30').values).toEqual([30, 60, 90, 120]);
    expect(param('smart-licensing.overageClock', 'restart,resume').values).toEqual(['restart', 'resume']);
    expect(param('smart-licensing.overageDays', '10..20')).toMatchObject({ values: [], range: { min: 10, max: 20 } });
    const bad = (path: string, values: unknown) => {
      const r = parseParam(path, values, ['smart-licensing'], base);
      return r.ok ? '' : r.message;
    };
    expect(bad('smart-licensing.overageClock', 'restart,later')).toMatch(/^"later": must be one of restart, resume/);
    expect(bad('smart-licensing.overageDays', '30..20:5')).toBe('expected a range whose from is at most its to, found "30..20:5"');
    expect(bad('smart-licensing.overageDays', '30,30')).toBe('a value is listed twice');
    expect(bad('node-locked.evaluationDays', '10,20')).toBe(
      'the fleet has no node-locked instances: sweeping node-locked.evaluationDays would change nothing',
    );
    expect(bad('smart.overageDays', '1')).toMatch(
      /^expected model\.parameter with a model among smart-licensing, node-locked, session-claim/,
    );
  });

  it('a grid is every combination, the first parameter varying slowest', () => {
    const points = gridPoints([param('smart-licensing.overageDays', '30,60'), param('smart-licensing.overageClock', 'restart,resume')]);
    expect(points.map((p) => p.label)).toEqual([
      'overageDays=30, overageClock=restart',
      'overageDays=30, overageClock=resume',
      'overageDays=60, overageClock=restart',
      'overageDays=60, overageClock=resume',
    ]);
  });

  it('a Latin hypercube puts one point in each of n strata of every range; the same seed gives the same points', () => {
    const params = [param('smart-licensing.overageDays', '1..100'), param('smart-licensing.evaluationDays', '1..100')];
    const points = sampledPoints(params, 10, 'latin-hypercube', 5);
    expect(points).toHaveLength(10);
    for (const p of params) {
      const strata = points.map((pt) => Math.floor((Number(pt.values[p.path]) - 1) / 10)).sort((a, b) => a - b);
      expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    expect(sampledPoints(params, 10, 'latin-hypercube', 5)).toEqual(points);
    expect(sampledPoints(params, 10, 'latin-hypercube', 6)).not.toEqual(points);
    const random = sampledPoints(params, 20, 'random', 5);
    for (const pt of random) expect(Number(pt.values['smart-licensing.overageDays'])).toBeGreaterThanOrEqual(1);
  });
});
