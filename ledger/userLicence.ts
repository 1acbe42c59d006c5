import { higherTier, TIERS, type Tier, tierRank } from './licenceTypes.ts';
import { type Result, refusal } from './result.ts';
import { DEFAULT_TIER_TABLE, type TierTable } from './tierTable.ts';

/** A CUCM end user and the licensed features assigned to them (SL-16). */
export interface LicensedUser {
  id: string;
  features?: readonly string[];
}

/** A configured device and its OwnerUserID, if any (SL-16: only the owner counts). */
export interface OwnedDevice {
  type: string;
  owner?: string | null;
}

/** Licences by tier. */
export type TierCounts = Record<Tier, number>;

function emptyTierCounts(): TierCounts {
  return Object.fromEntries(TIERS.map((t) => [t, 0])) as TierCounts;
}

/**
 * The licences one user needs (SL-16): no device and no feature → none; features
 * only → the highest feature tier (Mobility → Basic); one device → the higher of the
 * user's and the device's tier; two → Enhanced Plus; 3–10 → CUWL; more than 10 →
 * CUWL for the ten highest-tier devices plus, for each further device, the licence
 * that device would need alone (its type's tier). Devices needing no licence
 * (MGCP FXS ports) are not counted; features absent from the table need no licence.
 * A device type absent from the table is refused.
 */
export function licencesForUser(
  features: readonly string[],
  deviceTypes: readonly string[],
  table: TierTable = DEFAULT_TIER_TABLE,
): Result<{ licences: TierCounts }> {
  let featureTier: Tier | null = null;
  for (const f of features) {
    const tier = table.features[f];
    if (tier !== undefined) featureTier = higherTier(featureTier, tier);
  }
  const deviceTiers: Tier[] = [];
  for (const type of deviceTypes) {
    const tier = table.devices[type];
    if (tier === undefined) return refusal('unknownDeviceType', 'SL-16', `device type ${type} is not in the tier table`);
    if (tier !== null) deviceTiers.push(tier);
  }
  const licences = emptyTierCounts();
  const n = deviceTiers.length;
  if (n === 0) {
    if (featureTier !== null) licences[featureTier] += 1;
  } else if (n === 1) {
    licences[higherTier(featureTier, deviceTiers[0] ?? null) ?? 'UCL-Essential'] += 1;
  } else if (n === 2) {
    licences[higherTier(featureTier, table.twoDevices) ?? table.twoDevices] += 1;
  } else {
    licences[higherTier(featureTier, table.manyDevices) ?? table.manyDevices] += 1;
    // The lowest-tier devices are the extras: that is the cheapest reading of "one per extra device".
    const extras = [...deviceTiers].sort((a, b) => tierRank(b) - tierRank(a)).slice(table.manyDevicesLimit);
    for (const tier of extras) licences[tier] += 1;
  }
  return { ok: true, licences };
}

/**
 * The licences a whole population needs (SL-16): each user by the devices they own;
 * each unowned device by its type. A device counts for its owner only, however
 * many users use it; an owner missing from `users` is a user with no features.
 */
export function licencesNeeded(
  population: { users?: readonly LicensedUser[]; devices: readonly OwnedDevice[] },
  table: TierTable = DEFAULT_TIER_TABLE,
): Result<{ licences: TierCounts }> {
  const owned = new Map<string, string[]>();
  for (const u of population.users ?? []) owned.set(u.id, []);
  const licences = emptyTierCounts();
  for (const d of population.devices) {
    if (d.owner === undefined || d.owner === null) {
      const tier = table.devices[d.type];
      if (tier === undefined) return refusal('unknownDeviceType', 'SL-16', `device type ${d.type} is not in the tier table`);
      if (tier !== null) licences[tier] += 1;
      continue;
    }
    const list = owned.get(d.owner);
    if (list === undefined) owned.set(d.owner, [d.type]);
    else list.push(d.type);
  }
  const features = new Map((population.users ?? []).map((u) => [u.id, u.features ?? []]));
  for (const [user, types] of owned) {
    const r = licencesForUser(features.get(user) ?? [], types, table);
    if (!r.ok) return r;
    for (const t of TIERS) licences[t] += r.licences[t];
  }
  return { ok: true, licences };
}
