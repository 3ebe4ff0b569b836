/**
 * Lark's card limits (docs/lark-platform.md §4.1): the request body ≤ 30 KB and ≤ 200 elements
 * and components, nested ones included. Counting every object with a `tag` (text objects too)
 * errs on the safe side.
 */
export const CARD_MAX_BYTES = 30 * 1024;
export const CARD_MAX_COMPONENTS = 200;

export const digestCardBytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

export function digestComponentCount(node: unknown): number {
  if (Array.isArray(node)) return node.reduce<number>((n, x) => n + digestComponentCount(x), 0);
  if (!node || typeof node !== 'object') return 0;
  let n = 'tag' in node ? 1 : 0;
  for (const [key, value] of Object.entries(node)) {
    // chart specs and table rows are data, not components
    if (key === 'chart_spec' || key === 'rows') continue;
    n += digestComponentCount(value);
  }
  return n;
}

export function fitsCardLimits(card: unknown): boolean {
  return digestCardBytes(card) <= CARD_MAX_BYTES && digestComponentCount(card) <= CARD_MAX_COMPONENTS;
}
