// Card JSON 2.0 → DOM, close enough to Lark's client to read and click: header, markdown, div,
// column_set, form (select_static, input, date_picker, buttons), collapsible_panel, table,
// chart, hr, plain_text. `ctx.onAction({tag, name, value, formValue, option})` is called on clicks.

import { renderChart } from './chart.js';
import { colorClass, esc, inline, renderMarkdown } from './markdown.js';

const h = (tag, cls, html) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (html !== undefined) e.innerHTML = html;
  return e;
};

const textOf = (t) => (t && typeof t === 'object' ? String(t.content ?? '') : typeof t === 'string' ? t : '');

/** plain_text is shown as is; lark_md / markdown text objects as markdown. */
function textHtml(t, ctx) {
  if (!t || typeof t !== 'object') return esc(textOf(t));
  return t.tag === 'lark_md' || t.tag === 'markdown' ? renderMarkdown(t.content, ctx) : esc(t.content ?? '').replace(/\n/g, '<br>');
}

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
  form: (el, ctx) => renderForm(el, ctx),
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

// --- form fields --------------------------------------------------------------------------

function selectInput(el) {
  const s = h('select', 'in');
  const ph = h('option', '', esc(textOf(el.placeholder) || '请选择'));
  ph.value = '';
  s.append(ph);
  for (const o of el.options ?? []) {
    const opt = h('option', '', esc(textOf(o.text)));
    opt.value = String(o.value);
    s.append(opt);
  }
  s.value = el.initial_option != null ? String(el.initial_option) : '';
  return s;
}

function textInput(el) {
  const multi = el.input_type === 'multiline_text';
  const i = h(multi ? 'textarea' : 'input', 'in');
  if (multi) i.rows = Number(el.rows) || 2;
  if (el.max_length) i.maxLength = Number(el.max_length);
  i.placeholder = textOf(el.placeholder);
  if (el.default_value != null) i.value = String(el.default_value);
  return i;
}

function dateInput(el) {
  const i = h('input', 'in');
  i.type = 'date';
  if (el.initial_date) i.value = String(el.initial_date);
  return i;
}

/** A form field registers itself with its form; outside a form it is an action of its own. */
function field(el, ctx, form, input) {
  const wrap = h('label', `field w-${el.width ?? 'default'}`);
  if (el.label) wrap.append(h('span', 'field-label', textHtml(el.label, ctx)));
  input.name = el.name ?? '';
  input.dataset.tag = el.tag;
  if (el.required) {
    input.required = true;
    wrap.classList.add('required');
  }
  wrap.append(input);
  if (form) form.fields.push({ el, input });
  else if (el.tag !== 'input') {
    input.addEventListener('change', () => ctx.onAction({ tag: el.tag, name: el.name, value: callbackValue(el), option: valueOf(el, input) }));
  }
  return wrap;
}

function valueOf(el, input) {
  if (el.tag === 'date_picker') return input.value ? `${input.value} +0800` : '';
  return input.value;
}

function callbackValue(el) {
  const b = (el.behaviors ?? []).find((x) => x.type === 'callback');
  return b ? b.value : el.value ?? {};
}

function renderForm(el, ctx) {
  const f = h('form', 'card-form');
  f.noValidate = true;
  f.dataset.name = el.name ?? '';
  const form = { fields: [], el: f };
  for (const child of el.elements ?? []) f.append(renderElement(child, ctx, form));
  f.addEventListener('submit', (e) => e.preventDefault());
  f._form = form;
  return f;
}

/** What Lark sends as form_value: every named field; a select only once something is chosen. */
function formValue(form) {
  const out = {};
  const missing = [];
  for (const { el, input } of form.fields) {
    if (!el.name) continue;
    const v = valueOf(el, input);
    if (el.required && !v) missing.push(input);
    if (el.tag === 'select_static' && !v) continue;
    out[el.name] = v;
  }
  return { value: out, missing };
}

function renderButton(el, ctx, form) {
  const b = h('button', `btn btn-${el.type ?? 'default'} size-${el.size ?? 'medium'}`, esc(textOf(el.text)));
  b.type = 'button';
  b.name = el.name ?? '';
  if (el.width === 'fill') b.classList.add('fill');
  if (el.disabled) b.disabled = true;
  b.addEventListener('click', async () => {
    if (el.confirm && !window.confirm(`${textOf(el.confirm.title)}\n${textOf(el.confirm.text)}`)) return;
    if (form && el.form_action_type === 'reset') return form.el.reset();
    const url = (el.behaviors ?? []).find((x) => x.type === 'open_url');
    if (url?.default_url) return window.open(url.default_url, '_blank', 'noopener');
    let fv;
    if (form && el.form_action_type === 'submit') {
      const { value, missing } = formValue(form);
      form.fields.forEach(({ input }) => input.classList.toggle('invalid', missing.includes(input)));
      if (missing.length) return ctx.notify('warning', '请填写必填项');
      fv = value;
    }
    const scope = form ? [...form.el.querySelectorAll('button')] : [b];
    scope.forEach((x) => (x.disabled = true));
    const label = b.innerHTML;
    b.innerHTML = '处理中…';
    try {
      await ctx.onAction({ tag: 'button', name: el.name, value: callbackValue(el), formValue: fv });
    } finally {
      b.innerHTML = label;
      scope.forEach((x) => (x.disabled = false));
    }
  });
  return b;
}

// --- table --------------------------------------------------------------------------------

function cell(col, v, ctx) {
  if (v == null) return '';
  switch (col.data_type) {
    case 'lark_md':
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

function renderTable(el, ctx) {
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
