/**
 * Fixed colours so a status group, licence type or alarm looks the same in
 * every chart of every scenario. Unknown keys get a stable colour from a hash.
 */
import { LICENCE_TYPES } from '../../ledger/licenceTypes.ts';
import { ALARMS } from '../../machines/emitted.ts';

const STATUS_GROUP_COLOURS: Record<string, string> = {
  evaluation: '#4e79a7',
  authorized: '#59a14f',
  reserved: '#76b7b2',
  production: '#2f7d32',
  active: '#8cd17d',
  overage: '#f28e2b',
  grace: '#b07aa1',
  enforcement: '#e15759',
  expired: '#8b1e3f',
  retired: '#bab0ac',
};

const LICENCE_TYPE_COLOURS: Record<string, string> = {
  'UCL-Essential': '#76b7b2',
  'UCL-Basic': '#59a14f',
  'UCL-Enhanced': '#4e79a7',
  'UCL-EnhancedPlus': '#b07aa1',
  CUWL: '#9c755f',
  DLU: '#4e79a7',
  node: '#f28e2b',
  sessions: '#4e79a7',
  seats: '#59a14f',
  ExportAuthorization: '#79706e',
};

/** Display order of licence types: tiers lowest first, then the other units; unknown types after, by name. */
export function licenceTypeRank(type: string): number {
  const i = LICENCE_TYPES.indexOf(type);
  return i >= 0 ? i : 100;
}

/** Colours for alarms: one distinct hue per alarm the machines raise, in the order of `ALARMS`. */
const ALARM_HUES = [
  '#4e79a7',
  '#e15759',
  '#edc948',
  '#f28e2b',
  '#b07aa1',
  '#76b7b2',
  '#59a14f',
  '#ff9da7',
  '#9c755f',
  '#79706e',
  '#1f77b4',
  '#d62728',
  '#bcbd22',
  '#ff7f0e',
  '#9467bd',
  '#17becf',
  '#2ca02c',
  '#e377c2',
  '#8c564b',
  '#7f7f7f',
  '#393b79',
  '#843c39',
  '#637939',
  '#7b4173',
  '#3182bd',
  '#e6550d',
];

/** Colour of overdraft shading and warnings. */
export const WARNING = '#e15759';
/** Colour of totals (e.g. total overdraft). */
export const TOTAL = '#1f2937';

/** Fallback hues for unknown keys: no red, so nothing reads as overdraft by accident. */
const FALLBACK = ['#4e79a7', '#f28e2b', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#9c755f', '#ff9da7', '#79706e', '#17becf'];

function hashed(key: string): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return FALLBACK[(h >>> 0) % FALLBACK.length] as string;
}

/** Colour of a status group (evaluation, authorized, …). */
export function statusGroupColour(group: string): string {
  return STATUS_GROUP_COLOURS[group] ?? hashed(group);
}

/** Colour of a licence type (tier, DLU, sessions, …). */
export function licenceTypeColour(type: string): string {
  return LICENCE_TYPE_COLOURS[type] ?? hashed(type);
}

/** Colour of an alarm name. */
export function alarmColour(name: string): string {
  const i = (ALARMS as readonly string[]).indexOf(name);
  return i >= 0 ? (ALARM_HUES[i] as string) : hashed(name);
}

/** `#rrggbb` with an alpha channel, as `rgba(…)`. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A darker (k > 0) shade of `hex`, to tell the k-th account's series of one type apart. */
export function shade(hex: string, k: number): string {
  if (k === 0) return hex;
  const f = Math.max(0.35, 1 - 0.25 * k);
  const n = Number.parseInt(hex.slice(1), 16);
  const c = (v: number) =>
    Math.round(v * f)
      .toString(16)
      .padStart(2, '0');
  return `#${c((n >> 16) & 255)}${c((n >> 8) & 255)}${c(n & 255)}`;
}
