import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function loadedBy(backend: 'compiled' | 'actors'): Promise<{ passed: boolean[]; packages: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/run-ts.js', 'test/support/loadedModules.ts', backend, 'scenarios/smart-licensing/connected.yaml'],
      { cwd: ROOT },
      (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout))),
    );
  });
}

// The fake clock is the actor backend's alone: the compiled engine keeps its own event queue
// and must not pay for (or depend on) loading @sinonjs/fake-timers.
describe('the fake clock is loaded only by the backend that uses it', () => {
  it('a run on the compiled backend loads no @sinonjs package', async () => {
    const { passed, packages } = await loadedBy('compiled');
    expect(passed).toEqual([true]);
    expect(packages.filter((p) => p.startsWith('@sinonjs/'))).toEqual([]);
  });

  it('a run on the actor backend does load @sinonjs/fake-timers (so the check above can fail)', async () => {
    const { passed, packages } = await loadedBy('actors');
    expect(passed).toEqual([true]);
    expect(packages).toContain('@sinonjs/fake-timers');
  });
});
