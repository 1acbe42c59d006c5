import { type IndexRange, type IndexRanges, indexRanges, parseIndexRange } from '../../engine/indexRanges.ts';
import type { AccountPlan, FleetGroup, Purchase, SatellitePlan, Scenario, TimelineEntry } from '../../engine/scenario.ts';
import type { ActionContext, RawPurchase as ActionPurchase } from '../../engine/timeline/action.ts';
import { DEFAULT_DEVICE_UNITS, GROUP_SOFTPHONE } from '../../ledger/deviceUnitTable.ts';
import { LICENCE_TYPES } from '../../ledger/licenceTypes.ts';
import { NO_TIME_GRACE_ON_FILES, overdraftSchema } from '../../machines/overdraft.ts';
import {
  defaultPolicy,
  MODELS,
  type ModelName,
  overridePolicy,
  type PolicyByModel,
  type PolicyIssue,
  policyOverridesSchema,
} from '../../machines/policyOverride.ts';
import { PRESETS } from '../../machines/presets.ts';
import type { Expectation } from '../expect/types.ts';
import { checkPurchaseTotals } from './purchaseTotals.ts';
import { resolveExpectation } from './resolveExpectation.ts';
import { resolveTimeline } from './resolveTimeline.ts';
import type { RawScenario, RawTimeline } from './schema.ts';

type RawAccount = RawScenario['accounts'][number];
type RawPurchase = RawAccount['purchases'][number];

import { parseDate } from '../../engine/units.ts';
import { nothingRefused, type Refused } from './partialParse.ts';
import { found, valueAt } from './problems.ts';
import { didYouMean, unknownName } from './suggest.ts';
import { allowedKeys } from './zodShape.ts';

/** A problem found after the schema passed, at a path in the document. */
export interface PathProblem {
  path: Array<string | number>;
  message: string;
  /** The mapping key the problem is about (located on the key rather than the value). */
  key?: string;
}

/** A scenario ready to run: its variants (one, or one per compared policy) and its expectations. */
export interface LoadedScenario {
  file: string;
  name: string;
  description: string;
  /** Each variant's scenario; a variant with a timeline of its own has its lines (for causes). */
  variants: Array<{ label: string; scenario: Scenario; timelineLines?: readonly number[] }>;
  expectations: Expectation[];
  /** Its `tags:` (what `--tag` picks by), when it has any. */
  tags?: string[];
  /** The compared variant the outcomes' deltas are taken against (`compareBaseline:`; the first when absent). */
  compareBaseline?: string;
  /** The line of each timeline entry in the file (what a cause names a timeline trigger by), when known. */
  timelineLines?: readonly number[];
  /** Its own `policy:` was replaced by `--policy`'s (said on the console, so nothing written is dropped unseen). */
  policyReplaced?: true;
  /** The fleet's size and the run's length, which every variant shares. */
  instances: number;
  days: number;
}

const ACCOUNT_KIND: Record<ModelName, AccountPlan['kind']> = {
  'smart-licensing': 'virtual-account',
  'node-locked': 'license-file',
  'session-claim': 'session-license',
};

/** Shared state while resolving one scenario: its problems and how to turn a `when` into a day. */
export class ResolveContext implements ActionContext {
  readonly problems: PathProblem[] = [];
  constructor(
    readonly raw: RawScenario,
    readonly base: Array<string | number>,
    readonly file: string,
    readonly lineOf: (path: Array<string | number>) => number,
    /** What the schema refused (left out of `raw`): references to it are not problems of their own. */
    readonly refused: Refused = nothingRefused(),
  ) {}

  /** The names a message lists: those of `raw`, or with refused entries every one the document has, in its order. */
  private listed(kind: keyof Refused['order'], names: string[]): string[] {
    const order = this.refused.order[kind];
    return order.length ? [...new Set(order)] : names;
  }

  /** Whether every group in scope (all when `groups` is null) is in `raw`, so what the scope holds can be judged. */
  scopeKnown(groups: string[] | null): boolean {
    return groups ? groups.every((g) => this.raw.fleet.some((f) => f.name === g)) : this.refused.groups.size === 0;
  }

  problem(path: Array<string | number>, message: string, key?: string): void {
    this.problems.push({ path: [...this.base, ...path], message, ...(key ? { key } : {}) });
  }

