/**
 * User profiles a Smart Licensing fleet group mixes: what devices and licensed
 * features a typical user of each kind has. The licence each needs comes from
 * the SL-16 rules and tier table of the ledger, never from this file.
 */
export interface UserProfile {
  devices: readonly string[];
  features: readonly string[];
  description: string;
}

export const USER_PROFILES: Readonly<Record<string, UserProfile>> = {
  'no-device': { devices: [], features: [], description: 'a user with no device and no licensed feature' },
  'mobility-only': { devices: [], features: ['mobility'], description: 'Mobility only' },
  'lobby-phone': { devices: ['6901'], features: [], description: 'one 6901 (Essential)' },
  'basic-phone': { devices: ['6921'], features: [], description: 'one 6921 (Basic)' },
  'desk-phone': { devices: ['8841'], features: [], description: 'one 8841 (Enhanced)' },
  'video-phone': { devices: ['EX60'], features: [], description: 'one EX60 (Enhanced)' },
  'phone-and-softphone': { devices: ['8841', 'Jabber'], features: [], description: 'a desk phone and Jabber (two devices)' },
  'knowledge-worker': { devices: ['8841', 'Jabber', 'DX80', '7821'], features: ['mobility'], description: 'four devices' },
  'power-user': {
    devices: ['8841', 'Jabber', 'DX80', '7821', '8845', '8851', '8861', '8865', '7841', '7861', '6921', '6901'],
    features: ['mobility'],
    description: 'twelve devices (CUWL plus two)',
  },
};
