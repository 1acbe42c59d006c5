// Fails when a tracked .ts/.js/.mjs line is longer than 140 characters. Biome's formatter wraps code at 140
// (biome.json lineWidth) but never breaks strings, template literals or comments, and Biome has no
// max-line-length rule, so `npm run lint` runs this check after `biome check`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 140;
const files = execFileSync('git', ['ls-files', '-z', '*.ts', '*.js', '*.mjs'], { encoding: 'utf8' }).split('\0').filter(Boolean);
let long = 0;
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      // Characters (code points), not UTF-16 units or bytes: '✅' and '—' count as one.
      const length = [...line.replace(/\r$/, '')].length;
      if (length <= MAX) return;
      long++;
      console.error(`${file}:${i + 1}:${MAX + 1}: line is ${length} characters long (at most ${MAX})`);
    });
}
process.exit(long ? 1 : 0);
