import { worldMachines } from '../../engine/world/machines.ts';
import { type CheckOptions, exploreVariant } from '../../verify/checker.ts';
import type { Exploration } from '../../verify/result.ts';
import type { Verification } from '../../verify/spec.ts';
import { serveOrdered } from './orderedPool.ts';

/** What the main thread asks of a verify worker: explore this variant of this verification (structured-cloned). */
export interface VerifyRequest {
  verification: Verification;
  /** Index into `verification.world.variants`. */
  variant: number;
  maxStates?: number;
}

export type VerifyProgress = Parameters<NonNullable<CheckOptions['onProgress']>>[0];

/** Marks a worker started by licsim verify (only such a worker listens to its parent port). */
export const VERIFY_WORKER = 'licsim-verify';

/**
 * Explores one (file, variant) unit: in a worker thread, or in the main thread when
 * licsim verify checks one unit at a time. The same function either way, so the
 * explorations are the same.
 */
export function exploreUnit(request: VerifyRequest, onProgress?: CheckOptions['onProgress']): Exploration {
  const v = request.verification;
  // Test hook (test/cli/verify.test.ts): a verification of this name crashes, as a bug in licsim would. Unset outside tests.
  if (process.env.LICSIM_TEST_CRASH_VERIFICATION === v.name) throw new Error('a crash the verify test asked for');
  const variant = v.world.variants[request.variant];
  if (!variant) throw new Error(`${v.file} has no variant ${request.variant}`);
  return exploreVariant(v, variant, {
    ...(request.maxStates === undefined ? {} : { maxStates: request.maxStates }),
    ...(onProgress ? { onProgress } : {}),
  });
}

/** How often a worker tells its progress at most: the checker reports every few states. */
const PROGRESS_POST_MS = 100;

// A worker explores the units it is sent, one at a time, until licsim verify lets it go.
serveOrdered<VerifyRequest, Exploration, VerifyProgress>(VERIFY_WORKER, (request, progress) => {
  let last = Number.NEGATIVE_INFINITY;
  try {
    return exploreUnit(request, (p) => {
      const now = performance.now();
      if (now - last < PROGRESS_POST_MS) return;
      last = now;
      progress(p);
    });
  } finally {
    // The worker explores the next unit it is sent: the machines must not keep this one's simulation alive meanwhile.
    worldMachines().unbind();
  }
});
