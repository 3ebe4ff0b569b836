import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, type TestDb } from '../support/db.ts';
import { seedAskScenario } from '../support/seed-reports.ts';
import { composeDigest } from '../../src/usecases/digest.ts';
import { exportReport } from '../../src/usecases/export-report.ts';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, countComponents } from '../../src/cards/limits.ts';
import { docxParagraphs, readZipEntry } from '../export/zip.ts';

// The real seed document, imported the way `duban import` does, with the ask scenario's reports.
describe('digest and report for the imported seed plan', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb('digest_seed');
    await seedAskScenario(t.db);
    dir = mkdtempSync(path.join(tmpdir(), 'duban-seed-'));
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('summarises the 22 tasks in 8 sections with the countdown to 2021-12-15', async () => {
    const d = await composeDigest(t.db, { now: new Date('2021-06-11T09:30:00Z'), timezone: 'Asia/Shanghai' });
    const m = d.model;
    expect(m.taskCount).toBe(22);
    expect(m.sections).toHaveLength(8);
    expect(m.countdown).toMatchObject({ reportDeadline: '2021-12-15', daysToReportDeadline: 187, daysToYearEnd: 203 });
    // the 16 tasks nobody reported are 未填报, not 未启动
    expect(m.statusCounts).toEqual({ pending_review: 0, not_started: 0, on_track: 1, at_risk: 2, blocked: 1, done: 2 });
    expect(m.notReportedCount).toBe(16);
    expect(m.redList.map((e) => [e.number, e.reasons[0], e.department])).toEqual([
      [4, 'blocked', '保护司'],
      [5, 'at_risk', '商标局'],
      [20, 'at_risk', '保护司'],
    ]);
    expect(m.indicators).toHaveLength(6);
    expect(m.indicators[0]).toMatchObject({ name: '发明专利审查周期', value: 18.4, met: true });
    expect(cardBytes(d.card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(countComponents(d.card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
  });

  it('writes the 成效报送 addressed to 运用促进司 with every section in order', async () => {
    const out = path.join(dir, 'seed.docx');
    await exportReport(t.db, { format: 'docx', out, now: new Date('2021-12-10T02:00:00Z'), timezone: 'Asia/Shanghai' });
    const paras = docxParagraphs(readZipEntry(readFileSync(out), 'word/document.xml')).filter(Boolean);
    expect(paras[0]).toBe('推动知识产权高质量发展年度工作指引（2021）成效报送');
    expect(paras[1]).toBe('运用促进司：');
    // tasks nobody reported are 未填报, never counted as 未启动
    expect(paras[2]).toMatch(/共22项任务，其中.*未填报\d+项/);
    expect(paras.at(-1)).toBe('2021年12月10日');
    const headings = paras.filter((p) => /^[一二三四五六七八九十]+、/.test(p));
    expect(headings).toHaveLength(10); // 8 sections, the key points, then 主要目标完成情况
    expect(headings[0]).toBe('一、做好知识产权顶层设计，启动实施知识产权强国战略和“十四五”规划');
    expect(headings[8]).toBe('九、工作要点落实情况');
    expect(headings[9]).toBe('十、主要目标完成情况');
    expect(paras.filter((p) => /^（[一二三四五六七八九十]+）任务\d+：/.test(p))).toHaveLength(22);
    expect(paras.filter((p) => /^（[一二三四五六七八九十]+）工作要点\d+：/.test(p))).toHaveLength(10);
  });
});
