/** Days per unit of a duration: d, w, mo (30 days), y (365 days); h and min for fractions of a day. */
const UNIT_DAYS: Record<string, number> = { min: 1 / 1440, h: 1 / 24, d: 1, w: 7, mo: 30, y: 365 };

/** A duration written with its unit: 30d, 6w, 18mo, 1y, 12h, 90min. */
export const DURATION = /^(\d+(?:\.\d+)?)\s*(min|h|d|w|mo|y)$/;

/** "30d", "6w", "18mo", "1y", "12h" to days (undefined when it is not a duration). */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * (UNIT_DAYS[m[2] as string] as number) : undefined;
}
