import { describe, expect, it } from 'vitest';
import { departmentResponses, summariseTask } from '../../../src/domain/digest/summary.ts';
import type { DigestTaskInput } from '../../../src/domain/digest/types.ts';
import { dept } from './fixture.ts';

const task = (departments: DigestTaskInput['departments']): DigestTaskInput => ({
  id: 1, number: 1, title: '任务', section: 1, deadlineKind: 'year_end', dueDate: null, departments,
});

describe('summarising a task for the digest', () => {
  it('takes the worst status, counting a department that never reported as not started', () => {
    expect(summariseTask(task([dept(1, '甲', 'done'), dept(2, '乙', null)])).status).toBe('not_started');
    expect(summariseTask(task([dept(1, '甲', 'done'), dept(2, '乙', 'on_track')])).status).toBe('on_track');
    expect(summariseTask(task([dept(1, '甲', 'done'), dept(2, '乙', 'done')])).status).toBe('done');
  });

  it('averages progress with never reported as 0, and a task without departments is not started at 0 %', () => {
    expect(summariseTask(task([dept(1, '甲', 'on_track', { progress: 45 }), dept(2, '乙', null)])).progress).toBe(23);
    expect(summariseTask(task([]))).toMatchObject({ status: 'not_started', progress: 0, explaining: null });
  });

  it('is explained by the worst department, then the latest report', () => {
    const s = summariseTask(
      task([
        dept(1, '甲', 'at_risk', { reportedAt: new Date('2021-06-08T00:00:00Z') }),
        dept(2, '乙', 'at_risk', { reportedAt: new Date('2021-06-09T00:00:00Z'), note: '乙的说明' }),
        dept(3, '丙', 'on_track', { reportedAt: new Date('2021-06-10T00:00:00Z') }),
      ]),
    );
    expect(s.explaining).toEqual({ name: '乙', note: '乙的说明', evidenceUrl: null, reporter: '乙填报人', reportedAt: new Date('2021-06-09T00:00:00Z') });
  });

  it('counts per department the tasks it answers for and those it reported this round', () => {
    const tasks = [task([dept(1, '甲', 'done'), dept(2, '乙', null)]), { ...task([dept(1, '甲', 'on_track', { reportedThisRound: false })]), id: 2 }];
    expect(departmentResponses(tasks)).toEqual([
      { departmentId: 1, name: '甲', expected: 2, reported: 1 },
      { departmentId: 2, name: '乙', expected: 1, reported: 0 },
    ]);
  });
});
