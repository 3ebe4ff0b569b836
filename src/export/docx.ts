import { writeFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { chineseNumber } from '../cards/digest-format.ts';
import { overallStatus } from '../domain/status.ts';
import { STATUS_LABEL } from '../domain/vocabulary/status.ts';
import { indicatorRow, sectionName } from './sheets.ts';
import { taskReportText } from './report-text.ts';
import { progressTicker, type ExportProgress, type ReportData, type ReportTask } from './types.ts';

const para = (text: string, opts: { bold?: boolean; indent?: boolean } = {}) =>
  new Paragraph({ children: [new TextRun({ text, bold: opts.bold })], indent: opts.indent ? { firstLine: 640 } : undefined });

const labelled = (label: string, lines: string[]) => [para(`${label}：`, { bold: true }), ...lines.map((l) => para(l, { indent: true }))];

function taskBlock(task: ReportTask, index: number): Paragraph[] {
  const text = taskReportText(task);
  return [
    new Paragraph({ text: `（${chineseNumber(index)}）任务${task.number}：${task.title}`, heading: HeadingLevel.HEADING_2 }),
    para(`责任部门：${text.departments}`),
    ...labelled('进展情况', text.progress),
    ...labelled('存在问题', text.problems),
    ...labelled('下一步打算', text.nextSteps),
  ];
}

/**
 * The 成效报送 report: titled, dated, addressed to the plan's recipient, then per section and task
 * (document order) 进展情况, 存在问题 and 下一步打算 with the responsible departments.
 */
export async function writeReportDocx(
  data: ReportData,
  file: string,
  opts: { now: Date; timezone: string; onProgress?: ExportProgress },
): Promise<void> {
  const date = DateTime.fromJSDate(opts.now, { zone: opts.timezone });
  const counts = new Map<string, number>();
  for (const t of data.tasks) {
    const s = STATUS_LABEL[overallStatus(t.departments.map((d) => d.status))];
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const children: Paragraph[] = [
    new Paragraph({ text: `${data.plan.title}成效报送`, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
    new Paragraph({ text: `报送日期：${date.toFormat('yyyy年M月d日')}`, alignment: AlignmentType.CENTER }),
    para(`${data.plan.reportTo ?? '有关部门'}：`),
    para(
      `现将《${data.plan.title}》${data.plan.docNumber ? `（${data.plan.docNumber}）` : ''}任务落实情况报送如下。共 ${data.tasks.length} 项任务，其中${[...counts.entries()].map(([s, n]) => `${s} ${n} 项`).join('，')}。`,
      { indent: true },
    ),
  ];

  const groups = new Map<number | null, ReportTask[]>();
  for (const t of data.tasks) groups.set(t.section, [...(groups.get(t.section) ?? []), t]);
  const ordered = [...groups.entries()].sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity));
  const tick = progressTicker(data.tasks.length, opts.onProgress);
  let done = 0;
  ordered.forEach(([number, list], i) => {
    children.push(new Paragraph({ text: `${chineseNumber(i + 1)}、${sectionName(data, number)}`, heading: HeadingLevel.HEADING_1 }));
    list.forEach((task, j) => {
      children.push(...taskBlock(task, j + 1));
      tick(++done);
    });
  });

  if (data.indicators.length) {
    children.push(new Paragraph({ text: `${chineseNumber(ordered.length + 1)}、主要目标完成情况`, heading: HeadingLevel.HEADING_1 }));
    for (const ind of data.indicators) {
      const r = indicatorRow(ind, opts.timezone);
      const value = ind.value === null ? '暂无数据' : `最新值 ${ind.value}${ind.unit}（${r.time}），${r.met}`;
      children.push(para(`${ind.name}：目标 ${r.target}${ind.unit}，${value}。`, { indent: true }));
    }
  }

  const doc = new Document({
    creator: 'duban',
    title: `${data.plan.title}成效报送`,
    styles: { default: { document: { run: { font: 'FangSong', size: 28 } } } },
    sections: [{ children }],
  });
  await writeFile(file, await Packer.toBuffer(doc));
}
