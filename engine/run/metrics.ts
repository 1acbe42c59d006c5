import type { Ledger } from '../../ledger/ledger.ts';
import { isTier, TIERS, tierRank } from '../../ledger/licenceTypes.ts';
import { reportedOverdraft } from '../../ledger/status.ts';
import { clearedWhen } from '../../machines/emitted.ts';
import type { Series, UsageSeries } from '../result.ts';

/** One model's live status counts. */
export interface StatusCounter {
  model: string;
  statuses: readonly string[];
  counts: Int32Array;
}

/**
 * Daily samples of a run, kept per day and per series, never per instance:
 * memory grows with days × (statuses + account types + alarm names), not with
 * the fleet. Counters of the day are reset after each sample.
 */
export class DailyMetrics {
  private day = 0;
  private readonly status = new Map<string, Map<string, number[]>>();
  private readonly usage = new Map<string, UsageSeries>();
  private readonly overdraftTotal: number[] = [];
  private readonly outOfCompliance = new Map<string, number[]>();
  private readonly alarms = new Map<string, number[]>();
  private readonly refusals = new Map<string, number[]>();
  private readonly alarmsToday = new Map<string, number>();
  private readonly cleared = new Map<string, number[]>();
  private readonly clearedToday = new Map<string, number>();
  /** SL-18: per alarm that reports a condition, which machines have it up (one byte each), and how many. */
  private readonly up = new Map<string, { by: Uint8Array; count: number; series: number[] } | null>();
  private readonly refusalsToday = new Map<string, number>();
  private readonly refusalKeys = new Map<string, Map<string | null, string>>();

  constructor(
    private readonly counters: readonly StatusCounter[],
    private readonly accounts: ReadonlyArray<{ id: string; kind: string }>,
    /** Addresses of the world's machines (instances and parties): who may have an alarm up. */
    private readonly machines: number,
  ) {}

  /** An alarm raised or (SL-18) cleared by the machine at `address`. */
  alarm(name: string, address: number, cleared: boolean): void {
    const today = cleared ? this.clearedToday : this.alarmsToday;
    today.set(name, (today.get(name) ?? 0) + 1);
    let up = this.up.get(name);
    if (up === undefined) {
      up =
        clearedWhen(name) !== undefined
          ? { by: new Uint8Array(this.machines), count: 0, series: new Array<number>(this.day).fill(0) }
          : null;
      this.up.set(name, up);
    }
    if (up === null) return;
    const was = up.by[address] === 1;
    if (was === !cleared) return;
    up.by[address] = cleared ? 0 : 1;
    up.count += cleared ? -1 : 1;
  }

  refusal(op: string, rule: string | null): void {
    let byRule = this.refusalKeys.get(op);
    if (!byRule) {
      byRule = new Map();
      this.refusalKeys.set(op, byRule);
    }
    let key = byRule.get(rule);
    if (key === undefined) {
      key = `${op} (${rule ?? 'no rule'})`;
      byRule.set(rule, key);
    }
    this.refusalsToday.set(key, (this.refusalsToday.get(key) ?? 0) + 1);
  }

  /** Series of `map[key]`, created with zeros for the days already sampled. */
  private series<K>(map: Map<K, number[]>, key: K): number[] {
    let s = map.get(key);
    if (!s) {
      s = new Array<number>(this.day).fill(0);
      map.set(key, s);
    }
    return s;
  }

  /** Each counter's series, in the order of its statuses (the same arrays as `status` holds). */
  private statusSeries: number[][][] | null = null;
  /** Per account (in order), its out-of-compliance series and its usage series by the place of a type in its status. */
  private readonly accountSeries: Array<{ outOfCompliance: number[]; byType: Array<UsageSeries | undefined> }> = [];

