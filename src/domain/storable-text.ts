// Text Postgres cannot store: U+0000 (text and jsonb reject it) and UTF-16 surrogates without
// their pair (not a character at all; the driver would silently turn them into U+FFFD, jsonb
// rejects them). A reply carrying either must be refused in the webhook, where the reporter
// still sees the answer, not in the worker after 「已提交」.

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when every character of `s` can be stored as Postgres text. */
export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);

/** True when no string anywhere inside `v` (object keys included) is unstorable. */
export function isStorableValue(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return isStorableText(v);
  if (depth > 20 || v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every((x) => isStorableValue(x, depth + 1));
  return Object.entries(v).every(([k, x]) => isStorableText(k) && isStorableValue(x, depth + 1));
}
