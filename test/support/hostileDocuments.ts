import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';

/**
 * Scenario documents no one should write, for the fuzz test and `npm run bench:fuzz`
 * (issue 11): the bundled files with hostile edits, and the grammar's own pieces with
 * hostile values among the valid ones.
 */
function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.yaml') ? [join(dir, f)] : []))
    .sort();
}
const BUNDLED = files('scenarios').map((f) => readFileSync(f, 'utf8'));

/** Values chosen to break things: huge, tiny, negative, non-numbers, bad durations, control and bidi characters. */
const HOSTILE = [
  '1e308',
  '-1e308',
  '9007199254740993',
  '4294967296',
  '-1',
  '0',
  '0.000000001',
  'NaN',
  '.inf',
  '-.inf',
  '1000000y',
  '1e308d',
  '-5d',
  '0..4294967296',
  '5..2',
  '"-500%"',
  '"100000%"',
  '~',
  '[]',
  '{}',
  '*nope',
  '"\\u202e\\u2028line"',
  '"a\\nb: c"',
  '"\\n::error file=README.md,line=1::forged"',
  '"😀"',
  '!!binary AAAA',
  '? [a, b]\n  : 1',
];

/** One edit of a text. Positions are fractions, so one edit applies to any document. */
const edit: fc.Arbitrary<(text: string) => string> = fc.oneof(
  // A value replaced by a hostile one.
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...HOSTILE)).map(([at, value]) => (text: string) => {
    const values = [...text.matchAll(/: ([^\n{[]+)$/gm)];
    const m = values[Math.floor(at * values.length)];
    if (!m || m.index === undefined) return text;
    const start = m.index + 2;
    return text.slice(0, start) + value + text.slice(start + (m[1] as string).length);
  }),
  // Bytes inserted: tabs, NUL, invalid UTF-16, indentation, flow brackets.
  fc
    .tuple(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom('\t', '\u0000', '\ud800', '    ', '[', '{', ':', '- ', '&a ', '*a', '\r'),
    )
    .map(([at, bytes]) => (text: string) => {
      const i = Math.floor(at * text.length);
      return text.slice(0, i) + bytes + text.slice(i);
    }),
  // A line deleted, duplicated or cut short; the document truncated.
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('delete', 'duplicate', 'cut', 'truncate'))
    .map(([at, how]) => (text: string) => {
      if (how === 'truncate') return text.slice(0, Math.floor(at * text.length));
      const lines = text.split('\n');
      const i = Math.floor(at * lines.length);
      if (how === 'delete') lines.splice(i, 1);
      else if (how === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
      else lines[i] = (lines[i] ?? '').slice(0, Math.floor((lines[i] ?? '').length / 2));
      return lines.join('\n');
    }),
  // Deep nesting, block or flow.
  fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([depth, flow]) => (text: string) => {
    const deep = flow
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : `${Array.from({ length: depth }, (_, k) => `${' '.repeat(k)}k${k}:`).join('\n')}\n${' '.repeat(depth)}v\n`;
    return `${text}\nextra: ${flow ? deep : `\n${deep}`}\n`;
  }),
  // Aliases: a bomb, an anchor reused many times, an alias to nothing.
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 })).map(([levels, width]) => (text: string) => {
    const lines = ['a0: &a0 [x, y]'];
    for (let k = 1; k <= levels; k++) lines.push(`a${k}: &a${k} [${Array.from({ length: width }, () => `*a${k - 1}`).join(', ')}]`);
    return `${text}\n${lines.join('\n')}\n`;
  }),
  fc.constant((text: string) => text.replace(/^seed: .*$/m, 'seed: *nope')),
);

/** A scenario from the grammar's pieces, with hostile values among the valid ones. */
const grammarDoc: fc.Arbitrary<string> = fc
  .record({
    duration: fc.constantFrom('30d', '1y', '1000y', '1001y', 0, -1, '1e308', '2w'),
    count: fc.constantFrom(1, 5, 1000, 0, -3, 1_000_000_001, 2 ** 53 + 2, 'five'),
    users: fc.constantFrom(10, '10..20', '20..10', 1_000_001, { min: 1, max: 3 }, -1),
    growth: fc.constantFrom('0%', '2%', '2%/month', 0.02, '-500%', '100000%', -1.5, 'fast'),
    every: fc.constantFrom(undefined, '1d', '1h', '30min', 0.000000001, 0, '1e308d'),
    indices: fc.constantFrom(undefined, [0], '0..3', '0..4294967296', '3..1', [0, '2..4'], [-1]),
    purchase: fc.constantFrom(10, 2 ** 53 - 1, 0, -5, 1.5),
    extraKey: fc.boolean(),
  })
  .map((v) =>
    stringify({
      licsim: 3,
      name: 'fuzzed',
      duration: v.duration,
      accounts: [{ id: 'va', kind: 'virtual-account', purchases: [{ type: 'CUWL', count: v.purchase }] }],
      fleet: [{ name: 'sl', model: 'smart-licensing', count: v.count, account: 'va', users: v.users, growth: v.growth }],
      timeline: [
        { at: '1d', do: 'register', ...(v.indices !== undefined ? { target: { indices: v.indices } } : {}) },
        ...(v.every !== undefined ? [{ at: '2d', every: v.every, do: 'renew-authorization' }] : []),
      ],
      expect: [{ stateCount: { state: 'authorized', day: '5d', atLeast: 0 } }],
      ...(v.extraKey ? { colour: 'blue' } : {}),
    }),
  );

/** A document: three in four are bundled files edited one to three times, one in four is made from the grammar. */
export const hostileDocument: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...BUNDLED), fc.array(edit, { minLength: 1, maxLength: 3 }))
      .map(([t, es]) => es.reduce((x, e) => e(x), t)),
  },
  { weight: 1, arbitrary: grammarDoc },
);
