/**
 * Maps a JSON pointer into YAML text to a line and column. Only called for files that have a
 * diagnostic: it re-parses that one text with the `yaml` package, which keeps source ranges.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';

let loaded: typeof Yaml | undefined;
/**
 * The `yaml` package, loaded on the first position asked for: it takes longer to load than a clean
 * `itsm validate` of hundreds of records takes in all. Its CommonJS build, so the call stays synchronous.
 */
function yaml(): typeof Yaml {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

export interface Position {
  line: number;
  column: number;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Line and column (1-based) of the node a pointer names: for a mapping value, its key; for a
 * missing node, the deepest existing parent. `firstLine` is where the YAML text starts in its file.
 */
export function locate(yamlText: string, pointer: string, fallback: Position): Position {
  const { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, keepSourceTokens: false, uniqueKeys: false });
  let node: unknown = doc.contents;
  let at: number | undefined = (doc.contents as Node | null)?.range?.[0];
  for (const raw of pointer.split('/').slice(1)) {
    const segment = unescape(raw);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      at = (pair.key as Node).range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      at = item.range?.[0] ?? at;
      node = item;
    } else break;
  }
  if (at === undefined) return fallback;
  const { line, col } = counter.linePos(at);
  return { line, column: col };
}
