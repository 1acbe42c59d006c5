import { type Alias, type Document, isAlias, isCollection, isPair, isScalar, type Node } from 'yaml';
import { MAX_NESTING } from './nesting.ts';

/** Nodes that aliases may add to a document, per node written in it (and never fewer than {@link MIN_ALIAS_EXPANSION}). */
export const ALIAS_EXPANSION_PER_NODE = 10;
/** Nodes that aliases may always add, however small the document. */
export const MIN_ALIAS_EXPANSION = 10_000;

/** The nodes aliases may add to a document of `nodes` written nodes. */
export function aliasExpansionLimit(nodes: number): number {
  return Math.max(MIN_ALIAS_EXPANSION, ALIAS_EXPANSION_PER_NODE * nodes);
}

/** What a document's aliases make of it, and the first thing wrong with them. */
export interface Expansion {
  /** Nodes as written (an alias is one). */
  nodes: number;
  /** Nodes the aliases add when each is replaced by a copy of its anchor's node. */
  added: number;
  /** The nesting of the document with its aliases replaced. */
  depth: number;
  /** The node each alias stands for. */
  targets: Map<Alias, Node>;
  problem: { offset: number; message: string } | null;
}

interface Size {
  nodes: number;
  depth: number;
}

class Stop extends Error {}

/**
 * Counts a document's nodes with every alias expanded, in document order, without
 * expanding anything: a node's expanded size is computed once, and an alias adds
 * its anchor's. Stops at an alias to no anchor, an alias inside its own anchor's
 * node (a cycle), the first alias past {@link aliasExpansionLimit} or deeper than
 * {@link MAX_NESTING}. Recurses as deep as the document nests, which
 * `measureNesting` has bounded.
 */
export function measureExpansion(doc: Document, nodes: number): Expansion {
  const limit = aliasExpansionLimit(nodes);
  const result: Expansion = { nodes, added: 0, depth: 0, targets: new Map(), problem: null };
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, Size>();
  const stop = (node: Node, message: string): never => {
    result.problem = { offset: node.range?.[0] ?? 0, message };
    throw new Stop();
  };
  const alias = (node: Alias, depth: number): Size => {
    const target = anchors.get(node.source);
    if (!target) return stop(node, `alias *${node.source} refers to no anchor &${node.source} defined before it`);
    const size = sizes.get(target);
    if (!size) return stop(node, `alias *${node.source} is inside the node its anchor &${node.source} names (a cycle)`);
    result.targets.set(node, target);
    result.added += size.nodes - 1;
    if (result.added > limit)
      stop(
        node,
        `aliases expand this document by more than ${limit.toLocaleString('en-US')} nodes at *${node.source} ` +
          `(at most ${ALIAS_EXPANSION_PER_NODE} per node written, or ${MIN_ALIAS_EXPANSION.toLocaleString('en-US')}): an alias bomb?`,
      );
    result.depth = Math.max(result.depth, depth + size.depth - 1);
    if (result.depth > MAX_NESTING) stop(node, `alias *${node.source} nests the document deeper than ${MAX_NESTING} levels`);
    return size;
  };
  const walk = (node: unknown, depth: number): Size => {
    if (isPair(node)) {
      const key = walk(node.key, depth);
      const value = walk(node.value, depth);
      return { nodes: key.nodes + value.nodes, depth: Math.max(key.depth, value.depth) };
    }
    if (isAlias(node)) return alias(node, depth);
    if (!isScalar(node) && !isCollection(node)) return { nodes: 0, depth: 0 };
    if (node.anchor) anchors.set(node.anchor, node);
    const size: Size = { nodes: 1, depth: 1 };
    if (isCollection(node))
      for (const item of node.items) {
        const inner = walk(item, depth + 1);
        size.nodes += inner.nodes;
        size.depth = Math.max(size.depth, inner.depth + 1);
      }
    result.depth = Math.max(result.depth, depth + size.depth - 1);
    sizes.set(node, size);
    return size;
  };
  try {
    walk(doc.contents, 1);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return result;
}

/** The nodes of a document as written, an alias counting one. */
export function countNodes(doc: Document): number {
  let nodes = 0;
  const count = (node: unknown): void => {
    if (isPair(node)) {
      count(node.key);
      count(node.value);
    } else if (isScalar(node) || isAlias(node) || isCollection(node)) {
      nodes++;
      if (isCollection(node)) for (const item of node.items) count(item);
    }
  };
  count(doc.contents);
  return nodes;
}
