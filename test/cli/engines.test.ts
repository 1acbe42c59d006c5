import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(REPO, 'bin', 'licsim.js');

/** The scenarios each "machine" has checked out: a small suite, the sweep and the fuzz example the documents name. */
const CHECKOUT = [
  'designer/overage-sweep.yaml',
  'examples/fuzz/late-purchase.yaml',
  'node-locked/presence-evaluation.yaml',
  'smart-licensing/connected.yaml',
];

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a documented shell command as its own process (`npx licsim` is this checkout's licsim), in `cwd` with `env`,
 * without colour whatever the environment says (CI sets `CI`, which turns colour on).
 */
function sh(command: string, cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  const line = command.replaceAll('npx licsim', `"${process.execPath}" "${BIN}"`);
  const plain = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env };
  return new Promise((done) => {
    execFile('sh', ['-c', line], { cwd, env: plain, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let root: string;

/** The large scenario the partitioned jobs run. */
const NATIONAL = 'large/national-fleet.yaml';

/** A new machine: a folder with the checkout's scenarios in it (`paths` of scenarios/). */
async function machine(name: string, paths: readonly string[] = CHECKOUT): Promise<string> {
  const dir = join(root, name);
  for (const path of paths) await cp(join(REPO, 'scenarios', path), join(dir, 'scenarios', path), { recursive: true });
  return dir;
}

type Step = { run?: string; if?: string; uses?: string; with?: Record<string, string> };
type Workflow = {
  env: Record<string, string | number>;
  jobs: Record<string, { strategy?: { matrix: Partial<Record<'shard' | 'partition', number[]>> }; steps: Step[] }>;
};

/** `${{ … }}` of a workflow filled in: the matrix's value (a shard or a partition) and a run number. */
const filled = (text: string, value?: number) =>
  text
    .replaceAll('${{ matrix.shard }}', String(value))
    .replaceAll('${{ matrix.partition }}', String(value))
    .replaceAll('${{ github.run_number }}', '7');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'licsim-engines-'));
});

describe('the documented engines run (issue 16)', () => {
  /** The national fleet's results, merged from the workflow's partitions. */
  let nationalResults = '';

  it('docs/ci/github-actions.yml: every matrix job as its own machine, the artifacts moved, the merges exit as documented', async () => {
    const workflow = parse(await readFile(join(REPO, 'docs', 'ci', 'github-actions.yml'), 'utf8')) as Workflow;
    const env = Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, String(v)]));
    // The merge job checks out everything: the suite's files and the large scenario.
    const merger = await machine('merge', [...CHECKOUT, NATIONAL]);
    const jobs = ['suite', 'national', 'sweep', 'fuzz'] as const;
    for (const name of jobs) {
      const job = workflow.jobs[name];
      if (!job?.strategy) throw new Error(`no matrix job ${name}`);
      const run = job.steps.find((s) => s.run?.includes('npx licsim'))?.run as string;
      const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with as Record<string, string>;
      const { shard, partition } = job.strategy.matrix;
      const values = shard ?? partition ?? [];
      expect(values.length).toBe(Number(shard ? env.SHARDS : env.PARTITIONS));
      const ran = await Promise.all(
        values.map(async (shard) => {
          const dir = await machine(`${name}-${shard}`, name === 'national' ? [NATIONAL] : CHECKOUT);
          const r = await sh(filled(run, shard), dir, env);
          // The artifact: the shard's upload path, downloaded into blobs/<its name>/ (merge-multiple: false).
          await cp(join(dir, upload.path as string), join(merger, 'blobs', filled(upload.name as string, shard)), { recursive: true });
          return r;
        }),
      );
      for (const r of ran) expect(r.stderr).toBe('');
      // The fuzz example is broken: a shard that finds the counterexample exits 1, and still uploads its blob.
      expect(ran.map((r) => r.code).every((code) => code === 0 || (name === 'fuzz' && code === 1))).toBe(true);
    }
    const merges = (workflow.jobs.merge?.steps ?? []).filter((s) => s.run?.includes('licsim merge'));
    expect(merges.map((s) => s.if)).toEqual(merges.map(() => '${{ !cancelled() }}'));
    const codes: number[] = [];
    for (const step of merges) {
      const r = await sh(filled(step.run as string), merger, env);
      expect(r.stderr).toBe('');
      codes.push(r.code);
    }
    expect(codes).toEqual([0, 0, 0, 1]);
    // The suite as one run on a machine of its own: the shards' merge gives its results, byte for byte.
    const alone = await machine('whole');
    const whole = await sh('npx licsim run scenarios/ --out whole', alone);
    expect(whole.code).toBe(0);
    expect(await readFile(join(merger, 'reports', 'suite', 'results.json'), 'utf8')).toBe(
      await readFile(join(alone, 'whole', 'results.json'), 'utf8'),
    );
    nationalResults = await readFile(join(merger, 'reports', 'national', 'results.json'), 'utf8');
    expect((JSON.parse(nationalResults) as { passed: boolean; scenarios: unknown[] }).scenarios).toHaveLength(1);
    const fuzz = JSON.parse(await readFile(join(merger, 'reports', 'fuzz', 'results.json'), 'utf8')) as { passed: boolean };
    expect(fuzz.passed).toBe(false);
    await readFile(join(merger, 'reports', 'sweep', 'index.html'));
  }, 180_000);

  it('docs/ci/kubernetes-job.yaml: each Indexed Job index as its own process (JOB_COMPLETION_INDEX set), then the merge', async () => {
    type Container = {
      command: string[];
      workingDir: string;
      env?: Array<{ name: string; value: string }>;
      volumeMounts: Array<{ mountPath: string }>;
    };
    type Job = { kind: string; spec: { completionMode?: string; completions?: number; template: { spec: { containers: Container[] } } } };
    const docs = parseAllDocuments(await readFile(join(REPO, 'docs', 'ci', 'kubernetes-job.yaml'), 'utf8')).map((d) => d.toJS() as Job);
    const indexed = docs.find((d) => d.kind === 'Job' && d.spec.completionMode === 'Indexed');
    const merge = parse(await readFile(join(REPO, 'docs', 'ci', 'kubernetes-merge.yaml'), 'utf8')) as Job;
    if (!indexed?.spec.completions) throw new Error('no Indexed Job with completions');
    const volume = join(root, 'volume');
    await mkdir(volume);
    /** A container's shell command, with the shared volume where it is mounted. */
    const commandOf = (c: Container) => {
      expect(c.command.slice(0, 2)).toEqual(['sh', '-c']);
      return (c.command[2] as string).replaceAll(c.volumeMounts[0]?.mountPath as string, volume);
    };
    const container = indexed.spec.template.spec.containers[0] as Container;
    const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
    expect(Number(env.PARTITIONS)).toBe(indexed.spec.completions);
    const ran = await Promise.all(
      Array.from({ length: indexed.spec.completions }, async (_, index) =>
        sh(commandOf(container), await machine(`pod-${index}`, [NATIONAL]), { ...env, JOB_COMPLETION_INDEX: String(index) }),
      ),
    );
    expect(ran.map((r) => [r.code, r.stderr])).toEqual(ran.map(() => [0, '']));
    // JOB_COMPLETION_INDEX 0 … n − 1 ran partitions 1/n … n/n.
    expect(ran.map((r) => /Partition\s+(\d+\/\d+)/.exec(r.stdout)?.[1])).toEqual(['1/3', '2/3', '3/3']);
    const merger = merge.spec.template.spec.containers[0] as Container;
    const merged = await sh(commandOf(merger), await machine('merge-pod', [NATIONAL]));
    expect([merged.code, merged.stderr]).toEqual([0, '']);
    expect(merged.stdout).toContain(`Merged        ${indexed.spec.completions} partitions`);
    // The same scenario, split the same way on the other engine: the same results, byte for byte.
    expect(await readFile(join(volume, 'licsim-report', 'results.json'), 'utf8')).toBe(nationalResults);
  }, 120_000);
});
