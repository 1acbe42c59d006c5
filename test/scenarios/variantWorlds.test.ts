import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../engine/result.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { formatProblem } from '../../scenarios/loader/problems.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';

/** One cluster of ten users on a VA owning 5 (overage from day 1, 30 days of it): variants that buy, or not, or change the policy. */
const TEXT = `licsim: 3
name: buy early or late
seed: 1
duration: 60d
policy:
  smart-licensing: { overrides: { overageDays: 30 } }
accounts:
  - { id: va, kind: virtual-account, purchases: [{ type: UCL-Enhanced, count: 5 }] }
fleet:
  - { name: hq, model: smart-licensing, count: 1, account: va, users: 10, profiles: { desk-phone: 1 } }
timeline:
  - { at: 0d, do: register }
compare:
  late: {}
  early: { purchases: { va: [{ type: UCL-Enhanced, count: 10 }] } }
  buys: { timeline: [{ at: 0d, do: register }, { at: 20d, do: purchase, account: va, type: UCL-Enhanced, count: 5 }] }
  short: { policy: { smart-licensing: { overageDays: 10 } } }
  old: { smart-licensing: { overageDays: 20 } }
`;

function load(text: string): LoadedScenario {
  const r = parseScenarios(text, 'worlds.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenarios[0] as LoadedScenario;
}

describe('compared variants with a timeline and purchases of their own (issue 15)', () => {
  const loaded = load(TEXT);
  const outcome = runLoaded(loaded, undefined, 'compiled', { explain: true });
  const first = (variant: string) => outcome.runs.find((r) => r.variant === variant)?.result.outcomes.entered.enforcement?.first ?? null;

  it("each variant runs its own world: today's form, policy:, its own purchases, its own timeline", () => {
    expect(loaded.variants.map((v) => v.label)).toEqual(['late', 'early', 'buys', 'short', 'old']);
    expect(first('late')).toBe(31);
    expect(first('early')).toBe(null);
    expect(first('buys')).toBe(null);
    expect(first('short')).toBe(11);
    expect(first('old')).toBe(21);
    const early = loaded.variants[1]?.scenario.accounts[0]?.purchases;
    expect(early).toEqual([{ type: 'UCL-Enhanced', count: 10 }]);
    expect(loaded.variants[0]?.scenario.accounts[0]?.purchases).toEqual([{ type: 'UCL-Enhanced', count: 5 }]);
  });

  it("a variant's own timeline names its own lines in causes", () => {
    const text = TEXT.replace('compare:\n', 'compare:\n  cut: { timeline: [{ at: 0d, do: register }] }\n').concat(
      'expect:\n  - never: { state: enforcement, variant: cut }\n',
    );
    const o = runLoaded(load(text));
    const cause = (o.verdicts[0] as Verdict).evidence[0]?.cause?.[0];
    // The register of variant cut is on line 14, where its timeline is written (the scenario's is on line 12).
    expect(cause?.trigger).toMatchObject({ kind: 'timeline', line: 14 });
  });

  it('bad variants are located: an unknown account, an unknown key with a did-you-mean, overrides written twice', () => {
    const bad = TEXT.replace('purchases: { va:', 'purchases: { vb:')
      .replace('buys: { timeline', 'buys: { timelin')
      .replace(
        'short: { policy: { smart-licensing: { overageDays: 10 } } }',
        'short: { policy: { smart-licensing: { overageDays: 10 } }, smart-licensing: {} }',
      );
    const r = parseScenarios(bad, 'worlds.yaml');
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'worlds.yaml:15:29: compare.early.purchases.vb: unknown account "vb", did you mean "va"? (accounts: va)',
      expect.stringMatching(/^worlds\.yaml:16:11: compare\.buys\.timelin: unknown key "timelin", did you mean "timeline"\?/),
      'worlds.yaml:17:10: compare.short: expected policy overrides either under policy: or at the top of the variant, not both, ' +
        'found a mapping with policy, smart-licensing',
    ]);
  });
});

describe('compareBaseline: the variant the deltas are taken against', () => {
  it('names a compared variant; the outcomes table and summary give the others against it; an unknown one is located', async () => {
    const { outcomesSection } = await import('../../reports/html/outcomesSection.ts');
    const o = runLoaded(load(TEXT.replace('compare:\n', 'compareBaseline: early\ncompare:\n')), undefined, 'compiled', { explain: false });
    expect(o.compareBaseline).toBe('early');
    const html = outcomesSection(o);
    expect(html).toContain('Deltas against variant early');
    // Against early (no enforcement), late's enforcement days are worse.
    expect(html).toMatch(/<span class="worse">[\d,]+ <span class="delta">\(\+[\d,]+\)<\/span><\/span>/);
    const bad = parseScenarios(TEXT.replace('compare:\n', 'compareBaseline: erly\ncompare:\n'), 'worlds.yaml');
    expect(bad.ok ? [] : bad.problems.map(formatProblem)).toEqual([
      'worlds.yaml:13:18: compareBaseline: unknown variant "erly", did you mean "early"? (compared: late, early, buys, short, old)',
    ]);
  });
});
