import { DEADLINE_KIND_LABEL } from '../domain/deadlines.ts';
import { COMPARATOR_SYMBOL } from '../domain/vocabulary/comparators.ts';
import type { ParsedPlan } from '../plan/types.ts';
import type { ImportSummary } from '../usecases/import-plan.ts';

/** The plan JSON of docs/operations.md#plan-json, keys in the documented order. */
export function planContract(plan: ParsedPlan): ParsedPlan {
  return {
    title: plan.title,
    docNumber: plan.docNumber,
    year: plan.year,
    reportDeadline: plan.reportDeadline,
    reportTo: plan.reportTo,
    sections: plan.sections.map((s) => ({ number: s.number, title: s.title })),
    tasks: plan.tasks.map((t) => ({
      number: t.number,
      title: t.title,
      section: t.section,
      deadlineKind: t.deadlineKind,
      departments: t.departments,
      measures: t.measures.map((m) => ({ actor: m.actor, text: m.text })),
    })),
    indicators: plan.indicators.map((i) => ({ name: i.name, comparator: i.comparator, value: i.value, unit: i.unit })),
    keyPoints: plan.keyPoints.map((k) => ({
      number: k.number,
      title: k.title,
      section: k.section,
      sectionTitle: k.sectionTitle,
      clauses: k.clauses.map((c) => ({ departments: c.departments, text: c.text })),
    })),
  };
}

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const sectionLabel = (n: number): string => (n <= 10 ? CN[n]! : n < 20 ? `十${CN[n - 10]}` : String(n));

/** Terminal width of a string: CJK and full-width characters take two columns. */
const width = (s: string): number => [...s].reduce((w, ch) => w + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6“”]/u.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));

/** The dry-run view: one line per task (number, deadline, departments, title), grouped by section. */
export function planTable(plan: ParsedPlan): string[] {
  const depWidth = Math.min(30, Math.max(8, ...plan.tasks.map((t) => width(t.departments.join('、')))));
  const row = (n: string, d: string, ds: string, title: string) => `  ${pad(n, 4)}  ${pad(d, 16)}  ${pad(ds, depWidth)}  ${title}`.trimEnd();
  const lines = [
    `《${plan.title}》`,
    `文号：${plan.docNumber ?? '（无）'}　年度：${plan.year}　报送：${plan.reportDeadline ?? '（未写明）'} 前至 ${plan.reportTo ?? '（未写明）'}`,
    '',
    row('编号', '完成时间', '责任部门', '任务'),
  ];
  let section: number | null | undefined;
  for (const t of plan.tasks) {
    if (t.section !== section) {
      section = t.section;
      const s = plan.sections.find((x) => x.number === t.section);
      if (s) lines.push(`${sectionLabel(s.number)}、${s.title}`);
    }
    // A long list of departments wraps inside its column, so every name stays visible.
    const [first = '', ...more] = wrap(t.departments, depWidth);
    lines.push(row(String(t.number), t.deadlineKind ? DEADLINE_KIND_LABEL[t.deadlineKind] : '—', first, t.title));
    for (const part of more) lines.push(row('', '', part, ''));
  }
  const departments = new Set(plan.tasks.flatMap((t) => t.departments));
  lines.push('', `共 ${plan.sections.length} 个部分、${plan.tasks.length} 项任务、${departments.size} 个责任部门。`);
  if (plan.keyPoints.length > 0) {
    lines.push(`工作要点 ${plan.keyPoints.length} 项：`);
    for (const k of plan.keyPoints) lines.push(`  要点${k.number}  ${k.title}（${k.clauses.map((c) => c.departments.join('、')).join('；')}）`);
  }
  if (plan.indicators.length > 0) {
    lines.push('指标：');
    for (const i of plan.indicators) lines.push(`  ${i.name} ${COMPARATOR_SYMBOL[i.comparator]} ${i.value} ${i.unit}`);
  }
  return lines;
}

function wrap(names: string[], w: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const name of names) {
    const next = current === '' ? name : `${current}、${name}`;
    if (current !== '' && width(next) > w) {
      lines.push(`${current}、`);
      current = name;
    } else {
      current = next;
    }
  }
  return [...lines, current];
}

/** 1, 2, 3, 5 → "1–3、5" */
export function numberRanges(ns: number[]): string {
  const parts: string[] = [];
  const sorted = [...ns].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 1) {
    const start = sorted[i]!;
    while (sorted[i + 1] === sorted[i]! + 1) i += 1;
    parts.push(start === sorted[i] ? String(start) : `${start}–${sorted[i]}`);
  }
  return parts.join('、');
}

export function summaryLines(s: ImportSummary): string[] {
  const list = (label: string, ns: number[]) => `${label} ${ns.length} 项${ns.length > 0 ? `：${numberRanges(ns)}` : ''}`;
  return [
    `${s.created ? '已新建' : '已更新'}计划 #${s.planId}`,
    list('新增', s.added),
    list('变更', s.changed),
    list('移除', s.removed),
    `未变 ${s.unchanged.length} 项`,
    ...(keyPointsTouched(s) ? [`工作要点：${list('新增', s.keyPoints.added)}，${list('变更', s.keyPoints.changed)}，${list('移除', s.keyPoints.removed)}，未变 ${s.keyPoints.unchanged.length} 项`] : []),
  ];
}

const keyPointsTouched = (s: ImportSummary): boolean => Object.values(s.keyPoints ?? {}).some((ns) => ns.length > 0);
