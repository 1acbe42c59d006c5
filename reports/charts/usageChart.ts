import type { ChartDataset } from 'chart.js';
import type { ScenarioOutcome, UsageSeries } from '../../engine/result.ts';
import type { ChartDraft } from './chartDraft.ts';
import { baseOptions, dateLabels, pad, type VariantRun, variantLegend, variantLine, variantRuns } from './common.ts';
import { licenceTypeColour, licenceTypeRank, shade, WARNING, withAlpha } from './palette.ts';
import { type UsageBands, usageBands } from './usageBands.ts';

/** Usage series in display order: by account, then licence type (tiers lowest first). */
export function sortedUsage(usage: readonly UsageSeries[]): UsageSeries[] {
  return [...usage].sort(
    (a, b) => a.account.localeCompare(b.account) || licenceTypeRank(a.type) - licenceTypeRank(b.type) || a.type.localeCompare(b.type),
  );
}

/** Accounts with usage, across all runs of the outcome, in order. */
export function usageAccounts(outcome: ScenarioOutcome): string[] {
  return [...new Set(outcome.runs.flatMap((r) => r.result.series.usage.map((u) => u.account)))].sort();
}

/** Label of a usage series: its type, prefixed with the account when several accounts have usage. */
export function usageLabel(u: Pick<UsageSeries, 'account' | 'type'>, accounts: readonly string[]): string {
  return accounts.length > 1 ? `${u.account} ${u.type}` : u.type;
}

/** Every (account, type) with usage in any run, in display order. */
function usageKeys(outcome: ScenarioOutcome): Array<Pick<UsageSeries, 'account' | 'type'>> {
  const seen = new Map<string, UsageSeries>();
  for (const r of outcome.runs) for (const u of r.result.series.usage) seen.set(`${u.account}\u0000${u.type}`, u);
  return sortedUsage([...seen.values()]).map(({ account, type }) => ({ account, type }));
}

/** The bands of every usage series of a run, computed once per run. */
function bandsOf(runs: readonly VariantRun[]): Map<VariantRun, Map<string, UsageBands>> {
  return new Map(
    runs.map((v) => [v, new Map(usageBands(v.result.series.usage).map((b) => [`${b.account}\u0000${b.type}`, b] as const))] as const),
  );
}

/** Who served a type's borrowed consumption: the one tier that lent, or higher tiers. */
const lenderText = (b: UsageBands) => (b.lenders.length === 1 ? (b.lenders[0] as string) : 'higher tiers');

/**
 * Consumption vs entitlement, one chart per licence type (and account):
 * entitlement as a step line, consumption as a filled area; with tier borrowing
 * (SL-11), the consumption a higher tier serves as a lighter band above the
 * entitlement, and on the lending type its units lent to lower tiers as a lighter
 * band above its own consumption, up to its units in use (the accounts table's In
 * use, {@link usageBands}); red marks what neither covers, the overdraft (SL-7,
 * NL-7). Later variants are dashed.
 */
