import type { DepartmentCardInput, DepartmentCardTask } from '../../src/cards/department-types.ts';

export const round = {
  id: 4,
  key: '2021-W23',
  startsAt: new Date('2021-06-06T16:00:00Z'),
  endsAt: new Date('2021-06-13T16:00:00Z'),
};

export function task(n: number, extra: Partial<DepartmentCardTask> = {}): DepartmentCardTask {
  return {
    id: 100 + n,
    number: n,
    title: `任务标题${n}`,
    role: n % 2 ? 'lead' : 'co',
    deadlineKind: 'year_end',
    dueDate: '2021-12-31',
    deadlineState: 'ok',
    measuresForBureau: [`国家知识产权局举措${n}`],
    ...extra,
  };
}

export function input(tasks: DepartmentCardTask[], extra: Partial<DepartmentCardInput> = {}): DepartmentCardInput {
  return {
    plan: { id: 1, title: '推动知识产权高质量发展年度工作指引（2021）', year: 2021 },
    round,
    department: { id: 6, name: '运用促进司' },
    tasks,
    timezone: 'Asia/Shanghai',
    ...extra,
  };
}
