import { type Document, isMap, isScalar, isSeq, type Pair, stringify, type YAMLMap } from 'yaml';
import { actionOfEvent, kebabOp } from '../../engine/timeline/refusalOps.ts';
import { readYaml, type YamlProblem } from './readYaml.ts';

/** The scenario format this licsim reads: files declare it as `licsim: 3`. */
export const FORMAT_VERSION = 3;

/** A construct of an older format: where it is, what to write now, and how `licsim migrate` rewrites it. */
export interface Change {
  path: Array<string | number>;
  /** The key the change is about, to locate it on the key itself. */
  key?: string;
  message: string;
  /** How `licsim migrate` rewrites it; none for what it cannot migrate (an unknown version). */
  rewrite: ((doc: Document) => void) | null;
  /** The new value of the scalar at `path`, when that is all the change is: written into the text in place. */
  scalar?: string | number;
}

type Data = Record<string, unknown>;

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as a person writes it in YAML: `{ direct: 0.5, proxy: 0.5 }`. */
const flow = (v: unknown) => stringify(v, { collectionStyle: 'flow', flowCollectionPadding: true }).trim();

function pairIndex(map: YAMLMap, key: string): number {
  return map.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
}

/** Replaces key `from` by `to` with `value`, in place (its position and comments kept). */
function replaceKey(doc: Document, map: YAMLMap, from: string, to: string, value: unknown, flowStyle: boolean): void {
  const pair = map.items[pairIndex(map, from)] as Pair | undefined;
  if (!pair) return;
  pair.key = doc.createNode(to);
  pair.value = doc.createNode(value, { flow: flowStyle });
}

/** Sets `key` right after `after` (or at the end). */
function setAfter(doc: Document, map: YAMLMap, after: string, key: string, value: unknown, flowStyle = false): void {
  map.delete(key);
  const at = pairIndex(map, after);
  const pair = doc.createPair(key, value) as Pair;
  if (flowStyle) (pair.value as { flow?: boolean }).flow = true;
  if (at < 0) map.items.push(pair as never);
  else map.items.splice(at + 1, 0, pair as never);
}

/** Version 1 to 2, DOMAIN.md revision 2: transports became links and satellites parties; outages are link actions. */
const V1_ACTIONS: Record<string, string> = { 'outage-start': 'link-down', 'outage-end': 'link-up' };
const V1_SATELLITE = { 'satellite-connected': 'connected', 'satellite-disconnected': 'disconnected' } as const;

/** The v1 transport mix of a group as v2 links, with the satellite mode it implies (or a reason it cannot be said). */
function linksOf(transport: unknown): { link: unknown; mode: 'connected' | 'disconnected' | null; problem?: string } {
  const mix = typeof transport === 'string' ? { [transport]: 1 } : isObject(transport) ? transport : {};
  const link: Record<string, unknown> = {};
  const modes = new Set<'connected' | 'disconnected'>();
  for (const [path, share] of Object.entries(mix)) {
    const mode = V1_SATELLITE[path as keyof typeof V1_SATELLITE];
    if (mode) modes.add(mode);
    const to = mode ? 'satellite' : path;
    link[to] = typeof link[to] === 'number' && typeof share === 'number' ? (link[to] as number) + share : share;
  }
  if (modes.size > 1)
    return { link, mode: null, problem: 'it mixes connected and disconnected satellites: split the group in two, one per satellite' };
  const [mode = null] = modes;
  const single = Object.keys(link);
  return { link: typeof transport === 'string' && single.length === 1 ? single[0] : link, mode };
}

/** The scenarios of a file (a scenario, or a suite's list), with their paths. */
function scenariosOf(data: Data): Array<[Data, Array<string | number>]> {
  if (Array.isArray(data.scenarios))
    return data.scenarios.map((s, i) => [s as Data, ['scenarios', i]] as [Data, Array<string | number>]).filter(([s]) => isObject(s));
  return [[data, []]];
}