  /**
   * A `when` (days or a date) as a day of the run, checked to lie within it (or, with
   * `afterRun`, not before its start: a licence may expire after the run ends).
   */
  day(value: number | string, path: Array<string | number>, { allowEnd = true, afterRun = false } = {}): number {
    let day: number;
    if (typeof value === 'number') day = value;
    else {
      const t = parseDate(value) as number;
      day = (t - (parseDate(this.raw.start) as number)) / 86_400_000;
    }
    const end = this.raw.duration;
    if (afterRun && day >= 0) return day;
    if (day < 0 || day > end || (!allowEnd && day === end)) {
      this.problem(
        path,
        `expected a day within the run (day 0 to day ${end}), found day ${day}${typeof value === 'string' ? ` (${value})` : ''}`,
      );
    }
    return day;
  }

  /**
   * The account `id` names, or a problem: unknown (listing the accounts), or not of `kind`
   * (said by `mismatch`, given the account's kind, when the context wants its own words).
   */
  account(
    id: string,
    path: Array<string | number>,
    kind?: AccountPlan['kind'],
    mismatch?: (found: string) => string,
  ): RawAccount | undefined {
    const account = this.raw.accounts.find((a) => a.id === id);
    if (!account && this.refused.accounts.has(id)) return undefined;
    if (!account)
      this.problem(
        path,
        unknownName(
          'account',
          id,
          this.listed(
            'accounts',
            this.raw.accounts.map((a) => a.id),
          ),
          'accounts',
        ),
      );
    else if (kind && account.kind !== kind)
      this.problem(path, mismatch?.(account.kind) ?? `expected a ${kind}; "${id}" is a ${account.kind}`);
    return account;
  }

  /** A purchase (of an account, or on the timeline): a known licence type, and a term that starts before it ends (SLR-10). */
  purchase(p: RawPurchase | ActionPurchase, path: Array<string | number>): Purchase {
    if (!LICENCE_TYPES.includes(p.type)) this.problem([...path, 'type'], unknownName('licence type', p.type, LICENCE_TYPES, 'types'));
    if (!p.term) return { type: p.type, count: p.count };
    const startDay = this.day(p.term.start, [...path, 'term', 'start']);
    const endDay = this.day(p.term.end, [...path, 'term', 'end']);
    if (endDay <= startDay) this.problem([...path, 'term'], `a term must end after it starts (day ${startDay} to day ${endDay})`);
    return { type: p.type, count: p.count, term: { startDay, endDay } };
  }

  /** The satellite `id` names, or a problem listing the satellites. */
  satellite(id: string, path: Array<string | number>): void {
    if (!this.raw.satellites.some((s) => s.id === id) && !this.refused.satellites.has(id)) {
      const known = this.listed(
        'satellites',
        this.raw.satellites.map((s) => s.id),
      );
      this.problem(
        path,
        known.length
          ? unknownName('satellite', id, known, 'satellites')
          : `unknown satellite "${id}" (the scenario declares no satellites: add satellites:)`,
      );
    }
  }

  groupsOf(names: string[] | undefined, path: Array<string | number>): FleetGroup['name'][] | null {
    if (!names) return null;
    const known = this.raw.fleet.map((g) => g.name);
    for (const [i, n] of names.entries()) {
      if (!known.includes(n) && !this.refused.groups.has(n))
        this.problem([...path, i], unknownName('fleet group', n, this.listed('groups', known), 'groups'));
    }
    return names;
  }

  /**
   * Indices and ranges `first..last` as written, as sorted disjoint ranges (never
   * expanded). They name instances within each group in scope; one beyond every such
   * group names nothing and is an error (a group smaller than the index is passed over).
   */
  indexRanges(
    written: number | string | ReadonlyArray<number | string>,
    groups: string[] | null,
    path: Array<string | number>,
  ): IndexRanges {
    const largest = this.raw.fleet.reduce((n, g) => (!groups || groups.includes(g.name) ? Math.max(n, g.count) : n), 0);
    const ranges: IndexRange[] = [];
    const items = typeof written === 'object' ? written : [written];
    items.forEach((item, k) => {
      const at = typeof written === 'object' ? [...path, k] : path;
      const range = typeof item === 'number' ? ([item, item] as const) : parseIndexRange(item);
      if (range === null) this.problem(at, `expected a range from low to high like 0..39, found "${item}"`);
      else if (range[1] >= largest && this.scopeKnown(groups))
        this.problem(at, `index ${range[1]} is beyond every group in scope (the largest has ${largest} instances)`);
      else ranges.push(range);
    });
    return indexRanges(ranges);
  }

  modelsOf(groups: string[] | null): ModelName[] {
    const inScope = this.raw.fleet.filter((g) => !groups || groups.includes(g.name)).map((g) => g.model as ModelName | undefined);
    for (const [name, model] of this.refused.groups) if (!groups || groups.includes(name)) inScope.push(model);
    return MODELS.filter((m) => inScope.includes(m));
  }
}

