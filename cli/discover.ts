import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

/** What was found on the command line: scenario files, and folders' files skipped by `.licsimignore`. */
export interface Discovery {
  files: string[];
  ignored: string[];
  missing: string[];
}

const YAML = /\.ya?ml$/i;

async function ignoreList(dir: string): Promise<string[]> {
  try {
    const text = await readFile(join(dir, '.licsimignore'), 'utf8');
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.replace(/\/+$/, ''));
  } catch {
    return [];
  }
}

/**
 * Expands files and folders to scenario files (*.yaml, *.yml), folders
 * recursively in name order. A folder's `.licsimignore` lists paths (relative to
 * it) to leave out when the folder is walked; naming such a path on the command
 * line runs it.
 */
export async function discover(args: readonly string[]): Promise<Discovery> {
  const found: Discovery = { files: [], ignored: [], missing: [] };
  const walk = async (dir: string, ignores: Array<{ base: string; paths: string[] }>) => {
    const here = await ignoreList(dir);
    const all = here.length ? [...ignores, { base: dir, paths: here }] : ignores;
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (all.some(({ base, paths }) => paths.includes(relative(base, path)))) {
        found.ignored.push(path);
        continue;
      }
      if (entry.isDirectory()) await walk(path, all);
      else if (YAML.test(entry.name)) found.files.push(path);
    }
  };
  for (const arg of args) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(arg);
    } catch {
      found.missing.push(arg);
      continue;
    }
    if (info.isDirectory()) await walk(arg, []);
    else found.files.push(arg);
  }
  // Paths inside the working folder are shown relative to it, others as given.
  found.files = [
    ...new Set(
      found.files.map((f) => {
        const rel = relative(process.cwd(), resolve(f));
        return rel && !rel.startsWith('..') ? rel : f;
      }),
    ),
  ];
  return found;
}
