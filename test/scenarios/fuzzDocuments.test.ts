import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateRun } from '../../engine/budget.ts';
import { runScenario } from '../../engine/runScenario.ts';
import { aliasExpansionLimit } from '../../scenarios/loader/expansion.ts';
import { parseScenarios } from '../../scenarios/loader/loadScenarios.ts';
import { MAX_NESTING } from '../../scenarios/loader/nesting.ts';
import { readYaml } from '../../scenarios/loader/readYaml.ts';
import { hostileDocument } from '../support/hostileDocuments.ts';

/**
 * Issue 11, "Keep it true": documents no one should write, and the grammar's own
 * pieces with hostile values, must each end in a result or in located problems —
 * never an exception, a hang or a runaway allocation. `LICSIM_FUZZ_DOCS` raises the
 * number of documents (CI runs the default).
 */
const DOCS = Number(process.env.LICSIM_FUZZ_DOCS ?? 2000);
/** Valid documents small enough to run as well, at most this many (each well under a second). */
const RUNS = Math.max(20, Math.round(DOCS / 40));

describe('fuzzed documents cannot break licsim (issue 11)', () => {
  it(`${DOCS} documents: each gives scenarios or located problems; the counted bounds hold; small valid ones run`, {
    timeout: Math.max(120_000, DOCS * 40),
  }, () => {
    let runs = 0;
    let valid = 0;
    fc.assert(
      fc.property(hostileDocument, (text) => {
        const yaml = readYaml(text);
        // Counted bounds: the parser never sees nesting deeper than the limit, nor more alias expansion than the document's size allows.
        if (yaml.ok) {
          expect(yaml.bounds.depth).toBeLessThanOrEqual(MAX_NESTING);
          expect(yaml.bounds.added).toBeLessThanOrEqual(aliasExpansionLimit(yaml.bounds.nodes));
        }
        const loaded = parseScenarios(text, 'f.yaml');
        if (!loaded.ok) {
          expect(loaded.problems.length).toBeGreaterThan(0);
          for (const p of loaded.problems) {
            expect(p.file).toBe('f.yaml');
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.column).toBeGreaterThanOrEqual(1);
            expect(p.message.length).toBeGreaterThan(0);
          }
          return;
        }
        valid++;
        for (const s of loaded.scenarios) {
          for (const v of s.variants) {
            const e = estimateRun(v.scenario);
            expect(Number.isFinite(e.memoryBytes) && Number.isFinite(e.seconds)).toBe(true);
            if (runs < RUNS && e.seconds < 0.02 && e.memoryBytes < 256 * 2 ** 20) {
              runs++;
              const r = runScenario(v.scenario);
              expect(r.dates).toHaveLength(Math.ceil(v.scenario.days));
            }
          }
        }
      }),
      { numRuns: DOCS, seed: 11 },
    );
    // An opt-in exploration says what it saw (the README's figures).
    if (process.env.LICSIM_FUZZ_DOCS)
      process.stdout.write(`${DOCS} documents: ${valid} valid, ${DOCS - valid} refused with located problems, ${runs} run\n`);
    // The mix must reach both outcomes, and runs.
    expect(valid).toBeGreaterThan(DOCS / 50);
    expect(runs).toBeGreaterThan(0);
  });
});
