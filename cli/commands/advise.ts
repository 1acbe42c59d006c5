import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
import { stringify } from 'yaml';
import { accountDemands } from '../../advise/demand.ts';
import { type PlannedPurchase, planModel, type Target } from '../../advise/model.ts';
import { naivePlan, planScenario } from '../../advise/plan.ts';
import { pricesFileSchema, pricesOf } from '../../advise/prices.ts';
import { PlanError, solvePlan } from '../../advise/solve.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { LICENCE_TYPES } from '../../ledger/licenceTypes.ts';
import { overridePolicy, type PolicyByModel } from '../../machines/policyOverride.ts';
import { adviseHtml } from '../../reports/advise/adviseReport.ts';
import { chartConfigs } from '../../reports/charts/chartConfigs.ts';
import { renderPng } from '../../reports/charts/renderPng.ts';
import { formatNumber } from '../../reports/html/format.ts';
import { parseScenarios, readScenarioFile, scenariosOf, schemaProblems, yamlProblems } from '../../scenarios/loader/loadScenarios.ts';
import { Positions } from '../../scenarios/loader/positions.ts';
import { formatProblem, type Problem, pathText } from '../../scenarios/loader/problems.ts';
import { readYaml } from '../../scenarios/loader/readYaml.ts';
import { unknownName } from '../../scenarios/loader/suggest.ts';
import { runLoaded } from '../../scenarios/run/runLoaded.ts';
import { printableLine } from '../console/printable.ts';
import { EXIT, ReportedError, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';

export interface AdviseOptions {
  out: string;
  horizon?: string;
  prices?: string;
  target?: Target;
  /** Days per decision period (default 30: monthly decisions). */
  period?: string;
  color: boolean;
}

const DAYS = /^(\d+)d?$/;
const dayFlag = (flag: string, text: string) => {
  const m = DAYS.exec(text.trim());
  if (!m || Number(m[1]) < 1)
    throw new UsageError(`${flag}: expected a whole number of days of 1 or more, like 365 or 365d, found "${text}"`);
  return Number(m[1]);
};

async function prices(file: string | undefined): Promise<ReturnType<typeof pricesOf>> {
  if (file === undefined) return pricesOf(undefined);
  const text = await readScenarioFile(file);
  if (!text.ok) throw new ReportedError('--prices: the prices file cannot be read', text.problems.map(formatProblem), EXIT.usage);
  const read = readYaml(text.text);
  if (!read.ok) throw new ReportedError('--prices: the prices file is not YAML', yamlProblems(read, file).map(formatProblem), EXIT.usage);
  const parsed = pricesFileSchema.safeParse(read.data);
  const positions = new Positions(read.doc, read.lines);
  const at = (path: Array<string | number>, message: string, key?: string): Problem => ({
    file,
    ...positions.locate(path, key),
    path: pathText(key ? [...path, key] : path),
    message,
  });
  const problems: Problem[] = parsed.success
    ? []
    : schemaProblems(parsed.error, read.data, pricesFileSchema).map((p) => at(p.path, p.message, p.key));
  const written = (read.data as { prices?: unknown } | null)?.prices;
  if (written && typeof written === 'object')
    for (const type of Object.keys(written))
      if (!LICENCE_TYPES.includes(type)) problems.push(at(['prices'], unknownName('licence type', type, LICENCE_TYPES, 'types'), type));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (!parsed.success || problems.length) {
    throw new ReportedError(
      `--prices: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the prices file`,
      problems.map(formatProblem),
      EXIT.usage,
    );
  }
  return pricesOf(parsed.success ? parsed.data.prices : undefined);
}

/**
 * `licsim advise <scenario>`: the cheapest purchase plan that meets the target over the
 * horizon, solved as an integer program (advise/model.ts) from the fleet's demand in a run
 * where nothing is refused; then the scenario with the plan's purchases added is written
 * (plan.yaml) and run, proving the target, and the plan's cost is set against buying each
 * type's peak on day 0. Exit 0 when the replay meets the target, 1 when it does not, 2 on bad input.
 */
export async function adviseCommand(file: string, options: AdviseOptions): Promise<number> {
  const c = pc.createColors(options.color);
  const say = (line: string) => cliIo().stdout.write(`${printableLine(line)}\n`);
  const target: Target = options.target ?? 'zero-overdraft';
  const periodDays = options.period === undefined ? 30 : dayFlag('--period', options.period);
  const price = await prices(options.prices);
  const text = await readScenarioFile(file);
  if (!text.ok) throw new ReportedError('the scenario file cannot be read', text.problems.map(formatProblem), EXIT.usage);
  const yaml = readYaml(text.text);
  const loaded = scenariosOf(yaml, file);
  if (!loaded.ok || !yaml.ok)
    throw new ReportedError(
      'problems in the scenario file; nothing was advised',
      loaded.ok ? [] : loaded.problems.map(formatProblem),
      EXIT.usage,
    );
  if (loaded.scenarios.length !== 1 || 'scenarios' in (yaml.data as object))
    throw new UsageError(`${file}: advise takes a file of one scenario (a suite's scenarios one at a time)`);
  const scenario = loaded.scenarios[0]?.variants[0]?.scenario;
  if (!scenario) throw new UsageError(`${file}: the scenario has no run`);
  const horizon = options.horizon === undefined ? scenario.days : Math.min(scenario.days, dayFlag('--horizon', options.horizon));
  const sl = scenario.policy['smart-licensing'];
  // The demand: what the fleet would use if nothing were refused (CSSM records overdraft, never enforces: §4's always).
  const open = overridePolicy('smart-licensing', { overdraft: { mode: 'always' } }, sl);
  if (!open.ok) throw new Error('the always regime was refused');
  const demandRun = runScenario({ ...scenario, policy: { ...scenario.policy, 'smart-licensing': open.policy } as PolicyByModel });
  const demands = accountDemands(demandRun, periodDays, horizon);
  if (!demands.length) throw new UsageError(`${file}: no virtual account to advise (advise plans Smart Licensing virtual accounts)`);
  const lag = target === 'no-enforcement' ? Math.max(0, Math.floor(sl.overageDays / periodDays) - 1) : 0;
  const started = performance.now();
  const model = planModel({ demands, price, target, borrowing: sl.tierBorrowing, lag });
  let plan: { purchases: PlannedPurchase[]; cost: number };
  try {
    plan = await solvePlan(model);
  } catch (error) {
    if (error instanceof PlanError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const solveSeconds = (performance.now() - started) / 1000;
  const naive = naivePlan(demands, price);
  const written = planScenario(yaml.data as Record<string, unknown>, plan.purchases, periodDays, target, horizon);
  const head = `# licsim advise ${file} --target ${target}: the scenario with the advised purchases, checked by its one expectation.`;
  const planText = `${head}\n${stringify(written)}`;
  await mkdir(options.out, { recursive: true });
  const planFile = join(options.out, 'plan.yaml');
  await writeFile(planFile, planText);
  const replay = parseScenarios(planText, planFile);
  if (!replay.ok) throw new Error(`the advised plan does not load: ${replay.problems.map(formatProblem).join('; ')}`);
  const outcome = runLoaded(replay.scenarios[0] as NonNullable<(typeof replay.scenarios)[0]>, undefined, 'compiled', { explain: false });
  const proved = outcome.passed;
  const flat = [...new Set(plan.purchases.map((p) => p.type))].every((t) => price(t).term === null && price(t).lot === 1);
  const result = {
    schema: 'licsim/advise-result@1',
    file,
    target,
    horizon,
    periodDays,
    plan: plan.purchases.map((p) => ({ ...p, day: p.period * periodDays })),
    cost: plan.cost,
    naive: { purchases: naive.purchases, cost: naive.cost },
    replay: {
      file: planFile,
      passed: proved,
      verdicts: outcome.verdicts.map((v) => ({ title: v.title, passed: v.passed, message: v.message })),
    },
  };
  await writeFile(join(options.out, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  const lines = [
    `## ${proved ? '✅' : '❌'} licsim advise: ${file} (${target})`,
    '',
    `Plan cost ${formatNumber(plan.cost)} against ${formatNumber(naive.cost)} for each type's peak bought on day 0.`,
    '',
    '| day | account | type | units | kind | cost |',
    '|---:|---|---|---:|---|---:|',
    ...plan.purchases.map(
      (p) => `| ${p.period * periodDays} | ${p.account} | ${p.type} | ${p.units} | ${p.kind} | ${formatNumber(p.cost)} |`,
    ),
    '',
    `Replayed (${planFile}): ${outcome.verdicts.map((v) => `${v.passed ? '✅' : '❌'} ${v.title}: ${v.message}`).join('; ')}`,
    '',
  ];
  await writeFile(join(options.out, 'summary.md'), lines.join('\n'));
  // The replay's usage charts: each type's consumption against its entitlement with the plan's purchases in it.
  const charts = chartConfigs(outcome, 0).filter((s) => s.kind === 'usage' || s.kind === 'overdraft');
  for (const spec of charts) {
    await mkdir(join(options.out, 'charts'), { recursive: true });
    await writeFile(join(options.out, spec.file), await renderPng(spec));
  }
  const report = { file, target, plan: result.plan, cost: plan.cost, naiveCost: naive.cost, flat, solveSeconds, replay: result.replay };
  await writeFile(join(options.out, 'index.html'), adviseHtml(report, charts));
  say(
    ` ${c.bold('Plan')}          ${plan.purchases.length} purchases, cost ${formatNumber(plan.cost)} ` +
      `(solved in ${solveSeconds.toFixed(2)} s)`,
  );
  for (const p of plan.purchases)
    say(
      `   day ${p.period * periodDays}: ${p.units} ${p.type} into ${p.account} ` +
        `(${p.kind}${p.kind === 'term' ? `, days ${p.period * periodDays}–${(p.period + 1) * periodDays}` : ''}), ${formatNumber(p.cost)}`,
    );
  const saving = naive.cost - plan.cost;
  say(
    ` ${c.bold('Naive')}         ${formatNumber(naive.cost)}: each type's peak shortfall bought on day 0` +
      (saving > 0
        ? `; the plan saves ${formatNumber(saving)}`
        : flat
          ? ' (flat perpetual prices: buying early costs no more, so the naive plan is as cheap)'
          : ''),
  );
  say(` ${proved ? c.green('✓') : c.red('✗')} ${c.bold('Replayed')}    ${planFile}: ${outcome.verdicts.map((v) => v.message).join('; ')}`);
  return proved ? EXIT.passed : EXIT.failed;
}
