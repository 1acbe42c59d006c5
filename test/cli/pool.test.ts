import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { licsim, licsimProcess } from '../support/cli.ts';

describe('worker threads are kept from one scenario to the next (issue 11, item 12)', () => {
  it('one worker running every scenario in turn gives the results of one worker per lane, byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-pool-'));
    const one = await licsim(['run', 'scenarios/call-services', 'scenarios/node-locked', '--out', join(dir, 'one'), '-j', '1']);
    const three = await licsim(['run', 'scenarios/call-services', 'scenarios/node-locked', '--out', join(dir, 'three'), '-j', '3']);
    expect([one.code, three.code]).toEqual([0, 0]);
    const results = await readFile(join(dir, 'one', 'results.json'), 'utf8');
    expect(JSON.parse(results).scenarios.length).toBeGreaterThanOrEqual(6);
    expect(await readFile(join(dir, 'three', 'results.json'), 'utf8')).toBe(results);
  });

  it('a crash in one scenario stops the others: no lane starts another, the run exits 3 naming the crashed scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-pool-'));
    const r = await licsimProcess(['run', 'scenarios/call-services', 'scenarios/node-locked', '--out', join(dir, 'out'), '-j', '2'], {
      env: { LICSIM_TEST_CRASH_SCENARIO: 'Studio seats are per machine and move only by a rehost' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'licsim crashed while running Studio seats are per machine and move only by a rehost: a crash the pool test asked for',
    );
    // Scenarios after the crash (node-locked ones come after the three Call Services scenarios) never ran.
    const ran = r.stdout.split('\n').filter((l) => l.includes('›'));
    expect(ran.length).toBeLessThanOrEqual(2);
    expect(r.stdout).not.toContain('Adjunct secondaries configured device by device');
  });
});
