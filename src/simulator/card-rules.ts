// Card JSON 2.0 validity as Lark checks it on send, reply, patch, delayed update and callback
// answers. Sources (official pages under open.feishu.cn/document/feishu-cards/):
// - card-json-v2-structure and card-json-v2-breaking-changes-release-notes: `schema: "2.0"`,
//   top-level keys, `body.elements`, "unsupported properties are rejected", only shared cards
//   (`update_multi` true), no 1.0-only tags such as `action` / `note` (error 200861);
// - card-json-v2-components/*: each component's properties, enums and nesting rules (forms at the
//   body's root only, no form in a form or a collapsible panel, tables at the root only, columns
//   only in a column_set, containers nested ≤ 5 deep, form fields named uniquely — 200530);
// - im-v1/message/create error table: 230099 with ErrCode 11310 (> 200 components), 200621
//   (invalid card JSON), 200861, 200550 (chart spec), 200570 (image key), 200914 / 200915 (table
//   rows), in the documented `msg` form; 200530 (form names) from card-callback-communication;
//   230025 for content over 30 KB.
// Anything a page does not name is not guessed at: components we do not model are checked for a
// tag and a known name only.

export interface CardViolation {
  /** Lark's sub-code, as it appears in `ErrCode:` of a 230099 message. */
  errCode: number;
  /** Where in the card, e.g. `body.elements[3].elements[0]`. */
  path: string;
  message: string;
}

export const CARD_MAX_COMPONENTS = 200;
const MAX_CONTAINER_DEPTH = 5;
const MAX_TABLES = 5;
const MAX_TABLE_COLUMNS = 50;

