import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport } from '../../src/usecases/export-report.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { seedAskScenario, TZ } from '../support/seed-reports.ts';

describe('the xlsx 历史 sheet', () => {
  let t: TestDb;
  const dir = mkdtempSync(path.join(tmpdir(), 'duban-history-'));
  beforeAll(async () => {
    t = await createTestDb('export_history');
    await seedAskScenario(t.db);
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every task’s changes in task order, then time, with round, department, status, note and late flag', async () => {
    const out = path.join(dir, '台账.xlsx');
    await exportReport(t.db, { format: 'xlsx', out, now: new Date('2021-06-09T02:30:00Z'), timezone: TZ });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('历史')!;
    const rows = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]![0]).toMatch(/填报历史（截至2021年6月9日）$/);
    expect(rows[2]).toEqual(['任务', '任务名称', '填报轮次', '填报时间', '部门', '状态', '进度', '说明', '填报人', '逾期填报']);
    const body = rows.slice(3);
    expect(body.map((r) => r[0])).toEqual([2, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 8, 19, 20, 20]);
    const task5 = body.filter((r) => r[0] === 5);
    expect(task5[0]!.slice(2, 7)).toEqual(['2021-W19', '2021-05-11 10:00', '条法司', '受阻', 5]);
    expect(task5.at(-1)!.slice(2, 9)).toEqual(['2021-W23', '2021-06-08 14:00', '商标局', '存在风险', 30, '异议案件积压', '李四']);
  });

  it('the docx has no history (it is the 成效报送 text)', async () => {
    const out = path.join(dir, '成效.docx');
    await expect(exportReport(t.db, { format: 'docx', out, now: new Date('2021-06-09T02:30:00Z'), timezone: TZ })).resolves.toMatchObject({ format: 'docx' });
  });
});
