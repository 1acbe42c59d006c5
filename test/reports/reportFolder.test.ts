import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngText } from '../../reports/charts/pngText.ts';
import { OutDirError, ReportFolder, runIdOf, writeReports } from '../../reports/index.ts';
import { PNG_RUN_ID } from '../../reports/renderReport.ts';
import { smallOutcome, suite } from './fixtures.ts';
import { exists, folderState, runIds } from './reportState.ts';

const fresh = () => mkdtemp(join(tmpdir(), 'licsim-folder-'));
/** Every path below `dir`, sorted, with file contents: to show that nothing changed. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    out.push(`${path} ${e.isFile() ? (await readFile(path)).length : e.isSymbolicLink() ? 'link' : 'dir'}`);
  }
  return out.sort();
}

/** A pid that no process has: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the report folder', () => {
  it('every file of a report carries the same run id; it depends only on the inputs and has no clock value', async () => {
    const dir = join(await fresh(), 'report');
    const s = suite([smallOutcome()]);
    await writeReports(s, dir, { env: {}, runId: 'abc123' });
    const ids = await runIds(dir);
    expect(Object.keys(ids).filter((f) => f.startsWith('charts/'))).toHaveLength(4);
    // The scenario's page and the pages' script too.
    expect(Object.keys(ids).filter((f) => f.startsWith('scenarios/'))).toEqual([
      'scenarios/01-small-fleet-over-entitlement.html',
      'scenarios/charts.js',
    ]);
    expect(new Set(Object.values(ids))).toEqual(new Set(['abc123']));
    const png = await readFile(join(dir, 'charts', (await readdir(join(dir, 'charts')))[0] ?? ''));
    expect(pngText(png, PNG_RUN_ID)).toBe('abc123');
    const results = await readFile(join(dir, 'results.json'), 'utf8');
    expect(results.startsWith('{\n  "schema": "licsim/suite-result@1",\n  "runId": "abc123",\n')).toBe(true);
    // No time of day anywhere in results.json: dates only.
    expect(results).not.toMatch(/\d{2}:\d{2}:\d{2}/);
    // The default run id is a hash of the suite: the same suite, the same id and byte-identical results.json.
    const other = join(await fresh(), 'report');
    await writeReports(s, other, { env: {} });
    const again = join(await fresh(), 'report');
    await writeReports(JSON.parse(JSON.stringify(s)), again, { env: {} });
    expect(await readFile(join(other, 'results.json'), 'utf8')).toBe(await readFile(join(again, 'results.json'), 'utf8'));
    expect((await runIds(other))['results.json']).toBe(runIdOf(s));
    expect(runIdOf({ a: 1 }, { seed: 1 })).not.toBe(runIdOf({ a: 1 }, { seed: 2 }));
  });

  it('is built beside --out and swapped in: no build folder, lock or old report is left beside it', async () => {
    const parent = await fresh();
    const dir = join(parent, 'report');
    const folder = await ReportFolder.open(dir);
    expect(await readdir(parent)).toEqual(['.report.licsim-lock']);
    await folder.begin('run1');
    expect(await folderState(dir)).toEqual({ state: 'incomplete', runId: 'run1' });
    await folder.write(suite([smallOutcome()]), { env: {} });
    expect((await folderState(dir)).state).toBe('mixed'); // a failing suite: complete but not green
    await folder.release();
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('a second run on a locked --out is refused, naming the holder (pid, start), and writes nothing there', async () => {
    const parent = await fresh();
    const dir = join(parent, 'report');
    await writeReports(suite([smallOutcome()]), dir, { env: {} });
    const before = await snapshot(parent);
    const first = await ReportFolder.open(dir);
    const refusal = ReportFolder.open(dir);
    await expect(refusal).rejects.toBeInstanceOf(OutDirError);
    await expect(refusal).rejects.toThrow(
      new RegExp(`is in use by another licsim run \\(pid ${process.pid} on ${hostname()}, started \\d{4}-\\d\\d-\\d\\dT`),
    );
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {} })).rejects.toThrow(/in use by another licsim run/);
    await first.release();
    expect(await snapshot(parent)).toEqual(before);
  });

  it('a stale lock of a process that is gone is taken over, and says whose it was', async () => {
    const parent = await fresh();
    const pid = deadPid();
    const stale = { pid, host: hostname(), started: '2026-01-01T00:00:00.000Z', startTicks: null };
    await writeFile(join(parent, '.report.licsim-lock'), JSON.stringify(stale));
    const folder = await ReportFolder.open(join(parent, 'report'));
    expect(folder.tookOver).toEqual(stale);
    expect(JSON.parse(await readFile(join(parent, '.report.licsim-lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await folder.release();
    // A lock from another host cannot be checked: it is not taken over.
    await writeFile(join(parent, '.report.licsim-lock'), JSON.stringify({ ...stale, host: 'elsewhere' }));
    await expect(ReportFolder.open(join(parent, 'report'))).rejects.toThrow(`(pid ${pid} on elsewhere, started 2026-01-01T00:00:00.000Z)`);
  });

  it('refuses a folder holding files licsim did not write (--out .), and with force keeps them', async () => {
    const dir = await fresh();
    const mine = {
      'index.html': '<p>my page</p>',
      'summary.md': 'my notes',
      'junit.xml': '<x/>',
      'results.json': '{}',
      'notes.txt': 'keep',
    };
    for (const [name, text] of Object.entries(mine)) await writeFile(join(dir, name), text);
    const before = await snapshot(dir);
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {} })).rejects.toThrow(
      /holds files licsim did not write.*index\.html.*notes\.txt.*pass --force/,
    );
    expect(await snapshot(dir)).toEqual(before);
    expect(await exists(join(dir, '..', `.${dir.split('/').at(-1)}.licsim-lock`))).toBe(false);
    await writeReports(suite([smallOutcome()]), dir, { env: {}, force: true });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('keep');
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('licsim report');
    expect(await exists(join(dir, 'INCOMPLETE'))).toBe(false);
    // Still not only licsim's: the next run needs force again.
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {} })).rejects.toThrow(/notes\.txt/);
  });

  it('a stale or edited .licsim-report.json never deletes a file licsim did not write', async () => {
    const parent = await fresh();
    const dir = join(parent, 'report');
    await writeReports(suite([smallOutcome()]), dir, { env: {} });
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await writeFile(join(parent, 'outside.txt'), 'mine too');
    const manifest = JSON.parse(await readFile(join(dir, '.licsim-report.json'), 'utf8'));
    const forged = { path: 'notes.txt', size: 4, sha256: '0'.repeat(64) };
    await writeFile(join(dir, '.licsim-report.json'), JSON.stringify({ ...manifest, files: [...manifest.files, forged] }));
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {} })).rejects.toThrow(/notes\.txt/);
    await writeReports(suite([smallOutcome()]), dir, { env: {}, force: true });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    // An older licsim's manifest (names only) or one pointing outside proves nothing: the files stay.
    await writeFile(join(dir, '.licsim-report.json'), JSON.stringify({ files: ['notes.txt', '../outside.txt'] }));
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {} })).rejects.toThrow(/no \.licsim-report\.json this licsim wrote/);
    await writeReports(suite([smallOutcome()]), dir, { env: {}, force: true });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(parent, 'outside.txt'), 'utf8')).toBe('mine too');
  });

  it('never follows a symbolic link: charts linked elsewhere is refused, even with force, and nothing there is touched', async () => {
    const parent = await fresh();
    const dir = join(parent, 'report');
    const files = await writeReports(suite([smallOutcome()]), dir, { env: {} });
    const elsewhere = join(parent, 'elsewhere');
    await mkdir(elsewhere);
    const victim = join(elsewhere, files.charts[0]?.split('/').at(-1) ?? 'x.png');
    await writeFile(victim, 'not a chart');
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'charts'), { recursive: true });
    await symlink(elsewhere, join(dir, 'charts'));
    const before = await snapshot(parent);
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {} })).rejects.toThrow(/charts \(a symbolic link\)/);
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {}, force: true })).rejects.toThrow(
      /charts there is a symbolic link; licsim never follows links/,
    );
    expect(await snapshot(parent)).toEqual(before);
    expect(await readFile(victim, 'utf8')).toBe('not a chart');
    expect((await lstat(join(dir, 'charts'))).isSymbolicLink()).toBe(true);
    // scenarios linked elsewhere: the same.
    await rm(join(dir, 'charts'));
    await writeReports(suite([smallOutcome()]), dir, { env: {}, force: true });
    await rm(join(dir, 'scenarios'), { recursive: true });
    await symlink(elsewhere, join(dir, 'scenarios'));
    const linked = await snapshot(parent);
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {} })).rejects.toThrow(/scenarios \(a symbolic link\)/);
    await expect(writeReports(suite([smallOutcome()]), dir, { env: {}, force: true })).rejects.toThrow(
      /scenarios there is a symbolic link; licsim never follows links/,
    );
    expect(await snapshot(parent)).toEqual(linked);
    // --out itself a link: refused too.
    await symlink(dir, join(parent, 'link'));
    await expect(writeReports(suite([smallOutcome()]), join(parent, 'link'), { env: {} })).rejects.toThrow(/is a symbolic link/);
  });
});
