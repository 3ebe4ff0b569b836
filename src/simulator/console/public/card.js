// Card JSON 2.0 → DOM, close enough to Lark's client to read and click: header, markdown, div,
// column_set, form (select_static, input, date_picker, buttons), collapsible_panel, table,
// chart, hr, plain_text. `ctx.onAction({tag, name, value, formValue, option})` is called on clicks.

import { renderChart } from './chart.js';
import { h, textHtml, textOf } from './dom.js';
import { dateInput, field, renderButton, renderForm, selectInput, textInput } from './fields.js';
import { colorClass, esc, renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export function renderCard(card, ctx) {
  const root = h('div', 'card');
  if (!card || typeof card !== 'object') {
    root.append(h('div', 'unsupported', '（无法显示的卡片）'));
    return root;
  }
  if (card.header) root.append(renderHeader(card.header, ctx));
  const body = h('div', 'card-body');
  const elements = card.body?.elements ?? card.elements ?? [];
  for (const el of elements) body.append(renderElement(el, ctx, null));
  root.append(body);
  return root;
}

function renderHeader(head, ctx) {
  const e = h('div', `card-header tpl-${colorClass(head.template ?? 'default')}`);
  const title = h('div', 'card-title', textHtml(head.title, ctx));
  for (const t of head.text_tag_list ?? []) title.append(h('span', `tt tt-${colorClass(t.color)}`, esc(textOf(t.text))));
  e.append(title);
  if (head.subtitle && textOf(head.subtitle)) e.append(h('div', 'card-subtitle', textHtml(head.subtitle, ctx)));
  return e;
}

const RENDERERS = {
  markdown: (el, ctx) => {
    const e = h('div', `md size-${el.text_size ?? 'normal'}`, renderMarkdown(el.content, ctx));
    if (el.text_align) e.style.textAlign = el.text_align;
    return e;
  },
  div: (el, ctx) => {
    const t = el.text ?? {};
    const e = h('div', `md size-${t.text_size ?? 'normal'} f-${colorClass(t.text_color ?? 'default')}`, textHtml(t, ctx));
    if (t.text_align) e.style.textAlign = t.text_align;
    return e;
  },
  plain_text: (el) => h('div', 'md', esc(el.content ?? '').replace(/\n/g, '<br>')),
  hr: () => h('hr', 'card-hr'),
  column_set: (el, ctx, form) => {
    const e = h('div', `cols flex-${el.flex_mode ?? 'none'}`);
    for (const col of el.columns ?? []) {
      const c = h('div', 'col');
      if (col.width === 'auto') c.style.flex = '0 0 auto';
      else c.style.flex = `${Number(col.weight) || 1} 1 0`;
      if (col.vertical_align) c.style.alignSelf = { top: 'flex-start', center: 'center', bottom: 'flex-end' }[col.vertical_align] ?? '';
      for (const child of col.elements ?? []) c.append(renderElement(child, ctx, form));
      e.append(c);
    }
    return e;
  },
  collapsible_panel: (el, ctx, form) => {
    const d = h('details', 'panel');
    if (el.expanded) d.open = true;
    if (el.border?.color) d.classList.add(`border-${colorClass(el.border.color)}`);
    const s = h('summary', '', textHtml(el.header?.title, ctx));
    d.append(s);
    const inner = h('div', 'panel-body');
    for (const child of el.elements ?? []) inner.append(renderElement(child, ctx, form));
    d.append(inner);
    return d;
  },
  form: (el, ctx) => renderForm(el, ctx, renderElement),
  select_static: (el, ctx, form) => field(el, ctx, form, selectInput(el)),
  input: (el, ctx, form) => field(el, ctx, form, textInput(el)),
  date_picker: (el, ctx, form) => field(el, ctx, form, dateInput(el)),
  button: (el, ctx, form) => renderButton(el, ctx, form),
  table: (el, ctx) => renderTable(el, ctx),
  chart: (el) => renderChart(el),
  img: () => h('div', 'placeholder', '[图片]'),
  image: () => h('div', 'placeholder', '[图片]'),
  note: (el, ctx) => {
    const e = h('div', 'md size-notation f-grey');
    for (const child of el.elements ?? []) e.append(renderElement(child, ctx, null));
    return e;
  },
};

export function renderElement(el, ctx, form) {
  const r = el && RENDERERS[el.tag];
  if (!r) return h('div', 'unsupported', `不支持的组件：${esc(el?.tag ?? typeof el)}`);
  const e = r(el, ctx, form);
  if (el.margin && e.style) e.style.margin = String(el.margin);
  return e;
}
