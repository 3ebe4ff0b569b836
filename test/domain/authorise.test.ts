import { beforeEach, describe, expect, it } from 'vitest';
import {
  checkIndicatorSubmission,
  checkSubmission,
  indexAccess,
  indicatorFactsFrom,
  taskFactsFrom,
  type AccessDirectory,
  type AccessRows,
} from '../../src/domain/authorise.ts';

// The webhook's in-memory snapshot: two plans (2021 and the re-imported 2022), 保护司 with two
// reporters, 运用促进司 with one, 北京市知识产权局 with none yet.
const rowsOf = (): AccessRows => ({
  version: 7,
  departments: [
    { id: 3, name: '保护司', kind: 'department' },
    { id: 4, name: '运用促进司', kind: 'department' },
    { id: 11, name: '北京市知识产权局', kind: 'region' },
  ],
  reporters: [
    { departmentId: 3, openId: 'ou_zhang' },
    { departmentId: 4, openId: 'ou_li' },
    { departmentId: 3, openId: 'ou_wang' },
    // a reporter row left behind for a department the snapshot no longer has
    { departmentId: 99, openId: 'ou_ghost' },
  ],
  people: [
    { openId: 'ou_zhang', name: '张伟' },
    { openId: 'ou_li', name: '李娜' },
    { openId: 'ou_wang', name: null },
  ],
  tasks: [
    { id: 5, planId: 1, removed: false },
    { id: 6, planId: 1, removed: true },
    { id: 7, planId: 2, removed: false },
  ],
  assignments: [
    { taskId: 5, departmentId: 3 },
    { taskId: 5, departmentId: 4 },
    { taskId: 7, departmentId: 11 },
    // an assignment of a task the snapshot does not have is dropped
    { taskId: 404, departmentId: 3 },
  ],
  indicators: [
    { id: 21, planId: 1, ownerDepartmentId: 4 },
    { id: 22, planId: 1, ownerDepartmentId: null },
  ],
  rounds: [
    { id: 30, planId: 1, key: '2021-W49', startsAt: new Date('2021-12-06T00:00:00Z'), endsAt: new Date('2021-12-10T10:00:00Z'), closedAt: null },
    { id: 31, planId: 1, key: '2021-W50', startsAt: new Date('2021-12-13T00:00:00Z'), endsAt: new Date('2021-12-17T10:00:00Z'), closedAt: new Date('2021-12-17T10:00:00Z') },
  ],
});

describe('indexing the access snapshot', () => {
  let rows: AccessRows;
  let dir: AccessDirectory;
  beforeEach(() => {
    rows = rowsOf();
    dir = indexAccess(rows);
  });

  it('keeps the version and finds departments, indicators and rounds by id', () => {
    expect(dir.version).toBe(7);
    expect([...dir.departments.keys()]).toEqual([3, 4, 11]);
    expect(dir.departments.get(11)).toEqual({ id: 11, name: '北京市知识产权局', kind: 'region' });
    expect(dir.indicators.get(21)).toEqual({ planId: 1, ownerDepartmentId: 4 });
    expect(dir.indicators.get(22)).toEqual({ planId: 1, ownerDepartmentId: null });
    expect(dir.indicators.size).toBe(2);
    expect(dir.rounds.get(31)).toBe(rows.rounds[1]);
    expect([...dir.rounds.keys()]).toEqual([30, 31]);
  });

  it('gathers every reporter of a department, wherever its row comes', () => {
    expect(dir.reporters.get(3)).toEqual(new Set(['ou_zhang', 'ou_wang']));
    expect(dir.reporters.get(4)).toEqual(new Set(['ou_li']));
    expect(dir.reporters.has(11)).toBe(false);
  });

  it('names only the people who have a name', () => {
    expect(dir.names).toEqual(new Map([['ou_zhang', '张伟'], ['ou_li', '李娜']]));
  });

  it('gives each task its plan, whether it was removed, and its departments', () => {
    expect(dir.tasks.get(5)).toEqual({ planId: 1, removed: false, departmentIds: [3, 4] });
    expect(dir.tasks.get(6)).toEqual({ planId: 1, removed: true, departmentIds: [] });
    expect(dir.tasks.get(7)).toEqual({ planId: 2, removed: false, departmentIds: [11] });
    expect(dir.tasks.has(404)).toBe(false);
    expect(dir.tasks.size).toBe(3);
  });
});

