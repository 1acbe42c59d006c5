import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { discover } from '../../cli/discover.ts';
import { parseVariant } from '../../fuzz/parseCache.ts';
import { isPolicyDocument } from '../../scenarios/loader/policyFile.ts';
import { scenarioSchema } from '../../scenarios/loader/schema.ts';

describe('parseVariant (the fuzz search parses what its variants share once)', () => {
  it('gives what the scenario schema gives, for every bundled scenario, twice over (the second time from what it kept)', async () => {
    const { files } = await discover(['scenarios']);
    let compared = 0;
    for (const file of files) {
      const data = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      // Verification and policy files hold no scenario.
      const docs = Array.isArray(data.scenarios) ? (data.scenarios as unknown[]) : 'verify' in data || isPolicyDocument(data) ? [] : [data];
      for (const doc of docs) {
        const expected = scenarioSchema.safeParse(doc);
        expect(expected.success, file).toBe(true);
        expect(parseVariant(doc), file).toEqual(expected);
        expect(parseVariant(doc), file).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(15);
  });

  it('leaves a document the schema refuses to the schema: its own first problem (an unknown key, a bad entry)', () => {
    const doc = parse(
      `name: x\nduration: 10d\naccounts: [{ id: va, kind: virtual-account }]\nfleet: []\ntimeline: [{ at: 1d, do: nope }]\nextra: 1\n`,
    );
    const expected = scenarioSchema.safeParse(doc);
    const got = parseVariant(doc);
    expect(got.success).toBe(false);
    expect(!got.success && got.error.issues).toEqual(!expected.success && expected.error.issues);
    const entry = { ...doc, extra: undefined, fleet: [{ name: 'hq', model: 'smart-licensing', count: 1, account: 'va', users: 1 }] };
    delete entry.extra;
    const bad = scenarioSchema.safeParse(entry);
    expect(bad.success).toBe(false);
    expect(parseVariant(entry)).toEqual(bad);
  });

  it('tells apart values plain JSON would not: a refused .inf is not taken for a kept null', () => {
    const base = parse('name: x\nduration: 10d\naccounts: [{ id: va, kind: virtual-account }]\n');
    const group = (users: number | null) => [{ name: 'hq', model: 'smart-licensing', count: 1, account: 'va', users }];
    for (const users of [Number.POSITIVE_INFINITY, null, Number.NaN, -0, 0]) {
      const doc = { ...base, fleet: group(users) };
      expect(parseVariant(doc), String(users)).toEqual(scenarioSchema.safeParse(doc));
    }
  });

  it('hands out copies: changing a parsed document leaves the next parse as it was', () => {
    const doc = parse(
      'name: x\nduration: 10d\naccounts: [{ id: va, kind: virtual-account }]\n' +
        'fleet: [{ name: hq, model: smart-licensing, count: 1, account: va, users: 1 }]\n',
    );
    const first = parseVariant(doc);
    if (!first.success) throw new Error('refused');
    (first.data.fleet[0] as { count: number }).count = 99;
    const second = parseVariant(doc);
    expect(second.success && second.data.fleet[0]?.count).toBe(1);
  });
});
