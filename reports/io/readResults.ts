import { readFile } from 'node:fs/promises';
import type { SuiteResult } from '../../engine/result.ts';

/** Reads a saved results.json to re-render it; refuses an incomplete run's placeholder or another schema. */
export async function readSuiteResult(file: string): Promise<SuiteResult> {
  const data = JSON.parse(await readFile(file, 'utf8')) as Partial<SuiteResult> & { incomplete?: boolean };
  if (data.schema !== 'licsim/suite-result@1')
    throw new Error(`${file}: not a licsim suite result (schema ${JSON.stringify(data.schema)})`);
  if (data.incomplete) throw new Error(`${file}: the run that wrote it did not complete`);
  if (!Array.isArray(data.scenarios)) throw new Error(`${file}: no scenarios`);
  return data as SuiteResult;
}
