import { describe, expect, it } from 'vitest';
import { licsim } from '../support/cli.ts';

describe('numeric flags that count something', () => {
  // Before: run and verify took --jobs 0 (and --max-states 0, --max-events 0) as given;
  // fuzz refused only --jobs 0 and --runs 0, in its own words.
  it('--jobs, --runs, --max-states and --max-events take a whole number of 1 or more (exit 2, the flag named)', async () => {
    const cases = await Promise.all([
      licsim(['run', 'nowhere.yaml', '--jobs', '0']),
      licsim(['verify', 'nowhere.yaml', '--jobs', '0']),
      licsim(['fuzz', 'nowhere.yaml', '--jobs', '1.5']),
      licsim(['verify', 'nowhere.yaml', '--max-states', '0']),
      licsim(['run', 'nowhere.yaml', '--seed', '0', '--max-events', '0']),
    ]);
    const expected = [
      "error: option '-j, --jobs <n>' argument '0' is invalid. expected a whole number of 1 or more",
      "error: option '-j, --jobs <n>' argument '0' is invalid. expected a whole number of 1 or more",
      "error: option '-j, --jobs <n>' argument '1.5' is invalid. expected a whole number of 1 or more",
      "error: option '--max-states <n>' argument '0' is invalid. expected a whole number of 1 or more",
      "error: option '--max-events <n>' argument '0' is invalid. expected a whole number of 1 or more",
    ];
    cases.forEach((r, i) => {
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(expected[i]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
