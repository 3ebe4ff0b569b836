// A VChart bar spec (xField / yField / seriesField, stack, horizontal) as a plain SVG bar chart
// with an HTML legend. Other chart types show their data as a list, which is enough for a demo.

import { esc } from './markdown.js';

const PALETTE = ['#3370ff', '#34c724', '#ff8800', '#f54a45', '#7f3bf5', '#14c0ff', '#ffc60a', '#8f959e'];

function valuesOf(spec) {
  const d = spec.data;
  if (Array.isArray(d)) return d.flatMap((x) => (Array.isArray(x?.values) ? x.values : []));
  return Array.isArray(d?.values) ? d.values : [];
}

const uniq = (xs) => [...new Set(xs)];

/** Axis top and step: 4–5 round ticks (1, 2, 5 × 10ⁿ), whole numbers for counts. */
function scale(v, integers) {
  if (v <= 0) return { max: 1, step: integers ? 1 : 0.25 };
  const raw = v / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const n = raw / p;
  let step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * p;
  if (integers) step = Math.max(1, Math.round(step));
  return { max: Math.ceil(v / step) * step, step };
}

const short = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Returns an element: the SVG plus a legend, or a fallback list for unsupported specs. */
export function renderChart(el) {
  const spec = el.chart_spec ?? {};
  const box = document.createElement('div');
  box.className = 'chart';
  const values = valuesOf(spec);
  if (spec.type !== 'bar' || values.length === 0) {
    box.innerHTML = `<div class="chart-fallback">图表（${esc(spec.type ?? '未知')}）：${values.length} 个数据点</div>`;
    return box;
  }
  const horizontal = spec.direction === 'horizontal';
  const catField = horizontal ? spec.yField : spec.xField;
  const valField = horizontal ? spec.xField : spec.yField;
  const serField = spec.seriesField;
  const cats = uniq(values.map((v) => String(v[catField])));
  const domain = Array.isArray(spec.color?.domain) ? spec.color.domain.map(String) : [];
  const present = uniq(values.map((v) => (serField ? String(v[serField]) : '')));
  const series = [...domain.filter((s) => present.includes(s)), ...present.filter((s) => !domain.includes(s))];
  const range = Array.isArray(spec.color?.range) ? spec.color.range : Array.isArray(spec.color) ? spec.color : PALETTE;
  const colorOf = (s) => {
    const at = domain.indexOf(s);
    return String((at >= 0 ? range[at] : undefined) ?? PALETTE[series.indexOf(s) % PALETTE.length]);
  };
  const stacked = Boolean(serField) && spec.stack !== false;
  const val = (c, s) => values.filter((v) => String(v[catField]) === c && (!serField || String(v[serField]) === s)).reduce((n, v) => n + (Number(v[valField]) || 0), 0);
  const totals = cats.map((c) => (stacked ? series.reduce((n, s) => n + val(c, s), 0) : Math.max(...series.map((s) => val(c, s)))));
  const integers = values.every((v) => Number.isInteger(Number(v[valField])));
  const { max, step } = scale(Math.max(0, ...totals), integers);
  box.innerHTML = (horizontal ? horizontalSvg : verticalSvg)({ cats, series, val, colorOf, stacked, max, step }) + legend(series, colorOf, serField);
  return box;
}

function legend(series, colorOf, serField) {
  if (!serField) return '';
  return `<div class="chart-legend">${series.map((s) => `<span><i style="background:${esc(colorOf(s))}"></i>${esc(s)}</span>`).join('')}</div>`;
}

function ticks(max, step) {
  const out = [];
  for (let t = 0; t <= max + step / 2; t += step) out.push(Math.round(t * 100) / 100);
  return out;
}

function horizontalSvg({ cats, series, val, colorOf, stacked, max, step }) {
  // A narrower drawing on phones keeps the labels readable once scaled to the card's width.
  const W = window.innerWidth < 500 ? 320 : 400, left = 104, right = 12, top = 6, rowH = stacked ? 26 : 10 + 12 * series.length;
  const plotW = W - left - right;
  const H = top + rowH * cats.length + 22;
  const parts = [`<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="bar chart">`];
  for (const t of ticks(max, step)) {
    const x = left + (t / max) * plotW;
    parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${H - 20}" class="grid"/><text x="${x}" y="${H - 6}" class="axis" text-anchor="middle">${t}</text>`);
  }
  cats.forEach((c, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${left - 6}" y="${y + rowH / 2 + 4}" class="axis" text-anchor="end"><title>${esc(c)}</title>${esc(short(c, 8))}</text>`);
    let x = left;
    series.forEach((s, j) => {
      const v = val(c, s);
      if (!v) return;
      const w = (v / max) * plotW;
      const by = stacked ? y + 4 : y + 4 + j * 12;
      const bh = stacked ? rowH - 8 : 10;
      const bx = stacked ? x : left;
      parts.push(`<rect x="${bx}" y="${by}" width="${w}" height="${bh}" fill="${esc(colorOf(s))}"><title>${esc(`${c} · ${s}：${v}`)}</title></rect>`);
      if (stacked && w > 14) parts.push(`<text x="${bx + w / 2}" y="${by + bh / 2 + 4}" class="bar-label" text-anchor="middle">${v}</text>`);
      if (stacked) x += w;
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

function verticalSvg({ cats, series, val, colorOf, stacked, max, step }) {
  const W = window.innerWidth < 500 ? 320 : 400, H = 220, left = 30, bottom = 36, top = 8;
  const plotH = H - top - bottom;
  const colW = (W - left - 8) / Math.max(1, cats.length);
  const parts = [`<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="bar chart">`];
  for (const t of ticks(max, step)) {
    const y = top + plotH - (t / max) * plotH;
    parts.push(`<line x1="${left}" y1="${y}" x2="${W - 8}" y2="${y}" class="grid"/><text x="${left - 4}" y="${y + 4}" class="axis" text-anchor="end">${t}</text>`);
  }
  cats.forEach((c, i) => {
    const x0 = left + i * colW;
    parts.push(`<text x="${x0 + colW / 2}" y="${H - bottom + 16}" class="axis" text-anchor="middle"><title>${esc(c)}</title>${esc(short(c, 6))}</text>`);
    let y = top + plotH;
    const bw = stacked ? colW * 0.6 : (colW * 0.8) / Math.max(1, series.length);
    series.forEach((s, j) => {
      const v = val(c, s);
      if (!v) return;
      const h = (v / max) * plotH;
      const bx = stacked ? x0 + colW * 0.2 : x0 + colW * 0.1 + j * bw;
      const by = stacked ? y - h : top + plotH - h;
      parts.push(`<rect x="${bx}" y="${by}" width="${bw}" height="${h}" fill="${esc(colorOf(s))}"><title>${esc(`${c} · ${s}：${v}`)}</title></rect>`);
      if (stacked) y -= h;
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