const COMMON = ['tag', 'element_id', 'margin'];
const LAYOUT = ['direction', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align', 'padding', 'background_style', 'background_color'];
const FIELD = ['name', 'required', 'disabled', 'disabled_tips', 'placeholder', 'width', 'confirm', 'behaviors', 'value', 'fallback'];

/** Properties each 2.0 component may carry (its official component page). */
const PROPS: Record<string, string[]> = {
  markdown: ['content', 'text_align', 'text_size', 'icon', 'href', 'i18n_content'],
  div: ['text', 'icon', 'width', 'fields'],
  hr: [],
  img: ['img_key', 'alt', 'title', 'corner_radius', 'scale_type', 'size', 'transparent', 'preview', 'mode', 'compact_width', 'custom_width'],
  img_combination: ['combination_mode', 'corner_radius', 'img_list'],
  person: ['user_id', 'size', 'show_avatar', 'show_name', 'style'],
  person_list: ['persons', 'size', 'lines', 'show_avatar', 'show_name', 'icon', 'ud_icon', 'drop_invalid_user_id'],
  chart: ['chart_spec', 'aspect_ratio', 'color_theme', 'height', 'preview'],
  table: ['columns', 'rows', 'page_size', 'row_height', 'row_max_height', 'header_style', 'freeze_first_column'],
  audio: ['file_key', 'audio_id', 'show_time', 'style'],
  button: ['type', 'size', 'width', 'text', 'icon', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', 'behaviors', 'name', 'form_action_type', 'complex_interaction', 'value'],
  input: [...FIELD, 'default_value', 'max_length', 'input_type', 'show_icon', 'rows', 'auto_resize', 'max_rows', 'label', 'label_position'],
  select_static: [...FIELD, 'type', 'initial_index', 'initial_option', 'options'],
  multi_select_static: [...FIELD, 'type', 'selected_values', 'options'],
  select_person: [...FIELD, 'type', 'initial_option', 'options'],
  multi_select_person: [...FIELD, 'type', 'selected_values', 'options'],
  date_picker: [...FIELD, 'initial_date'],
  picker_time: [...FIELD, 'initial_time'],
  picker_datetime: [...FIELD, 'initial_datetime'],
  overflow: ['width', 'options', 'value', 'confirm', 'behaviors'],
  checker: ['name', 'checked', 'text', 'overall_checkable', 'button_area', 'checked_style', 'padding', 'behaviors', 'hover_tips', 'disabled', 'disabled_tips', 'confirm'],
  select_img: [...FIELD, 'multi_select', 'layout', 'has_border', 'border_color', 'aspect_ratio', 'options', 'initial_option'],
  column_set: ['columns', 'flex_mode', 'horizontal_spacing', 'horizontal_align', 'background_style', 'action'],
  column: ['elements', 'width', 'weight', 'action', ...LAYOUT],
  form: ['name', 'elements', ...LAYOUT],
  collapsible_panel: ['expanded', 'header', 'border', 'elements', ...LAYOUT],
  interactive_container: ['elements', 'width', 'height', 'has_border', 'border_color', 'corner_radius', 'behaviors', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', ...LAYOUT],
};

/** 1.0 tags a 2.0 card may not use ("cards of schema V2 no longer support this capability"). */
const V1_ONLY = new Set(['action', 'note', 'date_picker_v1', 'img_v1']);
const CONTAINERS = new Set(['column_set', 'column', 'form', 'collapsible_panel', 'interactive_container']);
/** Components that send their value with a form submit, so need a unique name there. */
const FORM_FIELDS = new Set(['input', 'select_static', 'multi_select_static', 'select_person', 'multi_select_person', 'date_picker', 'picker_time', 'picker_datetime', 'checker', 'select_img']);

const ENUMS: Record<string, Record<string, readonly string[]>> = {
  button: {
    type: ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'],
    size: ['tiny', 'small', 'medium', 'large'],
    form_action_type: ['submit', 'reset'],
  },
  markdown: { text_align: ['left', 'center', 'right'], text_size: ['heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal', 'notation', 'xxxx-large', 'xxx-large', 'xx-large', 'x-large', 'large', 'medium', 'small', 'x-small'] },
  input: { input_type: ['text', 'multiline_text', 'password'], label_position: ['top', 'left'] },
  select_static: { type: ['default', 'text'] },
  column_set: { flex_mode: ['none', 'stretch', 'flow', 'bisect', 'trisect'] },
  chart: { aspect_ratio: ['1:1', '2:1', '4:3', '16:9'], color_theme: ['brand', 'rainbow', 'complementary', 'converse', 'primary'] },
  table: { row_height: ['low', 'middle', 'high', 'auto'] },
};
const HEADER_TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default'];
const TABLE_TYPES = ['text', 'lark_md', 'options', 'number', 'persons', 'date', 'markdown'];
const TOP_KEYS = ['schema', 'config', 'card_link', 'header', 'body'];
const HEADER_KEYS = ['title', 'subtitle', 'template', 'text_tag_list', 'i18n_text_tag_list', 'icon', 'ud_icon', 'padding'];
const CONFIG_KEYS = ['update_multi', 'width_mode', 'enable_forward', 'enable_forward_interaction', 'summary', 'streaming_mode', 'streaming_config', 'use_custom_translation', 'locales', 'style'];
const BODY_KEYS = ['elements', ...LAYOUT];
const TEXT_KEYS = ['tag', 'content', 'text_size', 'text_color', 'text_align', 'lines', 'i18n_content'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Walk {
  out: CardViolation[];
  components: number;
  tables: number;
  names: Map<string, string>;
}

/**
 * Every rule a card breaks, in document order (empty when Lark would accept it). Cards without
 * `schema: "2.0"` are 1.0 cards, which Lark still takes; duban sends none, so only their shape
 * (an object) is checked.
 */
export function validateCard(card: unknown): CardViolation[] {
  const w: Walk = { out: [], components: 0, tables: 0, names: new Map() };
  const bad = (errCode: number, path: string, message: string) => w.out.push({ errCode, path, message });
  if (!isObj(card)) {
    bad(200621, '', 'card is not a JSON object');
    return w.out;
  }
  if (card.schema === undefined) return w.out;
  if (card.schema !== '2.0') {
    bad(200621, 'schema', `unknown schema ${JSON.stringify(card.schema)}`);
    return w.out;
  }
  unknownKeys(w, card, TOP_KEYS, '');
  if ('elements' in card || 'i18n_elements' in card || 'fallback' in card) bad(200861, '', 'elements / i18n_elements / fallback are 1.0 fields; use body.elements');
  if (card.config !== undefined) {
    if (!isObj(card.config)) bad(200621, 'config', 'config must be an object');
    else {
      unknownKeys(w, card.config, CONFIG_KEYS, 'config');
      if (card.config.update_multi === false) bad(200861, 'config.update_multi', 'JSON 2.0 cards are shared cards only: update_multi cannot be false');
    }
  }
  if (card.header !== undefined) checkHeader(w, card.header);
  if (!isObj(card.body)) {
    bad(200621, 'body', 'body is required in JSON 2.0');
    return w.out;
  }
  unknownKeys(w, card.body, BODY_KEYS, 'body');
  if (!Array.isArray(card.body.elements)) bad(200621, 'body.elements', 'body.elements must be an array');
  else elements(w, card.body.elements, 'body.elements', { depth: 0, root: true, inForm: false, inPanel: false });
  if (w.components > CARD_MAX_COMPONENTS) bad(11310, 'body', `element exceeds the limit: ${w.components} components (max ${CARD_MAX_COMPONENTS})`);
  return w.out;
}

function unknownKeys(w: Walk, obj: Obj, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) w.out.push({ errCode: 200621, path: path ? `${path}.${k}` : k, message: `unsupported property "${k}"` });
  }
}

function text(w: Walk, v: unknown, path: string, required: boolean): void {
  if (v === undefined) {
    if (required) w.out.push({ errCode: 200621, path, message: 'text object required' });
    return;
  }
  if (!isObj(v) || (v.tag !== 'plain_text' && v.tag !== 'lark_md') || (typeof v.content !== 'string' && !isObj(v.i18n_content))) {
    w.out.push({ errCode: 200621, path, message: 'text must be {tag: plain_text|lark_md, content: string}' });
    return;
  }
  unknownKeys(w, v, TEXT_KEYS, path);
}

function checkHeader(w: Walk, h: unknown): void {
  if (!isObj(h)) {
    w.out.push({ errCode: 200621, path: 'header', message: 'header must be an object' });
    return;
  }
  unknownKeys(w, h, HEADER_KEYS, 'header');
  text(w, h.title, 'header.title', true);
  text(w, h.subtitle, 'header.subtitle', false);
  if (h.template !== undefined && !HEADER_TEMPLATES.includes(String(h.template))) {
    w.out.push({ errCode: 200621, path: 'header.template', message: `unknown header template ${JSON.stringify(h.template)}` });
  }
  if (h.text_tag_list !== undefined) {
    if (!Array.isArray(h.text_tag_list) || h.text_tag_list.length > 3) w.out.push({ errCode: 200621, path: 'header.text_tag_list', message: 'text_tag_list is an array of at most 3 tags' });
    else
      h.text_tag_list.forEach((t, i) => {
        const p = `header.text_tag_list[${i}]`;
        if (!isObj(t) || t.tag !== 'text_tag') return void w.out.push({ errCode: 200621, path: p, message: 'expected a text_tag' });
        unknownKeys(w, t, ['tag', 'element_id', 'text', 'color'], p);
        text(w, t.text, `${p}.text`, true);
      });
  }
}

interface Place {
  depth: number;
  root: boolean;
  inForm: boolean;
  inPanel: boolean;
}

function elements(w: Walk, list: unknown, path: string, at: Place): void {
  if (!Array.isArray(list)) {
    w.out.push({ errCode: 200621, path, message: 'elements must be an array' });
    return;
  }
  list.forEach((el, i) => component(w, el, `${path}[${i}]`, at));
}

function component(w: Walk, el: unknown, path: string, at: Place): void {
  const bad = (errCode: number, message: string, where = path) => w.out.push({ errCode, path: where, message });
  if (!isObj(el) || typeof el.tag !== 'string') return void bad(200621, 'component without a tag');
  const tag = el.tag;
  if (V1_ONLY.has(tag)) return void bad(200861, `cards of schema V2 no longer support this capability: tag "${tag}"`);
  const props = PROPS[tag];
  if (!props) return void bad(200621, `unknown component tag "${tag}"`);
  if (tag === 'column') return void bad(200621, 'a column may only appear in a column_set\'s columns');
  w.components += 1;
  unknownKeys(w, el, [...COMMON, ...props], path);
  for (const [key, allowed] of Object.entries(ENUMS[tag] ?? {})) {
    if (el[key] !== undefined && !allowed.includes(String(el[key]))) bad(200621, `${key} must be one of ${allowed.join(', ')}`, `${path}.${key}`);
  }
  if (typeof el.name === 'string' || FORM_FIELDS.has(tag) || tag === 'form') checkName(w, el, path, at);

  const depth = CONTAINERS.has(tag) ? at.depth + 1 : at.depth;
  if (CONTAINERS.has(tag) && depth > MAX_CONTAINER_DEPTH) bad(200621, `containers nest at most ${MAX_CONTAINER_DEPTH} levels`);
  const inner: Place = { ...at, depth, root: false };
  switch (tag) {
    case 'markdown':
      if (typeof el.content !== 'string') bad(200621, 'markdown needs content', `${path}.content`);
      break;
    case 'div':
      if (el.text === undefined && el.fields === undefined) bad(200621, 'div needs text');
      text(w, el.text, `${path}.text`, false);
      break;
    case 'img':
      if (typeof el.img_key !== 'string' || !el.img_key) bad(200570, 'img needs an img_key', `${path}.img_key`);
      break;
    case 'button':
      text(w, el.text, `${path}.text`, false);
      behaviors(w, el.behaviors, `${path}.behaviors`);
      if (el.form_action_type !== undefined && !at.inForm) bad(200621, 'form_action_type is for buttons inside a form');
      break;
    case 'input':
      text(w, el.placeholder, `${path}.placeholder`, false);
      if (el.max_length !== undefined && !(Number.isInteger(el.max_length) && (el.max_length as number) >= 1 && (el.max_length as number) <= 1000)) {
        bad(200621, 'max_length is an integer 1–1000', `${path}.max_length`);
      }
      break;
    case 'select_static':
    case 'multi_select_static':
      text(w, el.placeholder, `${path}.placeholder`, false);
      options(w, el, path);
      break;
    case 'chart':
      if (!isObj(el.chart_spec)) bad(200550, 'chart_spec must be a VChart spec object', `${path}.chart_spec`);
      break;
    case 'table':
      table(w, el, path, at);
      break;
    case 'column_set':
      if (!Array.isArray(el.columns)) bad(200621, 'column_set needs columns', `${path}.columns`);
      else
        el.columns.forEach((c, i) => {
          const p = `${path}.columns[${i}]`;
          if (!isObj(c) || c.tag !== 'column') return void bad(200621, 'columns hold only column components', p);
          w.components += 1;
          unknownKeys(w, c, [...COMMON, ...PROPS.column!], p);
          if (c.width !== undefined && !/^(auto|weighted|\d+px)$/.test(String(c.width))) bad(200621, 'column width is auto, weighted or Npx', `${p}.width`);
          if (c.weight !== undefined && !(Number.isInteger(c.weight) && (c.weight as number) >= 1 && (c.weight as number) <= 5)) bad(200621, 'column weight is 1–5', `${p}.weight`);
          elements(w, c.elements ?? [], `${p}.elements`, { ...inner, depth: depth + 1 });
        });
      break;
    case 'form':
      if (!at.root) bad(200621, 'a form must sit at the root of the card body (not nested, not in another form)');
      if (at.inPanel) bad(200621, 'a collapsible_panel cannot hold a form');
      elements(w, el.elements, `${path}.elements`, { ...inner, inForm: true });
      if (!hasSubmit(el.elements)) bad(200621, 'a form needs a button with form_action_type "submit"');
      break;
    case 'collapsible_panel':
      if (!isObj(el.header)) bad(200621, 'collapsible_panel needs a header with a title', `${path}.header`);
      else text(w, el.header.title, `${path}.header.title`, true);
      elements(w, el.elements, `${path}.elements`, { ...inner, inPanel: true });
      break;
    case 'interactive_container':
      elements(w, el.elements, `${path}.elements`, inner);
      break;
  }
}

function checkName(w: Walk, el: Obj, path: string, at: Place): void {
  const name = el.name;
  if (name === undefined && !at.inForm && el.tag !== 'form') return;
  if (typeof name !== 'string' || name.trim() === '') {
    w.out.push({ errCode: 200530, path: `${path}.name`, message: 'a form and every field in it need a non-empty name' });
    return;
  }
  const seen = w.names.get(name);
  if (seen) w.out.push({ errCode: 200530, path: `${path}.name`, message: `name "${name}" is already used at ${seen}; names are unique in a card` });
  else w.names.set(name, path);
}

function behaviors(w: Walk, v: unknown, path: string): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) return void w.out.push({ errCode: 200621, path, message: 'behaviors must be an array' });
  v.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(b) || !['callback', 'open_url', 'form_action'].includes(String(b.type))) {
      w.out.push({ errCode: 200621, path: p, message: 'behavior type is callback, open_url or form_action' });
    } else if (b.type === 'open_url' && typeof b.default_url !== 'string') {
      w.out.push({ errCode: 200621, path: p, message: 'open_url needs default_url' });
    }
  });
}

