import { describe, expect, it } from 'vitest';
import {
  MODEL_NOTE_MAX,
  boundedNote,
  compareRed,
  explainingDepartment,
  redEntry,
  redReasons,
  severity,
} from '../../../src/domain/digest/redlist.ts';
import type { RedListEntry, RedReason } from '../../../src/domain/digest/types.ts';
import { dept } from './fixture.ts';

// The red list is the part of the weekly digest leadership reads first: which tasks are blocked,
// at risk, overdue or nearly due, worst first, each with the report that explains it.

const entry = (number: number, reasons: RedReason[], progress: number): RedListEntry => ({
  taskId: 100 + number,
  number,
  title: `任务${number}`,
  status: reasons.includes('blocked') ? 'blocked' : reasons.includes('at_risk') ? 'at_risk' : 'on_track',
  deadline: reasons.includes('overdue') ? 'overdue' : reasons.includes('warning') ? 'warning' : 'ok',
  reasons,
  department: null,
  note: '',
  evidenceUrl: null,
  reporter: null,
  reportedAt: null,
  progress,
});

describe('boundedNote', () => {
  it('keeps a short note as written, on one line', () => {
    expect(boundedNote('缺少经费')).toBe('缺少经费');
    expect(boundedNote('  经费\n\t不足  ')).toBe('经费 不足');
    expect(boundedNote('')).toBe('');
  });

  it('keeps a note of exactly the bound and cuts one past it with an ellipsis', () => {
    expect(MODEL_NOTE_MAX).toBe(200);
    const exact = '协'.repeat(200);
    expect(boundedNote(exact)).toBe(exact);
    expect(boundedNote(`${exact}调`)).toBe(`${'协'.repeat(199)}…`);
  });

  it('counts code points, not UTF-16 units, so 200 emoji fit and 201 are cut', () => {
    const emoji = '😀'.repeat(200); // 400 UTF-16 units
    expect(boundedNote(emoji)).toBe(emoji);
    expect(boundedNote(`${emoji}x`)).toBe(`${'😀'.repeat(199)}…`);
  });

  it('marks a long note cut before its whitespace collapsed', () => {
    // 402 units kept: after collapsing, the 12 words fit, but the rest of the note was dropped
    const note = `${'进展 '.repeat(10)}${' '.repeat(400)}尾部说明`;
    expect(boundedNote(note)).toBe(`${'进展 '.repeat(10).trim()}…`);
  });
});

describe('redReasons', () => {
  it('names the status and the deadline state that put a task on the red list', () => {
    expect(redReasons('blocked', 'overdue')).toEqual(['blocked', 'overdue']);
    expect(redReasons('at_risk', 'warning')).toEqual(['at_risk', 'warning']);
    expect(redReasons('blocked', 'ok')).toEqual(['blocked']);
    expect(redReasons('on_track', 'overdue')).toEqual(['overdue']);
    expect(redReasons('not_started', 'warning')).toEqual(['warning']);
  });

  it('gives no reason for a task on track, not started, waiting for review or done in time', () => {
    for (const s of ['on_track', 'not_started', 'pending_review', 'done'] as const) expect(redReasons(s, 'ok'), s).toEqual([]);
  });
});

describe('severity', () => {
  it('weighs 阻塞 above 逾期 above 有风险 above 预警, and adds them up', () => {
    expect(severity({ reasons: ['blocked'] })).toBe(8);
    expect(severity({ reasons: ['overdue'] })).toBe(4);
    expect(severity({ reasons: ['at_risk'] })).toBe(2);
    expect(severity({ reasons: ['warning'] })).toBe(1);
    expect(severity({ reasons: ['blocked', 'overdue'] })).toBe(12);
    expect(severity({ reasons: ['at_risk', 'warning'] })).toBe(3);
    expect(severity({ reasons: [] })).toBe(0);
  });
});

describe('compareRed', () => {
  it('orders by severity, then the least progress, then the task number', () => {
    const list = [
      entry(7, ['warning'], 10),
      entry(5, ['at_risk'], 60),
      entry(3, ['at_risk'], 20),
      entry(9, ['blocked'], 90),
      entry(2, ['at_risk', 'overdue'], 50),
      entry(4, ['at_risk'], 20),
      entry(1, ['overdue'], 0),
      entry(6, ['blocked', 'overdue'], 95),
    ];
    expect(list.sort(compareRed).map((e) => e.number)).toEqual([6, 9, 2, 1, 3, 4, 5, 7]);
  });

  it('is zero only for the same place', () => {
    expect(compareRed(entry(3, ['at_risk'], 20), entry(3, ['at_risk'], 20))).toBe(0);
    expect(compareRed(entry(3, ['at_risk'], 20), entry(4, ['at_risk'], 20))).toBeLessThan(0);
    expect(compareRed(entry(4, ['at_risk'], 20), entry(3, ['at_risk'], 20))).toBeGreaterThan(0);
    expect(compareRed(entry(4, ['at_risk'], 10), entry(3, ['at_risk'], 20))).toBeLessThan(0);
    expect(compareRed(entry(4, ['blocked'], 90), entry(3, ['at_risk'], 20))).toBeLessThan(0);
  });
});