describe('facts about a task submission, from the snapshot', () => {
  let dir: AccessDirectory;
  beforeEach(() => {
    dir = indexAccess(rowsOf());
  });

  it('reads the department, its reporters and the task', () => {
    expect(taskFactsFrom(dir, { planId: 1, taskId: 5, departmentId: 3 }, 'ou_zhang')).toEqual({
      operatorOpenId: 'ou_zhang',
      departmentName: '保护司',
      reporters: ['ou_zhang', 'ou_wang'],
      planMatches: true,
      taskExists: true,
      taskRemoved: false,
      taskDepartmentIds: [3, 4],
      departmentId: 3,
    });
  });

  it('hands out a copy of the reporters, not the snapshot itself', () => {
    const facts = taskFactsFrom(dir, { planId: 1, taskId: 5, departmentId: 3 }, 'ou_zhang');
    (facts.reporters as string[]).push('ou_intruder');
    expect(dir.reporters.get(3)).toEqual(new Set(['ou_zhang', 'ou_wang']));
  });

  it('says when the card was built for another plan, or the task was removed', () => {
    expect(taskFactsFrom(dir, { planId: 2, taskId: 5, departmentId: 3 }, 'ou_zhang')).toMatchObject({ planMatches: false, taskExists: true });
    expect(taskFactsFrom(dir, { planId: 1, taskId: 6, departmentId: 3 }, 'ou_zhang')).toMatchObject({
      planMatches: true,
      taskExists: true,
      taskRemoved: true,
      taskDepartmentIds: [],
    });
  });

  it('knows a task the snapshot does not have only as missing', () => {
    expect(taskFactsFrom(dir, { planId: 1, taskId: 404, departmentId: 3 }, 'ou_zhang')).toEqual({
      operatorOpenId: 'ou_zhang',
      departmentName: '保护司',
      reporters: ['ou_zhang', 'ou_wang'],
      planMatches: false,
      taskExists: false,
      taskRemoved: false,
      taskDepartmentIds: [],
      departmentId: 3,
    });
  });

  it('has no reporters for a department without any, nor for one the snapshot does not have', () => {
    expect(taskFactsFrom(dir, { planId: 2, taskId: 7, departmentId: 11 }, 'ou_li')).toMatchObject({ departmentName: '北京市知识产权局', reporters: [] });
    // reporter rows of a vanished department open nothing
    expect(taskFactsFrom(dir, { planId: 1, taskId: 5, departmentId: 99 }, 'ou_ghost')).toMatchObject({ departmentName: '未知部门', reporters: [], departmentId: 99 });
  });

  it('lets a reporter of an assigned department through, and refuses everyone else in the right order', () => {
    expect(checkSubmission(taskFactsFrom(dir, { planId: 1, taskId: 5, departmentId: 4 }, 'ou_li'))).toEqual({ ok: true });
    expect(checkSubmission(taskFactsFrom(dir, { planId: 1, taskId: 5, departmentId: 4 }, 'ou_zhang'))).toEqual({
      ok: false,
      code: 'NOT_REPORTER',
      message: '您不是「运用促进司」的填报人，无法提交。如需开通请联系督办管理员',
    });
    expect(checkSubmission(taskFactsFrom(dir, { planId: 1, taskId: 5, departmentId: 99 }, 'ou_ghost'))).toMatchObject({ code: 'NOT_REPORTER' });
    expect(checkSubmission(taskFactsFrom(dir, { planId: 1, taskId: 6, departmentId: 3 }, 'ou_wang'))).toEqual({
      ok: false,
      code: 'TASK_UNKNOWN',
      message: '该任务已不存在或卡片已过期，请在最新的卡片上填报',
    });
    expect(checkSubmission(taskFactsFrom(dir, { planId: 2, taskId: 5, departmentId: 3 }, 'ou_wang'))).toMatchObject({ code: 'TASK_UNKNOWN' });
    expect(checkSubmission(taskFactsFrom(dir, { planId: 1, taskId: 404, departmentId: 3 }, 'ou_wang'))).toMatchObject({ code: 'TASK_UNKNOWN' });
    expect(checkSubmission(taskFactsFrom(dir, { planId: 2, taskId: 7, departmentId: 3 }, 'ou_wang'))).toEqual({
      ok: false,
      code: 'TASK_NOT_DEPARTMENTS',
      message: '该任务不属于「保护司」，无法提交',
    });
  });
});