export function usageCharts(outcome: ScenarioOutcome): ChartDraft[] {
  const labels = dateLabels(outcome);
  const accounts = usageAccounts(outcome);
  const runs = variantRuns(outcome);
  const bands = bandsOf(runs);
  const many = runs.length > 1;
  return usageKeys(outcome).map((key) => {
    const colour = shade(licenceTypeColour(key.type), accounts.indexOf(key.account));
    const name = usageLabel(key, accounts);
    const datasets: Array<ChartDataset<'line'>> = [];
    const helpers: number[] = [];
    const notes = new Set<string>();
    for (const v of runs) {
      const u = v.result.series.usage.find((x) => x.account === key.account && x.type === key.type);
      const b = bands.get(v)?.get(`${key.account}\u0000${key.type}`);
      if (!u || !b) continue;
      const first = v.order === 0;
      const entitlementIndex = datasets.length;
      const common = { borderColor: colour, ...variantLine(v, labels.length, many), stepped: 'before' as const };
      datasets.push({
        ...common,
        label: `entitlement${v.suffix}`,
        data: pad(u.entitlement, labels.length),
        backgroundColor: colour,
        borderWidth: 3,
        fill: false,
      });
      const consumptionIndex = datasets.length;
      datasets.push({
        ...common,
        label: `consumption${v.suffix}`,
        data: pad(u.consumption, labels.length),
        backgroundColor: withAlpha(colour, first ? 0.2 : 0.08),
        borderWidth: 1.5,
        fill: first ? 'origin' : false,
      });
      if (b.lent.some((x) => x > 0)) {
        notes.add('lent');
        datasets.push({
          ...common,
          label: `in use, lent to lower tiers${v.suffix}`,
          data: pad(b.inUse, labels.length),
          backgroundColor: withAlpha(colour, first ? 0.45 : 0.15),
          borderDash: v.order === 0 ? [6, 3] : v.dash,
          borderWidth: 1.5,
          fill: { target: consumptionIndex, above: withAlpha(colour, first ? 0.45 : 0.15), below: 'rgba(0, 0, 0, 0)' },
        });
      }
      let coveredIndex = entitlementIndex;
      if (b.borrowed.some((x) => x > 0)) {
        notes.add('borrowed');
        const lender = licenceTypeColour(b.lenders.length === 1 ? (b.lenders[0] as string) : key.type);
        coveredIndex = datasets.length;
        datasets.push({
          ...common,
          label: `borrowed from ${lenderText(b)}${v.suffix}`,
          data: pad(b.covered, labels.length),
          borderColor: lender,
          backgroundColor: withAlpha(lender, first ? 0.4 : 0.15),
          borderDash: v.order === 0 ? [6, 3] : v.dash,
          borderWidth: 1.5,
          fill: { target: entitlementIndex, above: withAlpha(lender, first ? 0.4 : 0.15), below: 'rgba(0, 0, 0, 0)' },
        });
      }
      if (b.unserved.some((x) => x > 0)) {
        helpers.push(datasets.length);
        datasets.push({
          label: `overdraft shading${v.suffix}`,
          data: pad(u.consumption, labels.length),
          stepped: 'before',
          borderWidth: 0,
          pointRadius: 0,
          pointHitRadius: 0,
          backgroundColor: withAlpha(WARNING, 0.35),
          fill: { target: coveredIndex, above: withAlpha(WARNING, first ? 0.35 : 0.15), below: 'rgba(0, 0, 0, 0)' },
        });
      }
    }
    const title = `${name}: consumption vs entitlement — ${outcome.name}`;
    const subtitleVariants = many ? `; ${variantLegend(runs)}` : '';
    const borrowing =
      (notes.has('borrowed') ? 'the lighter band above the entitlement is consumption a higher tier serves (borrowed, SL-11); ' : '') +
      (notes.has('lent')
        ? `the lighter band above the consumption is ${key.type} lent to lower tiers (SL-11), its top the units in use; `
        : '');
    return {
      kind: 'usage' as const,
      part: name,
      title,
      caption:
        `${name} in account ${key.account}: entitlement (thick step line) is what the account owns, ` +
        `consumption (filled) is what is in use for ${key.type}; ${borrowing}` +
        `red marks consumption neither owned nor borrowed (overdraft, SL-7/NL-7).${many ? ` Variants: ${variantLegend(runs)}.` : ''}`,
      helpers,
      config: {
        type: 'line' as const,
        data: { labels, datasets },
        options: baseOptions({
          title,
          subtitle:
            `Licence units at the end of each day in ${key.account}; ` +
            `${notes.size ? 'lighter bands = tier borrowing; ' : ''}red = neither owned nor borrowed${subtitleVariants}`,
          yTitle: `licence units (${key.type})`,
          start: labels[0],
          ...(many ? { markerLegend: true } : { lineLegend: true }),
        }),
      },
    };
  });
}
