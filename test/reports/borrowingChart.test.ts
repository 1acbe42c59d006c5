import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioOutcome, UsageSeries } from '../../engine/result.ts';
import { usageBands } from '../../reports/charts/usageBands.ts';
import { finalPosition } from '../../reports/html/scenarioResults.ts';
import type { ChartSpec } from '../../reports/index.ts';
import { chartConfigs } from '../../reports/index.ts';
import { loadScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';

const series = (type: string, entitlement: number[], consumption: number[], borrowed: number[]): UsageSeries => ({
  account: 'va',
  kind: 'virtual-account',
  type,
  consumption,
  entitlement,
  overdraft: consumption.map(() => 0),
  borrowed,
  shortfall: consumption.map(() => 0),
});

/** The accounts table's In use, by licence type, read from its HTML (separators and markup dropped). */
function inUseColumn(html: string): Map<string, number> {
  const text = (cell: string) => cell.replace(/<[^>]*>/g, '').trim();
  const cells = (row: string) => [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) => text(m[1] ?? ''));
  const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => cells(m[1] ?? ''));
  const [head = [], ...body] = rows;
  const type = head.indexOf('Licence type');
  const inUse = head.indexOf('In use');
  return new Map(body.map((r) => [r[type] ?? '', Number((r[inUse] ?? '').replace(/[^\d]/g, ''))]));
}

describe('the usage chart draws tier borrowing (issue 14, item 5)', () => {
  it('splits each type as the ledger serves it: own, borrowed, lent, in use, unserved', () => {
    // Day 0: CUWL (10, 2 used) lends 3 to UCL-Enhanced (5 for 8) and 4 to UCL-Basic (10 for 14): in use 9.
    // Day 1: CUWL owns 5: it lends its 3 spare to UCL-Enhanced, the higher tier short; UCL-Basic is 4 short.
    // Day 2: the series borrow nothing (borrowing off): nothing is lent, UCL-Basic and UCL-Enhanced are short.
    const bands = usageBands([
      series('UCL-Basic', [10, 10, 10], [14, 14, 14], [4, 0, 0]),
      series('UCL-Enhanced', [5, 5, 5], [8, 8, 8], [3, 3, 0]),
      series('CUWL', [10, 5, 10], [2, 2, 2], [0, 0, 0]),
    ]);
    const [basic, enhanced, cuwl] = bands;
    expect(basic).toMatchObject({ own: [10, 10, 10], borrowed: [4, 0, 0], unserved: [0, 4, 4], covered: [14, 10, 10], lent: [0, 0, 0] });
    expect(enhanced).toMatchObject({ own: [5, 5, 5], borrowed: [3, 3, 0], unserved: [0, 0, 3], covered: [8, 8, 5] });
    expect(cuwl).toMatchObject({ own: [2, 2, 2], lent: [7, 3, 0], inUse: [9, 5, 2], borrowed: [0, 0, 0], unserved: [0, 0, 0] });
    expect(bands.map((b) => b?.lenders)).toEqual([['CUWL'], ['CUWL'], []]);
  });

  describe('on the bundled connected scenario (UCL-EnhancedPlus borrows CUWL from day 30)', () => {
    let outcome: ScenarioOutcome;
    let specs: ChartSpec[];
    beforeAll(async () => {
      const loaded = await loadScenarios('scenarios/smart-licensing/connected.yaml');
      if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
      outcome = runLoaded(loaded.scenarios[0] as never);
      specs = chartConfigs(outcome, 0);
    });
    const result = () => outcome.runs[0]?.result as ScenarioOutcome['runs'][number]['result'];
    const chart = (type: string) => specs.find((s) => s.kind === 'usage' && s.label === `usage ${type}`);
    const data = (spec: ChartSpec | undefined, label: string) =>
      spec?.config.data.datasets.find((d) => d.label === label)?.data as Array<number | null> | undefined;

    it("replays the ledger's allocation: the borrowed series, and the overdraft less reserved instances' shortfall, day by day", () => {
      const usage = result().series.usage;
      const bands = usageBands(usage);
      usage.forEach((u, i) => {
        expect(bands[i]?.borrowed, u.type).toEqual(u.borrowed);
        expect(
          bands[i]?.unserved.map((x, d) => x + (u.shortfall[d] ?? 0)),
          u.type,
        ).toEqual(u.overdraft);
      });
      expect(Math.max(...(usage.find((u) => u.type === 'UCL-EnhancedPlus')?.borrowed ?? []))).toBeGreaterThan(0);
    });

    it("the chart's units in use end where the accounts table's In use does, for every type (CUWL 8,760: 8,528 own + 232 lent)", () => {
      const final = result().final.accounts.find((a) => a.account === 'va-east');
      const table = inUseColumn(finalPosition(outcome));
      for (const t of final?.types ?? []) {
        const band = usageBands(result().series.usage).find((b) => b.type === t.type);
        expect(band?.inUse.at(-1), t.type).toBe(t.inUse);
        expect(table.get(t.type), t.type).toBe(band?.inUse.at(-1));
      }
      const cuwl = chart('CUWL');
      expect(data(cuwl, 'consumption')?.at(-1)).toBe(8528);
      expect(data(cuwl, 'in use, lent to lower tiers')?.at(-1)).toBe(8760);
      expect(final?.types.find((t) => t.type === 'CUWL')?.inUse).toBe(8760);
      // The band sits on the consumption: filled from it, upwards.
      const lent = cuwl?.config.data.datasets.findIndex((d) => d.label === 'in use, lent to lower tiers') ?? -1;
      const consumption = cuwl?.config.data.datasets.findIndex((d) => d.label === 'consumption');
      expect(cuwl?.config.data.datasets[lent]).toMatchObject({ fill: { target: consumption } });
      expect(cuwl?.helpers).not.toContain(lent);
    });

    it('on the borrowing type, what CUWL covers is a band above the entitlement, and red only shades what nothing covers', () => {
      const plus = chart('UCL-EnhancedPlus');
      const u = result().series.usage.find((x) => x.type === 'UCL-EnhancedPlus') as UsageSeries;
      const labels = plus?.config.data.datasets.map((d) => d.label);
      expect(labels).toEqual(['entitlement', 'consumption', 'borrowed from CUWL', 'overdraft shading']);
      expect(data(plus, 'borrowed from CUWL')).toEqual(u.entitlement.map((e, d) => e + (u.borrowed[d] ?? 0)));
      const datasets = plus?.config.data.datasets ?? [];
      expect(datasets[2]).toMatchObject({ fill: { target: 0 } });
      // The red is drawn between the consumption and what covers it (entitlement + borrowed), not the entitlement.
      expect(plus?.helpers).toEqual([3]);
      expect(datasets[3]).toMatchObject({ fill: { target: 2 } });
      // The last day: 14,232 in use against 14,000 owned, 232 borrowed: nothing above the cover, so nothing red.
      const last = u.consumption.length - 1;
      expect([u.consumption[last], u.entitlement[last], u.borrowed[last], u.overdraft[last]]).toEqual([14232, 14000, 232, 0]);
      expect(data(plus, 'borrowed from CUWL')?.[last]).toBe(14232);
      expect(plus?.caption).toContain('consumption a higher tier serves (borrowed, SL-11)');
    });

    it('a type that neither borrows nor lends is drawn as before: entitlement and consumption only', () => {
      expect(chart('UCL-Enhanced')?.config.data.datasets.map((d) => d.label)).toEqual(['entitlement', 'consumption']);
    });
  });
});
