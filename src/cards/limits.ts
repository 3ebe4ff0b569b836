import { DubanError } from '../errors.ts';

/** Lark's limits for one card message (lark-platform.md §4.1): 30 KB body, 200 components. */
export const CARD_MAX_BYTES = 30 * 1024;
export const CARD_MAX_COMPONENTS = 200;

export type Card = Record<string, unknown>;

/**
 * Bytes the card takes in a message-create body, where it travels as a JSON string inside JSON
 * (`content: "{\"schema\":…}"`): quotes and newlines are escaped a second time. Measuring that
 * form keeps us under the limit whichever way the card is sent.
 */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(card)), 'utf8');
}

// Arrays whose items are components: body/container elements and a column_set's columns.
const COMPONENT_LISTS = ['elements', 'columns'] as const;

/** Every component, nested ones included: elements, columns, form fields, panel contents. */
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