function v1Changes(data: Data): Change[] {
  const changes: Change[] = [];
  for (const [scenario, base] of scenariosOf(data)) {
    const fleet = Array.isArray(scenario.fleet) ? scenario.fleet : [];
    const satellites: Array<{ id: string; account: unknown; mode: string }> = [];
    const satelliteOf = new Map<string, string>();
    fleet.forEach((group, i) => {
      if (!isObject(group) || !('transport' in group)) return;
      const { link, mode, problem } = linksOf(group.transport);
      const id = `${String(group.name)}-satellite`;
      if (mode) {
        satellites.push({ id, account: group.account, mode });
        satelliteOf.set(String(group.name), id);
      }
      const path = [...base, 'fleet', i];
      changes.push({
        path,
        key: 'transport',
        message: problem
          ? `transport is version 1; write link: and satellite: now, but ${problem}`
          : `transport is version 1: write link: ${flow(link)}${mode ? `, satellite: ${id} (a ${mode} satellite under satellites:)` : ''}`,
        rewrite: (doc) => {
          const node = doc.getIn(path) as YAMLMap;
          replaceKey(doc, node, 'transport', 'link', link, true);
          if (mode) setAfter(doc, node, 'link', 'satellite', id);
        },
      });
    });
    if (satellites.length) {
      changes.push({
        path: base,
        message: `version 2 declares satellites: add satellites: ${flow(satellites)}`,
        rewrite: (doc) => {
          const node = (base.length ? doc.getIn(base) : doc.contents) as YAMLMap;
          setAfter(doc, node, 'accounts', 'satellites', satellites);
          const seq = node.get('satellites', true);
          if (isSeq(seq)) for (const item of seq.items) if (isMap(item)) item.flow = true;
        },
      });
    }
    const timeline = Array.isArray(scenario.timeline) ? scenario.timeline : [];
    timeline.forEach((entry, i) => {
      if (!isObject(entry)) return;
      const path = [...base, 'timeline', i];
      const renamed = V1_ACTIONS[String(entry.do)];
      if (renamed) {
        changes.push({
          path: [...path, 'do'],
          message: `${String(entry.do)} is version 1: write do: ${renamed}`,
          rewrite: (doc) => doc.setIn([...path, 'do'], renamed),
        });
      }
      if (entry.do === 'set-transport') {
        const { link, mode } = linksOf(entry.transport);
        changes.push({
          path: [...path, 'do'],
          message: `set-transport is version 1: write do: set-link, link: ${flow(link)}${mode ? " (through the group's satellite)" : ''}`,
          rewrite: (doc) => {
            const node = doc.getIn(path) as YAMLMap;
            node.set('do', 'set-link');
            replaceKey(doc, node, 'transport', 'link', link, true);
          },
        });
      }
      if (entry.do === 'satellite-sync' && !('satellite' in entry)) {
        const target = isObject(entry.target) ? entry.target : {};
        const groups = target.groups === undefined ? [...satelliteOf.keys()] : ([] as unknown[]).concat(target.groups).map(String);
        const ids = [...new Set(groups.map((g) => satelliteOf.get(g)).filter((s): s is string => s !== undefined))];
        changes.push({
          path: [...path, 'do'],
          message:
            `satellite-sync now names the satellite: write satellite: ${ids.join(' / ') || '<id>'} ` +
            '(one entry per satellite) instead of a target',
          rewrite: (doc) => {
            const seq = doc.getIn([...base, 'timeline']);
            if (!isSeq(seq)) return;
            const node = seq.items[i];
            if (!isMap(node)) return;
            node.delete('target');
            node.set('satellite', ids[0] ?? '<satellite>');
            for (const extra of ids.slice(1)) {
              const copy = node.clone() as YAMLMap;
              copy.set('satellite', extra);
              seq.items.splice(i + 1, 0, copy);
            }
          },
        });
      }
    });
  }
  return changes;
}

/**
 * Version 2 to 3 (fidelity): a refusal is named by the timeline action that caused it,
 * in the timeline's kebab-case (`op: UPLOAD_LICENSE` is now `op: upload-license`).
 */
function v2Changes(data: Data): Change[] {
  const changes: Change[] = [];
  for (const [scenario, base] of scenariosOf(data)) {
    const expectations = Array.isArray(scenario.expect) ? scenario.expect : [];
    expectations.forEach((item, i) => {
      const refused = isObject(item) ? item.refused : undefined;
      if (!isObject(refused) || typeof refused.op !== 'string') return;
      if (kebabOp(refused.op) === refused.op) return;
      const now = actionOfEvent(refused.op);
      const path = [...base, 'expect', i, 'refused', 'op'];
      const old = `op ${refused.op} is spelled as in versions 1 and 2`;
      changes.push(
        now === null
          ? {
              path,
              message: `${old} and names no timeline action: write the action whose refusals it counts`,
              rewrite: null,
            }
          : {
              path,
              message: `${old}: refusals are named by the timeline action in kebab-case now: write op: ${now}`,
              rewrite: (doc) => doc.setIn(path, now),
              scalar: now,
            },
      );
    });
  }
  return changes;
}

/**
 * Versions 1 and 2 (and 3 until issue 14) read a growth rate written as a bare number as a
 * fraction: `growth: 3` was 300 % a month. Version 3 refuses a bare number as ambiguous
 * (engine/units.ts `rate`); an older file keeps its reading, rewritten as the percentage it meant.
 */
function growthChanges(data: Data, version: number): Change[] {
  const changes: Change[] = [];
  for (const [scenario, base] of scenariosOf(data)) {
    const fleet = Array.isArray(scenario.fleet) ? scenario.fleet : [];
    fleet.forEach((group, i) => {
      if (!isObject(group) || typeof group.growth !== 'number' || !Number.isFinite(group.growth)) return;
      const percent = `${Number((group.growth * 100).toPrecision(12))}%`;
      const path = [...base, 'fleet', i, 'growth'];
      changes.push({
        path,
        message:
          `growth: ${group.growth} is a fraction in format version ${version} (${percent} a month); ` +
          `version ${FORMAT_VERSION} writes it with its %: write growth: ${percent}`,
        rewrite: (doc) => doc.setIn(path, percent),
        scalar: percent,
      });
    });
  }
  return changes;
}

