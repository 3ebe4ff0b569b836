import type { DigestModel, StatusMove } from '../domain/digest/types.ts';
import { COMPARATOR_SYMBOL } from '../domain/vocabulary/comparators.ts';
import { markdownLink } from '../domain/escape.ts';
import { DEADLINE_COLOR, NOT_REPORTED_CHART_HEX, NOT_REPORTED_LABEL, STATUS_COLOR, STATUS_LABEL } from '../domain/vocabulary/status.ts';
import { font, localTime, md, nameList, REASON_COLOR, REASON_LABEL, sectionLabel, STATUS_CHART_COLOR, STATUS_CHART_ORDER } from './digest-format.ts';

/** How much of each list the card shows; the builder steps down until the card fits. */
export interface DigestBudget {
  redRows: number;
  noteMax: number;
  titleMax: number;
  listMax: number;
  sectionMax: number;
  indicatorMax: number;
  changeMax: number;
  chartSections: number;
}

type El = Record<string, unknown>;
const markdown = (content: string, extra: El = {}): El => ({ tag: 'markdown', content, ...extra });

export function kpiRow(m: DigestModel): El {
  const r = m.response;
  const kpi = (label: string, value: string, color: string): El => ({
    tag: 'column',
    width: 'weighted',
    weight: 1,
    elements: [markdown(`**${label}**\n${font(color, value)}`, { text_align: 'center' })],
  });
  const c = m.statusCounts;
  return {
    tag: 'column_set',
    flex_mode: 'bisect',
    columns: [
      kpi('填报率', `${r.reported}/${r.expected} 部门`, r.reported === r.expected ? 'green' : 'orange'),
      kpi(STATUS_LABEL.done, `${c.done}/${m.taskCount} 项`, STATUS_COLOR.done),
      kpi('受阻 · 风险', `${c.blocked} · ${c.at_risk}`, c.blocked > 0 ? STATUS_COLOR.blocked : c.at_risk > 0 ? STATUS_COLOR.at_risk : 'green'),
      kpi('逾期 · 预警', `${m.deadlineCounts.overdue} · ${m.deadlineCounts.warning}`, m.deadlineCounts.overdue > 0 ? DEADLINE_COLOR.overdue : 'green'),
    ],
  };
}

export function responseText(m: DigestModel, b: DigestBudget): El {
  const r = m.response;
  if (!m.round) return markdown('**填报情况**：本周尚未开启填报轮次。');
  const lines = [`**填报情况**：应填报 ${r.expected} 个部门，已全部填报 ${r.reported} 个。`];
  if (r.missing.length) lines.push(`${NOT_REPORTED_LABEL}（${r.missing.length}）：${nameList(r.missing, b.listMax, '个部门')}`);
  if (r.partial.length) {
    const names = r.partial.map((p) => `${p.name} ${p.reported}/${p.expected}`);
    lines.push(`部分填报（${r.partial.length}）：${nameList(names, b.listMax, '个部门')}`);
  }
  const trend = trendLine(m);
  if (trend) lines.push(trend);
  const g = m.regionResponse;
  if (g) {
    // compact on purpose: 34 regions are a count plus the first names, never a line each
    const rate = g.expected === 0 ? 0 : Math.round((g.reported / g.expected) * 100);
    lines.push(`**各地区**：应填报 ${g.expected} 个，已全部填报 ${g.reported} 个（${rate}%），部分填报 ${g.partial.length} 个。`);
    if (g.missing.length) lines.push(`地区${NOT_REPORTED_LABEL}（${g.missing.length}）：${nameList(g.missing, b.listMax, '个地区')}`);
  }
  return markdown(lines.join('\n'));
}

/** 工作要点 in one compact block: counts, the units' answers this round, the few blocked or at risk. */
export function keyPointText(m: DigestModel, b: DigestBudget): El | null {
  const k = m.keyPoints;
  if (!k) return null;
  const c = k.counts;
  const head = `**工作要点**（${k.count} 项）：${STATUS_LABEL.done} ${c.done}｜${STATUS_LABEL.on_track} ${c.on_track}｜受阻 ${c.blocked}｜风险 ${c.at_risk}｜${STATUS_LABEL.not_started} ${c.not_started}${k.notReported ? `｜${NOT_REPORTED_LABEL} ${k.notReported}` : ''}`;
  const lines = [head];
  if (m.round) lines.push(`本轮各责任单位已填报 ${k.unitsReported}/${k.unitsExpected} 项次（含各地区）。`);
  if (k.attention.length) {
    const shown = k.attention.slice(0, b.listMax).map((a) => `要点${a.number} ${md(a.title, b.titleMax)}（${font(STATUS_COLOR[a.status], STATUS_LABEL[a.status])}）`);
    const rest = k.attention.length - shown.length;
    lines.push(`需关注：${shown.join('；')}${rest > 0 ? ` 等 ${k.attention.length} 项` : ''}`);
  }
  return markdown(lines.join('\n'));
}

