import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCounterexample, replayOrder } from '../../cli/replay.ts';
import { licsim, licsimProcess } from '../support/cli.ts';

const EXAMPLE = 'scenarios/examples/fuzz/late-purchase.yaml';
const FAILING = 'a-purchase-on-the-last-day-of-the-overage-period-9bce8b56.yaml';
const FIXED = 'late-purchase-fixed.yaml';
const NAME = 'A purchase on the last day of the overage period';

let root: string;

/** A folder with the example scenario and counterexamples/ holding a real, still-failing counterexample and a fixed copy of it. */
async function folder(name: string): Promise<string> {
  const dir = join(root, name);
  await cp(join(root, 'found', 'counterexamples'), join(dir, 'counterexamples'), { recursive: true });
  await cp(EXAMPLE, join(dir, 'late-purchase.yaml'));
  const text = await readFile(join(dir, 'counterexamples', FAILING), 'utf8');
  const fixed = text.replace('  - at: 31d\n', '  - at: 30d\n').replace('(fuzz counterexample)\n', '(fuzz counterexample, fixed)\n');
  await writeFile(join(dir, 'counterexamples', FIXED), fixed);
  return dir;
}

const yamlFiles = async (dir: string) => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.yaml')).sort();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'licsim-replay-'));
  const found = await licsim(['fuzz', 'scenarios/examples/fuzz', '--seed', '1', '--runs', '200', '--out', join(root, 'found')]);
  expect(found.code).toBe(1);
  expect(await readdir(join(root, 'found', 'counterexamples'))).toEqual([FAILING]);
}, 30_000);

describe('what a saved counterexample is', () => {
  it('a file in a counterexamples folder at or below a path given; not above it, not a file named on its own', () => {
    expect(isCounterexample('s/counterexamples/x.yaml', ['s'])).toBe(true);
    expect(isCounterexample('s/counterexamples/x.yaml', ['s/counterexamples'])).toBe(true);
    expect(isCounterexample('s/a/counterexamples/b/x.yaml', ['s'])).toBe(true);
    expect(isCounterexample('s/counterexamples/x.yaml', ['s/counterexamples/x.yaml'])).toBe(false);
    expect(isCounterexample('counterexamples/s/x.yaml', ['counterexamples/s'])).toBe(false);
    expect(isCounterexample('s/x.yaml', ['s'])).toBe(false);
  });

  it('replay order: counterexamples first in the order found, then the rest in theirs', () => {
    const files = ['s/a.yaml', 's/counterexamples/x.yaml', 's/counterexamples/y.yaml', 's/z.yaml', 't/counterexamples/w.yaml'];
    expect(replayOrder(files, ['s', 't'])).toEqual({
      files: ['s/counterexamples/x.yaml', 's/counterexamples/y.yaml', 't/counterexamples/w.yaml', 's/a.yaml', 's/z.yaml'],
      counterexamples: ['s/counterexamples/x.yaml', 's/counterexamples/y.yaml', 't/counterexamples/w.yaml'],
    });
  });
});

