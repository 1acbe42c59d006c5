import { existsSync } from 'node:fs';
import pc from 'picocolors';
import { ACTIONS } from '../../engine/timeline/registry.ts';
import { ALARM_RULES, ALARMS, alarmLabel, clearedWhen } from '../../machines/emitted.ts';
import { MODEL_DEFINITIONS } from '../../machines/models.ts';
import { MODELS, policyParameters } from '../../machines/policyOverride.ts';
import { showPolicyValue, unitText } from '../../machines/policyParameter.ts';
import { PRESETS } from '../../machines/presets.ts';
import { EXPECTATIONS } from '../../scenarios/expect/registry.ts';
import { scenarioSize } from '../console/format.ts';
import { printable, printableLine } from '../console/printable.ts';
import { EXIT } from '../errors.ts';
import { cliIo } from '../io.ts';
import { loadAll } from '../loadAll.ts';

/**
 * `licsim list [folder]`: the scenarios with their descriptions, every model's policy
 * presets and parameters, the timeline actions and the expectation kinds (read from
 * their registries).
 */
export async function listCommand(paths: string[], options: { color: boolean }): Promise<number> {
  const c = pc.createColors(options.color);
  const out = (line = '') => cliIo().stdout.write(`${printableLine(line)}\n`);
  // Without a folder, ./scenarios when there is one; the policy part needs no scenarios.
  const folders = paths.length ? paths : existsSync('scenarios') ? ['scenarios'] : [];
  const { scenarios } = folders.length ? await loadAll(folders) : { scenarios: [] };
  if (folders.length) out(c.bold('Scenarios'));
  for (const s of scenarios) {
    out(
      ` ${c.cyan(printable(s.name))} ${c.dim(
        `— ${printable(s.file)}, ${s.expectations.length} expectations, ${scenarioSize(
          s.instances,
          s.days,
          s.variants.map((v) => v.label),
        )}`,
      )}`,
    );
    const description = s.description.trim().split('\n')[0];
    if (description) out(`   ${printable(description)}`);
  }
  for (const model of MODELS) {
    out();
    out(`${c.bold(`Policy of ${model}`)} ${c.dim(`— ${MODEL_DEFINITIONS[model].title}`)}`);
    out(
      ` presets: ${Object.entries(PRESETS[model])
        .map(([name, p]) => `${c.cyan(name)} (${p.description})`)
        .join('; ')}`,
    );
    for (const [key, p] of Object.entries(policyParameters(model))) {
      out(`   ${key.padEnd(32)} ${showPolicyValue(p.default).padEnd(24)} ${c.dim(`${p.rule}: ${p.doc} [${unitText(p)}]`)}`);
    }
  }
  out();
  out(`${c.bold('Timeline actions')} ${c.dim('— do: in a timeline entry; the models whose instances it reaches, or the back end')}`);
  for (const a of ACTIONS) {
    const reaches = a.models.length ? a.models.join(', ') : 'back end';
    out(`   ${a.kind.padEnd(26)} ${reaches.padEnd(44)} ${c.dim(a.doc)}`);
  }
  out();
  out(
    `${c.bold('Alarms')} ${c.dim(
      "— names the machines raise, with the rule that names or defines them; licsim's own names marked; " +
        'those reporting a condition are cleared when it ends (SL-18)',
    )}`,
  );
  for (const name of ALARMS) {
    const clears = clearedWhen(name);
    out(`   ${alarmLabel(name).padEnd(48)} ${c.dim(clears ? `${ALARM_RULES[name].padEnd(6)} cleared when ${clears}` : ALARM_RULES[name])}`);
  }
  out();
  out(`${c.bold('Expectations')} ${c.dim('— keys of expect: items; each takes groups: and, in a comparison, variant:')}`);
  for (const e of EXPECTATIONS) out(`   ${e.kind.padEnd(26)} ${c.dim(e.doc)}`);
  return EXIT.passed;
}
