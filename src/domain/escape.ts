/**
 * Escaping of user text (notes, names, titles) before it is put into a card or a text message,
 * so `<at id=all></at>`, `<font>`, `[x](url)` or `**x**` show as typed and never mention, colour
 * or link anything (docs/architecture.md#invariants).
 */

// Markdown punctuation, replaced by numeric character references: Lark's `lark_md` (table cells,
// div text) has no backslash escapes, so `\(` would show its backslash there; an entity shows as
// the character in both `lark_md` and `markdown` and never starts emphasis, links, code, tables or
// headings.
const MD_SPECIALS = /[\\`*_~[\]()#|!{}$]/g;
const entity = (c: string) => `&#${c.codePointAt(0)};`;

/**
 * For `markdown` / `lark_md` content: what Lark shows is what the user typed. Tags become
 * entities (no `<at id=all>`, `<font>`), markdown punctuation becomes numeric references.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_SPECIALS, entity)
    // Line starts that would turn into lists or quotes.
    .replace(/^(\s*)([-+])(\s)/gm, (_, a: string, c: string, b: string) => `${a}${entity(c)}${b}`)
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2&#46;$3');
}

/**
 * For text messages (`msg_type: text`), which parse `<at user_id="…">` but not markdown or
 * entities: angle brackets become their full-width forms, which read the same.
 */
export function escapeMessageText(text: string): string {
  return text.replace(/</g, '＜').replace(/>/g, '＞');
}

/**
 * An http(s) address made safe inside a markdown link target: characters that could end the
 * target or start markup are percent-encoded (the same address to a browser). Anything else
 * (javascript:, data:, a bare word) gives null and is shown as text instead.
 */
export function safeLinkTarget(url: string | null | undefined): string | null {
  const u = (url ?? '').trim();
  if (!/^https?:\/\/[^\s/?#]+/i.test(u)) return null;
  return u.replace(/[\s()<>"'`\\[\]*_~|{}!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[text](url)` for markdown / lark_md, the text escaped; just the escaped text when the url is not http(s). */
export function markdownLink(text: string, url: string | null | undefined): string {
  const target = safeLinkTarget(url);
  return target ? `[${escapeMarkdown(text)}](${target})` : escapeMarkdown(text);
}

/** Count of Unicode code points, the way people count characters (emoji and rare CJK count once). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** At most `max` code points, with an ellipsis when shortened. */
export function truncate(text: string, max: number): string {
  if (codePointLength(text) <= max) return text;
  return `${Array.from(text).slice(0, Math.max(0, max - 1)).join('')}…`;
}
