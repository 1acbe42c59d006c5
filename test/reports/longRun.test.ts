import { describe, expect, it } from 'vitest';
import type { RunResult, ScenarioOutcome } from '../../engine/result.ts';
import { bucketsFor, MAX_CHART_POINTS, sampledDays, sampleSeries } from '../../reports/charts/downsample.ts';
import { scenarioPage } from '../../reports/html/scenarioPage.ts';
import { type ChartSpec, chartConfigs, renderPng } from '../../reports/index.ts';
import { licsimMatchers } from '../../testing/matchers.ts';
import { comparisonOutcome, smallOutcome } from './fixtures.ts';

const YEAR = 365.25;
const DAY_MS = 86_400_000;

/** Every day from `start`, as ISO dates. */
function datesFrom(start: string, days: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, d) => new Date(t0 + d * DAY_MS).toISOString().slice(0, 10));
}

/** A series stretched to `days` by holding its last value. */
const hold = (values: readonly number[], days: number) =>
  Array.from({ length: days }, (_, d) => values[Math.min(d, values.length - 1)] ?? 0);
const holdAll = (r: Record<string, number[]>, days: number) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, hold(v, days)]));

/**
 * A run result as if the run had lasted `days`: every series holds its last value,
 * with a one-day spike on `peakDay`: 999 units of overdraft and 7 evaluation alarms.
 */
function stretched(result: RunResult, days: number, peakDay: number): RunResult {
  const s = result.series;
  const usage = s.usage.map((u) => ({
    ...u,
    consumption: hold(u.consumption, days),
    entitlement: hold(u.entitlement, days),
    overdraft: hold(u.overdraft, days),
    borrowed: hold(u.borrowed, days),
    shortfall: hold(u.shortfall, days),
  }));
  const overdraftTotal = hold(s.overdraftTotal, days);
  overdraftTotal[peakDay] = 999;
  const first = usage[0];
  if (first) first.overdraft[peakDay] = 999;
  const alarms = holdAll(s.alarms, days);
  alarms.SmartLicenseInEval = new Array<number>(days).fill(0);
  alarms.SmartLicenseInEval[peakDay] = 7;
  return {
    ...result,
    dates: datesFrom(result.scenario.start, days),
    scenario: { ...result.scenario, days },
    series: {
      status: Object.fromEntries(Object.entries(s.status).map(([m, byStatus]) => [m, holdAll(byStatus, days)])),
      usage,
      overdraftTotal,
      outOfCompliance: holdAll(s.outOfCompliance, days),
      alarms,
      alarmsCleared: holdAll(s.alarmsCleared, days),
      alarmsUp: holdAll(s.alarmsUp, days),
      refusals: holdAll(s.refusals, days),
    },
  };
}

function stretchedOutcome(o: ScenarioOutcome, days: number, peakDay: number): ScenarioOutcome {
  return { ...o, runs: o.runs.map((r) => ({ variant: r.variant, result: stretched(r.result, days, peakDay) })) };
}

const xLabels = (s: ChartSpec) =>
  s.kind === 'alarms'
    ? ((s.config.options?.scales?.x as { labels?: string[] } | undefined)?.labels ?? [])
    : (s.config.data.labels as string[]);

