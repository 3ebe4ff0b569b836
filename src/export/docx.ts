import { writeFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { chineseNumber } from '../cards/digest-format.ts';
import { safeLinkTarget } from '../domain/escape.ts';
import { NOT_REPORTED_LABEL, statusLabel } from '../domain/vocabulary/status.ts';
import { indicatorRow, reportStatus, sectionName } from './sheets.ts';
import { keyPointReportText, taskReportText, type ReportLine, type TaskReportText } from './report-text.ts';
import { progressTicker, type ExportProgress, type ReportData, type ReportTask } from './types.ts';

// The usual form of a Chinese official document (GB/T 9704): title in 小标宋 二号, level-1
// headings 黑体 三号, level-2 楷体 三号, body 仿宋 三号 (16 pt) at a fixed 28 pt line, black, A4
// with 37/35/28/26 mm margins, page numbers 「— 1 —」 in the footer, the date written 2021年12月15日.
// Fonts are named as Windows installs them; a machine without one substitutes its own (the
// eastAsia name is what Word looks up for Chinese text).
const FONT = {
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  body: '仿宋_GB2312',
  latin: 'Times New Roman',
  footer: '宋体',
};
const PT = (n: number) => n * 2; // docx sizes are half-points
const SIZE = { title: PT(22), body: PT(16), footer: PT(14) }; // 二号, 三号, 四号
const BLACK = '000000';
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt

const run = (text: string, font: string, extra: IRunOptions = {}) =>
  new TextRun({ text, font: { eastAsia: font, ascii: FONT.latin, hAnsi: FONT.latin }, size: SIZE.body, color: BLACK, ...extra });

const body = (children: ParagraphChild[], opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ children, spacing: LINE, alignment: opts.align ?? AlignmentType.JUSTIFIED, indent: opts.indent === false ? undefined : { firstLine: 640 } });

const text = (s: string, opts: { indent?: boolean; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  body([run(s, FONT.body, { bold: opts.bold })], opts);

const heading1 = (s: string) => new Paragraph({ children: [run(s, FONT.heading1)], spacing: LINE, indent: { firstLine: 640 }, outlineLevel: 0 });
const heading2 = (s: string) => new Paragraph({ children: [run(s, FONT.heading2)], spacing: LINE, indent: { firstLine: 640 }, outlineLevel: 1 });

/** Who sent their 成效 (file, sender, time; the paper copy) and who has not, in sentences. */
function resultsParagraphs(results: NonNullable<ReportData['results']>, timezone: string): Paragraph[] {
  const when = (d: Date) => DateTime.fromJSDate(d, { zone: timezone }).toFormat('M月d日 HH:mm');
  const sent = results.filter((r) => r.file);
  const paper = results.filter((r) => r.paper).length;
  const out = [text(`共${results.length}个单位，已报送电子版${sent.length}个，已确认寄出纸质版${paper}个。`)];
  for (const r of sent) {
    const f = r.file!;
    out.push(text(`${r.unit}：电子版《${f.name}》，${f.by}于${when(f.at)}报送${f.count > 1 ? `（共${f.count}份，以最新一份为准）` : ''}；纸质版${r.paper ? `${r.paper.by}于${when(r.paper.at)}确认寄出` : '尚未确认寄出'}。`));
  }
  const missing = results.filter((r) => !r.file).map((r) => r.unit);
  if (missing.length) out.push(text(`尚未报送电子版的单位（${missing.length}个）：${missing.join('、')}。`));
  return out;
}

/** A sentence of the report, its evidence after it as a link (http(s) only), or the attached file by name. */
function line(l: ReportLine): Paragraph {
  const children: ParagraphChild[] = [run(l.text, FONT.body)];
  const url = safeLinkTarget(l.evidenceUrl);
  if (url) {
    children.push(run('（佐证材料：', FONT.body));
    children.push(new ExternalHyperlink({ link: url, children: [run(l.evidenceUrl!.trim(), FONT.body, { underline: {} })] }));
    children.push(run('）', FONT.body));
  } else if (l.evidenceFile) {
    children.push(run(`（佐证文件：${l.evidenceFile}）`, FONT.body));
  }
  return body(children);
}

function taskBlock(task: ReportTask, index: number): Paragraph[] {
  return itemBlock(`（${chineseNumber(index)}）任务${task.number}：${task.title}`, '责任部门', taskReportText(task));
}

/** A key point: its departments, then the regions counted in one sentence (report-text.ts). */
function keyPointBlock(k: ReportTask, index: number): Paragraph[] {
  return itemBlock(`（${chineseNumber(index)}）工作要点${k.number}：${k.title}`, '责任单位', keyPointReportText(k));
}

function itemBlock(heading: string, who: string, t: TaskReportText): Paragraph[] {
  return [
    heading2(heading),
    text(`${who}：${t.departments}。`),
    text('1.进展情况', { bold: true }),
    ...t.progress.map(line),
    text('2.存在问题', { bold: true }),
    ...t.problems.map(line),
    text('3.下一步打算', { bold: true }),
    ...t.nextSteps.map(line),
  ];
}

const footer = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: FONT.footer, ascii: FONT.latin, hAnsi: FONT.latin }, size: SIZE.footer, color: BLACK })],
      }),
    ],
  });