/** The format versions licsim knows: versions 1 (no `licsim:` key, or `licsim: 1`) and 2 are migrated, the current one read. */
const V1 = 1;
const V2 = 2;

/**
 * The constructs of an older format a document holds, each located, with what to
 * write now. A document without `licsim:` is version 1; the current version has none.
 * An unknown version is one change that cannot be migrated.
 */
export function formatChanges(data: unknown): Change[] {
  if (!isObject(data)) return [];
  if (data.licsim === FORMAT_VERSION) return [];
  if (data.licsim !== undefined && data.licsim !== V1 && data.licsim !== V2) {
    return [
      {
        path: ['licsim'],
        message:
          `unknown format version ${JSON.stringify(data.licsim)}; licsim reads version ${FORMAT_VERSION} ` +
          `(and migrates versions ${V1} and ${V2}): write licsim: ${FORMAT_VERSION}`,
        rewrite: null,
      },
    ];
  }
  if (data.licsim === V2) {
    return [
      {
        path: ['licsim'],
        message:
          `this file is format version ${V2}; licsim reads version ${FORMAT_VERSION}: ` +
          `write licsim: ${FORMAT_VERSION} (licsim migrate FILE rewrites the file)`,
        rewrite: (doc) => doc.set('licsim', FORMAT_VERSION),
        scalar: FORMAT_VERSION,
      },
      ...v2Changes(data),
      ...growthChanges(data, V2),
    ];
  }
  const changes = [...v1Changes(data), ...v2Changes(data), ...growthChanges(data, V1)];
  changes.unshift({
    path: data.licsim === undefined ? [] : ['licsim'],
    message:
      data.licsim === undefined
        ? `this file has no format version, so it is read as version ${V1}; licsim reads version ${FORMAT_VERSION}: ` +
          `add licsim: ${FORMAT_VERSION} at the top (licsim migrate FILE rewrites the file)`
        : `this file is format version ${V1}; licsim reads version ${FORMAT_VERSION}: ` +
          `write licsim: ${FORMAT_VERSION} (licsim migrate FILE rewrites the file)`,
    rewrite: (doc) => {
      const root = doc.contents as YAMLMap;
      root.delete('licsim');
      const pair = doc.createPair('licsim', FORMAT_VERSION) as Pair;
      root.items.unshift(pair as never);
      // The file's opening comment stays above everything.
      const second = root.items[1]?.key as { commentBefore?: string | null } | undefined;
      if (second?.commentBefore) {
        (pair.key as { commentBefore?: string | null }).commentBefore = second.commentBefore;
        second.commentBefore = null;
      }
    },
  });
  return changes;
}

/** What `licsim migrate` made of a file: its new text and what changed, or why it cannot be migrated (text unchanged). */
export interface Migration {
  text: string;
  changes: Change[];
  problem: { line: number; col: number; message: string } | null;
}

/** Rewrites a scenario file in the current format (`licsim migrate`), keeping its comments; and what changed. */
export function migrateText(text: string): Migration {
  const read = readYaml(text);
  if (!read.ok) {
    const first = read.problems[0] as YamlProblem;
    return { text, changes: [], problem: { line: first.line, col: first.column, message: first.message } };
  }
  const { doc } = read;
  const changes = formatChanges(read.data);
  const stuck = changes.find((c) => c.rewrite === null);
  if (stuck) {
    const line = text.split('\n').findIndex((l) => /^licsim\s*:/.test(l)) + 1;
    return { text, changes: [], problem: { line: Math.max(1, line), col: 1, message: stuck.message } };
  }
  const spliced = changes.length && changes.every((c) => c.scalar !== undefined) ? inPlace(text, doc, changes) : null;
  if (spliced !== null) return { text: spliced, changes, problem: null };
  // Later entries first: a rewrite that adds timeline entries must not shift the ones still to rewrite.
  for (const change of [...changes].reverse()) change.rewrite?.(doc);
  return { text: changes.length ? doc.toString({ lineWidth: 0, flowCollectionPadding: true }) : text, changes, problem: null };
}

/**
 * The text with each change's scalar written over the old one, everything else (layout,
 * comments) as it was; null when a value is not a flow scalar written in one piece
 * (a block scalar, an alias, one with an anchor or a tag), for the document rewrite instead.
 */
function inPlace(text: string, doc: Document, changes: readonly Change[]): string | null {
  const spans: Array<{ start: number; end: number; value: string }> = [];
  for (const c of changes) {
    const node = doc.getIn(c.path, true);
    if (!isScalar(node) || !node.range || node.anchor || node.tag) return null;
    const quote = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : node.type === 'PLAIN' ? '' : null;
    if (quote === null) return null;
    spans.push({ start: node.range[0], end: node.range[1], value: `${quote}${String(c.scalar)}${quote}` });
  }
  let out = text;
  for (const s of spans.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.value + out.slice(s.end);
  return out;
}
