/** Lark rejects cards over 30 KB (230025) or with more than 200 components (11310); we stay under both. */
export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_COMPONENTS = 200;
/** Room left for the header and the footer when filling a card with lines. */
export const LINE_BUDGET_BYTES = 24 * 1024;

export const cardBytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** Every object with a `tag` inside the body counts as a component, nested ones included. */
export function countComponents(node: unknown): number {
  if (Array.isArray(node)) return node.reduce<number>((n, x) => n + countComponents(x), 0);
  if (node === null || typeof node !== 'object') return 0;
  const obj = node as Record<string, unknown>;
  let n = typeof obj.tag === 'string' && obj.tag !== 'plain_text' && obj.tag !== 'lark_md' ? 1 : 0;
  for (const [k, v] of Object.entries(obj)) if (k !== 'header') n += countComponents(v);
  return n;
}

/**
 * Takes lines while they fit the byte budget and a line cap; the rest is counted so the card can
 * say how many were left out rather than fail to send.
 */
export function fitLines(lines: string[], maxLines: number, budget = LINE_BUDGET_BYTES): { shown: string[]; hidden: number } {
  const shown: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    // JSON escaping can grow a line (quotes, backslashes): count its encoded size.
    const size = Buffer.byteLength(JSON.stringify(line), 'utf8');
    if (shown.length >= maxLines || bytes + size > budget) break;
    shown.push(line);
    bytes += size;
  }
  return { shown, hidden: lines.length - shown.length };
}
