import pc from 'picocolors';
import { scenarioSize } from '../console/format.ts';
import { EXIT } from '../errors.ts';
import { loadAll } from '../loadAll.ts';

/** `licsim validate`: checks scenario files without running them. */
export async function validateCommand(paths: string[], options: { color: boolean }): Promise<number> {
  const c = pc.createColors(options.color);
  const { scenarios, ignored } = await loadAll(paths);
  const files = new Set(scenarios.map((s) => s.file));
  for (const s of scenarios) {
    const size = scenarioSize(
      s.instances,
      s.days,
      s.variants.map((v) => v.label),
    );
    process.stdout.write(
      ` ${c.green('✓')} ${c.dim(`${s.file} ›`)} ${s.name} ${c.dim(`(${s.expectations.length} expectations, ${size})`)}\n`,
    );
  }
  if (ignored.length) process.stdout.write(c.dim(` skipped (.licsimignore): ${ignored.join(', ')}\n`));
  process.stdout.write(`\n ${scenarios.length} scenarios in ${files.size} files are valid\n`);
  return EXIT.passed;
}
