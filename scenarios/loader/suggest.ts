import { distance } from 'fastest-levenshtein';

/**
 * The known name closest to `name` when it is close enough to be a slip of the keys
 * (`cout` → `count`, `cucm14` → `cucm-14`): at most max(1, ⌊length / 3⌋) edits apart,
 * ignoring case; none when nothing is that close, or two names are equally close.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const candidate of new Set(known)) {
    if (candidate === name) return undefined;
    const d = distance(wanted, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance, tie] = [candidate, d, false];
    else if (d === bestDistance) tie = true;
  }
  return best !== undefined && bestDistance <= limit && !tie ? best : undefined;
}

/** `, did you mean "count"?` after an unknown name, or nothing when no known name is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const near = closestName(name, known);
  return near === undefined ? '' : `, did you mean "${near}"?`;
}

/**
 * The one way licsim says a name is unknown: `unknown fleet group "sll", did you mean "sl"? (groups: sl, nl)`;
 * `list` says what the valid names are (`groups`, `expected one of`), and they are always listed.
 */
export function unknownName(what: string, name: string, known: readonly string[], list = 'expected one of'): string {
  return `unknown ${what} "${name}"${didYouMean(name, known)} (${list}: ${known.join(', ')})`;
}
