import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
import type { AnyStateMachine } from 'xstate';
import { worldMachines } from '../../engine/world/machines.ts';
import { MODEL_DEFINITIONS } from '../../machines/models.ts';
import { defaultPolicy, MODELS, type ModelName } from '../../machines/policyOverride.ts';
import { layoutMachine } from '../../reports/diagram/layout.ts';
import { machineGraph } from '../../reports/diagram/machineGraph.ts';
import { renderSvg } from '../../reports/diagram/svg.ts';
import { escapeHtml } from '../../reports/escape.ts';
import { writeFileAtomic } from '../../reports/io/atomicWrite.ts';
import { printable } from '../console/printable.ts';
import { EXIT, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';
import { loadPolicyFile } from '../loadFile.ts';

export interface DocsOptions {
  out: string;
  /** Only these models' (or parties') diagrams. */
  model?: string[];
  /** A policy file: its values label the timers (else each model's defaults). */
  policy?: string;
  color: boolean;
}

/** A machine the docs draw: a licensing model's, or a back-end party's, with the policy its timers read. */
interface Drawn {
  name: string;
  title: string;
  machine: AnyStateMachine;
  policy: Record<string, unknown>;
}

/**
 * `licsim docs`: a state diagram of every licensing model and back-end party (reports/diagram/: the machine's
 * graph, laid out by ELK, drawn as SVG), each timer labelled with the policy value it reads, written as
 * `<name>.svg` and one self-contained `machines.html`. The same machines and policy write the same bytes.
 */
export async function docsCommand(options: DocsOptions): Promise<number> {
  const c = pc.createColors(options.color);
  const set = worldMachines().machines();
  const file = options.policy === undefined ? undefined : await loadPolicyFile(options.policy);
  const policyOf = (model: ModelName) => (file?.resolved[model] ?? defaultPolicy(model)) as unknown as Record<string, unknown>;
  const all: Drawn[] = [
    ...MODELS.map((m) => ({ name: m, title: MODEL_DEFINITIONS[m].title, machine: set.models[m], policy: policyOf(m) })),
    ...(Object.entries(set.parties) as Array<[string, AnyStateMachine]>).map(([name, machine]) => ({
      name,
      title: `the ${name} back-end party`,
      machine,
      // The parties' timers read the Smart Licensing policy (the satellite's sync).
      policy: policyOf('smart-licensing'),
    })),
  ];
  const unknown = (options.model ?? []).filter((m) => !all.some((d) => d.name === m));
  if (unknown.length) throw new UsageError(`--model: unknown ${unknown.join(', ')} (expected one of ${all.map((d) => d.name).join(', ')})`);
  const chosen = options.model?.length ? all.filter((d) => options.model?.includes(d.name)) : all;
  await mkdir(options.out, { recursive: true });
  const sections: string[] = [];
  for (const d of chosen) {
    const svg = renderSvg(await layoutMachine(machineGraph(d.machine, d.policy)));
    const path = join(options.out, `${d.name}.svg`);
    await writeFileAtomic(path, svg);
    sections.push(`<section id="${d.name}"><h2>${escapeHtml(d.name)}</h2><p>${escapeHtml(d.title)}</p>\n${svg}</section>`);
    cliIo().stdout.write(` ${c.green('✓')} ${printable(path)}\n`);
  }
  const policyText = file ? `policy ${escapeHtml(file.file)}` : 'default policy';
  const html =
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>licsim machines</title>` +
    '<style>body{font-family:sans-serif;margin:24px}section{margin-bottom:48px}svg{max-width:none}</style></head><body>' +
    `<h1>licsim machines</h1><p>The state diagram of each machine, its timers labelled with the ${policyText}.</p>\n` +
    `${sections.join('\n')}\n</body></html>\n`;
  const page = join(options.out, 'machines.html');
  await writeFileAtomic(page, html);
  cliIo().stdout.write(` ${c.bold('Diagrams')}      ${printable(page)}\n`);
  return EXIT.passed;
}
