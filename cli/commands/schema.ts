import { writeFile } from 'node:fs/promises';
import { scenarioJsonSchema } from '../../scenarios/loader/schema.ts';
import { EXIT } from '../errors.ts';

/** `licsim schema`: the JSON Schema of scenario files, for editors (stdout, or a file). */
export async function schemaCommand(options: { out?: string }): Promise<number> {
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  if (options.out) await writeFile(options.out, text);
  else process.stdout.write(text);
  return EXIT.passed;
}
