// Small DOM helpers shared by the card renderer's modules.

import { esc, renderMarkdown } from './markdown.js';

export const h = (tag, cls, html) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (html !== undefined) e.innerHTML = html;
  return e;
};

export const textOf = (t) => (t && typeof t === 'object' ? String(t.content ?? '') : typeof t === 'string' ? t : '');

/** plain_text is shown as is; lark_md / markdown text objects as markdown. */
export function textHtml(t, ctx) {
  if (!t || typeof t !== 'object') return esc(textOf(t));
  if (t.tag === 'lark_md') return renderMarkdown(t.content, { ...ctx, backslash: false });
  return t.tag === 'markdown' ? renderMarkdown(t.content, ctx) : esc(t.content ?? '').replace(/\n/g, '<br>');
}
