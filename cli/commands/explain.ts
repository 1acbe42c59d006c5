import pc from 'picocolors';
import { Fleet } from '../../engine/fleet/fleet.ts';
import type { StoryStep } from '../../engine/result.ts';
import { StoryRecorder } from '../../engine/run/story.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { isRuleId, RULES } from '../../machines/rules.ts';
import { formatDay } from '../../reports/evidenceText.ts';
import type { LoadedScenario } from '../../scenarios/loader/resolveScenario.ts';
import type { Colors } from '../console/format.ts';
import { printable } from '../console/printable.ts';
import { EXIT, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';
import { loadAll } from '../loadAll.ts';
import { loadPolicyFile } from '../loadFile.ts';
import { policyLine } from './run.ts';

export interface ExplainOptions {
  /** A fleet index (0 is the first instance of the first group) or an instance id such as `lab-003`. */
  instance: string;
  from?: string;
  to?: string;
  /** The compared variant to explain (the first when absent). */
  variant?: string;
  /** `--policy FILE`: a policy file in place of the scenario's `policy:`. */
  policy?: string;
  json?: boolean;
  backend: 'compiled' | 'actors';
  color: boolean;
}

/** One instance's story as `licsim explain --json` prints it. */
export interface Explanation {
  schema: 'licsim/explain@1';
  file: string;
  scenario: string;
  variant: string;
  instance: string;
  index: number;
  group: string;
  model: string;
  from: number;
  to: number;
  steps: StoryStep[];
  /** The text of every rule the steps cite. */
  rules: Record<string, string>;
}

/** A day bound as written: `30`, `30d` or `2.5d`. */
function dayOf(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^(\d+(?:\.\d+)?)d?$/.exec(value.trim());
  if (!m) throw new UsageError(`${flag} ${value}: expected a day of the run, e.g. 30 or 30d`);
  return Number(m[1]);
}

/** The fleet index an `--instance` names: an index, or an id the fleet has. */
function indexOf(fleet: Fleet, instance: string): number {
  if (/^\d+$/.test(instance)) {
    const index = Number(instance);
    if (index >= fleet.size) {
      throw new UsageError(`--instance ${instance}: the fleet has ${fleet.size} instances (indices 0 to ${fleet.size - 1})`);
    }
    return index;
  }
  const index = fleet.globalOf(instance);
  if (index < 0) {
    const groups = fleet.groups.map((g) => `${fleet.id(g.first)}…${fleet.id(g.first + g.count - 1)}`);
    throw new UsageError(`--instance ${instance}: no instance of that id (the fleet's: ${groups.join(', ')}); or give a fleet index`);
  }
  return index;
}

/**
 * One instance's whole story: the scenario's run (its first variant, or `variant`) with
 * the instance's story recorded, between two days.
 *
 * @example
 * explainInstance(loaded, { instance: 'lab-003' }); // { instance: 'lab-003', steps: [{ day: 2, from: 'evaluation', … }, …], … }
 */
export function explainInstance(
  loaded: LoadedScenario,
  options: Pick<ExplainOptions, 'instance' | 'from' | 'to' | 'variant'> & { backend?: 'compiled' | 'actors' },
): Explanation {
  const variant = options.variant === undefined ? loaded.variants[0] : loaded.variants.find((v) => v.label === options.variant);
  if (!variant) {
    throw new UsageError(`--variant ${options.variant}: the scenario compares ${loaded.variants.map((v) => v.label).join(', ')}`);
  }
  const from = dayOf('--from', options.from, 0);
  const to = dayOf('--to', options.to, loaded.days);
  if (from > to) throw new UsageError(`--from ${options.from} comes after --to ${options.to ?? loaded.days}`);
  // The fleet's ids and indices, without running anything.
  const index = indexOf(new Fleet(variant.scenario.fleet, variant.scenario.seed), options.instance);
  const lines = variant.timelineLines ?? loaded.timelineLines;
  const source = lines ? { file: loaded.file, timelineLines: lines } : null;
  const story = new StoryRecorder([index], source);
  let group = '';
  let model = '';
  let id = '';
  runScenario(variant.scenario, {
    backend: options.backend ?? 'compiled',
    observers: [
      story,
      {
        start(sim) {
          const g = sim.fleet.group(index);
          group = g.spec.name;
          model = g.model;
          id = sim.id(index);
        },
      },
    ],
  });
  const steps = story.of(index).filter((s) => s.day >= from - 1e-9 && s.day <= to + 1e-9);
  const cited = [...new Set(steps.flatMap((s) => s.rules))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return {
    schema: 'licsim/explain@1',
    file: loaded.file,
    scenario: loaded.name,
    variant: variant.label,
    instance: id,
    index,
    group,
    model,
    from,
    to,
    steps,
    rules: Object.fromEntries(cited.map((r) => [r, isRuleId(r) ? RULES[r] : ''])),
  };
}

/** What a step did, in the table's second column. */
function change(s: StoryStep): string {
  switch (s.kind) {
    case 'transition':
      return `${s.from} → ${s.to}`;
    case 'alarm':
      return `alarm ${s.event}`;
    case 'cleared':
      return `cleared ${s.event}`;
    case 'refusal':
      return `refused ${s.event}`;
    case 'effect':
      return `ledger ${s.event}`;
  }
}

/** The instance's last report as the ledger holds it: `UCL-Enhanced 10, CUWL 2`. */
const reportedText = (s: StoryStep) =>
  s.reported
    ? Object.entries(s.reported)
        .map(([type, n]) => `${type} ${n.toLocaleString('en-US')}`)
        .join(', ')
    : '';

/** The story as a table for a terminal: day, change, why, rules, reported usage; then the rules' texts. */
export function explanationLines(e: Explanation, c: Colors): string[] {
  const why = (s: StoryStep) => (s.kind === 'transition' || s.kind === 'refusal' ? s.why : '');
  const rows = e.steps.map((s) => [formatDay(s.day), change(s), s.rules.join(', '), reportedText(s), why(s)]);
  const head = ['day', 'change', 'rules', 'reported usage', 'why'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const title = `${e.instance} (${e.group}, ${e.model}) in ${e.scenario}${e.variant === 'run' ? '' : ` [variant ${e.variant}]`}`;
  const out = [
    ` ${c.bold(printable(title))}`,
    c.dim(` ${printable(e.file)}, days ${formatDay(e.from)} to ${formatDay(e.to)}: ${e.steps.length} steps`),
    '',
    ` ${c.bold(line(head))}`,
    ...rows.map((r) => ` ${printable(line(r))}`),
  ];
  if (!rows.length) out.push(c.dim(' nothing happened to it in those days'));
  const rules = Object.entries(e.rules);
  if (rules.length) out.push('', ` ${c.bold('Rules')}`, ...rules.map(([id, text]) => `  ${id}  ${c.dim(printable(text))}`));
  return out;
}

/**
 * `licsim explain <scenario> --instance <index|id> [--from D --to D] [--json]`: one
 * instance's whole story, every change of status with what set it off, its rule ids
 * with their texts, the ledger's record of its usage, and its alarms, refusals and effects.
 */
export async function explainCommand(file: string, options: ExplainOptions): Promise<number> {
  const policy = options.policy === undefined ? undefined : await loadPolicyFile(options.policy);
  const loaded = await loadAll([file], policy ? { policy } : {});
  // On stderr, so --json stays one document.
  if (policy) cliIo().stderr.write(`licsim: ${printable(policyLine(policy, loaded.scenarios))}\n`);
  const [scenario, ...rest] = loaded.scenarios;
  if (!scenario) throw new UsageError(`${file} holds no scenario to explain`);
  if (rest.length) throw new UsageError(`explain takes one scenario file; ${file} names ${loaded.scenarios.length}`);
  const e = explainInstance(scenario, options);
  if (options.json) cliIo().stdout.write(`${JSON.stringify(e, null, 2)}\n`);
  else for (const l of explanationLines(e, pc.createColors(options.color))) cliIo().stdout.write(`${l}\n`);
  return EXIT.passed;
}
