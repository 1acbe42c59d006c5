import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** Finds line and column (1-based) of a path in a parsed YAML document. */
export class Positions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private at(offset: number): { line: number; column: number } {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /**
   * The position of the deepest node on `path` that exists; with `key`, the
   * position of that key inside the mapping (for unknown keys).
   */
  locate(path: ReadonlyArray<string | number>, key?: string): { line: number; column: number } {
    let node: Node | null = this.doc.contents;
    for (const step of path) {
      const next = child(node, step);
      if (!next) break;
      node = next;
    }
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const range = (pair?.key as Node | undefined)?.range;
      if (range) return this.at(range[0]);
    }
    return this.at(node?.range?.[0] ?? 0);
  }
}

function child(node: Node | null, step: string | number): Node | null {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
    return (pair?.value as Node | undefined) ?? (pair?.key as Node | undefined) ?? null;
  }
  if (isSeq(node) && typeof step === 'number') return (node.items[step] as Node | undefined) ?? null;
  return null;
}
