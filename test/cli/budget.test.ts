import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

const fleet = (count: number) =>
  'licsim: 3\nname: sized fleet\nduration: 365d\n' +
  'accounts:\n  - { id: va, kind: virtual-account, purchases: [{ type: CUWL, count: 10 }] }\n' +
  `fleet:\n  - { name: sl, model: smart-licensing, count: ${count}, account: va, users: 10 }\n`;

describe('licsim run refuses a run larger than the machine before it starts (issue 11, item 4)', () => {
  it('a billion instances: exit 2 with the estimate, nothing written to --out', async () => {
    // Before: 8 GiB in 13 s, then killed.
    const dir = await mkdtemp(join(tmpdir(), 'licsim-budget-'));
    await writeFile(join(dir, 'huge.yaml'), fleet(1_000_000_000));
    const r = await licsim(['run', join(dir, 'huge.yaml'), '--out', join(dir, 'out'), '--max-memory', '16GiB']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a run is larger than this machine allows (16.0 GiB of memory)');
    expect(r.stderr).toContain('huge.yaml › sized fleet: 1,000,000,000 instances × 365 days: about 1.5 TiB and 20.3 h');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).toEqual(['huge.yaml']);
  });

  it('--max-memory and --max-events bound a small run too, and a bad size is a usage error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-budget-'));
    await writeFile(join(dir, 'small.yaml'), fleet(10));
    const small = await licsim(['run', join(dir, 'small.yaml'), '--out', join(dir, 'out'), '--max-memory', '64MiB']);
    expect(small.code).toBe(2);
    expect(small.stderr).toContain('10 instances × 365 days: about 130 MiB and 1 s, more than the 64 MiB it may use (--max-memory)');
    const bad = await licsim(['run', join(dir, 'small.yaml'), '--out', join(dir, 'out'), '--max-memory', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "option '--max-memory <size>' argument 'lots' is invalid. expected a memory size such as 512MiB, 8GiB or 2G",
    );
    expect(await readdir(dir)).toEqual(['small.yaml']);
  });

  it('a report too large to write is refused before the run (results.json past what one string holds)', async () => {
    // Before: 300 years of an hourly entry ran for 33 s, then crashed writing results.json (RangeError: Invalid string length).
    const dir = await mkdtemp(join(tmpdir(), 'licsim-budget-'));
    await writeFile(
      join(dir, 'hourly.yaml'),
      'licsim: 3\nname: hourly\nduration: 300y\n' +
        'accounts:\n  - { id: cs, kind: session-license, purchases: [{ type: sessions, count: 5 }] }\n' +
        'fleet:\n  - { name: ivr, model: session-claim, count: 1, account: cs, sessions: 1 }\n' +
        'timeline:\n  - { at: 0d, every: 1h, do: transfer }\n',
    );
    const r = await licsim(['run', join(dir, 'hourly.yaml'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the report would be too large: results.json of about 1.3 GiB, more than the 384 MiB licsim writes');
    expect(await readdir(dir)).toEqual(['hourly.yaml']);
  });
});
