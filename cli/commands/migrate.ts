import { readFile } from 'node:fs/promises';
import pc from 'picocolors';
import { writeFileAtomic } from '../../reports/io/atomicWrite.ts';
import { migrateText } from '../../scenarios/loader/formatVersion.ts';
import { printable } from '../console/printable.ts';
import { discover } from '../discover.ts';
import { EXIT, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';

/**
 * `licsim migrate`: rewrites scenario files of an older format in the current one,
 * keeping comments and layout where it can, and says what it changed. With
 * `--check` it only reports (exit 1 when a file would change).
 */
export async function migrateCommand(paths: string[], options: { check?: boolean; color: boolean }): Promise<number> {
  const c = pc.createColors(options.color);
  if (!paths.length) throw new UsageError('no scenario files or folders given');
  const found = await discover(paths);
  if (found.missing.length) throw new UsageError(`no such file or folder: ${found.missing.join(', ')}`);
  let changed = 0;
  let stuck = 0;
  for (const file of found.files) {
    const before = await readFile(file, 'utf8');
    const { text, changes, problem } = migrateText(before);
    if (problem !== null) {
      stuck++;
      cliIo().stderr.write(`${printable(`${file}:${problem.line}:${problem.col}: ${problem.message}`)}\n`);
      continue;
    }
    if (!changes.length) continue;
    changed++;
    cliIo().stdout.write(`${c.bold(printable(file))}: ${changes.length} change${changes.length > 1 ? 's' : ''}\n`);
    for (const change of changes) cliIo().stdout.write(`  ${c.dim('-')} ${printable(change.message)}\n`);
    if (!options.check) await writeFileAtomic(file, text);
  }
  cliIo().stdout.write(`\n ${changed} of ${found.files.length} files ${options.check ? 'need' : 'were'} migrated\n`);
  if (stuck) {
    cliIo().stdout.write(` ${stuck} could not be migrated (left as they were)\n`);
    return EXIT.usage;
  }
  return options.check && changed ? EXIT.failed : EXIT.passed;
}
