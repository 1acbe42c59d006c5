import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { ScenarioOutcome } from '../engine/result.ts';
import { writeFileAtomic } from '../reports/io/atomicWrite.ts';
import { creatableAt, mkdirBelow } from '../reports/io/fileSystems.ts';
import { Positions } from '../scenarios/loader/positions.ts';
import type { LoadedScenario } from '../scenarios/loader/resolveScenario.ts';
import { outDirUsage, UsageError } from './errors.ts';
import { instanceDays, type SplitCosts } from './shard.ts';

export const SHARD_COSTS_SCHEMA = 'licsim/shard-costs@1';

/**
 * A `--shard-costs` file (written by `licsim run --write-shard-costs FILE`): each scenario's cost in events (machine
 * steps plus messages delivered, over its variants: results.json's `work`), by file and name, in suite order.
 */
export interface ShardCostsFile {
  schema: typeof SHARD_COSTS_SCHEMA;
  unit: 'events';
  scenarios: Array<{ file: string; name: string; cost: number }>;
}

/** A scenario's events: machine steps and messages delivered, summed over its variants (results.json `work`). */
export function eventCount(outcome: ScenarioOutcome): number {
  return outcome.runs.reduce((n, r) => n + r.result.work.steps + r.result.work.messages, 0);
}

/** The costs file of a run's outcomes (suite order, two-space JSON): the same run gives the same bytes. */
export function shardCostsText(outcomes: readonly ScenarioOutcome[]): string {
  const file: ShardCostsFile = {
    schema: SHARD_COSTS_SCHEMA,
    unit: 'events',
    scenarios: outcomes.map((o) => ({ file: o.file, name: o.name, cost: eventCount(o) })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Checks, before anything runs, that `--write-shard-costs FILE` can be written (exit 2 naming the flag otherwise). */
export async function checkCostsPath(file: string): Promise<void> {
  await outDirUsage(creatableAt(file, '--write-shard-costs'));
}

/** Writes `--write-shard-costs FILE` (atomically: a reader sees the old file or the new one). */
export async function writeShardCosts(file: string, outcomes: readonly ScenarioOutcome[]): Promise<void> {
  const { base, missing } = await outDirUsage(creatableAt(file, '--write-shard-costs'));
  await mkdirBelow(base, missing);
  await writeFileAtomic(file, shardCostsText(outcomes));
}

const key = (file: string, name: string) => `${file}\u0000${name}`;

/**
 * Reads a `--shard-costs` file. Every problem is reported at once, each at file:line:col with what was expected
 * (a UsageError, exit 2).
 */
export async function readShardCosts(file: string): Promise<{ entries: ShardCostsFile['scenarios']; hash: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--shard-costs ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const where = new Positions(doc, lines);
  const at = (path: Array<string | number>) => {
    const p = where.locate(path);
    return `${file}:${p.line}:${p.column}`;
  };
  const problems: string[] = [];
  for (const e of doc.errors) {
    const p = e.linePos?.[0];
    problems.push(`${file}:${p?.line ?? 1}:${p?.col ?? 1}: not JSON: ${e.message.split('\n')[0]}`);
  }
  const data: unknown = problems.length ? null : doc.toJS();
  const root = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const entries: ShardCostsFile['scenarios'] = [];
  if (!problems.length) {
    if (root.schema !== SHARD_COSTS_SCHEMA)
      problems.push(`${at(['schema'])}: schema: expected "${SHARD_COSTS_SCHEMA}" (a file licsim run --write-shard-costs wrote)`);
    if (!Array.isArray(root.scenarios)) problems.push(`${at(['scenarios'])}: scenarios: expected a list of { file, name, cost }`);
  }
  const seen = new Set<string>();
  for (const [i, raw] of (Array.isArray(root.scenarios) ? root.scenarios : []).entries()) {
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const bad = (field: string, expected: string) =>
      problems.push(`${at(['scenarios', i, field])}: scenarios[${i}].${field}: expected ${expected}`);
    if (typeof s.file !== 'string') bad('file', 'the scenario file as licsim run names it');
    if (typeof s.name !== 'string') bad('name', "the scenario's name");
    if (typeof s.cost !== 'number' || !Number.isSafeInteger(s.cost) || s.cost < 0) bad('cost', 'a whole number of events, 0 or more');
    if (typeof s.file !== 'string' || typeof s.name !== 'string' || typeof s.cost !== 'number') continue;
    if (seen.has(key(s.file, s.name))) problems.push(`${at(['scenarios', i])}: scenarios[${i}]: ${s.file} › ${s.name} is listed twice`);
    seen.add(key(s.file, s.name));
    entries.push({ file: s.file, name: s.name, cost: s.cost });
  }
  if (problems.length) throw new UsageError(`--shard-costs ${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`, problems);
  return { entries, hash: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}

/**
 * The costs of a suite from a costs file: a scenario it lists costs its events; one it does not (added since) is
 * estimated from its instance-days at the rate of events per instance-day of those it lists (all instance-days when it
 * lists none of them), so a stale file still splits the same way on every machine.
 */
export function fileCosts(scenarios: readonly LoadedScenario[], entries: ShardCostsFile['scenarios'], hash: string): SplitCosts {
  const byKey = new Map(entries.map((e) => [key(e.file, e.name), e.cost]));
  const listed = scenarios.map((s) => byKey.get(key(s.file, s.name)));
  const days = scenarios.map(instanceDays);
  let events = 0;
  let listedDays = 0;
  for (const [i, cost] of listed.entries())
    if (cost !== undefined) {
      events += cost;
      listedDays += days[i] ?? 0;
    }
  const rate = listedDays > 0 ? events / listedDays : 1;
  const costs = listed.map((cost, i) => cost ?? Math.round((days[i] ?? 0) * rate));
  return { costs, source: `events (--shard-costs sha256 ${hash})`, estimated: listed.filter((c) => c === undefined).length };
}
