import { type Alias, type Document, isAlias, isCollection, isMap, type Node, visit } from 'yaml';

/**
 * Mapping keys that are lists or mappings (`? [a, b]`, or an alias of one): a
 * scenario's keys are names, and a JavaScript object could only hold such a key
 * as its text. Each is located at the key; `targets` gives the node each alias stands for.
 */
export function collectionKeys(doc: Document, targets: ReadonlyMap<Alias, Node>): Array<{ offset: number; message: string }> {
  const found: Array<{ offset: number; message: string }> = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      const stands = isAlias(key) ? targets.get(key) : key;
      if (!isCollection(stands)) return;
      const kind = isMap(stands) ? 'a mapping' : 'a list';
      const what = isAlias(key) ? `*${key.source}, an alias of ${kind}` : kind;
      found.push({ offset: (key as Node).range?.[0] ?? 0, message: `expected a mapping key that is a name or a number, found ${what}` });
    },
  });
  return found;
}
