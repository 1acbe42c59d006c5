import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { creatableAt } from '../../reports/io/fileSystems.ts';
import { errorCode, OutDirError } from '../../reports/io/outDirError.ts';
import { policyFileSchema } from '../../scenarios/loader/policyFile.ts';
import { scenarioJsonSchema } from '../../scenarios/loader/schema.ts';
import { verificationSchema } from '../../verify/schema.ts';
import { EXIT, UsageError } from '../errors.ts';
import { cliIo } from '../io.ts';

/**
 * Where `schema --out` may write: a file path (an existing regular file is
 * replaced; /dev/null and other character devices are fine) in an existing,
 * writable folder on an ordinary file system. Anything else is bad input.
 */
async function checkSchemaOut(given: string): Promise<string> {
  if (given === '') throw new UsageError('--out: expected a file path for the JSON Schema, got an empty string');
  const file = resolve(given);
  const st = await stat(file).catch((error: unknown) => {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new UsageError(`--out ${given}: cannot read it (${code ?? String(error)})`);
  });
  if (st?.isDirectory()) throw new UsageError(`--out ${given} is a folder; expected a file path (the JSON Schema is one file)`);
  if (st && !st.isFile() && !st.isCharacterDevice())
    throw new UsageError(`--out ${given} is not a regular file (a pipe or socket could block); leave out --out to print the schema`);
  if (!st) {
    try {
      const { missing } = await creatableAt(file, '--out', given);
      if (missing.length) throw new UsageError(`--out ${given}: the folder ${resolve(file, '..')} does not exist`);
    } catch (error) {
      if (error instanceof OutDirError) throw new UsageError(error.message);
      throw error;
    }
  }
  return file;
}

/** `licsim schema`: the JSON Schema of scenario, verification and policy files, for editors (stdout, or a file). */
export async function schemaCommand(options: { out?: string }): Promise<number> {
  const text = `${JSON.stringify(scenarioJsonSchema([verificationSchema, policyFileSchema]), null, 2)}\n`;
  if (options.out === undefined) {
    cliIo().stdout.write(text);
    return EXIT.passed;
  }
  const file = await checkSchemaOut(options.out);
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`--out ${options.out}: cannot write it (${errorCode(error) ?? String(error)})`);
  }
  return EXIT.passed;
}
