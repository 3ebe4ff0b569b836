import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDb, type TestDb } from '../support/db.ts';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { seedDigestWeek } from '../usecases/digest-seed.ts';

describe('duban export', () => {
  let t: TestDb;
  let dir: string;
  const out: string[] = [];
  const err: string[] = [];
  const ctx = () => ({ config: parseConfig({ DATABASE_URL: t.url, DUBAN_NOW: '2021-12-10T10:00:00+08:00' }), out: (l: string) => out.push(l), err: (l: string) => err.push(l) });
  beforeAll(async () => {
    t = await createTestDb('export_cli');
    await seedDigestWeek(t.db);
    dir = mkdtempSync(path.join(tmpdir(), 'duban-export-cli-'));
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the file and shows progress', async () => {
    const file = path.join(dir, 'r.docx');
    expect(await runCli(['export', '--format', 'docx', '--out', file], ctx())).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(err).toContain('已处理 4/4');
    expect(out.at(-1)).toMatch(/^已导出 docx：.*r\.docx（4 项任务，7 行/);
  });

  it('refuses a missing or unknown format and a missing --out, writing nothing', async () => {
    err.length = 0;
    const file = path.join(dir, 'x.csv');
    expect(await runCli(['export', '--format', 'csv', '--out', file], ctx())).toBe(1);
    expect(await runCli(['export', '--out', file], ctx())).toBe(1);
    expect(await runCli(['export', '--format', 'xlsx'], ctx())).toBe(1);
    expect(err).toEqual([
      '错误 [EXPORT_FORMAT_UNKNOWN]：请用 --format 指定导出格式：xlsx 或 docx（收到 csv）',
      '错误 [EXPORT_FORMAT_UNKNOWN]：请用 --format 指定导出格式：xlsx 或 docx',
      '错误 [EXPORT_OUT_MISSING]：请用 --out 指定输出文件',
    ]);
    expect(existsSync(file)).toBe(false);
  });
});