export function sectionText(m: DigestModel, b: DigestBudget): El {
  const lines = m.sections.slice(0, b.sectionMax).map((s) => {
    const c = s.counts;
    const unreported = s.notReported ? `｜${NOT_REPORTED_LABEL} ${s.notReported}` : '';
    return `- ${md(sectionLabel(s.number, s.title, b.titleMax), b.titleMax + 4)}：进度 ${s.avgProgress}%｜完成 ${c.done}/${s.taskCount}｜受阻 ${c.blocked}｜风险 ${c.at_risk}｜${STATUS_LABEL.not_started} ${c.not_started}${unreported}`;
  });
  const rest = m.sections.length - lines.length;
  if (rest > 0) lines.push(`另有 ${rest} 个部分，详见导出台账。`);
  return markdown(`**各部分进展**\n${lines.join('\n')}`);
}

/** Stacked bars of task status per section; a VChart spec with data only, no functions. */
export function statusChart(m: DigestModel, b: DigestBudget): El {
  const shown = m.sections.slice(0, b.chartSections);
  const rest = m.sections.slice(b.chartSections);
  const rows = shown.map((s) => ({ label: sectionLabel(s.number, s.title, 8), counts: s.counts, notReported: s.notReported ?? 0 }));
  if (rest.length) {
    const counts = Object.fromEntries(STATUS_CHART_ORDER.map((st) => [st, rest.reduce((n, s) => n + s.counts[st], 0)]));
    const notReported = rest.reduce((n, s) => n + (s.notReported ?? 0), 0);
    rows.push({ label: `其他 ${rest.length} 个部分`, counts: counts as (typeof rows)[number]['counts'], notReported });
  }
  // 未填报 (never reported) is its own series, not part of 未启动.
  const values = rows.flatMap((r) => [
    ...STATUS_CHART_ORDER.filter((st) => r.counts[st] > 0).map((st) => ({ section: r.label, status: STATUS_LABEL[st], count: r.counts[st] })),
    ...(r.notReported > 0 ? [{ section: r.label, status: NOT_REPORTED_LABEL, count: r.notReported }] : []),
  ]);
  return {
    tag: 'chart',
    aspect_ratio: rows.length > 6 ? '4:3' : '16:9',
    color_theme: 'brand',
    chart_spec: {
      type: 'bar',
      direction: 'horizontal',
      data: { values },
      xField: 'count',
      yField: 'section',
      seriesField: 'status',
      stack: true,
      color: {
        type: 'ordinal',
        domain: [...STATUS_CHART_ORDER.map((s) => STATUS_LABEL[s]), NOT_REPORTED_LABEL],
        range: [...STATUS_CHART_ORDER.map((s) => STATUS_CHART_COLOR[s]), NOT_REPORTED_CHART_HEX],
      },
      legends: { visible: true, orient: 'bottom' },
      axes: [{ orient: 'left', type: 'band', inverse: true }, { orient: 'bottom', type: 'linear' }],
    },
  };
}

export function redListParts(m: DigestModel, b: DigestBudget, timezone: string): El[] {
  const red = m.redList;
  const title = markdown(`**红色清单**（受阻 · 存在风险 · 逾期 · 预警，共 ${red.length} 项）`);
  if (red.length === 0) return [title, markdown(font('green', '本周没有受阻、存在风险、逾期或预警的任务。'))];
  const shown = red.slice(0, b.redRows);
  const table: El = {
    tag: 'table',
    page_size: Math.min(10, shown.length),
    row_height: 'auto',
    header_style: { bold: true, background_style: 'grey' },
    columns: [
      { name: 'task', display_name: '任务', data_type: 'lark_md' },
      { name: 'state', display_name: '状态', data_type: 'lark_md' },
      { name: 'who', display_name: '部门 / 填报人', data_type: 'lark_md' },
      { name: 'note', display_name: '最新说明', data_type: 'lark_md' },
      { name: 'time', display_name: '时间', data_type: 'text' },
    ],
    rows: shown.map((e) => ({
      task: `#${e.number} ${md(e.title, b.titleMax)}`,
      state: e.reasons.map((r) => font(REASON_COLOR[r], REASON_LABEL[r])).join(' '),
      who: e.department ? [md(e.department, 16), e.reporter ? md(e.reporter, 10) : null].filter(Boolean).join(' · ') : NOT_REPORTED_LABEL,
      note: [e.note ? md(e.note, b.noteMax) : '', e.evidenceUrl ? markdownLink('佐证', e.evidenceUrl) : ''].filter(Boolean).join(' ') || '—',
      time: e.reportedAt ? localTime(e.reportedAt, timezone) : '—',
    })),
  };
  const parts: El[] = [title, table];
  const rest = red.length - shown.length;
  if (rest > 0) parts.push(markdown(`另有 ${rest} 项，详见导出台账/问答（如“哪些任务有风险”）。`, { text_size: 'notation' }));
  parts.push({
    tag: 'collapsible_panel',
    expanded: false,
    header: { title: { tag: 'plain_text', content: `查看任务详情（${rest > 0 ? '前 ' : ''}${shown.length} 项）` } },
    elements: [
      {
        tag: 'column_set',
        flex_mode: 'flow',
        columns: shown.map((e) => ({
          tag: 'column',
          width: 'auto',
          elements: [
            {
              tag: 'button',
              name: `task_detail_${e.taskId}`,
              type: 'default',
              size: 'small',
              text: { tag: 'plain_text', content: `#${e.number} 详情` },
              behaviors: [{ type: 'callback', value: { kind: 'task_detail', taskId: e.taskId } }],
            },
          ],
        })),
      },
    ],
  });
  return parts;
}

