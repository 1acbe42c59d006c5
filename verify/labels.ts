/** A value as written, in a label: scalars as they are, lists joined, mappings as `key value` pairs. */
function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k} ${valueText(v)}`)
      .join(', ')}}`;
  return String(value);
}

/** What an entry's target names, as written: its groups, then the rest as `key value`. */
function targetText(target: unknown): string {
  if (target === undefined || target === 'all') return '';
  if (target === null || typeof target !== 'object') return valueText(target);
  const { groups, ...rest } = target as Record<string, unknown>;
  return [groups === undefined ? '' : valueText(groups), ...Object.entries(rest).map(([k, v]) => `${k} ${valueText(v)}`)]
    .filter(Boolean)
    .join(', ');
}

/**
 * An alphabet event as a person would say it, from the entry as written: its action,
 * then each parameter as `key value` in the order written, then what its target names
 * in parentheses (`grow users 5 (shop)`, `link-down`, `purchase account va type CUWL count 10`).
 */
export function eventLabel(written: Readonly<Record<string, unknown>>): string {
  const { do: kind, target, ...params } = written;
  const parts = [String(kind), ...Object.entries(params).map(([k, v]) => `${k} ${valueText(v)}`)];
  const scope = targetText(target);
  return scope ? `${parts.join(' ')} (${scope})` : parts.join(' ');
}
