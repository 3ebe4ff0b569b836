import { DubanError } from '../errors.ts';

/**
 * Lark's limits for one card (docs/lark.md#card-limits-and-rules), and the one way every card builder measures against them
 * (the round and department cards, the reminder, the digest, the chat answers).
 *
 * Lark documents the 30 KB both as the card message's request body (error 230025) and as the
 * message `content`. The card travels in that body as a JSON string inside JSON
 * (`content: "{\"schema\":…}"`), so quotes, backslashes and newlines are escaped a second time.
 * We measure that escaped form: it is never smaller than the plain JSON, so a card that passes here
 * passes under either reading, whether sent, patched or returned from a callback.
 */
export const CARD_MAX_BYTES = 30 * 1024;
/** 200 components per card, nested ones included (errors 11310 / 300305); exactly 200 is accepted. */
export const CARD_MAX_COMPONENTS = 200;

export type Card = Record<string, unknown>;

/** UTF-8 bytes a card (or any part of one, such as a line of text) takes in a message body. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(card)), 'utf8');
}

// Arrays whose items are components: body/container elements and a column_set's columns.
const COMPONENT_LISTS = ['elements', 'columns'] as const;

/**
 * Every component, nested ones included: elements, columns, form fields, panel contents.
 * In Card JSON 2.0 components live only in `elements` and `columns` lists; what a component holds
 * elsewhere (its text objects, select options, icons, a panel's or the card's header) is a property
 * of that component, not one more, so it is not counted. Lark counts "elements + components", and
 * this walk reaches every list of them.
 */
export function countComponents(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + countComponents(item), 0);
  const obj = node as Record<string, unknown>;
  let n = 0;
  if (obj.schema === '2.0' && obj.body && typeof obj.body === 'object') {
    return countComponents((obj.body as Record<string, unknown>).elements);
  }
  if (typeof obj.tag === 'string') n += 1;
  for (const key of COMPONENT_LISTS) {
    const list = obj[key];
    if (Array.isArray(list)) n += countComponents(list);
  }
  return n;
}

/** Names of every form field and button, for the uniqueness rule (error 200530). */
export function componentNames(node: unknown, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const item of node) componentNames(item, out);
    return out;
  }
  const obj = node as Record<string, unknown>;
  if (typeof obj.tag === 'string' && typeof obj.name === 'string') out.push(obj.name);
  for (const v of Object.values(obj)) if (v && typeof v === 'object') componentNames(v, out);
  return out;
}

/** Throws CARD_TOO_LARGE when a card would be refused by Lark; never retryable. */
export function assertWithinLimits(card: Card): void {
  const bytes = cardBytes(card);
  const components = countComponents(card);
  if (bytes > CARD_MAX_BYTES || components > CARD_MAX_COMPONENTS) {
    throw new DubanError('CARD_TOO_LARGE', `卡片超出飞书限制：${bytes} 字节，${components} 个组件`, {
      details: { bytes, components },
    });
  }
}

/** Room left for the header and the footer when filling a card with lines. */
export const LINE_BUDGET_BYTES = 24 * 1024;

/**
 * Takes lines while they fit the byte budget and a line cap; the rest is counted so the card can
 * say how many were left out rather than fail to send.
 */
export function fitLines(lines: string[], maxLines: number, budget = LINE_BUDGET_BYTES): { shown: string[]; hidden: number } {
  const shown: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    // Escaping can grow a line (quotes, backslashes): count it as the card measure does.
    const size = cardBytes(line);
    if (shown.length >= maxLines || bytes + size > budget) break;
    shown.push(line);
    bytes += size;
  }
  return { shown, hidden: lines.length - shown.length };
}