/**
 * A compared variant: the scenario with the variant's policy overrides (at its top, or under
 * `policy:`), its own timeline in place of the scenario's, and its own purchases in place of
 * those of the accounts it names; the lines of its own timeline kept for causes.
 */
function resolveVariant(
  ctx: ResolveContext,
  scenario: Scenario,
  label: string,
  variant: NonNullable<RawScenario['compare']>[string],
): LoadedScenario['variants'][number] {
  const base = ['compare', label];
  const variantPolicy = { ...scenario.policy } as Record<ModelName, unknown>;
  const overrides = variant.policy ?? variant;
  const at = variant.policy ? [...base, 'policy'] : base;
  for (const model of MODELS) {
    const r = overridePolicy(model, overrides[model], scenario.policy[model]);
    if (!r.ok) for (const issue of r.issues) policyProblem(ctx, model, [...at, model], issue);
    else variantPolicy[model] = r.policy;
  }
  let resolved: Scenario = { ...scenario, policy: variantPolicy as PolicyByModel };
  let timelineLines: number[] | undefined;
  if (variant.timeline) {
    const list = [...base, 'timeline'];
    const timeline = (variant.timeline as unknown as RawTimeline[]).map((entry, i) => resolveTimeline(ctx, entry, i, list));
    timelineLines = timeline.map((_, i) => ctx.lineOf([...ctx.base, ...list, i]));
    resolved = { ...resolved, timeline };
  }
  if (variant.purchases) {
    const own = variant.purchases;
    for (const id of Object.keys(own)) ctx.account(id, [...base, 'purchases', id]);
    const accounts = resolved.accounts.map((a) =>
      own[a.id] ? { ...a, purchases: (own[a.id] ?? []).map((p, j) => ctx.purchase(p, [...base, 'purchases', a.id, j])) } : a,
    );
    resolved = { ...resolved, accounts };
  }
  if (variant.timeline || variant.purchases) checkPurchaseTotals(ctx, resolved);
  return { label, scenario: resolved, ...(timelineLines ? { timelineLines } : {}) };
}

/** Each model's policy from `ctx.raw.policy` (a scenario's, or a policy file's): its preset, then its overrides, every problem recorded. */
export function resolvePolicies(ctx: ResolveContext): PolicyByModel {
  const policy = {} as Record<ModelName, unknown>;
  for (const model of MODELS) {
    const ref = ctx.raw.policy[model];
    let base = defaultPolicy(model) as PolicyByModel[typeof model];
    if (ref?.preset !== undefined) {
      const preset = PRESETS[model][ref.preset];
      if (!preset) {
        ctx.problem(['policy', model, 'preset'], unknownName(`${model} preset`, ref.preset, Object.keys(PRESETS[model]), 'presets'));
      } else {
        const r = overridePolicy(model, preset.overrides);
        if (r.ok) base = r.policy;
      }
    }
    const r = overridePolicy(model, ref?.overrides, base);
    if (!r.ok) for (const issue of r.issues) policyProblem(ctx, model, ['policy', model, 'overrides'], issue);
    policy[model] = r.ok ? r.policy : base;
  }
  checkSecondaryTypes(ctx, (policy as PolicyByModel)['node-locked'].adjunctSecondaryTypes);
  return policy as PolicyByModel;
}

/** DLU-4: only softphones of the device unit table can be adjunct secondaries. */
function checkSecondaryTypes(ctx: ResolveContext, types: readonly string[]): void {
  types.forEach((type, k) => {
    if (DEFAULT_DEVICE_UNITS[type]?.softphone === true) return;
    const softphones = Object.keys(DEFAULT_DEVICE_UNITS).filter((t) => DEFAULT_DEVICE_UNITS[t]?.softphone === true);
    ctx.problem(
      ['policy', 'node-locked', 'overrides', 'adjunctSecondaryTypes', k],
      `"${type}" is not a softphone: a secondary is one of ${softphones.join(', ')} (DLU-4)`,
    );
  });
}

/** A policy override problem: on the key itself when the key is unknown, else on the value, saying what was found. */
function policyProblem(ctx: ResolveContext, model: ModelName, at: Array<string | number>, issue: PolicyIssue): void {
  if (issue.kind === 'unknown-key') {
    const allowed = allowedKeys(policyOverridesSchema(model), issue.path.slice(0, -1), valueAt(ctx.raw, at)) ?? [];
    const message = issue.message.replace(`"${issue.key}"`, `"${issue.key}"${didYouMean(issue.key, allowed)}`);
    ctx.problem([...at, ...issue.path.slice(0, -1)], message, issue.key);
    return;
  }
  const value = valueAt(ctx.raw, [...at, ...issue.path]);
  ctx.problem([...at, ...issue.path], `${issue.reason}, found ${found(value)}`);
}

