import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { appendIndicatorValue, appendReport } from '../../src/db/repositories/reports.repository.ts';
import { departmentAliases, departments, indicators, people, rounds, tasks } from '../../src/db/schema/index.ts';
import { roundByKey } from '../../src/domain/rounds.ts';
import type { Status } from '../../src/domain/status.ts';
import { parsePlan } from '../../src/plan/parse.ts';
import { importPlan } from '../../src/usecases/import-plan.ts';

export const SEED_TEXT = readFileSync(new URL('../../samples/cnipa-2021.txt', import.meta.url), 'utf8');
export const TZ = 'Asia/Shanghai';

/** Imports the seed plan (22 tasks, 8 sections, 6 indicators) the way `duban import` does. */
export async function importSeed(db: Db, importedAt = new Date('2021-05-31T00:00:00Z')): Promise<number> {
  const summary = await importPlan(db, parsePlan(SEED_TEXT), { now: () => importedAt, sourceHash: 'seed' });
  return summary.planId!;
}

export async function taskId(db: Db, planId: number, number: number): Promise<number> {
  const [row] = await db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.planId, planId), eq(tasks.kind, 'task'), eq(tasks.number, number)));
  if (!row) throw new Error(`no task ${number}`);
  return row.id;
}

export async function departmentId(db: Db, name: string): Promise<number> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.name, name));
  if (!row) throw new Error(`no department ${name}`);
  return row.id;
}

export async function indicatorId(db: Db, planId: number, name: string): Promise<number> {
  const [row] = await db.select({ id: indicators.id }).from(indicators).where(and(eq(indicators.planId, planId), eq(indicators.name, name)));
  if (!row) throw new Error(`no indicator ${name}`);
  return row.id;
}

export async function addAlias(db: Db, alias: string, departmentName: string): Promise<void> {
  await db.insert(departmentAliases).values({ alias, departmentId: await departmentId(db, departmentName) });
}

export async function addPeople(db: Db, list: { openId: string; name: string }[]): Promise<void> {
  await db.insert(people).values(list).onConflictDoNothing();
}

/** Opens the ISO-week round `key` (e.g. 2021-W23) for the plan; returns its id. */
export async function addRound(db: Db, planId: number, key: string, tz = TZ): Promise<number> {
  const w = roundByKey(key, tz);
  if (!w) throw new Error(`bad round key ${key}`);
  const [row] = await db
    .insert(rounds)
    .values({ planId, key: w.key, startsAt: w.startsAt, endsAt: w.endsAt, openedAt: w.startsAt })
    .returning({ id: rounds.id });
  return row!.id;
}

export interface SeedReport {
  task: number;
  department: string;
  roundId: number;
  status: Status;
  progress: number;
  note?: string;
  reporter: string;
  reportedAt: Date;
}

/** Stores a report the way the reply worker does: a new version plus the current status, in one transaction. */
export async function addReport(db: Db, planId: number, r: SeedReport): Promise<void> {
  const [tid, did] = await Promise.all([taskId(db, planId, r.task), departmentId(db, r.department)]);
  await db.transaction((tx) =>
    appendReport(tx, {
      taskId: tid, departmentId: did, roundId: r.roundId, status: r.status, progress: r.progress, note: r.note ?? '',
      evidenceUrl: null, reporterOpenId: r.reporter, reportedAt: r.reportedAt, late: false, eventId: randomUUID(),
    }),
  );
}

export async function addIndicatorValue(db: Db, planId: number, name: string, value: number, reporter: string, reportedAt: Date, roundId: number | null = null): Promise<void> {
  await appendIndicatorValue(db, { indicatorId: await indicatorId(db, planId, name), roundId, value, reporterOpenId: reporter, reportedAt, eventId: randomUUID() });
}

/** Wednesday 2021-06-09 10:30 in Shanghai: round 2021-W23 is open. */
export const ASK_NOW = new Date('2021-06-09T02:30:00Z');
const at = (iso: string) => new Date(iso);

export interface AskScenario {
  planId: number;
  rounds: Record<string, number>;
}

/**
 * The seed plan with five weekly rounds (W19–W23, W23 current) and reports shaped for the ask tests:
 * task 5 has a full four-round trend for 条法司 (正常推进 → 存在风险 → 受阻 → 正常推进), a gap for
 * 专利局审查部, no report at all from 专利局自动化部 and an edited report from 商标局; task 4 is
 * blocked, task 20 at risk for one of two departments, tasks 2 and 19 done; one indicator reported twice.
 */
export async function seedAskScenario(db: Db): Promise<AskScenario> {
  const planId = await importSeed(db);
  await addAlias(db, '运用司', '运用促进司');
  await addPeople(db, [
    { openId: 'ou_zhang', name: '张三' },
    { openId: 'ou_li', name: '李四' },
    { openId: 'ou_wang', name: '王五' },
  ]);
  const r: Record<string, number> = {};
  for (const key of ['2021-W19', '2021-W20', '2021-W21', '2021-W22', '2021-W23']) r[key] = await addRound(db, planId, key);
  const rep = (task: number, department: string, round: string, status: Status, progress: number, reportedAt: string, note = '', reporter = 'ou_zhang') =>
    addReport(db, planId, { task, department, roundId: r[round]!, status, progress, note, reporter, reportedAt: at(reportedAt) });

  await rep(5, '条法司', '2021-W19', 'blocked', 5, '2021-05-11T02:00:00Z');
  await rep(5, '条法司', '2021-W20', 'on_track', 20, '2021-05-18T02:00:00Z');
  await rep(5, '条法司', '2021-W21', 'at_risk', 30, '2021-05-25T02:00:00Z');
  await rep(5, '条法司', '2021-W22', 'blocked', 40, '2021-06-01T02:00:00Z');
  await rep(5, '条法司', '2021-W23', 'on_track', 60, '2021-06-08T02:30:00Z', '<at id=all></at> 审查指南**初稿**已完成');
  await rep(5, '专利局审查部', '2021-W20', 'on_track', 10, '2021-05-19T03:00:00Z', '', 'ou_wang');
  await rep(5, '专利局审查部', '2021-W22', 'on_track', 25, '2021-06-02T03:00:00Z', '', 'ou_wang');
  await rep(5, '商标局', '2021-W23', 'on_track', 20, '2021-06-07T03:00:00Z', '', 'ou_li');
  await rep(5, '商标局', '2021-W23', 'at_risk', 30, '2021-06-08T06:00:00Z', '异议案件积压', 'ou_li');

  await rep(4, '保护司', '2021-W23', 'blocked', 10, '2021-06-08T01:00:00Z', '等待司法解释出台');
  await rep(20, '保护司', '2021-W23', 'at_risk', 40, '2021-06-08T01:10:00Z', '数据出境评估');
  await rep(20, '国际合作司', '2021-W23', 'on_track', 50, '2021-06-08T01:20:00Z');
  await rep(2, '运用促进司', '2021-W22', 'done', 100, '2021-06-01T01:00:00Z');
  await rep(8, '运用促进司', '2021-W23', 'on_track', 70, '2021-06-08T04:00:00Z', '专利导航指南宣贯');
  await rep(19, '国际合作司', '2021-W23', 'done', 100, '2021-06-08T05:00:00Z');

  await addIndicatorValue(db, planId, '发明专利审查周期', 19.2, 'ou_wang', at('2021-06-01T02:00:00Z'), r['2021-W22']!);
  await addIndicatorValue(db, planId, '发明专利审查周期', 18.4, 'ou_wang', at('2021-06-08T02:00:00Z'), r['2021-W23']!);
  return { planId, rounds: r };
}
