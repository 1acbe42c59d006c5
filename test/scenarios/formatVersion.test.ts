import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateText } from '../../scenarios/loader/formatVersion.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { licsim } from '../support/cli.ts';

/** A version-1 file: no `licsim:`, a transport mix with a disconnected satellite, outages, an instance-targeted sync. */
const V1 = `# a v1 scenario
name: old
duration: 100d
accounts:
  - id: va
    kind: virtual-account
    purchases: [{ type: CUWL, count: 10 }]
fleet:
  - name: sl
    model: smart-licensing
    count: 5
    account: va
    transport: { direct: 0.5, satellite-disconnected: 0.5 }
    users: 10
timeline:
  - { at: 5d, do: register }
  - { at: 10d, do: outage-start, target: { fraction: 20% } }
  - { at: 20d, do: outage-end, target: { fraction: 20% } }
  - { at: 30d, every: 10d, do: satellite-sync, target: { groups: sl } }
`;

const problems = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('scenario files carry a format version', () => {
  it('a file without licsim: is read as version 1: each construct that changed is located, with what to write now', () => {
    expect(problems(V1)).toEqual([
      'f.yaml:2:1: this file has no format version, so it is read as version 1; ' +
        'licsim reads version 3: add licsim: 3 at the top (licsim migrate FILE rewrites the file)',
      'f.yaml:2:1: version 2 declares satellites: add satellites: [ { id: sl-satellite, account: va, mode: disconnected } ]',
      'f.yaml:13:5: fleet[0].transport: transport is version 1: ' +
        'write link: { direct: 0.5, satellite: 0.5 }, satellite: sl-satellite (a disconnected satellite under satellites:)',
      'f.yaml:17:20: timeline[1].do: outage-start is version 1: write do: link-down',
      'f.yaml:18:20: timeline[2].do: outage-end is version 1: write do: link-up',
      'f.yaml:19:32: timeline[3].do: satellite-sync now names the satellite: ' +
        'write satellite: sl-satellite (one entry per satellite) instead of a target',
    ]);
  });

  it('a version-1 file with refusal ops in the old spelling is told the new one, and migrate rewrites them', () => {
    const text = `${V1}expect:\n  - refused: { op: REGISTER, equals: 0 }\n  - refused: { op: "GROW", equals: 0 }\n`;
    expect(problems(text).slice(-2)).toEqual([
      'f.yaml:21:20: expect[0].refused.op: op REGISTER is spelled as in versions 1 and 2: ' +
        'refusals are named by the timeline action in kebab-case now: write op: register',
      'f.yaml:22:20: expect[1].refused.op: op GROW is spelled as in versions 1 and 2: ' +
        'refusals are named by the timeline action in kebab-case now: write op: grow',
    ]);
    const { text: migrated, problem } = migrateText(text);
    expect(problem).toBeNull();
    expect(migrated).toContain('  - refused: { op: register, equals: 0 }\n  - refused: { op: "grow", equals: 0 }\n');
    expect(problems(migrated)).toEqual([]);
  });

  it('an unknown version is refused, saying which versions licsim reads', () => {
    expect(problems(`licsim: 7\n${V1}`)).toEqual([
      'f.yaml:1:9: licsim: unknown format version 7; licsim reads version 3 (and migrates versions 1 and 2): write licsim: 3',
    ]);
    expect(problems(`licsim: '2'\n${V1}`)[0]).toContain('unknown format version "2"');
  });

  it('licsim: 1 is version 1: every construct that changed is reported as for a file without a version', () => {
    const explicit = problems(`licsim: 1\n${V1}`);
    const implicit = problems(V1);
    expect(explicit).toContain(
      'f.yaml:1:9: licsim: this file is format version 1; licsim reads version 3: write licsim: 3 (licsim migrate FILE rewrites the file)',
    );
    // The others are the same messages, one line further down.
    const others = (list: string[]) => list.filter((p) => !p.includes('format version')).map((p) => p.replace(/^f\.yaml:\d+:/, ''));
    expect(explicit).toHaveLength(implicit.length);
    expect(others(explicit)).toEqual(others(implicit));
    const { text } = migrateText(`licsim: 1\n${V1}`);
    expect(text).toContain('do: link-down');
    expect(text.match(/^licsim:/gm)).toEqual(['licsim:']);
    expect(problems(text)).toEqual([]);
  });

  it('licsim migrate rewrites a version-1 file so that it loads, keeping its comment, and is a no-op the second time', () => {
    const { text, changes } = migrateText(V1);
    expect(changes).toHaveLength(6);
    expect(text.startsWith('# a v1 scenario\nlicsim: 3\n')).toBe(true);
    expect(text).toContain('link: { direct: 0.5, satellite: 0.5 }\n    satellite: sl-satellite\n');
    expect(text).toContain('satellites:\n  - { id: sl-satellite, account: va, mode: disconnected }\n');
    expect(text).toContain('do: link-down');
    expect(text).toContain('do: satellite-sync, satellite: sl-satellite }');
    expect(problems(text)).toEqual([]);
    expect(migrateText(text)).toEqual({ text, changes: [], problem: null });
  });

  it('version 2 names refusals by event type: each such op is located, and migrate writes the kebab-case in place', () => {
    const V2 = `# a v2 scenario, kept as written
licsim: 2
name: v2
duration: 30d
accounts:
  - { id: lic, kind: license-file, purchases: [{ type: DLU, count: 10 }] }
fleet:
  - { name: cm, model: node-locked, count: 1, account: lic }
timeline:
  - { at: 1d, do: upload-license }
expect:
  - refused: { op: UPLOAD_LICENSE, rule: NL-7, atLeast: 0 }   # the file is short
  - refused: { op: growth, equals: 0 }
`;
    expect(problems(V2)).toEqual([
      'f.yaml:2:9: licsim: this file is format version 2; licsim reads version 3: write licsim: 3 (licsim migrate FILE rewrites the file)',
      'f.yaml:12:20: expect[0].refused.op: op UPLOAD_LICENSE is spelled as in versions 1 and 2: ' +
        'refusals are named by the timeline action in kebab-case now: write op: upload-license',
    ]);
    const { text, changes } = migrateText(V2);
    expect(changes).toHaveLength(2);
    // Only the two scalars change: layout and comments stay as written.
    expect(text).toBe(V2.replace('licsim: 2', 'licsim: 3').replace('op: UPLOAD_LICENSE', 'op: upload-license'));
    expect(problems(text)).toEqual([]);
  });

  it('version 2 ops are mapped to the action that delivers the event; one that names none is located and not migrated', () => {
    const v2 = (ops: string[]) => `licsim: 2
name: v2
duration: 30d
accounts: [{ id: va, kind: virtual-account, purchases: [{ type: CUWL, count: 10 }] }]
satellites: [{ id: sat, account: va, mode: connected }]
fleet: [{ name: sl, model: smart-licensing, count: 1, account: va, users: 1 }]
timeline: [{ at: 1d, do: register }]
expect:
${ops.map((op) => `  - refused: ${op}\n`).join('')}`;
    const { text } = migrateText(v2(['{ op: SET_MODE, equals: 0 }', "{ op: 'SYNC', equals: 0 }", '{ op: RESERVE, equals: 0 }']));
    expect(text).toContain(
      "op: satellite-mode, equals: 0 }\n  - refused: { op: 'satellite-sync', equals: 0 }\n  - refused: { op: slr-authorize,",
    );
    expect(problems(text)).toEqual([]);
    const stuck = migrateText(v2(['{ op: USAGE_REPORT, equals: 0 }']));
    expect(stuck.problem).toMatchObject({
      message: expect.stringContaining('op USAGE_REPORT is spelled as in versions 1 and 2 and names no timeline action'),
    });
    expect(stuck.text).toBe(v2(['{ op: USAGE_REPORT, equals: 0 }']));
    // A value written as a block scalar is rewritten through the document, never spliced into broken YAML.
    const block = v2([]).replace('expect:\n', 'expect:\n  - refused:\n      op: >-\n        UPLOAD_LICENSE\n      equals: 0\n');
    const migrated = migrateText(block);
    expect(migrated.problem).toBeNull();
    expect(problems(migrated.text)).toEqual([]);
    expect(migrated.text).toMatch(/op: >-\n {8}upload-license\n/);
  });

  it('the command rewrites files in place, and --check only reports (exit 1)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-migrate-'));
    const file = join(dir, 'old.yaml');
    await writeFile(file, V1);
    const check = await licsim(['migrate', '--check', file]);
    expect(check.code).toBe(1);
    expect(await readFile(file, 'utf8')).toBe(V1);
    const run = await licsim(['migrate', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('6 changes');
    expect((await licsim(['validate', file])).code).toBe(0);
  });

  it('the command leaves a file it cannot migrate as it was, says why with file:line:col, and exits 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-migrate-'));
    const future = join(dir, 'future.yaml');
    const broken = join(dir, 'broken.yaml');
    await writeFile(future, `# later\nlicsim: 4\n${V1}`);
    await writeFile(broken, 'name: [unclosed\n');
    const run = await licsim(['migrate', future, broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${future}:2:1: unknown format version 4; licsim reads version 3 (and migrates versions 1 and 2)`);
    expect(run.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML syntax error: `));
    expect(run.stdout).toContain('2 could not be migrated (left as they were)');
    expect(await readFile(future, 'utf8')).toBe(`# later\nlicsim: 4\n${V1}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