function resolveAccounts(ctx: ResolveContext): AccountPlan[] {
  const seen = new Set<string>();
  return ctx.raw.accounts.map((a, i) => {
    if (seen.has(a.id)) ctx.problem(['accounts', i, 'id'], `duplicate account id "${a.id}"`);
    seen.add(a.id);
    if (a.overdraft !== undefined) {
      const r = overdraftSchema.safeParse(a.overdraft);
      if (!r.success)
        for (const issue of r.error.issues) ctx.problem(['accounts', i, 'overdraft', ...issue.path.map(String)], issue.message);
      else if (a.kind === 'license-file' && r.data.mode === 'time-grace')
        ctx.problem(['accounts', i, 'overdraft', 'mode'], NO_TIME_GRACE_ON_FILES);
    }
    const purchases = a.purchases.map((p, j) => ctx.purchase(p, ['accounts', i, 'purchases', j]));
    for (const key of ['unit', 'expires', 'features'] as const) {
      if (a[key] !== undefined && a.kind !== 'session-license') {
        ctx.problem(['accounts', i, key], `${key} applies to a session-license account only, found kind ${a.kind}`);
      }
    }
    const expiresDay = a.expires !== undefined ? ctx.day(a.expires, ['accounts', i, 'expires'], { afterRun: true }) : undefined;
    return {
      id: a.id,
      kind: a.kind,
      ...(a.smartAccount ? { smartAccount: a.smartAccount } : {}),
      ...(a.unit ? { unit: a.unit } : {}),
      ...(expiresDay !== undefined ? { expiresDay } : {}),
      ...(a.features ? { features: a.features } : {}),
      ...(a.overdraft !== undefined ? { overdraft: a.overdraft as AccountPlan['overdraft'] } : {}),
      purchases,
    };
  });
}

function resolveSatellites(ctx: ResolveContext): SatellitePlan[] {
  const seen = new Set<string>();
  return ctx.raw.satellites.map((s, i) => {
    if (seen.has(s.id)) ctx.problem(['satellites', i, 'id'], `duplicate satellite id "${s.id}"`);
    seen.add(s.id);
    ctx.account(
      s.account,
      ['satellites', i, 'account'],
      'virtual-account',
      (kind) => `a satellite serves a virtual account; "${s.account}" is a ${kind}`,
    );
    return { id: s.id, account: s.account, mode: s.mode };
  });
}

function resolvePaks(ctx: ResolveContext): NonNullable<Scenario['paks']> {
  return ctx.raw.paks.map((pak, i) => {
    for (const [j, part] of pak.split.entries()) {
      ctx.account(
        part.account,
        ['paks', i, 'split', j, 'account'],
        'license-file',
        (kind) => `a PAK splits into licence files; "${part.account}" is a ${kind}`,
      );
    }
    for (const type of new Set([...Object.keys(pak.counts), ...pak.split.flatMap((p) => Object.keys(p.counts))])) {
      const total = pak.split.reduce((n, p) => n + (p.counts[type] ?? 0), 0);
      if (total !== (pak.counts[type] ?? 0))
        ctx.problem(['paks', i, 'split'], `the parts of ${pak.id} add up to ${total} ${type}, the PAK has ${pak.counts[type] ?? 0} (NL-9)`);
    }
    if (!pak.splittable && pak.split.length > 1) {
      ctx.problem(
        ['paks', i, 'split'],
        `PAK ${pak.id} may not be split across clusters (splittable: false), found ${pak.split.length} parts (NL-12)`,
      );
    }
    return { id: pak.id, counts: pak.counts, split: pak.split, splittable: pak.splittable };
  });
}

