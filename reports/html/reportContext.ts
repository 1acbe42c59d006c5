import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { ScenarioOutcome, Verdict } from '../../engine/result.ts';
import type { Timings } from '../types.ts';

/**
 * Wall-clock seconds per scenario, keyed by {@link durationKey} (its file and name): a Map or a plain record.
 * The runner measures them (timings.json); results.json never holds them.
 */
export type Durations = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** What the HTML pages take besides the suite; every field is optional and a page without it shows less. */
export interface HtmlContext {
  /** The run id, in a meta tag and on the body. */
  runId?: string;
  /** Seconds per scenario ({@link durationsOf} makes them from timings.json): shown beside each scenario; absent, no duration is shown. */
  durations?: Durations | undefined;
  /**
   * The report folder where the page will be read (the `--out` folder, absolute or relative to the
   * working directory the scenario files are named from): each verdict's `file:line` then links to
   * its file, relatively. Absent, the source is shown as text.
   */
  reportDir?: string | undefined;
}

/** The key of a scenario's duration: its file and its name (a file holds several scenarios; names are unique within one). */
export function durationKey(file: string, name: string): string {
  return `${file}\n${name}`;
}

/** The durations of timings.json (`ReportOptions.timings`), for {@link HtmlContext.durations}; none without timings. */
export function durationsOf(timings: Timings | undefined): Map<string, number> | undefined {
  if (!timings) return undefined;
  return new Map(timings.scenarios.map((t) => [durationKey(t.file, t.name), t.seconds]));
}

/** The scenario's seconds, when the durations have them. */
export function durationOf(durations: Durations | undefined, o: Pick<ScenarioOutcome, 'file' | 'name'>): number | undefined {
  if (!durations) return undefined;
  const key = durationKey(o.file, o.name);
  const seconds = durations instanceof Map ? durations.get(key) : (durations as Readonly<Record<string, number>>)[key];
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : undefined;
}

/** Tags written on a scenario or an expectation (`tags: [...]`), when the result carries them; trimmed, spaces as dashes. */
function ownTags(item: ScenarioOutcome | Verdict): string[] {
  const tags: unknown = (item as { tags?: unknown }).tags;
  if (!Array.isArray(tags)) return [];
  return tags
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.trim().replace(/\s+/g, '-'))
    .filter(Boolean);
}

/** A scenario's tags and its expectations', sorted, each once: what the index's tag filter matches. */
export function tagsOf(o: ScenarioOutcome): string[] {
  return [...new Set([...ownTags(o), ...o.verdicts.flatMap(ownTags)])].sort();
}

/**
 * The link from a page to a scenario file (`file` as results.json names it, relative to the working
 * directory or absolute), `#L<line>` appended: relative from the report folder, so it works while the
 * report sits where it was written beside the files (or is moved with them); `fromPage` is the page's
 * folder inside the report ('' for index.html, 'scenarios' for a scenario page). Null without a report folder.
 */
export function sourceHref(file: string, line: number, reportDir: string | undefined, fromPage = ''): string | null {
  if (reportDir === undefined || file === '') return null;
  const target = isAbsolute(file) ? file : resolve(file);
  const path = relative(resolve(reportDir), target).split(sep).join('/');
  const rel = fromPage ? posix.join(posix.relative(fromPage, '.') || '.', path) : path;
  return `${rel.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}
