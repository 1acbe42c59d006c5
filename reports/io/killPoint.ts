import { appendFileSync } from 'node:fs';

/**
 * Test hook for the kill test (test/reports/kill.test.ts): every step of
 * writing a report folder calls killPoint. With `LICSIM_TEST_KILL_LOG` set, each
 * step's name is appended to that file; with `LICSIM_TEST_KILL_AT=n`, the
 * process kills itself (SIGKILL: no cleanup runs) at the n-th step. Both unset
 * (always, outside tests), it does nothing.
 */
let steps = 0;

export function killPoint(step: string): void {
  const log = process.env.LICSIM_TEST_KILL_LOG;
  const at = process.env.LICSIM_TEST_KILL_AT;
  if (!log && !at) return;
  steps++;
  if (log) appendFileSync(log, `${steps} ${step}\n`);
  if (at && Number(at) === steps) process.kill(process.pid, 'SIGKILL');
}
