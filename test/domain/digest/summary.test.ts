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

  it('carries the explaining report’s evidence link, section and due date into the summary', () => {
    const input: DigestTaskInput = {
      id: 104, number: 4, title: '专利导航工程', section: 2, deadlineKind: 'milestone', dueDate: '2021-06-01',
      departments: [
        dept(1, '战略规划司', 'at_risk', { role: 'lead', note: '进度慢', progress: 20, evidenceUrl: 'https://www.cnipa.gov.cn/navi' }),
        dept(4, '运用促进司', null),
      ],
    };
    expect(summariseTask(input)).toEqual({
      id: 104,
      number: 4,
      title: '专利导航工程',
      section: 2,
      deadlineKind: 'milestone',
      dueDate: '2021-06-01',
      status: 'at_risk',
      progress: 10,
      reported: true,
      explaining: { name: '战略规划司', note: '进度慢', evidenceUrl: 'https://www.cnipa.gov.cn/navi', reporter: '战略规划司填报人', reportedAt: new Date('2021-06-09T06:05:00Z') },
    });
  });

  it('is not reported while no department reported, and then has nobody explaining it', () => {
    expect(summariseTask(task([dept(1, '甲', null), dept(2, '乙', null)]))).toMatchObject({ status: 'not_started', progress: 0, reported: false, explaining: null });
  });

  it('rounds the mean progress to whole percent', () => {
    expect(summariseTask(task([dept(1, '甲', 'on_track', { progress: 33 }), dept(2, '乙', 'on_track', { progress: 34 }), dept(3, '丙', 'on_track', { progress: 34 })])).progress).toBe(34); // 33.67
    expect(summariseTask(task([dept(1, '甲', 'on_track', { progress: 10 }), dept(2, '乙', 'on_track', { progress: 11 }), dept(3, '丙', 'on_track', { progress: 11 })])).progress).toBe(11); // 10.67
  });
});
