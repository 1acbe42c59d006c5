import { Ledger } from '../../ledger/ledger.ts';
import type { Result } from '../../ledger/result.ts';
import type { AccountKind, InstanceSlots } from '../../ledger/state.ts';
import { daysToTicks } from '../../machines/time.ts';
import type { Purchase, Scenario } from '../scenario.ts';

const KINDS: Record<string, AccountKind> = {
  'virtual-account': 'virtualAccount',
  'license-file': 'licenseFile',
  'session-license': 'sessionLicense',
};

/** A scenario's purchase into an account: its term, given in days, as the ledger's ticks (SLR-10). */
export function buy(ledger: Ledger, accountId: string, p: Purchase): Result<{ lotId: string }> {
  const term = p.term ? { start: daysToTicks(p.term.startDay), end: daysToTicks(p.term.endDay) } : undefined;
  return ledger.purchase(accountId, p.type, p.count, term);
}

/**
 * The ledger of a scenario: its accounts opened with the overdraft regime of
 * the model that uses them (VAs: Smart Licensing's; licence files: node-locked's),
 * tier borrowing from the Smart Licensing policy, and the initial purchases.
 */
export function openAccounts(scenario: Scenario, instanceSlots?: InstanceSlots): Ledger {
  const smart = scenario.policy['smart-licensing'];
  const nodeLocked = scenario.policy['node-locked'];
  const ledger = new Ledger({
    policy: {
      overdraft: nodeLocked.overdraft,
      tierBorrowing: smart.tierBorrowing,
      softphoneUnits: nodeLocked.softphoneUnits,
      maxAdjunctSecondaries: nodeLocked.maxAdjunctSecondaries,
      adjunctMinimumCucmVersion: nodeLocked.adjunctMinimumCucmVersion,
      adjunctSecondaryTypes: nodeLocked.adjunctSecondaryTypes,
      capabilityUnits: nodeLocked.capabilityUnits,
    },
    now: 0,
    ...(instanceSlots ? { instanceSlots } : {}),
  });
  for (const account of scenario.accounts) {
    const kind = KINDS[account.kind] as AccountKind;
    ledger.openAccount({
      id: account.id,
      kind,
      ...(account.smartAccount ? { smartAccount: account.smartAccount } : {}),
      overdraft: account.overdraft ?? (kind === 'virtualAccount' ? smart.overdraft : nodeLocked.overdraft),
      ...(account.unit ? { unit: account.unit } : {}),
      ...(account.expiresDay !== undefined ? { expiresAt: daysToTicks(account.expiresDay) } : {}),
      ...(account.features ? { features: account.features } : {}),
    });
    for (const p of account.purchases) {
      const result = buy(ledger, account.id, p);
      if (!result.ok) throw new Error(`account ${account.id}: purchase of ${p.count} ${p.type}: ${result.reason}`);
    }
  }
  for (const pak of scenario.paks ?? []) {
    const result = ledger.splitPak({
      pakId: pak.id,
      counts: pak.counts,
      parts: pak.split.map((p) => ({ accountId: p.account, counts: p.counts })),
      splittable: pak.splittable,
    });
    if (!result.ok) throw new Error(`PAK ${pak.id}: ${result.reason}`);
  }
  ledger.lapse(0);
  return ledger;
}
