import { LineCounter, parseDocument } from 'yaml';
import { Positions } from '../../scenarios/loader/positions.ts';
import { type Problem, pathText } from '../../scenarios/loader/problems.ts';

/**
 * JSON a person may have edited (a baseline) or a file given on the command line (results.json):
 * parsed, or a problem at its file:line:col. `problemAt` locates a path of parsed data in the
 * text (read again as YAML, a superset of JSON, only once something is wrong).
 */
export function parseJson(text: string, file: string): { ok: true; data: unknown } | { ok: false; problem: Problem } {
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message)?.[1];
    // V8 names a position for some mistakes only; the YAML parser finds the others.
    const offset = at === undefined ? (parseDocument(text).errors[0]?.pos[0] ?? text.length) : Number(at);
    const { line, column } = positionOf(text, offset);
    const what = message
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ after JSON at position \d+.*$/s, ' after the JSON');
    return { ok: false, problem: { file, line, column, path: '', message: `expected JSON: ${what}` } };
  }
}

/** The problem `message` at `path` of the JSON `text` of `file`. */
export function problemAt(text: string, file: string, path: ReadonlyArray<string | number>, message: string): Problem {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const { line, column } = new Positions(doc, lines).locate(path);
  return { file, line, column, path: pathText(path), message };
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