describe('licsim run replays saved counterexamples first', () => {
  it('runs them first under their heading (console and results.json), says which is fixed, exit 1', async () => {
    const dir = await folder('run');
    const r = await licsimProcess(['run', 'run', '--out', 'report', '--seed', '5', '-j', '1'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(lines[0]).toBe(' Counterexamples (replayed first)');
    expect(lines[1]).toMatch(new RegExp(`^ ✗ run/counterexamples/${FAILING} › .* \\(0/1 expectations, .*— still fails$`));
    expect(lines[2]).toBe(`     ✗ no instance enters outOfComplianceEnforced [SL-12 fired]  run/counterexamples/${FAILING}:47`);
    // Its evidence and cause (three changes of status), then the fixed one.
    const fixed = at(`run/counterexamples/${FIXED}`);
    expect(fixed).toBe(8);
    expect(lines[fixed]).toMatch(new RegExp(`^ ✓ run/counterexamples/${FIXED} › .* — fixed — now passes \\(--prune deletes it\\)$`));
    expect(lines.slice(fixed + 1, fixed + 3)).toEqual(['', ' Scenarios']);
    expect(lines[fixed + 3]).toMatch(/^ ✓ run\/late-purchase\.yaml › /);
    expect(lines[at(' Replayed')]).toBe(' Replayed      2 saved counterexamples: 1 still fails, 1 fixed (--prune deletes it)');
    expect(at(' Pruned')).toBe(-1);
    const results = JSON.parse(await readFile(join(root, 'report', 'results.json'), 'utf8'));
    type Outcome = { file: string; passed: boolean; counterexample?: true; runs: Array<{ result: { scenario: { seed: number } } }> };
    expect(results.scenarios.map((o: Outcome) => [o.file, o.passed, o.counterexample ?? null, o.runs[0]?.result.scenario.seed])).toEqual([
      [`run/counterexamples/${FAILING}`, false, true, 1],
      [`run/counterexamples/${FIXED}`, true, true, 1],
      ['run/late-purchase.yaml', true, null, 5],
    ]);
    expect(await readFile(join(root, 'report', 'summary.md'), 'utf8')).toContain(
      `| ✅ | ${NAME} (fuzz counterexample, fixed) (saved counterexample: fixed — now passes) | 1/1 | 1 | 60 |`,
    );
    expect(await yamlFiles(dir)).toEqual([`counterexamples/${FAILING}`, `counterexamples/${FIXED}`, 'late-purchase.yaml']);
  }, 30_000);

  it('--prune deletes exactly the fixed file and says so; the failing one and the scenario stay', async () => {
    const dir = await folder('prune');
    const r = await licsimProcess(['run', 'prune', '--out', 'report-prune', '--prune'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`— fixed — now passes\n`);
    expect(r.stdout).toContain(' Replayed      2 saved counterexamples: 1 still fails, 1 fixed\n');
    expect(r.stdout).toContain(` Pruned        prune/counterexamples/${FIXED} (fixed — now passes)\n`);
    expect(await yamlFiles(dir)).toEqual([`counterexamples/${FAILING}`, 'late-purchase.yaml']);
  }, 30_000);

  it('--prune with --only prunes only what was run; with no counterexamples it says nothing was pruned (exit 0)', async () => {
    const dir = await folder('only');
    const r = await licsimProcess(['run', 'only', '--out', 'report-only', '--prune', '--only', 'period (fuzz counterexample)'], {
      cwd: root,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(' Pruned        nothing: no saved counterexample passes now\n');
    expect(await yamlFiles(dir)).toEqual([`counterexamples/${FAILING}`, `counterexamples/${FIXED}`, 'late-purchase.yaml']);
    const none = await licsimProcess(['run', join(process.cwd(), EXAMPLE), '--out', 'report-none', '--prune'], { cwd: root });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(' Pruned        nothing: no saved counterexamples (counterexamples/ folders) under the paths given\n');
  }, 30_000);
});

describe('licsim fuzz replays saved counterexamples first, never fuzzes them', () => {
  it('replays them as written before the search, reports them apart (console, results.json, summary.md), exit 1', async () => {
    const dir = await folder('fuzz');
    const r = await licsimProcess(['fuzz', 'fuzz', '--seed', '1', '--runs', '20', '--out', 'fuzz-out'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([' licsim fuzz: seed 1, --runs 20', ' Counterexamples (replayed first)']);
    expect(lines[2]).toMatch(new RegExp(`^ ✗ fuzz/counterexamples/${FAILING} › .* — still fails$`));
    const fixed = lines.findIndex((l) => l.includes(`fuzz/counterexamples/${FIXED}`));
    expect(lines[fixed]).toMatch(new RegExp(`^ ✓ fuzz/counterexamples/${FIXED} › .* — fixed — now passes \\(--prune deletes it\\)$`));
    expect(lines[fixed + 1]).toBe('');
    expect(lines[fixed + 2]).toMatch(
      /^ ✗ fuzz\/late-purchase\.yaml › A purchase on the last day of the overage period — counterexample after/,
    );
    expect(r.stdout).toContain(' Fuzzed   1 scenario: 1 counterexample found (seed 1)\n');
    expect(r.stdout).toContain(' Replayed      2 saved counterexamples: 1 still fails, 1 fixed (--prune deletes it)\n');
    const results = JSON.parse(await readFile(join(root, 'fuzz-out', 'results.json'), 'utf8'));
    expect(results.passed).toBe(false);
    expect(results.replayed).toEqual([
      { file: `fuzz/counterexamples/${FAILING}`, name: `${NAME} (fuzz counterexample)`, passed: false, pruned: false },
      { file: `fuzz/counterexamples/${FIXED}`, name: `${NAME} (fuzz counterexample, fixed)`, passed: true, pruned: false },
    ]);
    expect(results.scenarios.map((s: { file: string }) => s.file)).toEqual(['fuzz/late-purchase.yaml']);
    const summary = await readFile(join(root, 'fuzz-out', 'summary.md'), 'utf8');
    expect(summary.split('\n')[0]).toBe('# licsim fuzz: 1 counterexample found; 1 saved counterexample still fails');
    expect(summary).toContain(`- ✓ fuzz/counterexamples/${FIXED} › ${NAME} (fuzz counterexample, fixed): fixed — now passes\n`);
    expect(await yamlFiles(dir)).toEqual([`counterexamples/${FAILING}`, `counterexamples/${FIXED}`, 'late-purchase.yaml']);
  }, 30_000);

  it('--prune deletes exactly the fixed file', async () => {
    const dir = await folder('fuzz-prune');
    const r = await licsimProcess(['fuzz', 'fuzz-prune', '--seed', '1', '--runs', '20', '--out', 'fuzz-prune-out', '--prune'], {
      cwd: root,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(` Pruned        fuzz-prune/counterexamples/${FIXED} (fixed — now passes)\n`);
    const results = JSON.parse(await readFile(join(root, 'fuzz-prune-out', 'results.json'), 'utf8'));
    expect(results.replayed.map((x: { pruned: boolean }) => x.pruned)).toEqual([false, true]);
    expect(await yamlFiles(dir)).toEqual([`counterexamples/${FAILING}`, 'late-purchase.yaml']);
  }, 30_000);

  it('a counterexamples folder given on its own: replayed, nothing fuzzed; exit 1 while one fails, 0 once all are fixed', async () => {
    const dir = await folder('saved-only');
    const args = ['fuzz', 'saved-only/counterexamples', '--seed', '1', '--out', 'saved-only-out'];
    const r = await licsimProcess(args, { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(' Fuzzed   0 scenarios: no expectation broken (seed 1)\n');
    const results = JSON.parse(await readFile(join(root, 'saved-only-out', 'results.json'), 'utf8'));
    expect([results.passed, results.replayed.length, results.scenarios]).toEqual([false, 2, []]);
    // junit.xml and index.html read failed too: a still-failing counterexample is a failure wherever CI looks.
    const junit = await readFile(join(root, 'saved-only-out', 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="licsim fuzz" tests="2" failures="1" errors="0" skipped="0" time="0">');
    expect(junit).toContain('message="the saved counterexample still fails: the defect it found is still there" type="counterexample"');
    const html = await readFile(join(root, 'saved-only-out', 'index.html'), 'utf8');
    expect(html).toContain('data-status="failed"');
    expect(html).toContain('licsim fuzz — 1 saved counterexample still failing</h1>');
    expect(html).toContain('Saved counterexamples, replayed first');
    await rm(join(dir, 'counterexamples', FAILING));
    const fixed = await licsimProcess(args, { cwd: root });
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain(' Replayed      1 saved counterexample: 1 fixed (--prune deletes it)\n');
  }, 30_000);
});
