import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createTestDb, type TestDb } from '../support/db.ts';
import { exportReport } from '../../src/usecases/export-report.ts';
import { SEED_TZ, seedDigestWeek } from '../usecases/digest-seed.ts';
import { docxParagraphs, readZipEntry } from './zip.ts';
import { eq } from 'drizzle-orm';
import { assignments, reports, tasks } from '../../src/db/schema/index.ts';

const NOW = new Date('2021-12-10T02:00:00Z');

describe('year-end exports of a seeded plan', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb('export');
    const seeded = await seedDigestWeek(t.db);
    // a task nobody ever reported, and an evidence link on one report
    const [task6] = await t.db
      .insert(tasks)
      .values({ planId: seeded.planId, number: 6, title: '从未填报的任务', sectionNumber: 2, deadlineKind: 'year_end', contentHash: 'f' })
      .returning();
    await t.db.insert(assignments).values({ taskId: task6!.id, departmentId: seeded.deptIds['条法司']!, position: 0, role: 'lead' });
    await t.db.update(reports).set({ evidenceUrl: 'https://oa.example.cn/survey?id=1' }).where(eq(reports.note, '完成调研'));
    dir = mkdtempSync(path.join(tmpdir(), 'duban-export-'));
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the xlsx 台账 ready to print: title, legend, frozen repeated header, borders, wrapped text, widths, landscape one page wide', async () => {
    const out = path.join(dir, '台账.xlsx');
    const progress: string[] = [];
    const result = await exportReport(t.db, { format: 'xlsx', out, now: NOW, timezone: SEED_TZ, onProgress: (d, n) => progress.push(`${d}/${n}`) });
    expect(result).toMatchObject({ tasks: 5, rows: 8 });
    expect(progress).toEqual(['5/5']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['台账', '分部分汇总', '指标完成情况', '延期与审核', '历史', '成效报送']);
    const ledger = wb.getWorksheet('台账')!;
    const rows = ledger.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]![0]).toBe('推动知识产权高质量发展年度工作指引（2021）任务落实台账（截至2021年12月10日）');
    expect(String(rows[1]![0])).toContain('未填报＝该部门从未报送此项任务的进展');
    expect(rows[2]).toEqual(['任务编号', '任务名称', '所属部分', '完成时限', '责任部门', '角色', '状态', '进度(%)', '最新说明', '佐证', '填报人', '填报时间', '逾期填报']);
    expect(rows).toHaveLength(11);
    const row = (n: number, dept: string) => rows.find((r) => r[0] === n && r[4] === dept)!;
    expect(row(1, '条法司')).toEqual([
      1, '深入实施知识产权强国战略', '强化知识产权高质量发展标杆引领', '年底前完成', '条法司', '配合', '受阻', 10, '缺少经费 <at id=all></at>', undefined, '李四', '2021-06-10 10:00', '否',
    ]);
    // the evidence is a working link
    expect(row(1, '战略规划司')[9]).toEqual({ text: 'https://oa.example.cn/survey?id=1', hyperlink: 'https://oa.example.cn/survey?id=1' });
    // 运用促进司 last reported in W22, after the round closed
    expect(row(3, '运用促进司').slice(6)).toEqual(['正常推进', 30, '已形成初稿', undefined, '张三', '2021-06-05 11:00', '是']);
    // never reported: named, marked, never 未启动
    expect(row(6, '条法司')[6]).toBe('未填报');
    expect(row(3, '保护司')[6]).toBe('未启动');

    // print and screen layout
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ledger.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3', paperSize: 9 });
    expect(ledger.getColumn(2).width).toBe(28);
    expect(ledger.getColumn(10).width).toBe(20);
    const rowNumber = 1 + rows.findIndex((r) => r[0] === 6);
    const cell = ledger.getRow(rowNumber).getCell(9);
    expect(cell.border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(cell.alignment).toMatchObject({ wrapText: true });
    expect(ledger.getRow(rowNumber).getCell(7).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFF4D6' } });
    expect(ledger.getRow(3).getCell(1).font).toMatchObject({ bold: true });
    expect(ledger.getCell('A1').isMerged).toBe(true);

    const summary = wb.getWorksheet('分部分汇总')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(summary[2]).toEqual(['部分', '标题', '任务数', '未启动', '正常推进', '存在风险', '受阻', '待审核', '已完成', '未填报', '平均进度(%)']);
    expect(summary[3]).toEqual([1, '强化知识产权高质量发展标杆引领', 2, 0, 0, 0, 1, 0, 1, 0, 65]);
    expect(summary[4]!.slice(0, 10)).toEqual([2, '推进知识产权高质量创造', 3, 1, 0, 1, 0, 0, 0, 1]);

    const ind = wb.getWorksheet('指标完成情况')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(ind[3]).toEqual(['发明专利审查周期', '≤18.5', '个月', 18.2, '2021-06-08 11:00', '达标', '保护司']);
    expect(ind[4]).toEqual(['专利商标质押融资规模', '≥2400', '亿元', undefined, undefined, '暂无数据']);
  });

  it('writes the docx 成效报送 in official-document form: fonts, sizes, black text, page numbers, dates, each unit’s status and the unreported named', async () => {
    const out = path.join(dir, '成效报送.docx');
    await exportReport(t.db, { format: 'docx', out, now: NOW, timezone: SEED_TZ });
    const zip = readFileSync(out);
    const xml = readZipEntry(zip, 'word/document.xml');
    const paras = docxParagraphs(xml).filter(Boolean);
    expect(paras.slice(0, 2)).toEqual(['推动知识产权高质量发展年度工作指引（2021）成效报送', '运用促进司：']);
    // 未填报 is counted apart from 未启动
    expect(paras[2]).toContain('共5项任务，其中已完成1项，存在风险1项，受阻1项，未启动1项，未填报1项');
    expect(paras.at(-1)).toBe('2021年12月10日');
    const at = (s: string) => paras.indexOf(s);
    expect(at('一、强化知识产权高质量发展标杆引领')).toBeLessThan(at('（一）任务1：深入实施知识产权强国战略'));
    expect(at('（二）任务2：完善知识产权法律法规')).toBeLessThan(at('二、推进知识产权高质量创造'));
    expect(at('三、主要目标完成情况')).toBeGreaterThan(at('（二）任务4：专利导航工程'));

    const task1 = paras.slice(at('（一）任务1：深入实施知识产权强国战略'), at('（二）任务2：完善知识产权法律法规'));
    expect(task1).toEqual([
      '（一）任务1：深入实施知识产权强国战略',
      '责任部门：战略规划司（牵头）、条法司（配合）。',
      '1.进展情况',
      '战略规划司（牵头）：正常推进，进度 50%。完成调研。（佐证材料：https://oa.example.cn/survey?id=1）',
      '2.存在问题',
      '条法司（配合）：受阻，进度 10%。缺少经费 <at id=all></at>。',
      '3.下一步打算',
      '战略规划司牵头，条法司配合，继续推进落实，确保年底前完成。',
      '协调解决条法司反映的问题。',
    ]);
    const task6 = paras.slice(at('（三）任务6：从未填报的任务'));
    expect(task6).toContain('条法司：未填报，尚未报送进展。');
    expect(task6).toContain('督促条法司报送进展。');
    expect(paras).toContain('运用促进司（配合）：正常推进，进度 30%。已形成初稿。');
    expect(paras).toContain('发明专利审查周期：目标≤18.5个月，最新值18.2个月（2021年6月8日），达标。');
    expect(paras.join('\n')).not.toContain('已删除的任务');

    // the evidence is a hyperlink to its address
    const rels = readZipEntry(zip, 'word/_rels/document.xml.rels');
    expect(rels).toMatch(/Target="https:\/\/oa\.example\.cn\/survey\?id=1" TargetMode="External"/);
    expect(xml).toContain('<w:hyperlink');
    // fonts and sizes: title 小标宋 二号 (22 pt), headings 黑体 / 楷体, body 仿宋 三号 (16 pt); all black
    const runOf = (text: string) => xml.match(new RegExp(`<w:r>(?:(?!<w:r>).)*?${text}`))![0];
    expect(runOf('成效报送</w:t>')).toMatch(/w:eastAsia="方正小标宋简体"[\s\S]*w:sz w:val="44"/);
    expect(runOf('一、强化')).toMatch(/w:eastAsia="黑体"[\s\S]*w:sz w:val="32"/);
    expect(runOf('（一）任务1')).toMatch(/w:eastAsia="楷体_GB2312"[\s\S]*w:sz w:val="32"/);
    expect(runOf('责任部门：战略')).toMatch(/w:eastAsia="仿宋_GB2312"[\s\S]*w:sz w:val="32"/);
    const colours = [...xml.matchAll(/<w:color w:val="([0-9A-Fa-f]{6})"/g)].map((m) => m[1]);
    expect(new Set(colours)).toEqual(new Set(['000000']));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // page numbers in the footer
    const footerName = /<w:footerReference [^>]*r:id="([^"]+)"/.exec(xml)![1];
    const target = new RegExp(`Id="${footerName}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${footerName}"`).exec(rels)![1];
    const footer = readZipEntry(zip, `word/${target}`);
    expect(footer).toMatch(/PAGE/);
    expect(footer).toContain('— ');
  });

  it('refuses an unknown format and writes no file', async () => {
    const out = path.join(dir, 'x.pdf');
    await expect(exportReport(t.db, { format: 'pdf', out, now: NOW, timezone: SEED_TZ })).rejects.toMatchObject({ code: 'EXPORT_FORMAT_UNKNOWN' });
    expect(existsSync(out)).toBe(false);
  });

  for (const format of ['xlsx', 'docx'] as const) {
    it(`removes the half-written ${format} (.partial) when the export fails after writing it`, async () => {
      // The asked name is taken by a folder: the workbook is written aside in full, then the rename fails.
      const out = path.join(dir, `taken.${format}`);
      mkdirSync(path.join(out, 'inside'), { recursive: true });
      await expect(exportReport(t.db, { format, out, now: NOW, timezone: SEED_TZ })).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
      expect(existsSync(`${out}.partial`)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
      expect(readdirSync(out)).toEqual(['inside']);
    });
  }
});
