import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig, type Config } from '../../src/config/schema.ts';
import { departments, plans, tasks } from '../../src/db/schema/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const seedPath = fileURLToPath(new URL('../../samples/cnipa-2021.txt', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/plans/${name}`, import.meta.url));

async function cli(args: string[], config: Config) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { config, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err };
}

describe('duban import', () => {
  let t: TestDb;
  let config: Config;
  const dir = mkdtempSync(path.join(tmpdir(), 'duban-import-'));
  beforeAll(async () => {
    t = await createTestDb('cli_import');
    config = parseConfig({ DATABASE_URL: t.url, DUBAN_NOW: '2021-03-01T10:00:00+08:00' });
  });
  afterAll(async () => {
    await t?.drop();
  });

  describe('bad input gets one line naming the file, a non-zero exit, and writes nothing', () => {
    const cases: [string, () => string, RegExp][] = [
      ['a missing file', () => path.join(dir, 'nope.txt'), /^错误 \[PLAN_FILE_NOT_FOUND\]：.*nope\.txt 文件不存在$/],
      ['an empty file', () => write('empty.txt', ''), /^错误 \[PLAN_EMPTY\]：.*empty\.txt /],
      ['a binary file', () => write('scan.pdf', Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 0xff, 0xfe])), /^错误 \[PLAN_BINARY\]：.*scan\.pdf /],
      ['a document without tasks', () => fixture('no-tasks.txt'), /^错误 \[PLAN_NO_TASKS\]：.*no-tasks\.txt /],
      ['a table row with missing cells', () => fixture('broken-row.txt'), /^错误 \[PLAN_ROW_INCOMPLETE\]：.*broken-row\.txt:6 任务 2 的表格行缺少“完成时间”$/],
    ];
    for (const [name, file, message] of cases) {
      it(`refuses ${name}`, async () => {
        const r = await cli(['import', file()], config);
        expect(r.code).not.toBe(0);
        expect(r.err).toHaveLength(1);
        expect(r.err[0]).toMatch(message);
        expect(r.err[0]).not.toMatch(/\n|    at /);
        expect(r.out).toBe('');
        expect(await t.db.$count(plans)).toBe(0);
        expect(await t.db.$count(tasks)).toBe(0);
        expect(await t.db.$count(departments)).toBe(0);
      });
    }

    it('asks for the file when none is given', async () => {
      const r = await cli(['import'], config);
      expect(r.code).toBe(2);
      expect(r.err[0]).toContain('用法');
    });
  });

  function write(name: string, content: string | Buffer): string {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  }

  it('--dry-run --json prints exactly the contract object and needs no database', async () => {
    const offline = parseConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    const r = await cli(['import', seedPath, '--dry-run', '--json'], offline);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['title', 'docNumber', 'year', 'reportDeadline', 'reportTo', 'sections', 'tasks', 'indicators', 'keyPoints']);
    expect(json).toMatchObject({ title: '推动知识产权高质量发展年度工作指引（2021）', docNumber: '国知发运字〔2021〕3号', year: 2021, reportDeadline: '2021-12-15', reportTo: '运用促进司' });
    expect(json.sections).toHaveLength(8);
    expect(json.tasks).toHaveLength(22);
    expect(Object.keys(json.tasks[0])).toEqual(['number', 'title', 'section', 'deadlineKind', 'departments', 'measures']);
    expect(json.tasks[4].departments).toEqual(['条法司', '专利局审查部', '专利局自动化部', '商标局']);
    expect(json.indicators[0]).toEqual({ name: '发明专利审查周期', comparator: '<=', value: 18.5, unit: '个月' });
    expect(await t.db.$count(plans)).toBe(0);
  });

  it('--dry-run prints a table to check at a glance and writes nothing', async () => {
    const r = await cli(['import', seedPath, '--dry-run'], config);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('《推动知识产权高质量发展年度工作指引（2021）》');
    expect(lines.some((l) => /^ {2}编号 +完成时间 +责任部门 +任务$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}19 +年底前完成 +国际合作司 +深化“一带一路”知识产权合作$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}5 +年内有阶段性成果 +条法司、专利局审查部、/.test(l))).toBe(true);
    expect(r.out).toContain('共 8 个部分、22 项任务、13 个责任部门。');
    expect(await t.db.$count(plans)).toBe(0);
  });

  it('imports, then re-imports without changes, then reports an edited version', async () => {
    const first = await cli(['import', seedPath], config);
    expect(first.code).toBe(0);
    expect(first.out).toContain('新增 22 项：1–22');
    expect(await t.db.$count(tasks, eq(tasks.kind, 'task'))).toBe(22);
    expect(await t.db.$count(tasks, eq(tasks.kind, 'key_point'))).toBe(10);
    expect(await t.db.$count(departments)).toBe(13);

    const again = await cli(['import', seedPath], config);
    expect(again.out).toContain('新增 0 项');
    expect(again.out).toContain('未变 22 项');

    const edited = readFileSync(seedPath, 'utf8').replace('4. 加快推进知识产权法治实施体系', '4. 加快完善知识产权法治实施体系');
    const third = await cli(['import', write('edited.txt', edited)], config);
    expect(third.out).toContain('变更 1 项：4');
    expect(third.out).toContain('未变 21 项');
  });

  it('--json without --dry-run imports and keeps stdout pure JSON', async () => {
    const r = await cli(['import', fixture('table-2024-serial.txt'), '--json'], config);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).docNumber).toBe('国知办发保字〔2024〕12号');
    expect(r.err.join('\n')).toContain('新增 3 项：1–3');
    expect(await t.db.$count(plans)).toBe(2);
  });

  it('prints help', async () => {
    const r = await cli(['import', '--help'], config);
    expect(r.code).toBe(0);
    expect(r.out).toContain('duban import <文件> [--dry-run] [--json]');
  });
});
