import { describe, expect, it } from 'vitest';
import { remindersFor } from '../../src/domain/reminders.ts';

const tasks = [
  { id: 10, number: 12, title: '完善知识产权转化运用机制' },
  { id: 11, number: 8, title: '深化专利导航和专利奖评选工作' },
];
const reporters = [
  { openId: 'ou_1', name: '张三' },
  { openId: 'all', name: '所有人' },
];

describe('reminders (催办)', () => {
  it('names only the missing tasks, in number order, without mentions the first time', () => {
    const [r] = remindersFor([{ department: { id: 1, name: '运用促进司', chatId: 'oc_1' }, tasks: [...tasks, { id: 12, number: 3, title: 'x' }], reportedTaskIds: [12], reporters, reminderNumber: 1 }]);
    expect(r?.missing.map((t) => t.number)).toEqual([8, 12]);
    expect(r?.mention).toEqual([]);
  });

  it('the second reminder mentions the reporters, never everyone', () => {
    const [r] = remindersFor([{ department: { id: 1, name: '运用促进司', chatId: 'oc_1' }, tasks, reportedTaskIds: new Set<number>(), reporters, reminderNumber: 2 }]);
    expect(r?.mention).toEqual([{ openId: 'ou_1', name: '张三' }]);
  });

  it('departments with nothing missing, or without a chat, get nothing', () => {
    expect(
      remindersFor([
        { department: { id: 1, name: 'A', chatId: 'oc_1' }, tasks, reportedTaskIds: [10, 11], reporters, reminderNumber: 1 },
        { department: { id: 2, name: 'B', chatId: null }, tasks, reportedTaskIds: [], reporters, reminderNumber: 1 },
      ]),
    ).toEqual([]);
  });
});
