// Preloaded (node --import) into a licsim command the partition bench runs: at exit, writes the process's peak RSS
// (KiB, its main thread and workers together) to the file LICSIM_BENCH_PEAK_FILE names.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.LICSIM_BENCH_PEAK_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
