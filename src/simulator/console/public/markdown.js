// Lark card markdown → safe HTML: bold, italics, strike, code, links, <font color>, <text_tag>,
// <at id=…> mentions, headings, lists. Every character of the source ends up escaped unless it is
// one of these constructs, so entities (&lt;at id=all&gt;) show literally and nothing mentions.
// `ctx.backslash === false` renders `lark_md` (table cells, text objects), which has no backslash
// escapes: a `\(` there shows its backslash, as in Lark.

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", apos: "'", nbsp: '\u00a0' };
const ESCAPABLE = /[\\`*_~[\]()#|!{}+\-.>]/;

export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** A colour word Lark knows (red, green, grey, …) as a CSS class suffix; anything else is dropped. */
export const colorClass = (c) => (/^[a-z][a-z_-]{0,20}$/i.test(c || '') ? String(c).toLowerCase().replace('gray', 'grey') : 'default');

const safeUrl = (u) => (/^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : null);

const attr = (tag, name) => {
  const m = new RegExp(`${name}\\s*=\\s*(?:'([^']*)'|"([^"]*)"|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
};

/** Inline markdown of one line. `ctx.nameOf(openId)` names a mention. */
export function inline(src, ctx = {}) {
  let out = '';
  const stack = [];
  const open = (kind, html) => {
    stack.push(kind);
    out += html;
  };
  const closeTo = (kind) => {
    const at = stack.lastIndexOf(kind);
    if (at < 0) return false;
    while (stack.length > at) out += closer(stack.pop());
    return true;
  };
  const toggle = (kind, html) => (stack.includes(kind) ? closeTo(kind) : open(kind, html));
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const rest = src.slice(i);
    let m;
    if (c === '\\' && ctx.backslash !== false && i + 1 < src.length && ESCAPABLE.test(src[i + 1])) {
      out += esc(src[i + 1]);
      i += 2;
    } else if (c === '&' && (m = /^&(lt|gt|amp|quot|#39|apos|nbsp);/.exec(rest))) {
      out += esc(ENTITIES[m[1]]);
      i += m[0].length;
    } else if (c === '&' && (m = /^&#(?:(\d{1,7})|[xX]([0-9a-fA-F]{1,6}));/.exec(rest))) {
      // Numeric references show their character, never markup (Lark's way to escape in lark_md).
      const code = m[1] ? Number(m[1]) : parseInt(m[2], 16);
      out += code > 0 && code <= 0x10ffff ? esc(String.fromCodePoint(code)) : esc(m[0]);
      i += m[0].length;
    } else if (c === '<' && (m = /^<font\b[^>]*>/i.exec(rest))) {
      open('font', `<span class="f-${colorClass(attr(m[0], 'color'))}">`);
      i += m[0].length;
    } else if (c === '<' && (m = /^<text_tag\b[^>]*>/i.exec(rest))) {
      open('tag', `<span class="tt tt-${colorClass(attr(m[0], 'color'))}">`);
      i += m[0].length;
    } else if (c === '<' && (m = /^<\/(font|text_tag)\s*>/i.exec(rest))) {
      closeTo(m[1].toLowerCase() === 'font' ? 'font' : 'tag');
      i += m[0].length;
    } else if (c === '<' && (m = /^<at\b([^>]*)>(?:[^<]*)<\/at>/i.exec(rest))) {
      const id = attr(m[0], 'id') ?? attr(m[0], 'user_id') ?? attr(m[0], 'open_id') ?? attr(m[0], 'email') ?? '';
      const name = id === 'all' ? '所有人' : ctx.nameOf?.(id) ?? id;
      out += `<span class="mention" title="${esc(id)}">@${esc(name)}</span>`;
      i += m[0].length;
    } else if (c === '<' && (m = /^<link\b[^>]*>([^<]*)<\/link>/i.exec(rest))) {
      const url = safeUrl(attr(m[0], 'url') ?? '');
      out += url ? `<a href="${esc(url)}" target="_blank" rel="noopener">${esc(m[1] || url)}</a>` : esc(m[1]);
      i += m[0].length;
    } else if (c === '<' && (m = /^<br\s*\/?>/i.exec(rest))) {
      out += '<br>';
      i += m[0].length;
    } else if (rest.startsWith('**')) {
      toggle('strong', '<strong>');
      i += 2;
    } else if (rest.startsWith('~~')) {
      toggle('del', '<del>');
      i += 2;
    } else if (c === '*' && (stack.includes('em') || /^\*[^\s*][^*]*\*/.test(rest))) {
      toggle('em', '<em>');
      i += 1;
    } else if (c === '`' && (m = /^`([^`]+)`/.exec(rest))) {
      out += `<code>${esc(m[1])}</code>`;
      i += m[0].length;
    } else if (c === '[' && (m = /^\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/.exec(rest))) {
      const url = safeUrl(m[2]);
      const text = inline(m[1], ctx);
      out += url ? `<a href="${esc(url)}" target="_blank" rel="noopener">${text}</a>` : text;
      i += m[0].length;
    } else if ((c === 'h' || c === 'H') && (m = /^https?:\/\/(?:&amp;|(?!&)[^\s<>()[\]\\"'])+/i.exec(rest)) && !/[\w/]$/.test(src.slice(0, i))) {
      // A bare address links up to the first escaped character (an entity such as &#41;), like Lark.
      const url = m[0].replace(/&amp;/g, '&');
      out += `<a href="${esc(url)}" target="_blank" rel="noopener">${esc(url)}</a>`;
      i += m[0].length;
    } else {
      out += esc(c);
      i += 1;
    }
  }
  while (stack.length) out += closer(stack.pop());
  return out;
}

function closer(kind) {
  return { font: '</span>', tag: '</span>', strong: '</strong>', del: '</del>', em: '</em>' }[kind] ?? '';
}

/** Block markdown: lines become lines (Lark keeps single newlines), plus headings, lists, rules. */
export function renderMarkdown(src, ctx = {}) {
  const lines = String(src ?? '').split('\n');
  const html = [];
  let list = null;
  const endList = () => {
    if (list) html.push(`<${list.tag}>${list.items.map((x) => `<li>${x}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  let para = [];
  const endPara = () => {
    if (para.length) html.push(`<p>${para.join('<br>')}</p>`);
    para = [];
  };
  for (const line of lines) {
    let m;
    if ((m = /^\s*[-*+]\s+(.*)$/.exec(line)) && !/^\s*\*\*/.test(line)) {
      endPara();
      if (list?.tag !== 'ul') endList();
      list ??= { tag: 'ul', items: [] };
      list.items.push(inline(m[1], ctx));
    } else if ((m = /^\s*\d+\.\s+(.*)$/.exec(line))) {
      endPara();
      if (list?.tag !== 'ol') endList();
      list ??= { tag: 'ol', items: [] };
      list.items.push(inline(m[1], ctx));
    } else if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
      endPara();
      endList();
      html.push(`<div class="md-h md-h${m[1].length}">${inline(m[2], ctx)}</div>`);
    } else if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      endPara();
      endList();
      html.push('<hr>');
    } else if (line.trim() === '') {
      endPara();
      endList();
    } else {
      endList();
      para.push(inline(line, ctx));
    }
  }
  endPara();
  endList();
  return html.join('');
}