function options(w: Walk, el: Obj, path: string): void {
  if (!Array.isArray(el.options)) return void w.out.push({ errCode: 200621, path: `${path}.options`, message: 'options must be an array' });
  el.options.forEach((o, i) => {
    const p = `${path}.options[${i}]`;
    if (!isObj(o) || typeof o.value !== 'string') return void w.out.push({ errCode: 200621, path: p, message: 'an option needs a string value' });
    unknownKeys(w, o, ['text', 'value', 'icon'], p);
    text(w, o.text, `${p}.text`, true);
  });
  const values = el.options.filter(isObj).map((o) => o.value);
  if (el.initial_option !== undefined && !values.includes(el.initial_option)) {
    w.out.push({ errCode: 200621, path: `${path}.initial_option`, message: 'initial_option must be one of the options' });
  }
}

function table(w: Walk, el: Obj, path: string, at: Place): void {
  const bad = (errCode: number, message: string, where = path) => w.out.push({ errCode, path: where, message });
  w.tables += 1;
  if (!at.root) bad(200621, 'a table sits at the root of the card body only');
  if (w.tables > MAX_TABLES) bad(11310, `at most ${MAX_TABLES} tables per card`);
  if (el.page_size !== undefined && !(Number.isInteger(el.page_size) && (el.page_size as number) >= 1 && (el.page_size as number) <= 10)) {
    bad(200621, 'page_size is 1–10', `${path}.page_size`);
  }
  if (!Array.isArray(el.columns) || el.columns.length === 0 || el.columns.length > MAX_TABLE_COLUMNS) {
    return void bad(200621, `a table needs 1–${MAX_TABLE_COLUMNS} columns`, `${path}.columns`);
  }
  const names = new Set<string>();
  el.columns.forEach((c, i) => {
    const p = `${path}.columns[${i}]`;
    if (!isObj(c) || typeof c.name !== 'string' || !c.name) return void bad(200621, 'a column needs a name', p);
    unknownKeys(w, c, ['name', 'display_name', 'data_type', 'width', 'horizontal_align', 'vertical_align', 'format', 'date_format'], p);
    if (c.data_type !== undefined && !TABLE_TYPES.includes(String(c.data_type))) bad(200621, `data_type must be one of ${TABLE_TYPES.join(', ')}`, `${p}.data_type`);
    names.add(c.name);
  });
  if (el.rows === undefined) return;
  if (!Array.isArray(el.rows)) return void bad(200914, 'rows must be an array', `${path}.rows`);
  el.rows.forEach((r, i) => {
    if (!isObj(r)) return void bad(200914, 'a row is an object keyed by column name', `${path}.rows[${i}]`);
    for (const k of Object.keys(r)) if (!names.has(k)) bad(200915, `row key "${k}" is not a column`, `${path}.rows[${i}].${k}`);
  });
}

