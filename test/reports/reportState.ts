import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { pngText } from '../../reports/charts/pngText.ts';
import { PNG_RUN_ID } from '../../reports/renderReport.ts';

export const exists = (f: string) =>
  access(f).then(
    () => true,
    () => false,
  );

const readOrNull = (f: string) => readFile(f, 'utf8').catch(() => null);

/** Everything in a report folder that could say "passed". */
export async function readsAsGreen(dir: string): Promise<string[]> {
  const green: string[] = [];
  const resultsText = await readOrNull(join(dir, 'results.json'));
  if (resultsText !== null) {
    const results = JSON.parse(resultsText) as { passed: boolean; incomplete?: boolean };
    if (results.passed || !results.incomplete) green.push('results.json');
  }
  const junitText = await readOrNull(join(dir, 'junit.xml'));
  if (junitText !== null) {
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junitText) as {
      testsuites: { failures: string };
    };
    if (Number(junit.testsuites.failures) === 0) green.push('junit.xml');
  }
  if ((await readOrNull(join(dir, 'summary.md')))?.includes('✅')) green.push('summary.md');
  if (/data-status="passed"|PASSED/.test((await readOrNull(join(dir, 'index.html'))) ?? '')) green.push('index.html');
  return green;
}

/** The run id each file of a report folder carries (null: the file has none), by file. */
export async function runIds(dir: string): Promise<Record<string, string | null>> {
  const ids: Record<string, string | null> = {};
  const text = async (name: string, pattern: RegExp) => {
    const t = await readOrNull(join(dir, name));
    if (t !== null) ids[name] = pattern.exec(t)?.[1] ?? null;
  };
  await text('results.json', /^ {2}"runId": "([^"]+)"/m);
  await text('junit.xml', /<property name="licsim\.runId" value="([^"]+)"\/>/);
  await text('summary.md', /^<!-- licsim run (\S+) -->/);
  await text('index.html', /<meta name="licsim-run-id" content="([^"]+)">/);
  await text('INCOMPLETE', /^run (\S+)$/m);
  await text('.licsim-report.json', /"runId": "([^"]+)"/);
  for (const png of await readdir(join(dir, 'charts')).catch(() => [] as string[]))
    ids[`charts/${png}`] = pngText(await readFile(join(dir, 'charts', png)), PNG_RUN_ID);
  for (const page of await readdir(join(dir, 'scenarios')).catch(() => [] as string[]))
    await text(`scenarios/${page}`, page.endsWith('.js') ? /^\/\* licsim run (\S+) \*\// : /<meta name="licsim-run-id" content="([^"]+)">/);
  return ids;
}

/** What a report folder is: absent, an incomplete run's, a completed run's (with its run id), or a mix (described). */
export async function folderState(
  dir: string,
): Promise<{ state: 'absent' | 'incomplete' | 'complete' | 'mixed'; runId?: string; why?: string }> {
  if (!(await exists(dir))) return { state: 'absent' };
  const ids = await runIds(dir);
  const distinct = [...new Set(Object.values(ids))];
  const green = await readsAsGreen(dir);
  const incomplete = await exists(join(dir, 'INCOMPLETE'));
  const charts = Object.keys(ids).filter((f) => f.startsWith('charts/')).length;
  const names = ['results.json', 'junit.xml', 'summary.md', 'index.html', '.licsim-report.json'];
  const all = names.every((n) => n in ids);
  const pages = Object.keys(ids).filter((f) => f.startsWith('scenarios/')).length;
  const why = JSON.stringify({ ids, green, incomplete, charts, pages });
  if (distinct.length !== 1 || distinct[0] === null || !all) return { state: 'mixed', why };
  const runId = distinct[0];
  if (!incomplete && green.length === 4 && charts > 0 && pages > 0) return { state: 'complete', runId };
  if (incomplete && green.length === 0 && charts === 0 && pages === 0) return { state: 'incomplete', runId };
  return { state: 'mixed', why };
}
