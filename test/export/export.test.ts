import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createTestDb, type TestDb } from '../support/db.ts';
import { exportReport } from '../../src/usecases/export-report.ts';
import { SEED_TZ, seedDigestWeek } from '../usecases/digest-seed.ts';
import { docxParagraphs, readZipEntry } from './zip.ts';

const NOW = new Date('2021-12-10T02:00:00Z');

describe('year-end exports of a seeded plan', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb('export');
    await seedDigestWeek(t.db);
    dir = mkdtempSync(path.join(tmpdir(), 'duban-export-'));
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the xlsx 台账 with one row per task × department, a section summary and indicators', async () => {
    const out = path.join(dir, '台账.xlsx');
    const progress: string[] = [];
    const result = await exportReport(t.db, { format: 'xlsx', out, now: NOW, timezone: SEED_TZ, onProgress: (d, n) => progress.push(`${d}/${n}`) });
    expect(result).toMatchObject({ tasks: 4, rows: 7 });
    expect(progress).toEqual(['4/4']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['台账', '分部分汇总', '指标完成情况']);
    const ledger = wb.getWorksheet('台账')!;
    const rows = ledger.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['任务编号', '任务名称', '所属部分', '完成时限', '责任部门', '角色', '状态', '进度(%)', '最新说明', '填报人', '填报时间', '逾期填报']);
    expect(rows).toHaveLength(8);
    expect(rows[2]).toEqual([
      1, '深入实施知识产权强国战略', '强化知识产权高质量发展标杆引领', '年底前完成', '条法司', '配合', '受阻', 10, '缺少经费 <at id=all></at>', '李四', '2021-06-10 10:00', '否',
    ]);
    // 运用促进司 last reported in W22, after the round closed
    expect(rows.find((r) => r[4] === '运用促进司')!.slice(6)).toEqual(['正常推进', 30, '已形成初稿', '张三', '2021-06-05 11:00', '是']);
    expect(rows.find((r) => r[0] === 4)![3]).toBe('2021-06-01');

    const summary = wb.getWorksheet('分部分汇总')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(summary[0]).toEqual(['部分', '标题', '任务数', '未启动', '正常推进', '存在风险', '受阻', '已完成', '平均进度(%)']);
    expect(summary[1]).toEqual([1, '强化知识产权高质量发展标杆引领', 2, 0, 0, 0, 1, 1, 65]);

    const ind = wb.getWorksheet('指标完成情况')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(ind[1]).toEqual(['发明专利审查周期', '≤18.5', '个月', 18.2, '2021-06-08 11:00', '达标', '保护司']);
    expect(ind[2]).toEqual(['专利商标质押融资规模', '≥2400', '亿元', undefined, undefined, '暂无数据']);
  });

  it('writes the docx 成效报送 in document order, addressed to the report recipient', async () => {
    const out = path.join(dir, '成效报送.docx');
    await exportReport(t.db, { format: 'docx', out, now: NOW, timezone: SEED_TZ });
    const paras = docxParagraphs(readZipEntry(readFileSync(out), 'word/document.xml')).filter(Boolean);
    expect(paras.slice(0, 3)).toEqual(['推动知识产权高质量发展年度工作指引（2021）成效报送', '报送日期：2021年12月10日', '运用促进司：']);
    expect(paras[3]).toContain('共 4 项任务');
    const at = (s: string) => paras.indexOf(s);
    expect(at('一、强化知识产权高质量发展标杆引领')).toBeLessThan(at('（一）任务1：深入实施知识产权强国战略'));
    expect(at('（一）任务1：深入实施知识产权强国战略')).toBeLessThan(at('（二）任务2：完善知识产权法律法规'));
    expect(at('（二）任务2：完善知识产权法律法规')).toBeLessThan(at('二、推进知识产权高质量创造'));
    expect(at('三、主要目标完成情况')).toBeGreaterThan(at('（二）任务4：专利导航工程'));

    const task1 = paras.slice(at('（一）任务1：深入实施知识产权强国战略'), at('（二）任务2：完善知识产权法律法规'));
    expect(task1).toEqual([
      '（一）任务1：深入实施知识产权强国战略',
      '责任部门：战略规划司（牵头）、条法司（配合）',
      '进展情况：',
      '战略规划司（进度 50%）：完成调研。',
      '存在问题：',
      '条法司（受阻）：缺少经费 <at id=all></at>。',
      '下一步打算：',
      '战略规划司牵头，条法司配合，继续推进落实，确保年底前完成。',
      '协调解决条法司反映的问题。',
    ]);
    expect(paras).toContain('任务已完成，巩固工作成果。');
    expect(paras).toContain('运用促进司（进度 30%）：已形成初稿。');
    expect(paras).toContain('发明专利审查周期：目标 ≤18.5个月，最新值 18.2个月（2021-06-08 11:00），达标。');
    expect(paras.join('\n')).not.toContain('已删除的任务');
  });

  it('refuses an unknown format and writes no file', async () => {
    const out = path.join(dir, 'x.pdf');
    await expect(exportReport(t.db, { format: 'pdf', out, now: NOW, timezone: SEED_TZ })).rejects.toMatchObject({ code: 'EXPORT_FORMAT_UNKNOWN' });
    expect(existsSync(out)).toBe(false);
  });

  it('leaves no file behind when the export fails', async () => {
    const out = path.join(dir, 'missing-dir', 'a.xlsx');
    await expect(exportReport(t.db, { format: 'xlsx', out, now: NOW, timezone: SEED_TZ })).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
