import type { Db } from '../../src/db/client.ts';
import {
  assignments,
  chats,
  currentStatus,
  departments,
  indicators,
  indicatorValues,
  people,
  plans,
  reports,
  rounds,
  sections,
  tasks,
} from '../../src/db/schema/index.ts';
import type { Status } from '../../src/domain/status.ts';

export const SEED_NOW = new Date('2021-06-11T09:30:00Z'); // Friday 17:30 in Asia/Shanghai, week 2021-W23
export const SEED_TZ = 'Asia/Shanghai';

export interface Seeded {
  planId: number;
  taskIds: Record<number, number>;
  deptIds: Record<string, number>;
  roundIds: Record<string, number>;
}

/**
 * A small plan in the seed's shape, in week 2021-W23: task 1 blocked by 条法司, task 2 done,
 * task 3 with 运用促进司 not reporting this week, task 4 at risk; two leadership chats.
 */
export async function seedDigestWeek(db: Db): Promise<Seeded> {
  const [plan] = await db
    .insert(plans)
    .values({
      key: '国知发运字〔2021〕3号', title: '推动知识产权高质量发展年度工作指引（2021）', docNumber: '国知发运字〔2021〕3号',
      year: 2021, reportDeadline: '2021-12-15', reportTo: '运用促进司', sourceHash: 'h', importedAt: new Date('2021-06-01T00:00:00Z'),
    })
    .returning();
  const planId = plan!.id;
  await db.insert(sections).values([
    { planId, number: 1, title: '强化知识产权高质量发展标杆引领' },
    { planId, number: 2, title: '推进知识产权高质量创造' },
  ]);
  const deptNames = ['战略规划司', '条法司', '保护司', '运用促进司'];
  const deptRows = await db.insert(departments).values(deptNames.map((name) => ({ name, chatId: `oc_${name}` }))).returning();
  const deptIds = Object.fromEntries(deptRows.map((d) => [d.name, d.id]));
  const taskRows = await db
    .insert(tasks)
    .values([
      { planId, number: 1, title: '深入实施知识产权强国战略', sectionNumber: 1, deadlineKind: 'year_end', contentHash: 'a' },
      { planId, number: 2, title: '完善知识产权法律法规', sectionNumber: 1, deadlineKind: 'year_end', contentHash: 'b' },
      { planId, number: 3, title: '加强地理标志保护', sectionNumber: 2, deadlineKind: 'milestone', contentHash: 'c' },
      { planId, number: 4, title: '专利导航工程', sectionNumber: 2, deadlineKind: 'milestone', dueDate: '2021-06-01', contentHash: 'd' },
      { planId, number: 5, title: '已删除的任务', sectionNumber: 2, deadlineKind: 'year_end', contentHash: 'e', removedAt: new Date('2021-06-02T00:00:00Z') },
    ])
    .returning();
  const taskIds = Object.fromEntries(taskRows.map((t) => [t.number, t.id]));
  const assign = (task: number, names: string[]) =>
    names.map((n, position) => ({ taskId: taskIds[task]!, departmentId: deptIds[n]!, position, role: position === 0 ? 'lead' : 'co' }));
  await db.insert(assignments).values([
    ...assign(1, ['战略规划司', '条法司']),
    ...assign(2, ['战略规划司', '保护司']),
    ...assign(3, ['保护司', '运用促进司']),
    ...assign(4, ['战略规划司']),
    ...assign(5, ['条法司']),
  ]);
  const roundRows = await db
    .insert(rounds)
    .values([
      { planId, key: '2021-W22', startsAt: new Date('2021-05-30T16:00:00Z'), endsAt: new Date('2021-06-06T16:00:00Z'), openedAt: new Date('2021-05-31T01:00:00Z'), closedAt: new Date('2021-06-04T09:00:00Z') },
      { planId, key: '2021-W23', startsAt: new Date('2021-06-06T16:00:00Z'), endsAt: new Date('2021-06-13T16:00:00Z'), openedAt: new Date('2021-06-07T01:00:00Z') },
    ])
    .returning();
  const roundIds = Object.fromEntries(roundRows.map((r) => [r.key, r.id]));
  await db.insert(people).values([
    { openId: 'ou_zhang', name: '张三' },
    { openId: 'ou_li', name: '李四' },
  ]);

  let event = 0;
  const report = async (task: number, dept: string, round: string, status: Status, progress: number, note: string, at: string, late = false, reporter = 'ou_zhang') => {
    const [row] = await db
      .insert(reports)
      .values({
        taskId: taskIds[task]!, departmentId: deptIds[dept]!, roundId: roundIds[round]!, version: 1, status, progress, note,
        reporterOpenId: reporter, reportedAt: new Date(at), late, eventId: `ev_${++event}`,
      })
      .returning();
    const current = { reportId: row!.id, roundId: row!.roundId, status, progress, note, reporterOpenId: reporter, reportedAt: row!.reportedAt };
    await db
      .insert(currentStatus)
      .values({ taskId: row!.taskId, departmentId: row!.departmentId, ...current })
      .onConflictDoUpdate({ target: [currentStatus.taskId, currentStatus.departmentId], set: current });
  };
  // last week
  await report(1, '战略规划司', '2021-W22', 'on_track', 30, '按计划推进', '2021-06-02T02:00:00Z');
  await report(1, '条法司', '2021-W22', 'on_track', 20, '起草中', '2021-06-02T03:00:00Z');
  await report(3, '运用促进司', '2021-W22', 'on_track', 30, '已形成初稿', '2021-06-05T03:00:00Z', true);
  // this week
  await report(1, '战略规划司', '2021-W23', 'on_track', 50, '完成调研', '2021-06-09T06:05:00Z');
  await report(1, '条法司', '2021-W23', 'blocked', 10, '缺少经费 <at id=all></at>', '2021-06-10T02:00:00Z', false, 'ou_li');
  await report(2, '战略规划司', '2021-W23', 'done', 100, '已印发', '2021-06-09T06:05:00Z');
  await report(2, '保护司', '2021-W23', 'done', 100, '已完成', '2021-06-09T07:00:00Z');
  await report(3, '保护司', '2021-W23', 'not_started', 0, '', '2021-06-09T07:00:00Z');
  await report(4, '战略规划司', '2021-W23', 'at_risk', 20, '进度慢', '2021-06-09T06:05:00Z');

  const indicatorRows = await db
    .insert(indicators)
    .values([
      { planId, position: 0, name: '发明专利审查周期', comparator: '<=', value: 18.5, unit: '个月', ownerDepartmentId: deptIds['保护司'] },
      { planId, position: 1, name: '专利商标质押融资规模', comparator: '>=', value: 2400, unit: '亿元' },
    ])
    .returning();
  await db.insert(indicatorValues).values([
    { indicatorId: indicatorRows[0]!.id, roundId: roundIds['2021-W22'], value: 19, reporterOpenId: 'ou_zhang', reportedAt: new Date('2021-06-01T03:00:00Z') },
    { indicatorId: indicatorRows[0]!.id, roundId: roundIds['2021-W23'], value: 18.2, reporterOpenId: 'ou_zhang', reportedAt: new Date('2021-06-08T03:00:00Z') },
  ]);
  await db.insert(chats).values([
    { chatId: 'oc_leader_a', name: '局领导', kind: 'leadership' },
    { chatId: 'oc_leader_b', name: '运用司领导', kind: 'leadership' },
    { chatId: 'oc_dept', name: '条法司群', kind: 'department', departmentId: deptIds['条法司'] },
  ]);
  return { planId, taskIds, deptIds, roundIds };
}
