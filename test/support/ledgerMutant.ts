import type * as Allocation from '../../ledger/allocation.ts';

/**
 * The ledger mutant of the mutation tests (SL-11's tier-borrowing order served reversed), switched on and off by
 * {@link ledgerMutation}. Only types are imported here: a test's `vi.mock` of ledger/allocation.ts imports this
 * module from its factory, and must not wait on the module it is mocking.
 */

/** Whether the mocked allocation serves the borrowing order reversed (off: licsim's own ledger). */
export const ledgerMutation = { reversedBorrowing: false };

/**
 * The allocation module with its `allocate` serving the tier order reversed while
 * {@link ledgerMutation}`.reversedBorrowing` is on; as it is otherwise.
 *
 * @example
 * vi.mock('../../ledger/allocation.ts', async (importOriginal) =>
 *   (await import('../support/ledgerMutant.ts')).reversedBorrowingAllocation(await importOriginal()),
 * );
 * ledgerMutation.reversedBorrowing = true; // every run from here borrows from the lower tiers first
 */
export function reversedBorrowingAllocation(real: typeof Allocation): typeof Allocation {
  return {
    ...real,
    allocate: (pool: readonly number[], demand: readonly number[], n: number, tierOrder: readonly number[] | null) =>
      real.allocate(pool, demand, n, ledgerMutation.reversedBorrowing && tierOrder ? [...tierOrder].reverse() : tierOrder),
  };
}
