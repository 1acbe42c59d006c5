import { CST, Lexer } from 'yaml';

/**
 * The deepest nesting a scenario document may have: collections and scalars along
 * one path, block indentation and flow brackets alike. A scenario needs about ten
 * (suite › scenarios › item › policy › model › overrides › overdraft › mode); the
 * YAML parser's own recursion overflows the stack at about 2,000.
 */
export const MAX_NESTING = 64;

/** How deep a document nests, where (the offset of its deepest token), and whether that is deeper than {@link MAX_NESTING}. */
export interface Nesting {
  depth: number;
  deepestAt: number;
  tooDeep: boolean;
}

/** Tokens the lexer emits that take no room in the text. */
const ZERO_WIDTH = new Set<string | null>(['doc-mode', 'flow-error-end', 'scalar']);
/** Indicators after which a node starts on the same line (`- - x`, `? key`, `key: value`). */
const OPENS_NODE = new Set<string | null>(['seq-item-ind', 'explicit-key-ind', 'map-value-ind']);

/**
 * Measures nesting from the YAML lexer's tokens, before the parser (which recurses)
 * sees the text: a block node counts where it starts a line, or follows `-`, `?` or
 * `:` on one, nested in the block nodes open at smaller columns; each open flow
 * bracket counts one. Stops at the first token deeper than {@link MAX_NESTING}.
 */
export function measureNesting(text: string): Nesting {
  const blocks: number[] = [];
  let flow = 0;
  let depth = 0;
  let deepestAt = 0;
  let offset = 0;
  let lineStart = 0;
  let lineOpen = true;
  let afterIndicator = false;
  let blockScalar: 'header' | 'body' | null = null;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (ZERO_WIDTH.has(type)) {
      if (type === 'scalar' && blockScalar === 'header') blockScalar = 'body';
      continue;
    }
    const column = offset - lineStart;
    if (blockScalar === 'body') blockScalar = null;
    else if (type === 'doc-start' || type === 'doc-end' || type === 'directive-line') blocks.length = 0;
    else if (type !== 'space' && type !== 'comment' && type !== 'newline' && type !== 'byte-order-mark') {
      const opensFlow = type === 'flow-map-start' || type === 'flow-seq-start';
      if (flow === 0 && (lineOpen || afterIndicator)) {
        while (blocks.length && (blocks.at(-1) as number) > column) blocks.pop();
        if (!opensFlow && (!blocks.length || (blocks.at(-1) as number) < column)) blocks.push(column);
      }
      if (opensFlow) flow++;
      if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow--;
      if (type === 'block-scalar-header') blockScalar = 'header';
      if (blocks.length + flow > depth) {
        depth = blocks.length + flow;
        deepestAt = offset;
        if (depth > MAX_NESTING) return { depth, deepestAt, tooDeep: true };
      }
      afterIndicator = OPENS_NODE.has(type);
      lineOpen = false;
    }
    offset += token.length;
    const newline = token.lastIndexOf('\n');
    if (newline >= 0) {
      lineStart = offset - token.length + newline + 1;
      lineOpen = /^[ \t]*$/.test(token.slice(newline + 1));
      if (lineOpen) afterIndicator = false;
    }
  }
  return { depth, deepestAt, tooDeep: false };
}