/**
 * The 成效报送 report: title, addressee, an overview with the tasks by status (未填报 apart from
 * 未启动), then per section and task (document order) 进展情况, 存在问题 and 下一步打算 with each
 * department's status and progress and the departments that did not report named; the date last.
 */
export async function writeReportDocx(
  data: ReportData,
  file: string,
  opts: { now: Date; timezone: string; onProgress?: ExportProgress },
): Promise<void> {
  const date = DateTime.fromJSDate(opts.now, { zone: opts.timezone });
  const counts = new Map<string, number>();
  for (const t of data.tasks) {
    const s = statusLabel(reportStatus(t));
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const order = ['已完成', '正常推进', '存在风险', '受阻', '未启动', NOT_REPORTED_LABEL];
  const countText = order.filter((s) => counts.get(s)).map((s) => `${s}${counts.get(s)}项`);
  const unreported = counts.get(NOT_REPORTED_LABEL) ? `（“${NOT_REPORTED_LABEL}”指各责任部门均未报送进展）` : '';
  const children: Paragraph[] = [
    new Paragraph({
      children: [new TextRun({ text: `${data.plan.title}成效报送`, font: { eastAsia: FONT.title, ascii: FONT.latin, hAnsi: FONT.latin }, size: SIZE.title, color: BLACK })],
      alignment: AlignmentType.CENTER,
      spacing: { after: 560, ...LINE, line: 700 },
    }),
    text(`${data.plan.reportTo ?? '有关部门'}：`, { indent: false }),
    text(
      `现将《${data.plan.title}》${data.plan.docNumber ? `（${data.plan.docNumber}）` : ''}任务落实情况报送如下。共${data.tasks.length}项任务，其中${countText.join('，')}${unreported}。${data.keyPoints?.length ? `另有工作要点${data.keyPoints.length}项，见“工作要点落实情况”。` : ''}`,
    ),
  ];

  const groups = new Map<number | null, ReportTask[]>();
  for (const t of data.tasks) groups.set(t.section, [...(groups.get(t.section) ?? []), t]);
  const ordered = [...groups.entries()].sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity));
  const tick = progressTicker(data.tasks.length, opts.onProgress);
  let done = 0;
  ordered.forEach(([number, list], i) => {
    children.push(heading1(`${chineseNumber(i + 1)}、${sectionName(data, number)}`));
    list.forEach((task, j) => {
      children.push(...taskBlock(task, j + 1));
      tick(++done);
    });
  });

  // the body's 工作要点 after the annex's tasks, numbered on their own
  const keyPoints = data.keyPoints ?? [];
  if (keyPoints.length) {
    children.push(heading1(`${chineseNumber(ordered.length + 1)}、工作要点落实情况`));
    keyPoints.forEach((k, j) => children.push(...keyPointBlock(k, j + 1)));
  }

  if (data.indicators.length) {
    children.push(heading1(`${chineseNumber(ordered.length + (keyPoints.length ? 2 : 1))}、主要目标完成情况`));
    for (const ind of data.indicators) {
      const r = indicatorRow(ind, opts.timezone);
      const when = ind.reportedAt ? DateTime.fromJSDate(ind.reportedAt, { zone: opts.timezone }).toFormat('yyyy年M月d日') : '';
      const value = ind.value === null ? '暂无数据' : `最新值${ind.value}${ind.unit}（${when}），${r.met}`;
      children.push(text(`${ind.name}：目标${r.target}${ind.unit}，${value}。`));
    }
  }
  // Only once collection has begun (a file or a paper copy): a report printed earlier carries no
  // list of 47 units that were not yet asked.
  if (data.results?.some((r) => r.file || r.paper)) {
    children.push(heading1(`${chineseNumber(ordered.length + (data.indicators.length ? 2 : 1))}、各单位成效报送情况`));
    children.push(...resultsParagraphs(data.results, opts.timezone));
  }
  children.push(text(''), text(date.toFormat('yyyy年M月d日'), { indent: false, align: AlignmentType.RIGHT }));

  const doc = new Document({
    creator: 'duban',
    title: `${data.plan.title}成效报送`,
    styles: {
      default: {
        document: { run: { font: { eastAsia: FONT.body, ascii: FONT.latin, hAnsi: FONT.latin }, size: SIZE.body, color: BLACK } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(23) } } },
        footers: { default: footer() },
        children,
      },
    ],
  });
  await writeFile(file, await Packer.toBuffer(doc));
}
