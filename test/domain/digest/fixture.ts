import type { DigestAssignmentInput, DigestInput, DigestTaskInput } from '../../../src/domain/digest/types.ts';
import type { Status } from '../../../src/domain/status.ts';

export const NOW = new Date('2021-06-11T09:30:00Z'); // Friday 17:30 in Asia/Shanghai
export const TZ = 'Asia/Shanghai';
export const ROUND = { key: '2021-W23', startsAt: new Date('2021-06-06T16:00:00Z'), endsAt: new Date('2021-06-13T16:00:00Z') };

const at = (iso: string) => new Date(iso);

export function dept(
  departmentId: number,
  name: string,
  status: Status | null,
  opts: Partial<DigestAssignmentInput> = {},
): DigestAssignmentInput {
  return {
    departmentId,
    name,
    role: 'co',
    status,
    progress: status === null ? null : status === 'done' ? 100 : 40,
    note: status === null ? null : `${name}的说明`,
    reporter: status === null ? null : `${name}填报人`,
    reportedAt: status === null ? null : at('2021-06-09T06:05:00Z'),
    reportedThisRound: status !== null,
    ...opts,
  };
}

/** A small seeded week: a blocked task, a done task, a department that did not report, an overdue task. */
export function seededWeek(): DigestInput {
  const tasks: DigestTaskInput[] = [
    {
      id: 101, number: 1, title: '深入实施知识产权强国战略', section: 1, deadlineKind: 'year_end', dueDate: null,
      departments: [
        dept(1, '战略规划司', 'on_track', { role: 'lead', progress: 50 }),
        dept(2, '条法司', 'blocked', { note: '缺少经费 <at id=all></at> **紧急**', progress: 10, reportedAt: at('2021-06-10T02:00:00Z') }),
      ],
    },
    {
      id: 102, number: 2, title: '完善知识产权法律法规', section: 1, deadlineKind: 'year_end', dueDate: null,
      departments: [dept(1, '战略规划司', 'done', { role: 'lead' }), dept(3, '保护司', 'done')],
    },
    {
      id: 103, number: 3, title: '加强地理标志保护', section: 2, deadlineKind: 'milestone', dueDate: null,
      departments: [
        dept(3, '保护司', null, { role: 'lead' }),
        dept(4, '运用促进司', 'on_track', { reportedThisRound: false, progress: 30 }),
      ],
    },
    {
      id: 104, number: 4, title: '专利导航工程', section: 2, deadlineKind: 'milestone', dueDate: '2021-06-01',
      departments: [dept(1, '战略规划司', 'at_risk', { role: 'lead', note: '进度慢', progress: 20 })],
    },
  ];
  return {
    plan: { title: '推动知识产权高质量发展年度工作指引（2021）', year: 2021, reportDeadline: '2021-12-15' },
    round: ROUND,
    sections: [
      { number: 1, title: '强化知识产权高质量发展标杆引领' },
      { number: 2, title: '推进知识产权高质量创造' },
    ],
    tasks,
    indicators: [
      { id: 1, name: '发明专利审查周期', comparator: '<=', target: 18.5, unit: '个月', latest: { value: 18.2, reportedAt: at('2021-06-08T03:00:00Z') } },
      { id: 2, name: '专利商标质押融资规模', comparator: '>=', target: 2400, unit: '亿元', latest: null },
      { id: 3, name: '融资惠及企业数量增长率', comparator: '>', target: 10, unit: '%', latest: { value: 10, reportedAt: at('2021-06-08T03:00:00Z') } },
    ],
    now: NOW,
    timezone: TZ,
  };
}

const STATUS_CYCLE: Status[] = ['blocked', 'at_risk', 'on_track', 'not_started', 'done'];

/** A plan at the size the issue names: every department on every task, long notes, long names. */
export function hugeWeek(taskCount = 1000, deptCount = 50, noteLength = 1000): DigestInput {
  const longNote = '因协调难度大，相关工作推进缓慢，<at id=all></at> 需要领导协调。'.repeat(Math.ceil(noteLength / 30)).slice(0, noteLength);
  const sections = Array.from({ length: 40 }, (_, i) => ({ number: i + 1, title: `第${i + 1}部分：加强知识产权全链条保护与运用促进工作的若干任务` }));
  const tasks: DigestTaskInput[] = Array.from({ length: taskCount }, (_, t) => ({
    id: t + 1,
    number: t + 1,
    title: `任务${t + 1}：深入推进知识产权领域重点工作并确保按期完成年度目标任务的全部落实举措`,
    section: (t % sections.length) + 1,
    deadlineKind: 'year_end',
    dueDate: null,
    departments: Array.from({ length: deptCount }, (_, d) =>
      dept(d + 1, `国家知识产权局专利局第${d + 1}审查业务管理部门`, STATUS_CYCLE[(t + d) % 5]!, {
        note: longNote,
        reportedThisRound: d % 7 !== 0,
      }),
    ),
  }));
  return {
    plan: { title: '推动知识产权高质量发展年度工作指引（2021）——一个很长很长的计划标题用于测试卡片长度限制', year: 2021, reportDeadline: '2021-12-15' },
    round: ROUND,
    sections,
    tasks,
    indicators: Array.from({ length: 30 }, (_, i) => ({
      id: i + 1, name: `指标${i + 1}：知识产权质押融资登记金额增长率`, comparator: '>=' as const, target: 100, unit: '亿元', latest: i % 2 ? null : { value: 90 + i, reportedAt: NOW },
    })),
    now: new Date('2021-12-20T09:30:00Z'),
    timezone: TZ,
  };
}
