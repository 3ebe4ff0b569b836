import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findActivePlan } from '../../src/db/repositories/plan.repository.ts';
import { loadPlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { departmentAliases, departments, indicators, reports, rounds, tasks } from '../../src/db/schema/index.ts';
import { parsePlan } from '../../src/plan/parse.ts';
import { importPlan } from '../../src/usecases/import-plan.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const seedText = readFileSync(new URL('../../samples/cnipa-2021.txt', import.meta.url), 'utf8');
const seed = parsePlan(seedText);
const at = (iso: string) => () => new Date(iso);
const TABLES = ['plans', 'sections', 'tasks', 'measures', 'assignments', 'indicators', 'departments'];

/** Every row of the plan tables with its xmin: any write, even a no-op update, changes xmin. */
async function snapshot(db: TestDb['db']): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const r = (await db.execute(sql.raw(`select xmin::text as xmin, * from ${t} order by 2, 3`))) as unknown as { rows: unknown[] };
    out[t] = r.rows;
  }
  return out;
}

/** The seed with task 3 retitled, task 5's departments changed, task 22 dropped and a task 23 added. */
function editedSeed(): string {
  const lines = seedText.split('\n');
  const i22 = lines.findIndex((l) => l.startsWith('22.'));
  lines[i22] = '23.新增一项任务\t<p><b>国家知识产权局：</b>新的举措。</p>\t运用促进司、新设司\t年底前完成';
  return lines
    .join('\n')
    .replace('3. 加快推进相关法律制度制修订工作', '3. 加快推进相关法律制度制修订和清理工作')
    .replace('条法司，专利局审查部、自动化部，商标局', '条法司，专利局审查部，商标局');
}

