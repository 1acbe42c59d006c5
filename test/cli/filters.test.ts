import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors.ts';
import { filterLine, listLines, scenarioKey, selectScenarios } from '../../cli/filters.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { licsim } from '../support/cli.ts';
import { oneCluster } from '../support/oneCluster.ts';

/** A tiny scenario: one cluster of 10 users with `count` licences (10 is enough; fewer breaks the never after 30 days). */
const text = (name: string, count: number) =>
  oneCluster({ name, days: 40, licences: count, expect: '  - never: { state: enforcement }\n  - eventually: { state: authorized }\n' });

function loaded(name: string, count = 10): LoadedScenario {
  const r = parseScenarios(text(name, count), `${name}.yaml`);
  if (!r.ok) throw new Error(name);
  return r.scenarios[0] as LoadedScenario;
}

const all = [loaded('east overage'), loaded('west renewal'), loaded('north')];
const c = pc.createColors(false);

describe('filters (issue 14)', () => {
  it('--grep keeps a scenario whose name matches whole, or only the expectations whose title matches', () => {
    const byName = selectScenarios(all, { grep: 'OVERAGE' });
    expect(byName.scenarios.map((s) => s.name)).toEqual(['east overage']);
    expect([byName.filtered, byName.expectationsFiltered]).toEqual([2, 0]);
    const byTitle = selectScenarios(all, { grep: 'reach authorized' });
    expect(byTitle.scenarios.map((s) => [s.name, s.expectations.map((e) => e.title)])).toEqual([
      ['east overage', ['all instances reach authorized']],
      ['west renewal', ['all instances reach authorized']],
      ['north', ['all instances reach authorized']],
    ]);
    expect(filterLine(byTitle, 3)).toBe(
      '--grep reach authorized: 3 of 3 scenarios match; 0 filtered out, and 3 expectations of those kept',
    );
  });

  it('--grep-invert leaves out what matches; --only and --last-failed narrow further; nothing left is a usage error', () => {
    expect(selectScenarios(all, { grep: 'east|west', grepInvert: true }).scenarios.map((s) => s.name)).toEqual(['north']);
    const inverted = selectScenarios(all, { grep: 'enforcement', grepInvert: true });
    expect(inverted.scenarios.every((s) => s.expectations.length === 1)).toBe(true);
    const failed = new Set([scenarioKey(all[1] as LoadedScenario)]);
    expect(selectScenarios(all, { lastFailed: failed }).scenarios.map((s) => s.name)).toEqual(['west renewal']);
    // Nothing known to have failed: everything runs.
    expect(selectScenarios(all, { lastFailed: new Set() }).scenarios).toHaveLength(3);
    expect(() => selectScenarios(all, { only: ['south'] })).toThrow(UsageError);
    expect(() => selectScenarios(all, { grep: '(' })).toThrow(/--grep \(: not a regular expression/);
    expect(() => selectScenarios(all, { grepInvert: true })).toThrow(/give the --grep pattern/);
  });

  it('--list says what would run, with the expectations and their lines', () => {
    const lines = listLines(selectScenarios(all, { only: ['north'] }), c);
    expect(lines).toEqual([
      ' north.yaml › north',
      '     no instance enters enforcement north.yaml:14',
      '     all instances reach authorized north.yaml:15',
      '',
      ' 1 scenario, 2 expectations (2 filtered out)',
    ]);
  });

  it('--bail starts no scenario after the first failure and counts the rest; --last-failed then runs the failed one alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-filters-'));
    await writeFile(join(dir, 'a.yaml'), text('a short', 5));
    await writeFile(join(dir, 'b.yaml'), text('b enough', 10));
    await writeFile(join(dir, 'c.yaml'), text('c enough', 10));
    const out = join(dir, 'rep');
    const bailed = await licsim(['run', dir, '--out', out, '--bail', '--jobs', '1']);
    expect(bailed.code).toBe(1);
    expect(bailed.stdout).toContain(' 2 scenarios not run: 1 scenario failed (--bail)');
    const first = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect([first.scenarios.map((s: { name: string }) => s.name), first.notRun]).toEqual([['a short'], 2]);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain('2 not run: the run stopped starting scenarios');
    const again = await licsim(['run', dir, '--out', out, '--last-failed']);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(' --last-failed: 1 of 3 scenarios match; 2 filtered out');
    const second = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect([second.scenarios.map((s: { name: string }) => s.name), second.filtered]).toEqual([['a short'], 2]);
  }, 60_000);
});