function resolveFleet(ctx: ResolveContext): FleetGroup[] {
  const seen = new Set<string>();
  return ctx.raw.fleet.map((g, i) => {
    if (seen.has(g.name)) ctx.problem(['fleet', i, 'name'], `duplicate fleet group name "${g.name}"`);
    seen.add(g.name);
    const wanted = ACCOUNT_KIND[g.model];
    ctx.account(
      g.account,
      ['fleet', i, 'account'],
      wanted,
      (kind) => `a ${g.model} group needs a ${wanted} account; "${g.account}" is a ${kind}`,
    );
    const growth = g.growth ?? 0;
    if (g.model === 'smart-licensing') {
      const link = typeof g.link === 'string' ? { [g.link]: 1 } : g.link;
      const profiles = typeof g.profiles === 'string' ? { [g.profiles]: 1 } : g.profiles;
      if (!Object.values(link).some((w) => (w ?? 0) > 0))
        ctx.problem(['fleet', i, 'link'], 'expected at least one link with a share above 0');
      if (!Object.values(profiles).some((w) => (w ?? 0) > 0))
        ctx.problem(['fleet', i, 'profiles'], 'expected at least one user profile with a share above 0');
      if (g.satellite !== undefined) {
        ctx.satellite(g.satellite, ['fleet', i, 'satellite']);
        const serves = ctx.raw.satellites.find((s) => s.id === g.satellite)?.account;
        if (serves !== undefined && serves !== g.account) {
          ctx.problem(['fleet', i, 'satellite'], `satellite "${g.satellite}" serves ${serves}, the group registers to ${g.account}`);
        }
      } else if ((link.satellite ?? 0) > 0) {
        ctx.problem(['fleet', i, 'link'], "a satellite link needs the group's satellite: add satellite: <id of a satellite>");
      }
      return {
        name: g.name,
        model: g.model,
        count: g.count,
        account: g.account,
        growth,
        link,
        ...(g.satellite !== undefined ? { satellite: g.satellite } : {}),
        users: g.users,
        profiles,
      } as FleetGroup;
    }
    if (g.model === 'node-locked') {
      if (g.deviceModel === 'individual' && g.phones[GROUP_SOFTPHONE] !== undefined) {
        ctx.problem(
          ['fleet', i, 'phones', GROUP_SOFTPHONE],
          `an individual group's ${GROUP_SOFTPHONE}s are its softphones: give them as softphones: N (named ${GROUP_SOFTPHONE}#1…)`,
        );
      }
      for (const type of Object.keys(g.phones)) {
        if (!DEFAULT_DEVICE_UNITS[type])
          ctx.problem(['fleet', i, 'phones'], unknownName('phone type', type, Object.keys(DEFAULT_DEVICE_UNITS), 'types'), type);
      }
      return { ...g, growth } as FleetGroup;
    }
    return { ...g, growth } as FleetGroup;
  });
}

/** Turns a validated scenario document into runnable variants and expectations, collecting every problem. */
export function resolveScenario(ctx: ResolveContext, seedOverride?: number): LoadedScenario {
  const raw = ctx.raw;
  const policy = resolvePolicies(ctx);
  const accounts = resolveAccounts(ctx);
  const fleet = resolveFleet(ctx);
  // The schema is a union built from the action registry; each entry is an action's own shape over the common keys.
  const timeline: TimelineEntry[] = (raw.timeline as unknown as RawTimeline[]).map((entry, i) => resolveTimeline(ctx, entry, i));
  const expectations = raw.expect.map((e, i) => resolveExpectation(ctx, e, i));
  const scenario: Scenario = {
    name: raw.name,
    description: raw.description,
    seed: seedOverride ?? raw.seed,
    start: raw.start,
    days: raw.duration,
    policy,
    accounts,
    ...(raw.satellites.length ? { satellites: resolveSatellites(ctx) } : {}),
    ...(raw.paks.length ? { paks: resolvePaks(ctx) } : {}),
    fleet,
    timeline,
    ...(raw.options?.eventLogLimit ? { options: { eventLogLimit: raw.options.eventLogLimit } } : {}),
  };
  checkPurchaseTotals(ctx, scenario);
  const variants = raw.compare
    ? Object.entries(raw.compare).map(([label, variant]) => resolveVariant(ctx, scenario, label, variant))
    : [{ label: 'run', scenario }];
  const instances = fleet.reduce((n, g) => n + g.count, 0);
  const timelineLines = timeline.map((_, i) => ctx.lineOf([...ctx.base, 'timeline', i]));
  const { name, description } = raw;
  const tags = raw.tags ? { tags: raw.tags } : {};
  const labels = variants.map((v) => v.label);
  if (raw.compareBaseline !== undefined && !labels.includes(raw.compareBaseline) && !ctx.refused.compare)
    ctx.problem(
      ['compareBaseline'],
      raw.compare ? unknownName('variant', raw.compareBaseline, labels, 'compared') : 'this scenario compares no variants (add compare:)',
    );
  const baseline = raw.compareBaseline !== undefined ? { compareBaseline: raw.compareBaseline } : {};
  return { file: ctx.file, name, description, ...tags, ...baseline, variants, expectations, timelineLines, instances, days: raw.duration };
}
