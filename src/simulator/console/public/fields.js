// Form fields and buttons of a card. Inside a form, fields register with it and the submit
// button sends every named field as form_value, as Lark does; outside, a change is an action.

import { h, textHtml, textOf } from './dom.js';
import { esc } from './markdown.js';

export function selectInput(el) {
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

export function textInput(el) {
  const multi = el.input_type === 'multiline_text';
  const i = h(multi ? 'textarea' : 'input', 'in');
  if (multi) i.rows = Number(el.rows) || 2;
  if (el.max_length) i.maxLength = Number(el.max_length);
  i.placeholder = textOf(el.placeholder);
  if (el.default_value != null) i.value = String(el.default_value);
  return i;
}

export function dateInput(el) {
  const i = h('input', 'in');
  i.type = 'date';
  if (el.initial_date) i.value = String(el.initial_date);
  return i;
}

/** A form field registers itself with its form; outside a form it is an action of its own. */
export function field(el, ctx, form, input) {
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

export function renderForm(el, ctx, renderElement) {
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

export function renderButton(el, ctx, form) {
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
