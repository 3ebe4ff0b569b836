// The table component: columns by data_type, paged by page_size like Lark's client.

import { h } from './dom.js';
import { colorClass, esc, inline } from './markdown.js';

function cell(col, v, ctx) {
  if (v == null) return '';
  switch (col.data_type) {
    case 'lark_md':
      return inline(String(v), { ...ctx, backslash: false });
    case 'markdown':
      return inline(String(v), ctx);
    case 'date':
      return esc(new Date(Number(v)).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }));
    case 'options':
      return (Array.isArray(v) ? v : [v]).map((o) => `<span class="tt tt-${colorClass(o?.color)}">${esc(o?.text ?? o)}</span>`).join(' ');
    case 'persons':
      return (Array.isArray(v) ? v : [v]).map((id) => `<span class="mention">@${esc(ctx.nameOf?.(id) ?? id)}</span>`).join(' ');
    default:
      return esc(String(v));
  }
}

export function renderTable(el, ctx) {
  const box = h('div', 'table-box');
  const cols = el.columns ?? [];
  const rows = el.rows ?? [];
  const size = Math.min(10, Math.max(1, Number(el.page_size) || 5));
  const pages = Math.max(1, Math.ceil(rows.length / size));
  let page = 0;
  const draw = () => {
    const head = cols.map((c) => `<th>${esc(c.display_name ?? c.name)}</th>`).join('');
    const body = rows
      .slice(page * size, page * size + size)
      .map((r) => `<tr>${cols.map((c) => `<td data-label="${esc(c.display_name ?? c.name)}">${cell(c, r[c.name], ctx)}</td>`).join('')}</tr>`)
      .join('');
    box.innerHTML = `<div class="table-scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
    if (pages > 1) {
      const nav = h('div', 'pager');
      const prev = h('button', 'btn size-small', '‹');
      const next = h('button', 'btn size-small', '›');
      prev.type = next.type = 'button';
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
      prev.onclick = () => ((page -= 1), draw());
      next.onclick = () => ((page += 1), draw());
      nav.append(prev, h('span', '', `${page + 1} / ${pages}`), next);
      box.append(nav);
    }
  };
  draw();
  return box;
}
