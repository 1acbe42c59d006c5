import { MODELS, type ModelName, overridePolicy, type PolicyByModel, policyParameters } from '../machines/policyOverride.ts';
import { didYouMean, unknownName } from '../scenarios/loader/suggest.ts';

/** A value a swept parameter takes. */
export type ParamValue = number | string | boolean;

/** One swept policy parameter: which, and its values (a grid or list) or its range (sampled). */
export interface SweepParam {
  /** `model.key`, as written. */
  path: string;
  model: ModelName;
  key: string;
  /** The grid's or list's values, in order; for a sampled range, empty. */
  values: ParamValue[];
  /** A range to sample whole numbers from (`from..to` without a step). */
  range?: { min: number; max: number };
}

const NUMBER = '(-?\\d+(?:\\.\\d+)?)d?';
const GRID = new RegExp(`^\\s*${NUMBER}\\s*\\.\\.\\s*${NUMBER}\\s*(?::\\s*${NUMBER})?\\s*$`);
/** Points a grid of one parameter may have: more is a typo (a step of 0.001). */
export const MAX_GRID_VALUES = 10_000;

/** A parameter, or what is wrong with it: its name (`key`: located at the key) or its values. */
type Parsed = { ok: true; param: SweepParam } | { ok: false; message: string; at: 'key' | 'value' };

/** A value as written: numbers stay numbers, `true`/`false` switches, anything else text. */
function scalar(text: string): ParamValue {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?d?$/.test(t)) return Number(t.replace(/d$/, ''));
  return t === 'true' ? true : t === 'false' ? false : t;
}

/** `model.key` checked against licsim's models and parameters and the fleet's models. */
function target(path: string, fleetModels: readonly ModelName[]): { model: ModelName; key: string } | { message: string } {
  const dot = path.indexOf('.');
  const model = path.slice(0, dot) as ModelName;
  const key = path.slice(dot + 1);
  if (dot < 0 || !MODELS.includes(model)) {
    const hint = didYouMean(path.slice(0, Math.max(0, dot)), MODELS);
    return { message: `expected model.parameter with a model among ${MODELS.join(', ')}, found "${path}"${hint}` };
  }
  const parameters = policyParameters(model);
  if (!(key in parameters)) return { message: `${model}: ${unknownName('policy parameter', key, Object.keys(parameters), 'parameters')}` };
  // A value that changes nothing is a bug: a parameter of a model no instance runs would sweep nothing.
  if (!fleetModels.includes(model)) return { message: `the fleet has no ${model} instances: sweeping ${path} would change nothing` };
  return { model, key };
}

/**
 * A swept parameter from `path` and its values as written (YAML or `--param path=values`):
 * `30..120:15` (a grid, both ends included), `30..120` (a range, for sampling), `30,60,90`
 * or a list; each value checked as the policy checks it, on `base`.
 *
 * @example
 * parseParam('smart-licensing.overageDays', '30..120:30', ['smart-licensing'], base); // values [30, 60, 90, 120]
 */
export function parseParam(path: string, written: unknown, fleetModels: readonly ModelName[], base: PolicyByModel): Parsed {
  const at = target(path, fleetModels);
  if ('message' in at) return { ok: false, message: at.message, at: 'key' };
  let values: ParamValue[] = [];
  let range: SweepParam['range'];
  // A list is read as --param's values are: `30d` is the number 30 either way.
  if (Array.isArray(written)) values = (written as ParamValue[]).map((v) => (typeof v === 'string' ? scalar(v) : v));
  else if (typeof written === 'number') values = [written];
  else if (typeof written === 'string') {
    const grid = GRID.exec(written);
    if (grid) {
      const [min, max, step] = [Number(grid[1]), Number(grid[2]), grid[3] === undefined ? undefined : Number(grid[3])];
      if (min > max) return { ok: false, message: `expected a range whose from is at most its to, found "${written}"`, at: 'value' };
      if (step === undefined) {
        // Sampling draws whole numbers: the range must hold one, and its whole ends are what the policy is asked about.
        range = { min: Math.ceil(min), max: Math.floor(max) };
        if (range.min > range.max)
          return { ok: false, message: `expected a range holding a whole number to sample, found "${written}"`, at: 'value' };
      } else {
        if (!(step > 0)) return { ok: false, message: `expected a step above 0, found "${written}"`, at: 'value' };
        const n = Math.floor((max - min) / step + 1e-9) + 1;
        if (n > MAX_GRID_VALUES)
          return { ok: false, message: `expected at most ${MAX_GRID_VALUES} values, found ${n} in "${written}"`, at: 'value' };
        values = Array.from({ length: n }, (_, i) => Number((min + i * step).toPrecision(12)));
      }
    } else values = written.split(',').map(scalar);
  } else return { ok: false, message: 'expected a grid like 30..120:15, a range like 30..120, or a list of values', at: 'value' };
  const checked = range ? [range.min, range.max] : values;
  for (const v of checked) {
    const r = overridePolicy(at.model, { [at.key]: v }, base[at.model]);
    if (!r.ok)
      return {
        ok: false,
        message: `${JSON.stringify(v)}: ${r.issues.map((i) => (i.kind === 'invalid-value' ? i.reason : i.message)).join('; ')}`,
        at: 'value',
      };
  }
  if (new Set(values.map((v) => JSON.stringify(v))).size !== values.length)
    return { ok: false, message: 'a value is listed twice', at: 'value' };
  return { ok: true, param: { path, ...at, values, ...(range ? { range } : {}) } };
}
