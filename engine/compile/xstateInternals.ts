import { createRequire } from 'node:module';
import { CompileError } from './errors.ts';

/**
 * The XState versions whose internals the compiler (and the actor backend) were
 * verified against by test/engine/xstateContract.test.ts and the differential test.
 */
export const VERIFIED_XSTATE = '5.33.x';
const VERIFIED = /^5\.33\.\d+$/;

let installed: string | undefined;

/** The version of the XState this module resolves (read once). */
export function installedXStateVersion(): string {
  installed ??= (createRequire(import.meta.url)('xstate/package.json') as { version: string }).version;
  return installed;
}

/**
 * Refuses an XState outside {@link VERIFIED_XSTATE}: the compiler reads internals that
 * are not public API and may move in any release. `allowed` (LICSIM_ALLOW_XSTATE) set
 * to exactly the found version lets someone upgrading run the contract and differential tests.
 */
export function checkXStateVersion(found: string, allowed: string | undefined, machineId: string): void {
  if (VERIFIED.test(found) || allowed === found) return;
  throw new CompileError(
    machineId,
    `xstate ${found}`,
    `the compiler was verified against xstate ${VERIFIED_XSTATE}; run test/engine/xstateContract.test.ts ` +
      `and the differential test with LICSIM_ALLOW_XSTATE=${found}, then update VERIFIED_XSTATE`,
  );
}
