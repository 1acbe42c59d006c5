import pc from 'picocolors';
import { plural } from '../../reports/plural.ts';
import { scenarioSize } from '../console/format.ts';
import { printable } from '../console/printable.ts';
import { EXIT } from '../errors.ts';
import { cliIo } from '../io.ts';
import { batchError, loadEach } from '../loadAll.ts';

/**
 * `licsim validate`: checks scenario and verification files without running them, each on its own: the
 * valid ones are listed, the problems and crashes of the others reported against them
 * (exit 2 for a problem, 3 when licsim crashed on a file: the worst).
 */
export async function validateCommand(paths: string[], options: { color: boolean }): Promise<number> {
  const c = pc.createColors(options.color);
  const loaded = await loadEach(paths);
  const { scenarios, ignored } = loaded;
  const files = new Set(scenarios.map((s) => s.file));
  for (const s of scenarios) {
    const size = scenarioSize(
      s.instances,
      s.days,
      s.variants.map((v) => v.label),
    );
    const counts = c.dim(`(${s.expectations.length} expectations, ${size})`);
    cliIo().stdout.write(` ${c.green('✓')} ${c.dim(`${printable(s.file)} ›`)} ${printable(s.name)} ${counts}\n`);
  }
  for (const v of loaded.verifications) {
    const size = scenarioSize(
      v.world.instances,
      v.world.days,
      v.world.variants.map((w) => w.label),
    );
    const counts = c.dim(
      `(verification: ${v.properties.length} properties, ${v.alphabet.length} events, at most ${v.events} a path, ${size})`,
    );
    cliIo().stdout.write(` ${c.green('✓')} ${c.dim(`${printable(v.file)} ›`)} ${printable(v.name)} ${counts}\n`);
  }
  for (const file of loaded.policies) cliIo().stdout.write(` ${c.green('✓')} ${c.dim(`${printable(file)} ›`)} ${c.dim('(policy file)')}\n`);
  if (ignored.length) cliIo().stdout.write(c.dim(` skipped (.licsimignore): ${printable(ignored.join(', '))}\n`));
  const error = batchError(loaded);
  const verified = loaded.verifications.length;
  const policies = loaded.policies.length;
  const invalid = loaded.files.length - files.size - verified - policies;
  const verifications =
    (verified ? `, ${verified} verification file${verified === 1 ? ' is' : 's are'} valid` : '') +
    (policies ? `, ${plural(policies, 'policy file')} ${policies === 1 ? 'is' : 'are'} valid` : '');
  cliIo().stdout.write(
    `\n ${plural(scenarios.length, 'scenario')} in ${plural(files.size, 'file')} ${scenarios.length === 1 ? 'is' : 'are'} valid` +
      `${verifications}${invalid ? `, ${plural(invalid, 'file')} ${invalid === 1 ? 'is' : 'are'} not` : ''}\n`,
  );
  if (error) throw error;
  return EXIT.passed;
}
