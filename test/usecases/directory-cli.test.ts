import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { listDepartments } from '../../src/db/repositories/directory.repository.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { directoryCounts } from './directory-fixtures.ts';

describe('duban directory <file>', () => {
  let t: TestDb;
  let out: string[];
  let err: string[];
  const run = (args: string[]) => {
    out = [];
    err = [];
    const config = parseConfig({ DATABASE_URL: t.url, DUBAN_NOW: '2021-06-07T01:00:00Z' });
    return runCli(['directory', ...args], { config, out: (l) => out.push(l), err: (l) => err.push(l) });
  };
  beforeAll(async () => {
    t = await createTestDb('directory_cli');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('on a fresh database creates the departments from the file and prints what it did; again: no change', async () => {
    expect(await run(['directory.example.yaml'])).toBe(0);
    expect(out.join('\n')).toContain('将按文件创建部门');
    expect(out.join('\n')).toMatch(/新建部门 13 个：办公室、/);
    expect(out.join('\n')).toContain('新增领导群：局领导');
    expect((await listDepartments(t.db)).filter((d) => d.kind === 'department').length).toBe(13);
    expect(out.join('\n')).toMatch(/新建地区 34 个：北京市知识产权局、/);
    expect(await run(['directory.example.yaml'])).toBe(0);
    expect(out.slice(1)).toEqual(['注意：当前计划中没有这些指标（导入计划后再加载一次）：发明专利审查周期、高价值发明专利审查周期、商标注册平均审查周期、专利商标质押融资规模、融资惠及企业数量增长率、技术与创新支持中心（TISC）', '目录已更新']);
  });

  it('refuses a file naming an unknown department, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duban-dir-'));
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'departments:\n  - { name: 运用促进处, chat_id: oc_9 }\n');
    const before = await directoryCounts(t.db);
    expect(await run([file])).toBe(1);
    expect(err.join('\n')).toMatch(/DIRECTORY_INVALID.*未知部门「运用促进处」，您是否指：运用促进司/);
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('says so for a missing file or missing argument', async () => {
    expect(await run(['nope.yaml'])).toBe(1);
    expect(err.join('\n')).toContain('文件不存在');
    expect(await run([])).toBe(2);
  });
});
