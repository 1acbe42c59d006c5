import { ALARM_RULES, ALARMS, type AlarmName } from '../../machines/emitted.ts';
import { isRuleId } from '../../machines/rules.ts';
import { modelStatuses } from '../../machines/statusOfModels.ts';
import type { RawExpectation } from '../expect/schema.ts';
import type { Amount, Expectation, Quantifier, StateSet } from '../expect/types.ts';
import type { ResolveContext } from './resolveScenario.ts';
import { listOf } from '../../engine/units.ts';

function amount(v: number | string): Amount {
  return typeof v === 'number' ? { value: v, percent: false } : { value: Number(v.slice(0, -1)), percent: true };
}

function quantifier(v: 'all' | 'any' | number): Quantifier {
  return v === 'all' ? { kind: 'all' } : v === 'any' ? { kind: 'any' } : { kind: 'share', share: v };
}

function describeQuantifier(q: Quantifier): string {
  return q.kind === 'all' ? 'all instances' : q.kind === 'any' ? 'at least one instance' : `at least ${Math.round(q.share * 1000) / 10}% of instances`;
}

/** State names (statuses or status groups) resolved to each in-scope model's statuses, with their rules. */
function states(ctx: ResolveContext, names: string[], groups: string[] | null, path: Array<string | number>): StateSet {
  const models = ctx.modelsOf(groups);
  const set: StateSet = { names, byModel: {}, rules: [] };
  names.forEach((name, k) => {
    let matched = false;
    for (const model of models) {
      for (const s of modelStatuses(model)) {
        if (s.name !== name && s.group !== name) continue;
        matched = true;
        const statuses = (set.byModel[model] ??= []);
        if (!statuses.includes(s.name)) statuses.push(s.name);
        for (const r of s.rules) if (!set.rules.includes(r)) set.rules.push(r);
      }
    }
    if (!matched) {
      const known = [...new Set(models.flatMap((m) => modelStatuses(m).flatMap((s) => [s.name, s.group])))];
      ctx.problem([...path, ...(names.length > 1 ? [k] : [])], `unknown state "${name}" for ${models.join(', ')} (statuses and groups: ${known.join(', ')})`);
    }
  });
  return set;
}

const inGroups = (groups: string[] | null) => (groups ? ` in ${groups.join(', ')}` : '');

const BOUND_WORDS = { equals: 'exactly', atLeast: 'at least', atMost: 'at most' } as const;
type Bound = keyof typeof BOUND_WORDS;

/** The count bounds an expectation gives (at least one is needed) and their words for its title. */
function bounds(ctx: ResolveContext, body: Record<string, unknown>, path: Array<string | number>): { keys: Bound[]; text: string } {
  const keys = (Object.keys(BOUND_WORDS) as Bound[]).filter((k) => body[k] !== undefined);
  if (!keys.length) ctx.problem(path, 'expected equals, atLeast or atMost');
  return { keys, text: keys.map((k) => `${BOUND_WORDS[k]} ${String(body[k])}`).join(' and ') };
}