describe('facts about an indicator value, from the snapshot', () => {
  let dir: AccessDirectory;
  beforeEach(() => {
    dir = indexAccess(rowsOf());
  });

  it('reads the department, its reporters and the indicator', () => {
    expect(indicatorFactsFrom(dir, { planId: 1, indicatorId: 21, departmentId: 4 }, 'ou_li')).toEqual({
      operatorOpenId: 'ou_li',
      departmentName: '运用促进司',
      reporters: ['ou_li'],
      planMatches: true,
      indicatorExists: true,
      ownerDepartmentId: 4,
      departmentId: 4,
    });
  });

  it('knows an indicator the snapshot does not have only as missing, and a department it does not have by a placeholder', () => {
    expect(indicatorFactsFrom(dir, { planId: 1, indicatorId: 404, departmentId: 99 }, 'ou_ghost')).toEqual({
      operatorOpenId: 'ou_ghost',
      departmentName: '未知部门',
      reporters: [],
      planMatches: false,
      indicatorExists: false,
      ownerDepartmentId: null,
      departmentId: 99,
    });
    expect(indicatorFactsFrom(dir, { planId: 2, indicatorId: 21, departmentId: 11 }, 'ou_li')).toMatchObject({
      departmentName: '北京市知识产权局',
      reporters: [],
      planMatches: false,
      indicatorExists: true,
    });
  });

  it('lets only a reporter of the owner department through', () => {
    expect(checkIndicatorSubmission(indicatorFactsFrom(dir, { planId: 1, indicatorId: 21, departmentId: 4 }, 'ou_li'))).toEqual({ ok: true });
    expect(checkIndicatorSubmission(indicatorFactsFrom(dir, { planId: 1, indicatorId: 21, departmentId: 4 }, 'ou_zhang'))).toEqual({
      ok: false,
      code: 'NOT_REPORTER',
      message: '您不是「运用促进司」的填报人，无法提交。如需开通请联系督办管理员',
    });
    expect(checkIndicatorSubmission(indicatorFactsFrom(dir, { planId: 2, indicatorId: 21, departmentId: 4 }, 'ou_li'))).toEqual({
      ok: false,
      code: 'INDICATOR_UNKNOWN',
      message: '该指标已不存在或卡片已过期，请在最新的卡片上填报',
    });
    expect(checkIndicatorSubmission(indicatorFactsFrom(dir, { planId: 1, indicatorId: 404, departmentId: 4 }, 'ou_li'))).toMatchObject({ code: 'INDICATOR_UNKNOWN' });
    expect(checkIndicatorSubmission(indicatorFactsFrom(dir, { planId: 1, indicatorId: 21, departmentId: 3 }, 'ou_zhang'))).toEqual({
      ok: false,
      code: 'INDICATOR_NOT_DEPARTMENTS',
      message: '该指标不由「保护司」填报，无法提交',
    });
    // an indicator without an owner is no one's to report
    expect(checkIndicatorSubmission(indicatorFactsFrom(dir, { planId: 1, indicatorId: 22, departmentId: 3 }, 'ou_zhang'))).toMatchObject({
      code: 'INDICATOR_NOT_DEPARTMENTS',
    });
  });
});
