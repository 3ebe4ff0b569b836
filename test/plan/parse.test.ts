import { describe, expect, it } from 'vitest';
import { DubanError } from '../../src/errors.ts';
import { parsePlan } from '../../src/plan/parse.ts';

const INLINE = ['2025年专利工作要点', '', '1. 加快审查。（保护司负责）'].join('\n');
const TABLE = ['# 2025年任务清单', '', '请于2025年12月1日前报送我局综合办公室。', '（一）做好甲（保护司负责）', '任务清单\t落实举措\t责任部门\t完成时间', '1. 做好A\t甲局：做。\t办公室\t年底前完成'].join('\n');

function failure(text: string, fileName?: string): DubanError {
  try {
    parsePlan(text, fileName === undefined ? undefined : { fileName });
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('expected parsePlan to fail');
}

describe('parsePlan', () => {
  it('reads a small inline document: tasks from the statements, no key points', () => {
    expect(parsePlan(INLINE)).toEqual({
      title: '2025年专利工作要点', docNumber: null, year: 2025, reportDeadline: null, reportTo: null, sections: [],
      tasks: [{ number: 1, title: '加快审查', section: null, deadlineKind: null, departments: ['保护司'], measures: [{ actor: '保护司', text: '加快审查。' }] }],
      indicators: [], keyPoints: [],
    });
  });

  it('reads a small table document: tasks from the table, the body statements as key points, the recipient among the task departments', () => {
    expect(parsePlan(TABLE)).toEqual({
      title: '2025年任务清单', docNumber: null, year: 2025, reportDeadline: '2025-12-01', reportTo: '办公室', sections: [],
      tasks: [{ number: 1, title: '做好A', section: null, deadlineKind: 'year_end', departments: ['办公室'], measures: [{ actor: '甲局', text: '做。' }] }],
      indicators: [],
      keyPoints: [{ number: 1, title: '做好甲', section: null, sectionTitle: null, clauses: [{ departments: ['保护司'], text: '做好甲' }] }],
    });
  });

  it('reads the targets of the body', () => {
    expect(parsePlan(`${INLINE}\n（一）主要目标。审查周期压减至16个月。`).indicators).toEqual([{ name: '审查周期', comparator: '<=', value: 16, unit: '个月' }]);
  });

  it('refuses an empty document, naming the file', () => {
    const e = failure(' \n\t', 'a.txt');
    expect([e.code, e.message, e.details, e.retryable]).toEqual(['PLAN_EMPTY', '文件是空的', { line: undefined, file: 'a.txt' }, false]);
  });

  it('refuses a document with a NUL byte in its first 8192 characters', () => {
    const e = failure(`${INLINE}\u0000`, 'a.bin');
    expect([e.code, e.message, e.details]).toEqual(['PLAN_BINARY', '不是文本文件（含有二进制内容）', { line: undefined, file: 'a.bin' }]);
    expect(parsePlan(`${INLINE}\n${' '.repeat(8192)}\u0000`).tasks).toHaveLength(1);
  });

  it('refuses more than two control or replacement characters in a short document', () => {
    for (const bad of ['\u0001', '\u0008', '\u000E', '\u001F', '\uFFFD']) {
      expect(failure(`${INLINE}${bad.repeat(3)}`).code, JSON.stringify(bad)).toBe('PLAN_BINARY');
      expect(parsePlan(`${INLINE}${bad.repeat(2)}`).year, JSON.stringify(bad)).toBe(2025);
    }
    expect(parsePlan(`${INLINE}\u000B\u000C\u000B\u000C\u007F`).year).toBe(2025);
  });

  it('refuses more than one control character per hundred in a longer document', () => {
    const long = `${INLINE}\n${'正'.repeat(1000 - INLINE.length - 1 - 10)}`;
    expect(parsePlan(`${long}${'\u0001'.repeat(10)}`).year).toBe(2025);
    expect(failure(`${long}${'\u0001'.repeat(11)}`).code).toBe('PLAN_BINARY');
  });

  it('refuses a document without tasks, and one without a year, naming the file', () => {
    const none = failure('2025年通知\n\n正文。', 'n.txt');
    expect([none.code, none.details]).toEqual(['PLAN_NO_TASKS', { line: undefined, file: 'n.txt' }]);
    expect(none.message).toBe('没有找到可识别的任务（既没有任务清单表格，也没有“（××负责）”形式的任务）');
    const noYear = failure('专利工作要点\n\n1. 加快审查。（保护司负责）', 'y.txt');
    expect([noYear.code, noYear.message, noYear.details]).toEqual(['PLAN_NO_YEAR', '无法确定计划年度（标题、文号和正文中都没有年份）', { line: undefined, file: 'y.txt' }]);
    expect(failure('专利工作要点\n\n1. 加快审查。（保护司负责）').details).toEqual({ line: undefined, file: undefined });
  });

  it('passes the file name to the table reader', () => {
    expect(failure('任务清单\t落实举措\t责任部门\t完成时间\n1. 做好A\t\t保护司\t年底前完成', 't.txt').details).toEqual({ line: 2, file: 't.txt' });
  });
});