/** One expectation: names checked against the models in scope, days against the run; a title for the verdict. */
export function resolveExpectation(ctx: ResolveContext, raw: RawExpectation, i: number): Expectation {
  const [kind, value] = Object.entries(raw)[0] as [string, unknown];
  const body = (value === true ? {} : value) as Record<string, unknown>;
  const path: Array<string | number> = ['expect', i, kind];
  const source = { file: ctx.file, line: ctx.lineOf([...ctx.base, 'expect', i]) };
  const end = ctx.raw.duration;
  const day = (key: string, fallback: number) => (body[key] === undefined ? fallback : ctx.day(body[key] as number | string, [...path, key]));
  const groups = body.groups !== undefined ? ctx.groupsOf(listOf(body.groups as string | string[]), [...path, 'groups']) : null;
  const variants = body.variant !== undefined ? (listOf(body.variant as string | string[]) as string[]) : null;
  const compared = Object.keys(ctx.raw.compare ?? {});
  for (const [k, v] of (variants ?? []).entries()) {
    if (!compared.includes(v)) ctx.problem([...path, 'variant', ...(Array.isArray(body.variant) ? [k] : [])], compared.length ? `unknown variant "${v}" (compared: ${compared.join(', ')})` : `"${v}": this scenario compares no variants (add compare:)`);
  }
  const onVariants = variants ? ` [${variants.join(', ')}]` : '';
  switch (kind) {
    case 'maxOverdraft': {
      const max = amount(body.max as number | string);
      const account = (body.account as string | undefined) ?? null;
      if (account) ctx.account(account, [...path, 'account']);
      const from = day('from', 0);
      const to = day('to', end);
      const what = `${(body.type as string | undefined) ?? 'total'} overdraft${account ? ` of ${account}` : ''}`;
      return {
        kind,
        title: `${what} at most ${max.value}${max.percent ? '% of entitlement' : ' units'}${from || to !== end ? ` from day ${from} to day ${to}` : ''}`,
        source,
        variants,
        groups: null,
        max,
        type: (body.type as string | undefined) ?? null,
        account,
        from,
        to,
      };
    }
    case 'never':
    case 'eventually':
    case 'always': {
      const set = states(ctx, listOf(body.state as string | string[]) as string[], groups, [...path, 'state']);
      const q = quantifier(body.for as 'all' | 'any' | number);
      const from = day('from', 0);
      const to = body.within !== undefined ? Math.min(end, from + (body.within as number)) : day('to', end);
      const window = body.within !== undefined ? ` within ${body.within as number} days${from ? ` of day ${from}` : ''}` : from || to !== end ? ` from day ${from} to day ${to}` : '';
      const verb = kind === 'never' ? 'never enter' : kind === 'eventually' ? 'reach' : 'stay in';
      const who =
        kind === 'never' && q.kind === 'all' ? `no instance${inGroups(groups)} enters` : `${describeQuantifier(q)}${inGroups(groups)} ${verb}`;
      return { kind, title: `${who} ${set.names.join(' or ')}${window}`, source, variants, groups, states: set, for: q, from, to };
    }
    case 'stateCount': {
      const set = states(ctx, listOf(body.state as string | string[]) as string[], groups, [...path, 'state']);
      const at = day('day', end);
      const { keys, text } = bounds(ctx, body, path);
      return {
        kind,
        title: `${text} instances${inGroups(groups)} in ${set.names.join(' or ')} at the end of day ${at}`,
        source,
        variants,
        groups,
        states: set,
        day: at,
        ...Object.fromEntries(keys.map((k) => [k, amount(body[k] as number | string)])),
      };
    }
    case 'alarm': {
      const name = body.name as string;
      const known = (ALARMS as readonly string[]).includes(name);
      if (!known) ctx.problem([...path, 'name'], `unknown alarm "${name}" (alarms: ${ALARMS.join(', ')})`);
      const from = day('from', 0);
      const by = day('by', end);
      const raised = body.raised as boolean;
      return {
        kind,
        title: `${name} ${raised ? 'raised' : 'not raised'}${inGroups(groups)}${by !== end ? ` by day ${by}` : ''}${from ? ` from day ${from}` : ''}`,
        source,
        variants,
        groups,
        name,
        raised,
        from,
        by,
        rules: known ? [ALARM_RULES[name as AlarmName]] : [],
      };
    }
    case 'refused': {
      const op = (body.op as string | undefined) ?? null;
      const rule = (body.rule as string | undefined) ?? null;
      if (rule && !isRuleId(rule)) ctx.problem([...path, 'rule'], `unknown rule id "${rule}" (DOMAIN.md ids such as SL-5, NL-6, CS-4)`);
      const { keys, text } = bounds(ctx, body, path);
      const from = day('from', 0);
      const by = day('by', end);
      const what = [op ?? 'operations', rule ? `(${rule})` : ''].filter(Boolean).join(' ');
      return {
        kind,
        title: `${what} refused ${text} times${inGroups(groups)}${by !== end ? ` by day ${by}` : ''}`,
        source,
        variants,
        groups,
        op,
        rule,
        from,
        by,
        ...Object.fromEntries(keys.map((k) => [k, body[k] as number])),
      };
    }
    case 'noServiceLoss': {
      const warningDays = body.warningDays as number;
      const operations = body.operations as string[];
      return { kind, title: `no ${operations.join('/')} lost${inGroups(groups)} without a warning ${warningDays} days before`, source, variants, groups, warningDays, operations };
    }
    default: {
      const accounts = body.accounts === undefined ? null : (listOf(body.accounts as string | string[]) as string[]);
      for (const a of accounts ?? []) ctx.account(a, [...path, 'accounts']);
      return { kind: 'ledgerBalanced', title: `the ledger balances every day${accounts ? ` for ${accounts.join(', ')}` : ''}`, source, variants, groups: null, accounts };
    }
  }
}
