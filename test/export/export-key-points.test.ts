import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../support/db.ts';
import { bootstrapFromFiles } from '../../src/usecases/bootstrap.ts';
import { exportReport } from '../../src/usecases/export-report.ts';
import { appendReport } from '../../src/db/repositories/reports.repository.ts';
import { departments, tasks } from '../../src/db/schema/index.ts';
import { SEED_FILES, TIMEZONE } from '../support/seeded-round.ts';
import { addRound } from '../support/seed-reports.ts';
import { docxParagraphs, readZipEntry } from './zip.ts';

const NOW = new Date('2021-12-10T02:00:00Z');

// Issue 15: the body's key points are exported after the annex tasks, with every unit responsible
// (the regions counted in the docx, one row each in the xlsx sheet).
describe('year-end exports of the seed plan with its key points and regions', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb('export_key_points');
    const { planId } = await bootstrapFromFiles(t.db, SEED_FILES, new Date('2021-06-01T00:00:00Z'));
    const roundId = await addRound(t.db, planId!, '2021-W23');
    const id = async (kind: 'task' | 'key_point', number: number) =>
      (await t.db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.planId, planId!), eq(tasks.kind, kind), eq(tasks.number, number))))[0]!.id;
    const unit = async (name: string) => (await t.db.select({ id: departments.id }).from(departments).where(eq(departments.name, name)))[0]!.id;
    const report = async (taskId: number, departmentId: number, status: 'on_track' | 'at_risk', progress: number, note: string) =>
      t.db.transaction((tx) =>
        appendReport(tx, {
          taskId, departmentId, roundId, status, progress, note, evidenceUrl: null, reporterOpenId: 'ou_x', reportedAt: new Date('2021-06-08T02:00:00Z'), late: false, eventId: randomUUID(),
        }),
      );
    await report(await id('key_point', 3), await unit('运用促进司'), 'on_track', 40, '试点示范评估启动');
    await report(await id('key_point', 3), await unit('广东省知识产权局'), 'at_risk', 20, '试点城市遴选推迟');
    await report(await id('task', 1), await unit('广东省知识产权局'), 'on_track', 30, '配套文件起草');
    dir = mkdtempSync(path.join(tmpdir(), 'duban-export-kp-'));
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the xlsx gains a 工作要点 sheet after the 台账: one row per key point × unit, regions marked 地区; the 台账 stays the bureau’s', async () => {
    const out = path.join(dir, '台账.xlsx');
    await exportReport(t.db, { format: 'xlsx', out, now: NOW, timezone: TIMEZONE });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['台账', '工作要点', '各地区', '分部分汇总', '指标完成情况', '延期与审核', '历史', '成效报送']);
    const values = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    const kp = values('工作要点');
    expect(kp[2]).toEqual(['要点编号', '工作要点', '责任单位', '类别', '状态', '进度(%)', '最新说明', '佐证', '填报人', '填报时间', '逾期填报']);
    const rows = kp.slice(3);
    // 14 clauses: 12 department assignments (要点8 names two), three key points × 34 regions
    expect(rows).toHaveLength(12 + 3 * 34);
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0])].sort((a, b) => Number(String(a).slice(2)) - Number(String(b).slice(2))));
    const kp3 = rows.filter((r) => r[0] === '要点3');
    expect(kp3[0]!.slice(2, 7)).toEqual(['运用促进司', '牵头', '正常推进', 40, '试点示范评估启动']);
    expect(kp3.find((r) => r[2] === '广东省知识产权局')!.slice(3, 7)).toEqual(['地区', '存在风险', 20, '试点城市遴选推迟']);
    expect(kp3.find((r) => r[2] === '天津市知识产权局')![4]).toBe('未填报');
    expect(values('台账').some((r) => r[4] === '广东省知识产权局')).toBe(false);
  });

  it('the xlsx gains a 各地区 sheet: one row per annex task × region following it, with the region’s own report', async () => {
    const out = path.join(dir, '台账-地区.xlsx');
    await exportReport(t.db, { format: 'xlsx', out, now: NOW, timezone: TIMEZONE });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows = wb.getWorksheet('各地区')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[2]!.slice(0, 7)).toEqual(['任务编号', '任务名称', '所属部分', '完成时限', '地区', '类别', '状态']);
    const body = rows.slice(3);
    const row = (n: number, region: string) => body.find((r) => r[0] === n && r[4] === region);
    expect(row(1, '广东省知识产权局')!.slice(5, 9)).toEqual(['地区', '正常推进', 30, '配套文件起草']);
    expect(row(1, '天津市知识产权局')![6]).toBe('未填报');
    // 有条件的地区 (task 19): 广东 opted in, 天津 did not; task 3 has no 各地区 measure
    expect(row(19, '广东省知识产权局')).toBeDefined();
    expect(row(19, '天津市知识产权局')).toBeUndefined();
    expect(body.some((r) => r[0] === 3)).toBe(false);
    expect(body.every((r) => r[5] === '地区')).toBe(true);
  });

  it('the docx reports the key points after the annex tasks, the regions in one counted sentence and the ones at risk named', async () => {
    const out = path.join(dir, '成效报送.docx');
    await exportReport(t.db, { format: 'docx', out, now: NOW, timezone: TIMEZONE });
    const paras = docxParagraphs(readZipEntry(readFileSync(out), 'word/document.xml')).filter(Boolean);
    const at = (s: string) => paras.findIndex((p) => p.startsWith(s));
    expect(paras[2]).toContain('另有工作要点10项，见“工作要点落实情况”');
    expect(at('九、工作要点落实情况')).toBeGreaterThan(at('（一）任务22'));
    expect(at('十、主要目标完成情况')).toBeGreaterThan(at('（十）工作要点10'));
    const kp3 = paras.slice(at('（三）工作要点3：'), at('（四）工作要点4：'));
    expect(kp3).toEqual([
      '（三）工作要点3：高标准推进知识产权强国建设试点示范工作',
      '责任单位：运用促进司（牵头）、各地方知识产权局（34 个地区）。',
      '1.进展情况',
      '运用促进司（牵头）：正常推进，进度 40%。试点示范评估启动。',
      '各地方知识产权局（34 个地区）：存在风险 1 个，未填报 33 个。',
      '2.存在问题',
      '广东省知识产权局：存在风险，进度 20%。试点城市遴选推迟。',
      '3.下一步打算',
      '运用促进司牵头，继续推进落实，确保按期完成。',
      '协调解决广东省知识产权局反映的问题。',
      '督促尚未报送的 33 个地区报送进展。',
    ]);
    // a key point of the regions alone
    const kp2 = paras.slice(at('（二）工作要点2：'), at('（三）工作要点3：'));
    expect(kp2).toContain('责任单位：各地方知识产权局（34 个地区）。');
    expect(kp2).toContain('各地方知识产权局（34 个地区）：未填报 34 个。');
  });
});
