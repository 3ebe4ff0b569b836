import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { departments } from '../../src/db/schema/index.ts';
import { parseDirectory } from '../../src/directory/parse.ts';
import { loadDirectory } from '../../src/usecases/load-directory.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { clearDirectory, directoryCounts, seedLikeImport } from './directory-fixtures.ts';

const exampleText = readFileSync(new URL('../../directory.example.yaml', import.meta.url), 'utf8');
const now = new Date('2021-06-07T01:00:00Z');

const fileWith = (regions: string) => `departments:
  - name: 运用促进司
    chat_id: oc_dept_y
regions:
${regions}`;

async function refusal(db: TestDb['db'], text: string): Promise<string> {
  try {
    await loadDirectory(db, parseDirectory(text), { now });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('regions in the directory', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('directory_regions');
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(async () => {
    await clearDirectory(t.db);
    await seedLikeImport(t.db);
  });

  it('the example directory lists 34 regions, five of them conditional, each with a chat and a reporter', () => {
    const dir = parseDirectory(exampleText);
    expect(dir.regions).toHaveLength(34);
    expect(dir.regions.filter((r) => r.conditional === true).map((r) => r.name)).toContain('广东省知识产权局');
    expect(dir.regions.every((r) => r.chatId && r.reporters?.length === 1)).toBe(true);
    expect(dir.regions.map((r) => r.name)).toEqual(expect.arrayContaining(['新疆生产建设兵团知识产权局', '四川省知识产权服务促进中心', '广东省知识产权保护中心']));
  });

  it('loading the example creates the 34 regions as units of kind region with their opt-in', async () => {
    const s = await loadDirectory(t.db, parseDirectory(exampleText), { now });
    expect(s.regions.created).toHaveLength(34);
    const [gd] = await t.db.select().from(departments).where(eq(departments.name, '广东省知识产权局'));
    expect(gd).toMatchObject({ kind: 'region', conditional: true, chatId: 'oc_region_gd' });
    const [tj] = await t.db.select().from(departments).where(eq(departments.name, '天津市知识产权局'));
    expect(tj).toMatchObject({ kind: 'region', conditional: null });
  });

  it('keeps a list of task numbers as the opt-in', () => {
    const dir = parseDirectory(fileWith('  - { name: 浙江省知识产权局, conditional: [1, 19] }\n'));
    expect(dir.regions[0]!.conditional).toEqual([1, 19]);
  });

  it('refuses a region also listed as a department in the file, naming its line, and writes nothing', async () => {
    const before = await directoryCounts(t.db);
    const text = `departments:
  - name: 广东省知识产权局
    chat_id: oc_dept_x
regions:
  - name: 北京市知识产权局
  - name: 广东省知识产权局
    chat_id: oc_region_gd
`;
    const message = await refusal(t.db, text);
    expect(message).toContain('第 6 行：「广东省知识产权局」已作为部门「广东省知识产权局」列出，不能同时作为地区');
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('refuses a region that is a department of the plan already, naming its line', async () => {
    const before = await directoryCounts(t.db);
    const message = await refusal(t.db, fileWith('  - name: 北京市知识产权局\n  - name: 上海市知识产权局\n    aliases: [保护司]\n'));
    expect(message).toContain('第 6 行：「保护司」已作为部门「保护司」列出');
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('refuses an unknown region name with the nearest names, and writes nothing', async () => {
    const before = await directoryCounts(t.db);
    const message = await refusal(t.db, fileWith('  - name: 广东知识产权局\n'));
    expect(message).toMatch(/第 5 行：未知地区「广东知识产权局」，您是否指：广东省知识产权局/);
    const typo = await refusal(t.db, fileWith('  - name: 江苏省知识产局\n'));
    expect(typo).toContain('您是否指：江苏省知识产权局');
    expect(await directoryCounts(t.db)).toEqual(before);
  });

  it('refuses the same region listed twice, and writes nothing', async () => {
    const before = await directoryCounts(t.db);
    const message = await refusal(t.db, fileWith('  - name: 北京市知识产权局\n  - name: 北京市知识产权局\n'));
    expect(message).toContain('第 6 行：地区「北京市知识产权局」在文件中出现了两次');
    expect(await directoryCounts(t.db)).toEqual(before);
  });
});
