/** One thing wrong with a scenario file, located for a person to fix. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Where in the document, e.g. `fleet[0].count`. */
  path: string;
  message: string;
}

/** `file:line:col: path: message` — one line, the form editors and CI logs link. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** `fleet[0].count` from ['fleet', 0, 'count']. */
export function pathText(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : String(key)), '');
}

/** The value at a path of plain data (undefined where the path leaves it). */
export function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = data;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[step as string];
  }
  return v;
}

/** A short rendering of what was found at a path. */
export function found(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return `a mapping with ${Object.keys(value as object).length ? Object.keys(value as object).join(', ') : 'no keys'}`;
}
