import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CLIENT_SCRIPT } from './clientScript.ts';

let chartJsSource: string | undefined;

/** Chart.js's UMD build, read once, without its source-map comment (nothing is fetched). */
function chartJs(): string {
  if (chartJsSource === undefined) {
    // The UMD build is not in chart.js's `exports`: find it next to the package's CommonJS entry (dist/).
    const file = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
    chartJsSource = readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=\S*\s*$/, '');
  }
  return chartJsSource;
}

/**
 * The scenario pages' one script file (layout.ts, PAGE_SCRIPT): a comment
 * with the run id, Chart.js, then the code that turns each figure's PNG into an
 * interactive chart. Written once per report instead of inlined in every page.
 */
export function pageScript(runId: string): string {
  return `/* licsim run ${runId.replace(/\*\//g, '')} */\n${chartJs()}\n${CLIENT_SCRIPT}`;
}