export function indicatorText(m: DigestModel, b: DigestBudget, timezone: string): El {
  if (m.indicators.length === 0) return markdown('**指标完成情况**：本计划没有量化指标。');
  const lines = m.indicators.slice(0, b.indicatorMax).map((i) => {
    const target = `目标 ${COMPARATOR_SYMBOL[i.comparator]}${i.target}${md(i.unit, 8)}`;
    if (i.value === null) return `- ${md(i.name, 20)}：${target}，${font('grey', '暂无填报')}`;
    const verdict = i.met ? font('green', '达标') : font('red', '未达标');
    const when = i.reportedAt ? `（${localTime(i.reportedAt, timezone, 'MM-dd')}）` : '';
    return `- ${md(i.name, 20)}：${target}，最新 ${i.value}${md(i.unit, 8)}${when} ${verdict}`;
  });
  const rest = m.indicators.length - lines.length;
  if (rest > 0) lines.push(`另有 ${rest} 项指标，详见导出台账。`);
  return markdown(`**指标完成情况**\n${lines.join('\n')}`);
}

export function changesText(m: DigestModel, b: DigestBudget): El {
  const ch = m.changes;
  if (!ch.hasPrevious) return markdown('**本周变化**：首次汇总，下次起显示与上期相比的变化。');
  const head = `**本周变化**（与上期${ch.previousRoundKey ? ` ${ch.previousRoundKey}` : ''} 相比）：状态变化 ${ch.moves.length} 项，新增受阻 ${ch.newBlockers.length} 项，新完成 ${ch.completions.length} 项`;
  const line = (mv: StatusMove) => `- #${mv.number} ${md(mv.title, b.titleMax)}：${STATUS_LABEL[mv.from]} → ${STATUS_LABEL[mv.to]}`;
  // blockers and completions first: they are what leadership acts on
  const ordered = [...ch.newBlockers, ...ch.completions, ...ch.moves.filter((mv) => mv.to !== 'blocked' && mv.to !== 'done')];
  const lines = ordered.slice(0, b.changeMax).map(line);
  const rest = ordered.length - lines.length;
  if (rest > 0) lines.push(`另有 ${rest} 项变化，详见导出台账。`);
  return markdown([head, ...lines].join('\n'));
}

export function countdownFooter(m: DigestModel, timezone: string): El {
  const c = m.countdown;
  const days = (n: number) => (n >= 0 ? `还有 ${n} 天` : `已过 ${-n} 天`);
  const parts: string[] = [];
  if (c.reportDeadline && c.daysToReportDeadline !== null) parts.push(`距成效报送截止（${c.reportDeadline}）${days(c.daysToReportDeadline)}`);
  parts.push(`距年底（${c.yearEnd}）${days(c.daysToYearEnd)}`);
  parts.push(`数据截至 ${localTime(m.generatedAt, timezone, 'yyyy-MM-dd HH:mm')}`);
  return markdown(font('grey', parts.join('｜')), { text_size: 'notation' });
}

/** 近四周: the response rate and the tasks at risk or blocked, one short line (— for a week without a digest). */
export function trendLine(m: DigestModel): string | null {
  const t = m.trend;
  if (!t || t.filter((p) => p.responseRate !== null || p.atRiskOrBlocked !== null).length < 2) return null;
  const weeks = t.map((p) => p.weekKey.slice(5)).join(' · ');
  const rates = t.map((p) => (p.responseRate === null ? '—' : `${p.responseRate}%`)).join(' → ');
  const risks = t.map((p) => (p.atRiskOrBlocked === null ? '—' : String(p.atRiskOrBlocked))).join(' → ');
  return `**近四周**（${weeks}）：填报率 ${rates}；风险/受阻 ${risks}`;
}
