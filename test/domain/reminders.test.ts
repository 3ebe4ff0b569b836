import { describe, expect, it } from 'vitest';
import { isMentionableOpenId, missingTasks, remindersFor } from '../../src/domain/reminders.ts';

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

describe('reminders (催办): what each carries', () => {
  it('carries the department, its chat and the reminder’s number', () => {
    const input = () => ({ department: { id: 7, name: '保护司', chatId: 'oc_7' }, tasks: [{ id: 21, number: 5, title: '加强知识产权保护' }], reportedTaskIds: [], reporters: [{ openId: 'ou_li', name: '李四' }] });
    expect(remindersFor([{ ...input(), reminderNumber: 1 }])).toEqual([
      { departmentId: 7, departmentName: '保护司', chatId: 'oc_7', missing: [{ id: 21, number: 5, title: '加强知识产权保护' }], mention: [], reminderNumber: 1 },
    ]);
    expect(remindersFor([{ ...input(), reminderNumber: 3 }])).toEqual([
      { departmentId: 7, departmentName: '保护司', chatId: 'oc_7', missing: [{ id: 21, number: 5, title: '加强知识产权保护' }], mention: [{ openId: 'ou_li', name: '李四' }], reminderNumber: 3 },
    ]);
    expect(remindersFor([{ ...input(), department: { id: 7, name: '保护司', chatId: '' }, reminderNumber: 1 }])).toEqual([]);
  });

  it('lists the annex tasks first, then the key points, each in number order', () => {
    const tasks = [
      { id: 1, number: 2, title: '工作要点2', kind: 'key_point' as const },
      { id: 2, number: 9, title: '任务9' },
      { id: 3, number: 1, title: '工作要点1', kind: 'key_point' as const },
      { id: 4, number: 3, title: '任务3' },
    ];
    const missing = missingTasks(tasks, new Set([4]));
    expect(missing.map((t) => t.title)).toEqual(['任务9', '工作要点1', '工作要点2']);
    expect(missingTasks(tasks, []).map((t) => t.title)).toEqual(['任务3', '任务9', '工作要点1', '工作要点2']);
  });
});

describe('who may be mentioned', () => {
  it('only a real user’s open_id, whole', () => {
    for (const ok of ['ou_1', 'ou_AbZ09_-x']) expect(isMentionableOpenId(ok), ok).toBe(true);
    for (const bad of ['all', 'ou_', 'xou_1', 'ou_1 all', 'ou_1\n', 'ou_1@', 'on_1', 'OU_1']) expect(isMentionableOpenId(bad), bad).toBe(false);
  });
});