  /** Records the end of the current day and starts the next. */
  sample(ledger: Ledger): void {
    if (!this.statusSeries)
      this.statusSeries = this.counters.map((c) => {
        const series = c.statuses.map(() => [] as number[]);
        this.status.set(c.model, new Map(c.statuses.map((s, i) => [s, series[i] as number[]])));
        return series;
      });
    for (let k = 0; k < this.counters.length; k++) {
      const counts = (this.counters[k] as StatusCounter).counts;
      const series = this.statusSeries[k] as number[][];
      for (let i = 0; i < series.length; i++) (series[i] as number[]).push(counts[i] as number);
    }
    let overdraft = 0;
    for (let a = 0; a < this.accounts.length; a++) {
      const account = this.accounts[a] as { id: string; kind: string };
      const status = ledger.status(account.id);
      let kept = this.accountSeries[a];
      if (!kept) {
        kept = { outOfCompliance: this.series(this.outOfCompliance, account.id), byType: [] };
        this.accountSeries[a] = kept;
      }
      kept.outOfCompliance.push(status.outOfCompliance ? 1 : 0);
      for (let i = 0; i < status.types.length; i++) {
        const t = status.types[i] as (typeof status.types)[number];
        const at = kept.byType[i];
        let u = at?.type === t.type ? at : this.usage.get(`${account.id}\u0000${t.type}`);
        if (!u) {
          if (t.owned === 0 && t.consumption === 0 && t.reservationShortfall === 0) continue;
          const zeros = () => new Array<number>(this.day).fill(0);
          u = {
            account: account.id,
            kind: account.kind,
            type: t.type,
            consumption: zeros(),
            entitlement: zeros(),
            overdraft: zeros(),
            borrowed: zeros(),
            shortfall: zeros(),
          };
          this.usage.set(`${account.id}\u0000${t.type}`, u);
        }
        kept.byType[i] = u;
        u.consumption.push(t.consumption);
        u.entitlement.push(t.owned - t.reserved - t.inTransit);
        const over = reportedOverdraft(t);
        u.overdraft.push(over);
        u.borrowed.push(t.borrowed);
        u.shortfall.push(t.reservationShortfall);
        overdraft += over;
      }
    }
    this.overdraftTotal.push(overdraft);
    for (const [name, n] of this.alarmsToday) this.series(this.alarms, name).push(n);
    for (const [name, n] of this.clearedToday) this.series(this.cleared, name).push(n);
    for (const up of this.up.values()) up?.series.push(up.count);
    for (const [key, n] of this.refusalsToday) this.series(this.refusals, key).push(n);
    this.day++;
    // Series that saw nothing today get a zero.
    for (const map of [this.alarms, this.cleared, this.refusals]) for (const s of map.values()) if (s.length < this.day) s.push(0);
    this.alarmsToday.clear();
    this.clearedToday.clear();
    this.refusalsToday.clear();
  }

  get days(): number {
    return this.day;
  }

  toSeries(): Series {
    // Code-point order, not the locale's: results must not depend on the machine they run on.
    const sorted = <T>(map: Map<string, T>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      status: Object.fromEntries([...this.status].map(([model, byStatus]) => [model, Object.fromEntries(byStatus)])),
      usage: [...this.usage.values()].sort(usageOrder(this.accounts)),
      overdraftTotal: this.overdraftTotal,
      outOfCompliance: Object.fromEntries(this.outOfCompliance),
      alarms: sorted(this.alarms),
      alarmsCleared: sorted(this.cleared),
      alarmsUp: sorted(new Map([...this.up].flatMap(([name, up]) => (up ? [[name, up.series] as const] : [])))),
      refusals: sorted(this.refusals),
    };
  }
}

/**
 * The order of usage series: by account (as the scenario lists them), then by type: the tiers lowest first (SL-11),
 * then the other types in code-point order. It depends on nothing but the accounts and types, so a partition's series
 * fall in place in the whole run's (engine/partition/merge.ts).
 */
export function usageOrder(accounts: ReadonlyArray<{ id: string }>): (a: UsageSeries, b: UsageSeries) => number {
  const place = new Map(accounts.map((a, i) => [a.id, i]));
  const rank = (type: string) => (isTier(type) ? tierRank(type) : TIERS.length);
  return (a, b) =>
    (place.get(a.account) ?? 0) - (place.get(b.account) ?? 0) ||
    rank(a.type) - rank(b.type) ||
    (a.type < b.type ? -1 : a.type > b.type ? 1 : 0);
}
