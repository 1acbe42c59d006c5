import pc from 'picocolors';
import type { z } from 'zod';
import { MODEL_DEFINITIONS } from '../../machines/models.ts';
import { PRESETS } from '../../machines/presets.ts';
import { defaultPolicy, MODELS, policySchema } from '../../machines/policyOverride.ts';
import { EXIT } from '../errors.ts';
import { loadAll } from '../loadAll.ts';

const show = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : String(v));

/** `licsim list [folder]`: the scenarios with their descriptions, and every model's policy presets and parameters. */
export async function listCommand(paths: string[], options: { color: boolean }): Promise<number> {
  const c = pc.createColors(options.color);
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const { scenarios } = await loadAll(paths.length ? paths : ['scenarios']);
  out(c.bold('Scenarios'));
  for (const s of scenarios) {
    const first = s.variants[0]?.scenario;
    const instances = first?.fleet.reduce((n, g) => n + g.count, 0) ?? 0;
    out(` ${c.cyan(s.name)} ${c.dim(`— ${s.file}, ${instances.toLocaleString('en-US')} instances, ${first?.days} days, ${s.expectations.length} expectations${s.variants.length > 1 ? `, compares ${s.variants.map((v) => v.label).join(' / ')}` : ''}`)}`);
    const description = s.description.trim().split('\n')[0];
    if (description) out(`   ${description}`);
  }
  for (const model of MODELS) {
    out();
    out(`${c.bold(`Policy of ${model}`)} ${c.dim(`— ${MODEL_DEFINITIONS[model].title}`)}`);
    out(` presets: ${Object.entries(PRESETS[model]).map(([name, p]) => `${c.cyan(name)} (${p.description})`).join('; ')}`);
    const defaults = defaultPolicy(model) as Record<string, unknown>;
    const shape = (policySchema(model) as unknown as { shape: Record<string, z.ZodType> }).shape;
    for (const [key, schema] of Object.entries(shape)) {
      out(`   ${key.padEnd(32)} ${show(defaults[key]).padEnd(24)} ${c.dim(schema.description ?? '')}`);
    }
  }
  return EXIT.passed;
}
