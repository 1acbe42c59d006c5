/**
 * Characters that must not reach a console line as they are: C0 controls (a newline
 * would start a line of the user's making, such as a GitHub workflow command
 * `::error …`), DEL, C1 controls, the Unicode line and paragraph separators, and the
 * bidirectional embeddings, overrides and isolates (which reorder what is shown).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, but leaving the colour sequences licsim's own lines carry (picocolors' `ESC [ … m`). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const UNPRINTABLE_BUT_COLOUR = /\u001b\[[\d;]*m|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * Text as it may appear on one console line: every control character written as an
 * escape (`\n`, `\x1b`, `\u2028`). Every piece of user text licsim prints (a name, a
 * path, a problem) goes through it before it is coloured or joined into a line.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeChar);
}

/** A whole line licsim built, colours kept, anything else unprintable escaped: the last check before a line is written. */
export function printableLine(line: string): string {
  return line.replace(UNPRINTABLE_BUT_COLOUR, (match) => (match.length > 1 ? match : escapeChar(match)));
}

/** An error as lines: its name and message on one, each frame of its stack on its own. */
export function errorLines(error: unknown): string[] {
  if (!(error instanceof Error)) return [printable(String(error))];
  const head = `${error.name}: ${error.message}`;
  const stack = error.stack ?? head;
  const frames = stack.startsWith(head) ? stack.slice(head.length).split('\n') : stack.split('\n').filter((l) => /^\s+at /.test(l));
  return [printable(head), ...frames.filter(Boolean).map(printable)];
}
