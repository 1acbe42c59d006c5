import type { ChartConfiguration } from 'chart.js';

/** The four charts drawn for every scenario. */
export type ChartKind = 'usage' | 'overdraft' | 'states' | 'alarms' | 'sweep';

/** A Chart.js configuration as plain data (JSON-serialisable, no callbacks). */
export type ChartConfig = ChartConfiguration<'line'> | ChartConfiguration<'bar'> | ChartConfiguration<'bubble'>;

/** One chart of a scenario: its plain configuration and where its PNG goes. */
export interface ChartSpec {
  /** Unique within a report; also the HTML element id of its figure. */
  id: string;
  kind: ChartKind;
  /** PNG path relative to the report folder, e.g. `charts/01-smoke-usage.png`. */
  file: string;
  title: string;
  /** Short name for links, e.g. "usage UCL-Enhanced", "states B". */
  label: string;
  /** One sentence for readers: what the chart shows and how to read it. */
  caption: string;
  width: number;
  height: number;
  /** Indices of auxiliary datasets (e.g. overdraft shading) kept out of legend and tooltip. */
  helpers: number[];
  config: ChartConfig;
  /** The day of each x label when a long run is downsampled for drawing (absent when every day is drawn). */
  days?: number[];
}

/** Options of {@link writeReports}; every field is optional. */
export interface ReportOptions {
  /** Environment to read `GITHUB_STEP_SUMMARY` and `GITHUB_ACTIONS` from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Where workflow-command lines go (default: stdout). */
  output?: (line: string) => void;
  /** Chart size in pixels (default 1200×600). */
  chartSize?: { width: number; height: number };
  /** Worker threads drawing the PNGs (default: one per core, up to 4, when there are 100 charts or more; 0: in this thread). */
  chartThreads?: number;
  /**
   * Where the report folder is published (`--report-url`, e.g. the URL CI serves the artifact at): every link of
   * summary.md and of the GitHub job summary is made absolute against it. Without it summary.md links relatively
   * (it works in the folder) and the job summary, where a relative link is dead, has none (README, "What a run produces").
   */
  reportUrl?: string;
  /** Wall-clock seconds per scenario (`licsim run` measures them): written to timings.json and used by junit.xml. */
  timings?: Timings;
  /** Byte limit of summary.md (default 1 MiB, GitHub's job-summary cap). */
  maxSummaryBytes?: number;
  /** Failure annotations printed under GitHub Actions (default 10, GitHub's cap per step). */
  maxAnnotations?: number;
  /** Days either side of an evidence day shown in the event-log excerpt (default 3). */
  excerptDays?: number;
  /** The run id every file carries (default: a hash of the suite and licsim's version); `licsim run` hashes its inputs. */
  runId?: string;
  /** Write into a folder holding files licsim did not write: they are kept, files of the report's names replaced. */
  force?: boolean;
}

/**
 * timings.json: how long a run took, in wall-clock seconds, per scenario in suite order. Kept apart from
 * results.json, which holds no clock value (the same input and seed give it byte for byte); a report re-rendered
 * from results.json alone has none, and its junit.xml no `time` attributes.
 */
export interface Timings {
  schema: 'licsim/timings@1';
  /** The whole run's seconds, from the first scenario's start to the last one's end. */
  seconds: number;
  /** One per scenario of the suite, in its order. */
  scenarios: Array<{ file: string; name: string; seconds: number }>;
}

/** Paths (absolute) of everything {@link writeReports} wrote. */
export interface ReportFiles {
  outDir: string;
  html: string;
  junit: string;
  summary: string;
  results: string;
  /** timings.json, when the report was given timings. */
  timings?: string;
  charts: string[];
  /** One page per scenario (`scenarios/NN-<slug>.html`), in suite order. */
  pages: string[];
}
