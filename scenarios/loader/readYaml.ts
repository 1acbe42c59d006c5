import { type Document, LineCounter, parseDocument } from 'yaml';
import { aliasExpansionLimit, countNodes, measureExpansion } from './expansion.ts';
import { collectionKeys } from './mappingKeys.ts';
import { MAX_NESTING, measureNesting } from './nesting.ts';

/** Something wrong with a document as YAML, located (1-based). */
export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

/** The counted bounds of a document: its nesting (aliases expanded), its nodes as written and the nodes its aliases add. */
export interface YamlBounds {
  depth: number;
  nodes: number;
  added: number;
}

export type YamlRead =
  | { ok: true; doc: Document.Parsed; lines: LineCounter; data: unknown; bounds: YamlBounds }
  | { ok: false; problems: YamlProblem[]; bounds: YamlBounds };

/** Errors are located by licsim; the library prints nothing itself (`logLevel`). */
const OPTIONS = { prettyErrors: false, uniqueKeys: true, logLevel: 'error' } as const;

/** Line and column of an offset, counted in the text itself (before the parser's line counter exists). */
function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * Reads a YAML document into plain data with every input bounded before it can
 * exhaust the machine: nesting deeper than {@link MAX_NESTING} is refused before the
 * parser (which recurses) sees it; an alias to no anchor, an alias inside its own
 * anchor, and aliases expanding the document past its size's limit are refused before
 * any alias is resolved; a collection as a mapping key and every YAML warning (an
 * unresolved tag, …) are problems, never lines the library prints. Every problem is located.
 */
export function readYaml(text: string): YamlRead {
  const nesting = measureNesting(text);
  const bounds: YamlBounds = { depth: nesting.depth, nodes: 0, added: 0 };
  const tooDeep = (offset: number): YamlRead => ({
    ok: false,
    problems: [{ ...positionIn(text, offset), message: `the document nests deeper than ${MAX_NESTING} levels` }],
    bounds,
  });
  if (nesting.tooDeep) return tooDeep(nesting.deepestAt);
  const lines = new LineCounter();
  const at = (offset: number, message: string): YamlProblem => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col, message };
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...OPTIONS, lineCounter: lines });
  } catch (error) {
    // The nesting measure bounds the parser's recursion; this is the parser's own overflow if it ever does not.
    if (error instanceof RangeError) return tooDeep(nesting.deepestAt);
    throw error;
  }
  const problems = [
    ...doc.errors.map((e) => at(e.pos[0], `YAML syntax error: ${e.message.split('\n')[0]}`)),
    ...doc.warnings.map((w) => at(w.pos[0], `YAML: ${w.message.split('\n')[0]} (licsim reads no YAML the parser only warns about)`)),
  ];
  if (problems.length) return { ok: false, problems, bounds };
  bounds.nodes = countNodes(doc);
  const expansion = measureExpansion(doc, bounds.nodes);
  bounds.depth = Math.max(bounds.depth, expansion.depth);
  bounds.added = expansion.added;
  if (expansion.problem) return { ok: false, problems: [at(expansion.problem.offset, expansion.problem.message)], bounds };
  const keys = collectionKeys(doc, expansion.targets);
  if (keys.length) return { ok: false, problems: keys.map((k) => at(k.offset, k.message)), bounds };
  try {
    // The library's own alias limit, from the document's size as licsim's count (which has already held) is.
    const data: unknown = doc.toJS({ maxAliasCount: aliasExpansionLimit(bounds.nodes) });
    return { ok: true, doc, lines, data, bounds };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const first = expansion.targets.keys().next().value;
    return { ok: false, problems: [at(first?.range?.[0] ?? 0, `aliases: ${error.message}`)], bounds };
  }
}
