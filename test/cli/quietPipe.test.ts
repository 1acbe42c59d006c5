import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/licsim.js', import.meta.url));

/** Runs licsim with its stdout a pipe whose reading end is closed at once (as `licsim … | head -1` does once it has its line). */
function withClosedStdout(args: string[]): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('a reader that goes away', () => {
  // Before: each died with "Error: write EPIPE" and its stack (an unhandled 'error' event on stdout), exit 1.
  it('schema, list and rules end quietly with their own exit code when stdout is closed', async () => {
    const runs = await Promise.all([withClosedStdout(['schema']), withClosedStdout(['list']), withClosedStdout(['rules'])]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.signal).toBeNull();
      expect(r.code).toBe(0);
    }
  });
});