describe('charts of long runs', () => {
  const days = Math.ceil(1000 * YEAR);
  const peakDay = 200_003;
  const long = stretchedOutcome(smallOutcome(), days, peakDay);

  it('downsampling keeps the lowest and the highest day of each bucket, in the order they occurred', () => {
    const b = bucketsFor(12, 6);
    expect(b).toEqual({ length: 12, size: 4, starts: [0, 4, 8] });
    if (!b) return;
    expect(sampleSeries([0, 0, 5, 0, 1, 1, 1, 1, 0, 9, -2, 0], b)).toEqual([0, 5, 1, 1, 9, -2]);
    expect(sampleSeries([null, null, null, null, 1, null, 3, 2, 4], { length: 9, size: 4, starts: [0, 4, 8] })).toEqual([
      null,
      null,
      1,
      3,
      4,
    ]);
    expect(sampledDays(b)).toEqual([0, 3, 4, 7, 8, 11]);
    expect(bucketsFor(MAX_CHART_POINTS)).toBeNull();
  });

  it('a 1,000-year scenario gets its charts, each with at most MAX_CHART_POINTS points per series', () => {
    const specs = chartConfigs(long, 0);
    expect(specs.map((s) => s.kind).sort()).toEqual(['alarms', 'overdraft', 'states', 'usage']);
    for (const s of specs) {
      const labels = xLabels(s);
      expect(labels.length, s.id).toBeLessThanOrEqual(MAX_CHART_POINTS);
      expect(labels[0], s.id).toBe('2026-01-01');
      expect(labels.at(-1), s.id).toBe(long.runs[0]?.result.dates.at(-1));
      if (s.kind === 'alarms') continue;
      expect(s.days, s.id).toHaveLength(labels.length);
      expect(s.days?.[0]).toBe(0);
      expect(s.days?.at(-1)).toBe(days - 1);
      expect(s.caption).toContain("results.json keeps every day's value");
      for (const ds of s.config.data.datasets) expect(ds.data, `${s.id} ${ds.label}`).toHaveLength(labels.length);
    }
  });

  it('a one-day peak stays visible: the overdraft spike of day 200,003 and its 7 alarms are drawn', () => {
    const specs = chartConfigs(long, 0);
    const overdraft = specs.find((s) => s.kind === 'overdraft');
    const total = overdraft?.config.data.datasets.find((d) => d.label === 'total overdraft')?.data as number[];
    const at = total.indexOf(999);
    expect(at).toBeGreaterThan(0);
    // The point stands for the bucket holding the peak: its day is within one bucket of it.
    expect(Math.abs((overdraft?.days?.[at] ?? 0) - peakDay)).toBeLessThan(days / (MAX_CHART_POINTS / 2));
    const usage = specs.find((s) => s.kind === 'usage');
    expect(usage?.config.data.datasets.find((d) => d.label === 'consumption')?.data).toContain(30);
    const alarms = specs.find((s) => s.kind === 'alarms');
    type Bubble = { x: string; count: number; day: number };
    const bubbles = alarms?.config.data.datasets.find((d) => d.label === 'SmartLicenseInEval')?.data as unknown as Bubble[];
    expect(bubbles).toHaveLength(1);
    expect(bubbles[0]).toMatchObject({ count: 7, day: peakDay });
    expect(alarms && xLabels(alarms)).toContain(bubbles[0]?.x);
  });

  it('a 61-year comparison gets its charts, and they render', async () => {
    const comparison = stretchedOutcome(comparisonOutcome(), Math.ceil(61 * YEAR), 10_000);
    const specs = chartConfigs(comparison, 1);
    expect(specs.filter((s) => s.kind === 'states')).toHaveLength(1);
    const overdraft = specs.find((s) => s.kind === 'overdraft');
    expect(overdraft?.config.data.datasets.find((d) => d.label === 'total overdraft [B]')?.data).toContain(999);
    if (!overdraft) return;
    const png = await renderPng({ ...overdraft, width: 400, height: 200 });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('the page of a 1,000-year scenario is built with its charts as data', () => {
    const specs = chartConfigs(long, 0);
    const html = scenarioPage({ schema: 'licsim/suite-result@1', passed: false, scenarios: [long] }, 0, {
      specs,
      rendered: new Set(specs.map((s) => s.id)),
      excerptDays: 3,
    });
    expect(html).toContain('"days":[0,');
    expect(html.length).toBeLessThan(20 * 1024 * 1024);
  });

  it('the vitest matchers read a 1,000-year series', () => {
    const result = long.runs[0]?.result as RunResult;
    expect(licsimMatchers.toReachState(result, 'authorized', { instances: 'any' }).pass).toBe(true);
  });
});
