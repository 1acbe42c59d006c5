import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { BLOB_DIR, shardOut } from './blobHeader.ts';
import { memorySize } from './budget.ts';
import { adviseCommand } from './commands/advise.ts';
import { diffCommand } from './commands/diff.ts';
import { docsCommand } from './commands/docs.ts';
import { explainCommand } from './commands/explain.ts';
import { fuzzCommand } from './commands/fuzz.ts';
import { listCommand } from './commands/list.ts';
import { mergeCommand } from './commands/merge.ts';
import { migrateCommand } from './commands/migrate.ts';
import { rulesCommand } from './commands/rules.ts';
import { runCommand } from './commands/run.ts';
import { schemaCommand } from './commands/schema.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateCommand } from './commands/validate.ts';
import { verifyCommand } from './commands/verify.ts';
import { commanderError, EXIT, reportError } from './errors.ts';
import { type CliIo, cliIo, colorSupported, processIo, withIo } from './io.ts';
import { partitionInputs, partitionRunCommand } from './partitionRun.ts';
import { REPORTERS } from './reporters.ts';
import { parseShard } from './shard.ts';
import { passedOn, watchRuns } from './watch.ts';

/** A flag's value as a whole number of at least `min` (commander names the flag; exit 2 as every usage error). */
const wholeNumberFrom = (min: number) => (value: string) => {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of ${min} or more`);
  return n;
};
/** Seeds: 0 is a seed like any other. */
const wholeNumber = wholeNumberFrom(0);
/** Counts where 0 would mean nothing to do (--jobs, --runs, --max-states, --max-events). */
const positiveWholeNumber = wholeNumberFrom(1);

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];

/**
 * The licsim command on `argv` (the arguments after the program's name), writing to `io`
 * (the process's streams and environment by default); resolves to the exit code. Each call
 * builds its own program, so calls are independent: tests run the CLI in process with it.
 *
 * @example
 * const code = await main(['validate', 'scenarios/'], { stdout, stderr, env: { NO_COLOR: '1' } });
 */
export function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  return withIo(io, () => runProgram(argv, io));
}

async function runProgram(argv: readonly string[], io: CliIo): Promise<number> {
  const useColor = (opts: { color?: boolean }) => opts.color !== false && colorSupported(io, argv);
  let code: number = EXIT.passed;
  const program = new Command('licsim')
    .description('Simulate software-licensing lifecycles of product fleets and check them against expectations.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(commanderError(s)),
    });

  program
    .command('run')
    .description('run scenario files and folders; exit 0 when every expectation holds, 1 when any fails, 2 on bad input')
    .argument(
      '<paths...>',
      "scenario files (.yaml) or folders to search (a folder's .licsimignore lists paths to skip; verification files are skipped)",
    )
    .option('-o, --out <dir>', 'report folder: index.html, junit.xml, summary.md, results.json, charts/', 'licsim-report')
    .option('--force', 'write into an --out folder holding files licsim did not write (kept; files of the same names are replaced)')
    .option(
      '--report-url <base>',
      'where --out is published (an http(s) URL): summary.md and the GitHub job summary link into it absolutely',
    )
    .option('--seed <n>', 'seed every scenario with n instead of its own seed (saved counterexamples keep theirs)', wholeNumber)
    .option(
      '--policy <file>',
      'a policy file: the policy of every scenario, in place of its own policy: (saved counterexamples keep theirs)',
    )
    .option('--only <names>', 'run only scenarios whose name contains one of these (comma-separated, repeatable)', collect)
    .option('-t, --grep <regex>', 'run only scenarios whose name matches (case-insensitive), or only the expectations whose title does')
    .option('--grep-invert', 'leave out what --grep matches instead')
    .option(
      '--tag <tags>',
      'run only scenarios with one of these tags, or only the expectations with one (comma-separated, repeatable)',
      collect,
    )
    .option('--last-failed', 'run only the scenarios that failed in the previous report in --out (everything when none did)')
    .option('--list', 'list the scenarios and expectations that would run, run nothing')
    .option('--max-failures <n>', 'start no more scenarios after n have failed; the rest are counted as not run', positiveWholeNumber)
    .option('--bail', 'stop after the first failed scenario (--max-failures 1)')
    .option('--prune', 'delete the saved counterexamples (counterexamples/ under the paths) that now pass')
    .option(
      '--shard <i/n>',
      'run share i of n (split by cost) and write its blob to --out (default licsim-blob) for licsim merge',
      parseShard,
    )
    .option(
      '--partition <i/n>',
      'run part i of n of every scenario (its units of accounts) and write its blob to --out (default licsim-blob); ' +
        'licsim merge gives the verdicts',
      parseShard,
    )
    .option('--shard-costs <file>', 'split --shard by the events this file lists (else by instance-days)')
    .option('--write-shard-costs <file>', "write each scenario's events after the run, for --shard-costs")
    .addOption(
      new Option('--reporter <name>', `reporters: ${Object.keys(REPORTERS).join(', ')} (several at once; repeatable)`)
        .argParser(collect)
        .default([]),
    )
    .addOption(
      new Option('--output-file <name=path>', 'where a file reporter writes (json, junit, markdown, html=DIR); stdout without one')
        .argParser(collect)
        .default([]),
    )
    .option('-j, --jobs <n>', 'scenarios run at once on worker threads (default: one per core)', positiveWholeNumber)
    .option('--max-memory <size>', "memory a run may use, e.g. 8GiB (default: three quarters of the machine's)", memorySize)
    .option('--max-events <n>', 'timeline events a run may deliver (default: no limit)', positiveWholeNumber)
    .option(
      '--baseline',
      "compare each scenario's key outcomes with <file>.baseline.json beside it (a missing one is written, in CI fails)",
    )
    .option('--update-baseline', "write each scenario's key outcomes to its baseline file (implies --baseline; also in CI)")
    .addOption(
      new Option(
        '--backend <name>',
        'compiled: the fast engine; actors: one real XState actor per instance (slow, cross-checks the engine)',
      )
        .choices(['compiled', 'actors'])
        .default('compiled'),
    )
    .option('-w, --watch', "run again when the scenarios change (a changed file alone; everything when licsim's source changes)")
    .option('--no-color', 'plain output')
    .action(async (paths: string[], opts, command: Command) => {
      if (opts.partition) {
        const out = command.getOptionValueSource('out') === 'default' ? BLOB_DIR : opts.out;
        const c = pc.createColors(useColor(opts));
        code = await partitionRunCommand(
          partitionInputs(paths, opts, command),
          opts.partition,
          out,
          c,
          (l) => cliIo().stdout.write(`${l}\n`),
          opts.jobs ? { jobs: opts.jobs } : {},
        );
        return;
      }
      if (opts.watch) {
        const tokens = argv.slice(argv.indexOf('run') + 1);
        code = await watchRuns(paths, { out: opts.out, color: useColor(opts), args: passedOn(command, tokens) });
        return;
      }
      code = await runCommand(paths, { ...opts, ...shardOut(opts, command), color: useColor(opts) });
    });

  program
    .command('merge')
    .description(
      'put the blobs of licsim run --shard or --partition i/n, sweep or fuzz --shard i/n back together and write the whole report; ' +
        'exit 0 when every expectation holds, 1 when any fails, 2 on bad input',
    )
    .argument(
      '<blobs...>',
      'the blob files, one per shard or partition, or folders holding them ' +
        '(licsim-blob-<i>-of-<n>.json, licsim-partition-blob-…, licsim-sweep-blob-…, licsim-fuzz-blob-…)',
    )
    .option('-o, --out <dir>', 'report folder: index.html, junit.xml, summary.md, results.json, charts/', 'licsim-report')
    .option('--force', 'write into an --out folder holding files licsim did not write (kept; files of the same names are replaced)')
    .option(
      '--report-url <base>',
      'where --out is published (an http(s) URL): summary.md and the GitHub job summary link into it absolutely',
    )
    .option('--write-shard-costs <file>', "write each scenario's events, for licsim run --shard-costs")
    .option('--no-color', 'plain output')
    .action(async (blobs: string[], opts) => {
      code = await mergeCommand(blobs, { ...opts, color: useColor(opts) });
    });

  program
    .command('verify')
    .description(
      "model-check verification files: every path of at most the file's events within its horizon; " +
        'exit 0 when every property comes out as its file expects, 1 when any does not or is undecided, 2 on bad input',
    )
    .argument('<paths...>', 'verification files (.yaml) or folders to search (scenario files found are skipped)')
    .option('-o, --out <dir>', 'report folder: index.html, junit.xml, summary.md, results.json, counterexamples/', 'licsim-verify')
    .option('--force', 'write into an --out folder holding files licsim did not write (kept; files of the same names are replaced)')
    .option(
      '--max-states <n>',
      "stop exploring a variant after n states (the file's maxStates otherwise); its verdicts may be unknown",
      positiveWholeNumber,
    )
    .option(
      '-j, --jobs <n>',
      'explore n variants at once on worker threads (default: one per core; 1: one after another, in this process)',
      positiveWholeNumber,
    )
    .option('--seed <n>', 'seed every verification with n instead of its own seed', wholeNumber)
    .option('--no-color', 'plain output')
    .action(async (paths: string[], opts) => {
      code = await verifyCommand(paths, { ...opts, color: useColor(opts) });
    });

  program
    .command('fuzz')
    .description(
      'search around scenarios for a timeline that breaks an expectation (fuzz: block, or defaults), shrink it ' +
        'and write it as a scenario; exit 0 when none broke, 1 when a counterexample was found, 2 on bad input',
    )
    .argument('<paths...>', 'scenario files (.yaml) or folders to search (verification files are skipped)')
    .option('--runs <n>', 'variants to run per scenario (default 100)', positiveWholeNumber)
    .option('--time <time>', 'search each scenario for this long instead, e.g. 60s, 10m')
    .option('--seed <n>', 'the seed of the search (default: a random one, printed)', wholeNumber)
    .option('-o, --out <dir>', 'folder for counterexamples/, results.json, summary.md, junit.xml', 'licsim-fuzz')
    .option('--save', 'also write each counterexample to counterexamples/ beside its scenario')
    .option('--prune', 'delete the saved counterexamples (counterexamples/ under the paths, replayed first) that now pass')
    .option('--all', 'keep searching after the first counterexample: one per distinct expectation and rule broken')
    .option(
      '-j, --jobs <n>',
      'scenarios fuzzed at once on worker threads (default: one per core, at most one per scenario; 1: in this process)',
      positiveWholeNumber,
    )
    .addOption(new Option('--backend <name>', 'the engine variants run on').choices(['compiled', 'actors']).default('compiled'))
    .option(
      '--shard <i/n>',
      "search share i of n of every scenario's variants (needs --seed) and write its blob to --out (default licsim-blob) for licsim merge",
      parseShard,
    )
    .option('--no-color', 'plain output')
    .action(async (paths: string[], opts, command: Command) => {
      code = await fuzzCommand(paths, { ...opts, ...shardOut(opts, command), color: useColor(opts) });
    });

  program
    .command('sweep')
    .description(
      'run a scenario over a grid or sample of policy values (its sweep: block, or --param) on the same fleet at every point; ' +
        'chart each outcome metric against them; exit 0 when every sweep expectation holds, 1 when one does not, 2 on bad input',
    )
    .argument('<file>', 'a scenario file (.yaml) whose scenarios have a sweep: block (or any, with --param)')
    .option(
      '-p, --param <model.key=values>',
      "a swept parameter, replacing the file's: a grid 30..120:15, a range 30..120 (sampled), or a list 30,60,90 (repeatable)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addOption(new Option('--sampling <method>', 'grid, or draw --samples points').choices(['grid', 'random', 'latin-hypercube']))
    .option('--samples <n>', 'points drawn by random or latin-hypercube sampling', positiveWholeNumber)
    .option('--seeds <list>', 'run every point at each of these seeds, e.g. 1,2,3 (the spread is shown)', (v: string) =>
      v.split(',').map((s) => wholeNumber(s.trim())),
    )
    .option('--metric <ids>', 'outcome metrics to chart (comma-separated, repeatable; licsim list shows them)', collect)
    .option('-o, --out <dir>', 'report folder: index.html, results.json, summary.md, junit.xml, charts/', 'licsim-sweep')
    .option('--force', 'write into an --out folder holding files licsim did not write (kept; files of the same names are replaced)')
    .option('--policy <file>', "a policy file: the policy the points start from, in place of the scenario's policy:")
    .option('--cache <dir>', 'where computed points are kept and read back (default .licsim-cache/sweep)')
    .option('--no-cache', 'run every point, keep none')
    .option('-j, --jobs <n>', 'points run at once on worker threads (default: one per core)', positiveWholeNumber)
    .option(
      '--shard <i/n>',
      'run share i of n of the runs (points × seeds) and write its blob to --out (default licsim-blob) for licsim merge',
      parseShard,
    )
    .option('--no-color', 'plain output')
    .action(async (file: string, opts, command: Command) => {
      code = await sweepCommand(file, { ...opts, ...shardOut(opts, command), color: useColor(opts) });
    });

  program
    .command('advise')
    .description(
      "the cheapest purchase plan (types, days, lots, perpetual or term) that keeps a scenario's fleet at zero overdraft or out of " +
        'enforcement, solved as an integer program, then replayed; exit 0 when the replay meets the target, 1 when not, 2 on bad input',
    )
    .argument('<scenario>', 'a scenario file (.yaml) of one scenario')
    .addOption(
      new Option('--target <target>', 'what the plan must achieve').choices(['zero-overdraft', 'no-enforcement']).default('zero-overdraft'),
    )
    .option('--horizon <days>', "days to plan for (default the scenario's duration)")
    .option('--period <days>', 'days between purchase decisions (default 30: monthly)')
    .option('--prices <file>', 'a prices file: per licence type, perpetual and term prices and the lot size (default 1 a unit, perpetual)')
    .option('-o, --out <dir>', 'folder for plan.yaml, results.json, summary.md', 'licsim-advise')
    .option('--no-color', 'plain output')
    .action(async (file: string, opts) => {
      code = await adviseCommand(file, { ...opts, color: useColor(opts) });
    });

  program
    .command('validate')
    .description('check scenario and verification files without running them; exit 2 on any problem')
    .argument('<paths...>', 'scenario files or folders')
    .option('--no-color', 'plain output')
    .action(async (paths: string[], opts) => {
      code = await validateCommand(paths, { color: useColor(opts) });
    });

  program
    .command('migrate')
    .description('rewrite scenario files of an older format (versions 1 and 2) in the current one')
    .argument('<paths...>', 'scenario files or folders')
    .option('--check', 'only say what would change; exit 1 when a file would')
    .option('--no-color', 'plain output')
    .action(async (paths: string[], opts) => {
      code = await migrateCommand(paths, { check: opts.check, color: useColor(opts) });
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario and verification files (for editor completion and checks)')
    .option('-o, --out <file>', 'write it to a file instead')
    .action(async (opts) => {
      code = await schemaCommand(opts);
    });

  program
    .command('list')
    .description("list scenarios with their descriptions, and each model's policy presets and parameters with their defaults")
    .argument('[paths...]', 'scenario files or folders', [])
    .option('--no-color', 'plain output')
    .action(async (paths: string[], opts) => {
      code = await listCommand(paths, { color: useColor(opts) });
    });

  program
    .command('explain')
    .description(
      "one instance's whole story in a scenario: every change of status with what set it off (timer and policy value, " +
        'timeline entry, message and the ledger numbers behind it), its rule ids with their texts, alarms, refusals and ledger effects',
    )
    .argument('<scenario>', 'a scenario file (.yaml)')
    .requiredOption('-i, --instance <index|id>', 'the instance: its fleet index (0 is the first) or its id, e.g. lab-003')
    .option('--from <day>', 'first day to show (default 0)')
    .option('--to <day>', 'last day to show (default the end of the run)')
    .option('--variant <name>', 'the compared variant to run (default the first)')
    .option('--policy <file>', "a policy file in place of the scenario's policy:")
    .option('--json', 'print the story as JSON (licsim/explain@1)')
    .addOption(new Option('--backend <name>', 'the engine to run it on').choices(['compiled', 'actors']).default('compiled'))
    .option('--no-color', 'plain output')
    .action(async (file: string, opts) => {
      code = await explainCommand(file, { ...opts, color: useColor(opts) });
    });

  program
    .command('docs')
    .description("draw each licensing model's and back-end party's state diagram (SVG, and machines.html)")
    .option('-o, --out <dir>', 'where the diagrams go', 'licsim-docs')
    .option('--model <names>', 'only these models or parties (comma-separated, repeatable)', collect)
    .option('--policy <file>', "a policy file: its values label the timers (else each model's defaults)")
    .option('--no-color', 'plain output')
    .action(async (opts) => {
      code = await docsCommand({ ...opts, color: useColor(opts) });
    });

  program
    .command('rules')
    .description('each rule of DOMAIN.md: its text and source, the states and transitions that cite it, the tests that check it')
    .argument('[ids...]', 'rule ids such as SL-12 NL-7 (all when none)', [])
    .option('--no-color', 'plain output')
    .action(async (ids: string[], opts) => {
      code = await rulesCommand(ids, { color: useColor(opts) });
    });

  program
    .command('diff')
    .description("compare two runs' key outcomes (as --baseline does); exit 0 when equal, 1 when they differ, 2 on bad input")
    .argument('<a>', "the first run's results.json")
    .argument('<b>', "the second run's results.json")
    .option('--json', 'the differences as JSON')
    .option('--no-color', 'plain output')
    .action(async (a: string, b: string, opts) => {
      code = await diffCommand([a, b], { json: opts.json === true, color: useColor(opts) });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end here with code 0; every other parse error is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
        ? EXIT.passed
        : EXIT.usage;
    }
    return reportError(error, colorSupported(io, argv));
  }
  return code;
}