function hasSubmit(list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  return list.some((el) => isObj(el) && ((el.tag === 'button' && el.form_action_type === 'submit') || hasSubmit(el.elements) || (Array.isArray(el.columns) && el.columns.some((c) => isObj(c) && hasSubmit(c.elements)))));
}

/** Lark's ErrMsg for each sub-code (message create page, "230099 子错误码"). */
const ERR_MSG: Record<number, string> = {
  11310: 'element exceeds the limit',
  200530: 'the name of a form component is empty or repeated',
  200550: 'chart spec is invalid',
  200570: 'card contains invalid image keys',
  200621: 'parse card json err, please check whether the card json is correct',
  200861: 'cards of schema V2 no longer support this capability',
  200914: 'table rows is invalid',
  200915: 'table rows name is invalid',
};

/**
 * Lark's 230099 `msg` for the first violation, in the documented form
 * `Failed to create card content, ext=ErrCode: <sub-code>; ErrPath: ROOT -> …; ErrMsg: …; ErrorValue: …; `
 * (the ErrorValue says what exactly, for whoever reads the log).
 */
export function refusalMessage(v: CardViolation): string {
  const errPath = v.path ? `ErrPath: ROOT -> ${v.path.replace(/\./g, ' -> ')}; ` : '';
  const errMsg = v.errCode === 11310 && /table/.test(v.message) ? 'card table number over limit' : (ERR_MSG[v.errCode] ?? v.message);
  return `Failed to create card content, ext=ErrCode: ${v.errCode}; ${errPath}ErrMsg: ${errMsg}; ErrorValue: ${v.message}; `;
}
