import type { ChartDataset } from 'chart.js';
import type { ScenarioOutcome, UsageSeries } from '../../engine/result.ts';
import type { ChartDraft } from './chartDraft.ts';
import { baseOptions, dateLabels, pad, variantLegend, variantRuns } from './common.ts';
import { licenceTypeColour, licenceTypeRank, shade, WARNING, withAlpha } from './palette.ts';

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

/**
 * Consumption vs entitlement, one chart per licence type (and account):
 * entitlement as a step line, consumption as a filled area, the part above
 * entitlement shaded red (SL-7, NL-7). Later variants are dashed.
 */
export function usageCharts(outcome: ScenarioOutcome): ChartDraft[] {
  const labels = dateLabels(outcome);
  const accounts = usageAccounts(outcome);
  const runs = variantRuns(outcome);
  const many = runs.length > 1;
  return usageKeys(outcome).map((key) => {
    const colour = shade(licenceTypeColour(key.type), accounts.indexOf(key.account));
    const name = usageLabel(key, accounts);
    const datasets: Array<ChartDataset<'line'>> = [];
    const helpers: number[] = [];
    for (const v of runs) {
      const u = v.result.series.usage.find((x) => x.account === key.account && x.type === key.type);
      if (!u) continue;
      const entitlementIndex = datasets.length;
      const common = { borderColor: colour, borderDash: v.dash, pointRadius: 0, stepped: 'before' as const };
      datasets.push({
        ...common,
        label: `entitlement${v.suffix}`,
        data: pad(u.entitlement, labels.length),
        backgroundColor: colour,
        borderWidth: 3,
        fill: false,
      });
      datasets.push({
        ...common,
        label: `consumption${v.suffix}`,
        data: pad(u.consumption, labels.length),
        backgroundColor: withAlpha(colour, v.order === 0 ? 0.2 : 0.08),
        borderWidth: 1.5,
        fill: v.order === 0 ? 'origin' : false,
      });
      if (u.overdraft.some((x) => x > 0)) {
        helpers.push(datasets.length);
        datasets.push({
          label: `overdraft shading${v.suffix}`,
          data: pad(u.consumption, labels.length),
          stepped: 'before',
          borderWidth: 0,
          pointRadius: 0,
          pointHitRadius: 0,
          backgroundColor: withAlpha(WARNING, 0.35),
          fill: { target: entitlementIndex, above: withAlpha(WARNING, v.order === 0 ? 0.35 : 0.15), below: 'rgba(0, 0, 0, 0)' },
        });
      }
    }
    const title = `${name}: consumption vs entitlement — ${outcome.name}`;
    const subtitleVariants = many ? `; ${variantLegend(runs)}` : '';
    return {
      kind: 'usage' as const,
      part: name,
      title,
      caption:
        `${name} in account ${key.account}: entitlement (thick step line) is what the account owns, ` +
        'consumption (filled) is what is in use; ' +
        `red marks consumption above entitlement (overdraft, SL-7/NL-7).${many ? ` Variants: ${variantLegend(runs)}.` : ''}`,
      helpers,
      config: {
        type: 'line' as const,
        data: { labels, datasets },
        options: baseOptions({
          title,
          subtitle: `Licence units at the end of each day in ${key.account}; red = above entitlement${subtitleVariants}`,
          yTitle: `licence units (${key.type})`,
          start: labels[0],
          lineLegend: true,
        }),
      },
    };
  });
}
