import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aliasExpansionLimit, MIN_ALIAS_EXPANSION } from '../../scenarios/loader/expansion.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { MAX_NESTING } from '../../scenarios/loader/nesting.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import { readYaml } from '../../scenarios/loader/readYaml.ts';
import { licsim } from '../support/cli.ts';

const problems = (text: string) => {
  const r = parseScenarios(text, 'f.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};

/** Billion laughs: five levels of ten aliases each, 10^5 copies of a list of ten from a document of about 60 nodes. */
const BOMB = `licsim: 3
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
`;

const SCENARIO = (i: number) => `  - { name: s${i}, duration: 10d, policy: *p, accounts: *a, fleet: *f }\n`;
/** One policy, account list and fleet anchored in the first scenario and aliased by 101 more: a legitimate file. */
const REUSE = `licsim: 3
suite: reuse
scenarios:
  - name: s0
    duration: 10d
    policy: &p { smart-licensing: { overrides: { overageDays: 30 } } }
    accounts: &a [{ id: va, kind: virtual-account, purchases: [{ type: CUWL, count: 10 }] }]
    fleet: &f [{ name: sl, model: smart-licensing, count: 1, account: va, users: 1 }]
${Array.from({ length: 101 }, (_, i) => SCENARIO(i + 1)).join('')}`;

/** Block nesting n levels deep, each line one more space in. */
const lines = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n');

describe('YAML aliases: legitimate reuse reads, bombs and broken aliases are located problems', () => {
  it('an alias to an anchor that is not defined is a located problem', () => {
    expect(problems('licsim: 3\nname: x\nseed: *nope\n')).toEqual(['f.yaml:3:7: alias *nope refers to no anchor &nope defined before it']);
  });

  it('an alias inside the node its anchor names (a cycle) is a located problem', () => {
    expect(problems('licsim: 3\nname: &n [a, *n]\n')).toEqual(['f.yaml:2:14: alias *n is inside the node its anchor &n names (a cycle)']);
  });

  it('an alias bomb is refused at the alias that crosses the limit, and the nodes added stay within it', () => {
    expect(problems(BOMB)).toEqual([
      'f.yaml:5:36: aliases expand this document by more than 10,000 nodes at *c (at most 10 per node written, or 10,000): an alias bomb?',
    ]);
    const read = readYaml(BOMB);
    expect(read.ok).toBe(false);
    // Counting stops at the alias that crossed the limit: b's ten add 10 each, c's 110, d's eighth *c reaches 100 + 1,100 + 8 × 1,110.
    expect([read.bounds.nodes, read.bounds.added]).toEqual([63, 10_080]);
    expect(read.bounds.added - MIN_ALIAS_EXPANSION).toBeLessThan(1111);
  });

  it('the limit grows with the document: ten added nodes per node written, at least 10,000', () => {
    expect([aliasExpansionLimit(0), aliasExpansionLimit(1000), aliasExpansionLimit(5000)]).toEqual([10_000, 10_000, 50_000]);
  });

  it('an anchor reused in 101 scenarios (more than the YAML library allows by default) is read', () => {
    const read = parseScenarios(REUSE, 'f.yaml');
    expect(read.ok && read.scenarios.map((s) => s.name)).toEqual(Array.from({ length: 102 }, (_, i) => `s${i}`));
    const r = readYaml(REUSE);
    // Each scenario's aliases add the policy's 7 nodes, the accounts' 13 and the fleet's 12, less the three aliases themselves.
    expect(r.ok && r.bounds).toEqual({ depth: 8, nodes: 1158, added: 101 * (6 + 12 + 11) });
  });
});

describe('deep nesting is refused before the parser recurses', () => {
  it(`block nesting of 3,000 levels then a dedent: located at the level past ${MAX_NESTING}`, () => {
    expect(problems(`${lines(3000)}\nb: 1\n`)).toEqual([`f.yaml:65:65: the document nests deeper than ${MAX_NESTING} levels`]);
  });

  it('flow nesting 5,000 deep, and 3,000 compact sequences on one line', () => {
    expect(problems(`name: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).toEqual(['f.yaml:1:70: the document nests deeper than 64 levels']);
    expect(problems(`${'- '.repeat(3000)}x\n`)).toEqual(['f.yaml:1:129: the document nests deeper than 64 levels']);
  });

  it('64 levels are read (the schema then says what is wrong); 65 are not', () => {
    const at = (n: number) => `licsim: 3\nname: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(readYaml(at(63)).bounds.depth).toBe(64);
    expect(problems(at(63))).toContain('f.yaml:2:7: name: expected a non-empty name, found a list of 1');
    expect(problems(at(64))).toEqual(['f.yaml:2:70: the document nests deeper than 64 levels']);
  });

  it('aliases that nest the document deeper than the limit', () => {
    const chain = Array.from({ length: 70 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]\n`).join('');
    expect(problems(`licsim: 3\na0: &a0 [x]\n${chain}`)).toEqual(['f.yaml:64:12: alias *a61 nests the document deeper than 64 levels']);
  });
});

describe('nothing but licsim reaches the console: YAML the library would warn about is a located problem', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a complex mapping key, written or as an alias, with no process warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    expect(problems('licsim: 3\n? [a, b]\n: 1\nk: &k { x: 1 }\n*k : 2\n')).toEqual([
      'f.yaml:2:3: expected a mapping key that is a name or a number, found a list',
      'f.yaml:5:1: expected a mapping key that is a name or a number, found *k, an alias of a mapping',
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('an unresolved tag is a located problem, not a value silently read without it', () => {
    expect(problems('licsim: 3\nname: !where x\n')).toEqual([
      'f.yaml:2:7: YAML: Unresolved tag: !where (licsim reads no YAML the parser only warns about)',
    ]);
  });

  it('the commands print only their own lines for each of them, and exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'licsim-yaml-'));
    const files = { complex: '? [a, b]\n: 1\n', bomb: BOMB, deep: `${lines(3000)}\nb: 1\n`, undefined: 'seed: *nope\n' };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, `${name}.yaml`), text);
    const paths = Object.keys(files).map((n) => join(dir, `${n}.yaml`));
    const [validate, migrate] = await Promise.all([licsim(['validate', ...paths]), licsim(['migrate', ...paths])]);
    expect(validate.code).toBe(2);
    expect(validate.stderr.split('\n')).toEqual([
      'licsim: 4 problems in 4 scenario files; nothing was run',
      `  ${paths[0]}:1:3: expected a mapping key that is a name or a number, found a list`,
      `  ${paths[1]}:5:36: aliases expand this document by more than 10,000 nodes at *c (at most 10 per node written, or 10,000): ` +
        'an alias bomb?',
      `  ${paths[2]}:65:65: the document nests deeper than 64 levels`,
      `  ${paths[3]}:1:7: alias *nope refers to no anchor &nope defined before it`,
      '',
    ]);
    expect(migrate.code).toBe(2);
    expect(migrate.stderr).toContain(`${paths[1]}:5:36: aliases expand this document by more than 10,000 nodes`);
    expect(migrate.stderr).toContain(`${paths[2]}:65:65: the document nests deeper than 64 levels`);
    expect(migrate.stderr).not.toMatch(/Warning|\n\s+at /);
    expect(await readFile(paths[1] as string, 'utf8')).toBe(BOMB);
  });
});