describe('importing a plan into Postgres', () => {
  let t: TestDb;
  let planId: number;
  beforeAll(async () => {
    t = await createTestDb('import_plan');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('a dry run computes the summary and writes nothing', async () => {
    const summary = await importPlan(t.db, seed, { now: at('2021-03-01T02:00:00Z'), sourceHash: 'h1', dryRun: true });
    expect(summary).toMatchObject({ planId: null, created: true, changed: [], removed: [] });
    expect(summary.added).toHaveLength(22);
    const snap = await snapshot(t.db);
    for (const name of TABLES) expect(snap[name]).toEqual([]);
  });

  it('imports the seed: plan, 8 sections, 22 tasks with measures, ordered departments and 6 indicators', async () => {
    const summary = await importPlan(t.db, seed, { now: at('2021-03-01T02:00:00Z'), sourceHash: 'h1' });
    expect(summary.created).toBe(true);
    expect(summary.added).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    planId = summary.planId!;
    const view = (await loadPlanView(t.db))!;
    expect(view.plan).toMatchObject({ id: planId, key: '国知发运字〔2021〕3号', year: 2021, reportDeadline: '2021-12-15', reportTo: '运用促进司', active: true });
    expect(view.sections).toHaveLength(8);
    expect(view.tasks).toHaveLength(22);
    const t1 = view.tasks[0]!;
    expect(t1).toMatchObject({ number: 1, sectionNumber: 1, deadlineKind: 'year_end', dueDate: '2021-12-31' });
    expect(t1.departments.map((d) => d.name)).toEqual(seed.tasks[0]!.departments);
    expect(t1.departments.map((d) => d.role)).toEqual(['lead', ...Array(11).fill('co')]);
    expect(t1.measures).toEqual(seed.tasks[0]!.measures);
    expect(view.tasks[2]).toMatchObject({ deadlineKind: 'milestone', dueDate: '2021-12-31' });
    expect(view.indicators.map((i) => [i.name, i.comparator, i.value, i.unit])).toEqual(seed.indicators.map((i) => [i.name, i.comparator, i.value, i.unit]));
    expect(await t.db.$count(departments)).toBe(13);
    expect((await findActivePlan(t.db))?.id).toBe(planId);
  });

  it('re-importing the same document writes no row at all', async () => {
    const before = await snapshot(t.db);
    const summary = await importPlan(t.db, parsePlan(seedText), { now: at('2021-04-01T02:00:00Z'), sourceHash: 'h1' });
    const none = { added: [], changed: [], removed: [] };
    expect(summary).toEqual({ planId, created: false, ...none, unchanged: Array.from({ length: 22 }, (_, i) => i + 1), keyPoints: { ...none, unchanged: Array.from({ length: 10 }, (_, i) => i + 1) } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('an edited version updates what changed and keeps the reports of every task', async () => {
    const [round] = await t.db
      .insert(rounds)
      .values({ planId, key: '2021-W10', startsAt: new Date('2021-03-08T00:00:00Z'), endsAt: new Date('2021-03-14T16:00:00Z'), openedAt: new Date('2021-03-08T01:00:00Z') })
      .returning();
    const live = (await loadPlanView(t.db))!.tasks;
    const task1 = live.find((x) => x.number === 1)!;
    const task22 = live.find((x) => x.number === 22)!;
    for (const task of [task1, task22]) {
      await t.db.insert(reports).values({
        taskId: task.id, departmentId: task.departments[0]!.departmentId, roundId: round!.id, version: 1, status: 'on_track',
        progress: 40, reporterOpenId: 'ou_x', reportedAt: new Date('2021-03-09T03:00:00Z'),
      });
    }
    const owner = task1.departments[0]!.departmentId;
    await t.db.update(indicators).set({ ownerDepartmentId: owner }).where(sql`name = '发明专利审查周期'`);

    const summary = await importPlan(t.db, parsePlan(editedSeed()), { now: at('2021-05-01T02:00:00Z'), sourceHash: 'h2' });
    expect(summary).toMatchObject({ planId, created: false, added: [23], changed: [3, 5], removed: [22] });
    expect(summary.unchanged).toHaveLength(19);

    const view = (await loadPlanView(t.db))!;
    expect(view.tasks.map((x) => x.number)).toEqual([...Array.from({ length: 21 }, (_, i) => i + 1), 23]);
    expect(view.tasks.find((x) => x.number === 1)!.id).toBe(task1.id);
    expect(view.tasks.find((x) => x.number === 3)!.title).toBe('加快推进相关法律制度制修订和清理工作');
    expect(view.tasks.find((x) => x.number === 5)!.departments.map((d) => d.name)).toEqual(['条法司', '专利局审查部', '商标局']);
    expect(view.tasks.find((x) => x.number === 23)!.departments.map((d) => d.name)).toEqual(['运用促进司', '新设司']);
    expect(view.plan.sourceHash).toBe('h2');
    expect(view.plan.importedAt.toISOString()).toBe('2021-05-01T02:00:00.000Z');
    const [removed] = await t.db.select().from(tasks).where(sql`id = ${task22.id}`);
    expect(removed!.removedAt?.toISOString()).toBe('2021-05-01T02:00:00.000Z');
    expect(await t.db.$count(reports)).toBe(2);
    expect(view.indicators.find((i) => i.name === '发明专利审查周期')!.ownerDepartmentId).toBe(owner);
  });

  it('importing the original again brings a removed task back under its old id', async () => {
    const [old22] = await t.db.select().from(tasks).where(sql`plan_id = ${planId} and number = 22`);
    const summary = await importPlan(t.db, seed, { now: at('2021-06-01T02:00:00Z'), sourceHash: 'h1' });
    expect(summary).toMatchObject({ added: [22], changed: [3, 5], removed: [23] });
    const view = (await loadPlanView(t.db))!;
    expect(view.tasks).toHaveLength(22);
    expect(view.tasks.find((x) => x.number === 22)!.id).toBe(old22!.id);
  });

  it('maps a department named by a directory alias to that department', async () => {
    const [dept] = await t.db.select().from(departments).where(sql`name = '运用促进司'`);
    await t.db.insert(departmentAliases).values({ alias: '运用司', departmentId: dept!.id });
    const small = { ...seed, docNumber: '国知发运字〔2021〕99号', tasks: [{ ...seed.tasks[1]!, departments: ['运用司', '保护司'] }] };
    const summary = await importPlan(t.db, small, { now: at('2021-07-01T02:00:00Z'), sourceHash: 'a' });
    const view = (await loadPlanView(t.db, summary.planId!))!;
    expect(view.tasks[0]!.departments).toEqual([
      { departmentId: dept!.id, name: '运用促进司', role: 'lead' },
      { departmentId: expect.any(Number), name: '保护司', role: 'co' },
    ]);
    expect(await t.db.$count(departments)).toBe(14);
  });

  it('a second plan becomes the active one; the first stays readable by id', async () => {
    const other = parsePlan(readFileSync(new URL('../fixtures/plans/cnipa-2022-table.txt', import.meta.url), 'utf8'));
    const summary = await importPlan(t.db, other, { now: at('2022-01-10T02:00:00Z'), sourceHash: 'h2022' });
    expect(summary.created).toBe(true);
    expect((await findActivePlan(t.db))?.id).toBe(summary.planId);
    expect((await loadPlanView(t.db))!.plan.year).toBe(2022);
    expect((await loadPlanView(t.db, planId))!.tasks).toHaveLength(22);
    expect((await loadPlanView(t.db, planId))!.plan.active).toBe(false);
  });
});