describe('explainingDepartment', () => {
  const d = (id: number, name: string, status: Parameters<typeof dept>[2], reportedAt: string | null) =>
    dept(id, name, status, { reportedAt: reportedAt ? new Date(reportedAt) : null });

  it('is nobody when no department reported', () => {
    expect(explainingDepartment([])).toBeNull();
    expect(explainingDepartment([d(1, '保护司', null, null), d(2, '条法司', null, null)])).toBeNull();
  });

  it('is the department with the worst status, wherever it is listed', () => {
    expect(explainingDepartment([d(1, '保护司', 'on_track', '2021-06-10T00:00:00Z'), d(2, '条法司', 'blocked', '2021-06-01T00:00:00Z'), d(3, '运用促进司', 'at_risk', '2021-06-11T00:00:00Z')])!.name).toBe('条法司');
    expect(explainingDepartment([d(2, '条法司', 'blocked', '2021-06-01T00:00:00Z'), d(1, '保护司', 'on_track', '2021-06-10T00:00:00Z')])!.name).toBe('条法司');
    expect(explainingDepartment([d(1, '保护司', null, null), d(2, '条法司', 'done', '2021-06-01T00:00:00Z')])!.name).toBe('条法司');
  });

  it('among equally bad ones is the latest report; a report without a time counts as the oldest', () => {
    expect(explainingDepartment([d(1, '保护司', 'at_risk', '2021-06-08T00:00:00Z'), d(2, '条法司', 'at_risk', '2021-06-09T00:00:00Z')])!.name).toBe('条法司');
    expect(explainingDepartment([d(2, '条法司', 'at_risk', '2021-06-09T00:00:00Z'), d(1, '保护司', 'at_risk', '2021-06-08T00:00:00Z')])!.name).toBe('条法司');
    expect(explainingDepartment([d(1, '保护司', 'at_risk', null), d(2, '条法司', 'at_risk', '2021-06-09T00:00:00Z')])!.name).toBe('条法司');
    expect(explainingDepartment([d(2, '条法司', 'at_risk', '2021-06-09T00:00:00Z'), d(1, '保护司', 'at_risk', null)])!.name).toBe('条法司');
  });

  it('keeps the first listed when status and time are the same', () => {
    expect(explainingDepartment([d(1, '保护司', 'at_risk', '2021-06-09T00:00:00Z'), d(2, '条法司', 'at_risk', '2021-06-09T00:00:00Z')])!.name).toBe('保护司');
    expect(explainingDepartment([d(1, '保护司', 'at_risk', null), d(2, '条法司', 'at_risk', null)])!.name).toBe('保护司');
  });

  it('does not let a later but milder report explain the task', () => {
    expect(explainingDepartment([d(1, '保护司', 'at_risk', '2021-06-01T00:00:00Z'), d(2, '条法司', 'on_track', '2021-06-10T00:00:00Z')])!.name).toBe('保护司');
  });
});

describe('redEntry', () => {
  const task = { id: 104, number: 4, title: '专利导航工程' };

  it('is no entry for a task with nothing wrong', () => {
    expect(redEntry(task, 'on_track', 'ok', 40, null)).toBeNull();
    expect(redEntry(task, 'done', 'ok', 100, null)).toBeNull();
  });

  it('carries the task, its reasons and the explaining report', () => {
    const who = { name: '战略规划司', note: '进度慢\n需协调', evidenceUrl: 'https://www.cnipa.gov.cn/a', reporter: '张三', reportedAt: new Date('2021-06-09T06:05:00Z') };
    expect(redEntry(task, 'at_risk', 'overdue', 20, who)).toEqual({
      taskId: 104,
      number: 4,
      title: '专利导航工程',
      status: 'at_risk',
      deadline: 'overdue',
      reasons: ['at_risk', 'overdue'],
      department: '战略规划司',
      note: '进度慢 需协调',
      evidenceUrl: 'https://www.cnipa.gov.cn/a',
      reporter: '张三',
      reportedAt: '2021-06-09T06:05:00.000Z',
      progress: 20,
    });
  });

  it('leaves the report fields empty when nobody explains it', () => {
    expect(redEntry(task, 'not_started', 'warning', 0, null)).toEqual({
      taskId: 104,
      number: 4,
      title: '专利导航工程',
      status: 'not_started',
      deadline: 'warning',
      reasons: ['warning'],
      department: null,
      note: '',
      evidenceUrl: null,
      reporter: null,
      reportedAt: null,
      progress: 0,
    });
    const silent = { name: '保护司', note: null, evidenceUrl: undefined, reporter: null, reportedAt: null };
    expect(redEntry(task, 'blocked', 'ok', 5, silent)).toMatchObject({ department: '保护司', note: '', evidenceUrl: null, reporter: null, reportedAt: null });
  });
});
