import { EXPORT_AUTHORIZATION, NODE } from '../machines/effects.ts';
/** A licence type: a CSSM entitlement tag, a unit kind of a licence file, or a session licence's unit. */
export type LicenceType = string;

/** Units per licence type, as the machines' effects carry them (one definition: machines/effects.ts). */
export type { Counts } from '../machines/effects.ts';

/** CUCM user licence tiers, lowest first (SL-11, SL-16). */
export const TIERS = ['UCL-Essential', 'UCL-Basic', 'UCL-Enhanced', 'UCL-EnhancedPlus', 'CUWL'] as const;

/** One of the CUCM user licence tiers. */
export type Tier = (typeof TIERS)[number];

/** Device licence units of a licence file (DLU-1). */
export const DLU = 'DLU';

/**
 * The machines' words: the export authorization licence a VA must hold to grant an
 * export-restricted feature (EX-1), and the server (node) licences of a licence file (NL-5, NL-9).
 */
export { EXPORT_AUTHORIZATION, NODE };

/** Units of a Call Services session licence (CS-2). */
export const SESSIONS = 'sessions';

/** Units of a Call Studio seat licence (CS-1). */
export const SEATS = 'seats';

/** Every licence type a purchase may name, tiers first (also the order reports list them in). */
export const LICENCE_TYPES: readonly string[] = [...TIERS, DLU, NODE, SESSIONS, SEATS, EXPORT_AUTHORIZATION];

/** Whether a licence type is one of the CUCM user tiers (a higher one may serve a lower one's use, SL-11). */
export function isTier(type: string): type is Tier {
  return (TIERS as readonly string[]).includes(type);
}

/** Position of a tier, 0 for Essential up to 4 for CUWL. */
export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/** The higher of two tiers; `null` stands for "no licence needed". */
export function higherTier(a: Tier | null, b: Tier | null): Tier | null {
  if (a === null) return b;
  if (b === null) return a;
  return tierRank(a) >= tierRank(b) ? a : b;
}
