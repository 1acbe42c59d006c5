import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareRateMessage } from '../../engine/units.ts';
import { migrateText } from '../../scenarios/loader/formatVersion.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { licsim } from '../support/cli.ts';

const doc = (growth: string, version = 'licsim: 3\n') =>
  `${version}name: g\nduration: 100d\naccounts:\n  - id: va\n    kind: virtual-account\n    purchases: [{ type: CUWL, count: 10 }]\n` +
  `fleet:\n  - { name: sl, model: smart-licensing, count: 2, account: va, users: 500, growth: ${growth} }\n` +
  'timeline:\n  - { at: 1d, do: register }\n';

const problems = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};
const growthOf = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return (r.scenarios[0] as LoadedScenario).variants[0]?.scenario.fleet[0]?.growth;
};

describe('a growth rate says its unit (issue 14, item 2)', () => {
  it('growth: 3 is refused at file:line:col with both readings (it was 300 % a month: 500 → 2,000 → 8,000)', () => {
    expect(problems(doc('3'))).toEqual([
      'f.yaml:9:84: fleet[0].growth: a bare number is ambiguous: write 3% (3 % a month) or 300% (×4 a month), found 3',
    ]);
    expect(problems(doc('0.02'))).toEqual([
      'f.yaml:9:84: fleet[0].growth: a bare number is ambiguous: write 0.02% (0.02 % a month) or 2% (×1.02 a month), found 0.02',
    ]);
  });

  it('a reading beyond the bounds of a rate says so; a number beyond them either way is out of bounds; 0 is 0%', () => {
    expect(bareRateMessage(-0.5)).toBe('a bare number is ambiguous: write -0.5% (-0.5 % a month) or -50% (×0.5 a month)');
    expect(bareRateMessage(-1.5)).toBe(
      'a bare number is ambiguous: write -1.5% (-1.5 % a month) or -150% (beyond the -100% to 1000% a rate may be)',
    );
    expect(bareRateMessage(0.07)).toBe('a bare number is ambiguous: write 0.07% (0.07 % a month) or 7% (×1.07 a month)');
    expect(bareRateMessage(5000)).toBe('expected a monthly rate from -100% to 1000%, written as a percentage like 2% (or 2%/month)');
    expect(problems(doc('0'))).toEqual([
      'f.yaml:9:84: fleet[0].growth: a growth rate is written as a percentage: write 0% (no growth), found 0',
    ]);
  });

  it('a percentage reads as written, with or without /month', () => {
    expect(growthOf(doc('3%'))).toBe(0.03);
    expect(growthOf(doc('"2.5%/month"'))).toBe(0.025);
    expect(growthOf(doc('-100%'))).toBe(-1);
    expect(problems(doc('"1001%"'))[0]).toContain('expected a monthly rate from -100% to 1000%');
  });

  it('licsim run refuses growth: 3 with exit 2 and the located problem, no stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-growth-'));
    const file = join(dir, 'g.yaml');
    await writeFile(file, doc('3'));
    const r = await licsim(['run', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:9:84: fleet[0].growth: a bare number is ambiguous: write 3% (3 % a month) or 300% (×4 a month)`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('versions 1 and 2 read a bare number as a fraction: the loader says so, and licsim migrate writes the percentage it meant', () => {
    const v2 = doc('3', 'licsim: 2\n');
    expect(problems(v2)).toEqual([
      'f.yaml:1:9: licsim: this file is format version 2; licsim reads version 3: write licsim: 3 (licsim migrate FILE rewrites the file)',
      'f.yaml:9:84: fleet[0].growth: growth: 3 is a fraction in format version 2 (300% a month); ' +
        'version 3 writes it with its %: write growth: 300%',
    ]);
    const migrated = migrateText(v2);
    // Scalars only: rewritten in place, the rest as written.
    expect(migrated.text).toBe(doc('300%'));
    expect(growthOf(migrated.text)).toBe(3);
    const v1 = migrateText(doc('0.07', ''));
    expect(v1.problem).toBeNull();
    expect(v1.text).toContain('growth: 7%');
    expect(growthOf(v1.text)).toBe(0.07);
    // A percentage is already what version 3 reads: nothing to migrate.
    expect(migrateText(doc('2%', 'licsim: 2\n')).changes.map((c) => c.path.join('.'))).toEqual(['licsim']);
  });
});
