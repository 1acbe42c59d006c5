import { parse, stringify } from 'yaml';
import type { Exploration, PropertyVerdict } from './result.ts';
import type { Property, Verification } from './spec.ts';

/** The keys of a property that are not what it checks. */
const PROPERTY_META = new Set(['name', 'rules', 'expect']);

type Doc = Record<string, unknown>;

/** A day as a scenario writes it. */
const dayText = (day: number) => `${Math.round(day * 1000) / 1000}d`;

/** A file name for a counterexample: the verification's file, the variant and the property, in lower-case words. */
export function counterexampleName(v: Verification, variant: string, property: Property): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
  const base = (v.file.split('/').at(-1) ?? 'verification').replace(/\.ya?ml$/, '');
  return `${slug(base)}--${variant === 'run' ? '' : `${slug(variant)}--`}${slug(property.name)}.yaml`;
}

/**
 * A counterexample as an ordinary scenario that replays it: the verification's world
 * as written (its fleet, accounts, policy and variants), the path's events on their
 * days, then the world's fixed events, and the property as the scenario's expectation,
 * so that `licsim run` fails on it with the evidence of the property's own monitor.
 * A `recoverable` counterexample replays the path up to the trapped state and expects
 * the target to be reached from its day (it is not); a `deadlockFree` one replays the
 * path to the stuck state. `text` is the verification file as written; its `seed:` is
 * replaced by the seed the world was checked with (`licsim verify --seed N` gives
 * another), so that a plain `licsim run` of the file replays what was checked.
 */
export function counterexampleScenario(v: Verification, text: string, run: Exploration, verdict: PropertyVerdict): string {
  const cx = verdict.counterexample;
  if (!cx) throw new Error('the property has no counterexample');
  const doc = parse(text) as Doc;
  const verifyBlock = doc.verify as { alphabet: Doc[]; properties: Doc[] };
  const property = v.properties[verdict.property] as Property;
  const raw = verifyBlock.properties[verdict.property] as Doc;
  const { verify: _verify, ...world } = doc;
  const injected = cx.steps.map((s) => ({ at: dayText(s.day), ...(verifyBlock.alphabet[s.event] as Doc) }));
  const compared = world.compare !== undefined;
  const withVariant = (body: unknown): unknown => {
    if (!compared) return body;
    const fields = body === true ? {} : (body as Doc);
    return fields.variant === undefined ? { ...fields, variant: run.variant } : fields;
  };
  const kind = Object.keys(raw).find((k) => !PROPERTY_META.has(k)) as string;
  let expect: Doc[] = [];
  if (property.check.kind === 'run') expect = [{ [kind]: withVariant(raw[kind]) }];
  else if (property.check.kind === 'recoverable') {
    const body = raw[kind] as Doc;
    expect = [{ eventually: withVariant({ state: body.state, from: dayText(cx.day), ...(body.groups ? { groups: body.groups } : {}) }) }];
  }
  // The seed the world was checked with: the file's own, or --seed's (every variant has the same).
  const seed = (v.world.variants.find((x) => x.label === run.variant) ?? v.world.variants[0])?.scenario.seed;
  const out: Doc = {
    licsim: world.licsim,
    name: `${String(world.name)} — counterexample: ${property.name}`,
    description:
      `licsim verify found that "${property.name}" ${property.expectViolated ? 'is violated, as expected' : 'does not hold'}` +
      `${compared ? ` under ${run.variant}` : ''} (${v.file}). This scenario replays the shortest path it found` +
      ` (${cx.steps.length} event${cx.steps.length === 1 ? '' : 's'}); licsim run on it fails with the evidence.\n`,
    ...Object.fromEntries(Object.entries(world).filter(([k]) => !['licsim', 'name', 'description', 'timeline'].includes(k))),
    ...(seed === undefined ? {} : { seed }),
    timeline: [...injected, ...((world.timeline as Doc[] | undefined) ?? [])],
    expect,
  };
  const header = [
    `# Counterexample of "${property.name}" (${v.file}${compared ? `, variant ${run.variant}` : ''}).`,
    '# The path the checker found comes first in the timeline (on equal days it runs before the fixed events, as it did in the checker).',
    ...(cx.reachable?.length
      ? [
          `# From the state on day ${cx.day}, the statuses reachable within the bounds (none is the target):`,
          ...cx.reachable.map((r) => `#   ${r.join(', ')}`),
        ]
      : []),
  ];
  return `${header.join('\n')}\n${stringify(out, { lineWidth: 120, flowCollectionPadding: true })}`;
}
