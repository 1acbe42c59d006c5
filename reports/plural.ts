/**
 * The noun for a count: `word` for one, its plural (`word` + s unless given) otherwise.
 *
 * @example
 * noun(1, 'instance'); // 'instance'
 * noun(0, 'property', 'properties'); // 'properties'
 */
export function noun(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}

/**
 * A count and its noun: the noun as is for one, its plural (`word` + s unless given) otherwise.
 *
 * @example
 * plural(1, 'run'); // '1 run'
 * plural(3, 'property', 'properties'); // '3 properties'
 */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${noun(n, word, many)}`;
}
