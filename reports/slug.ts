import { SCENARIO_DIR } from './io/layout.ts';

/** A lowercase ASCII slug of `text` (letters, digits, dashes), at most 40 characters, never empty. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // the accents NFKD split off: "Ünïcödé" is "unicode", not "u-ni-co-de"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'scenario';
}

/** The anchor and file prefix of the scenario at `index`: unique because the index leads (`03-overage-90-days`). */
export function scenarioKey(name: string, index: number): string {
  return `${String(index + 1).padStart(2, '0')}-${slugify(name)}`;
}

/** The HTML anchor of a scenario's section (ids starting with a letter are also valid CSS selectors). */
export function scenarioAnchor(name: string, index: number): string {
  return `scenario-${scenarioKey(name, index)}`;
}

/** The page of the scenario at `index`, relative to the report folder (`scenarios/03-overage-90-days.html`), unique and safe. */
export function scenarioPagePath(name: string, index: number): string {
  return `${SCENARIO_DIR}/${scenarioKey(name, index)}.html`;
}
