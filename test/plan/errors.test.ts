import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DubanError } from '../../src/errors.ts';
import { parsePlan } from '../../src/plan/parse.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8');

function failure(text: string): DubanError {
  try {
    parsePlan(text, { fileName: 'x.txt' });
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('expected parsePlan to fail');
}

describe('documents the parser refuses', () => {
  it('refuses an empty or blank document', () => {
    expect(failure('').code).toBe('PLAN_EMPTY');
    expect(failure(' \n\n\t \n').code).toBe('PLAN_EMPTY');
  });

  it('refuses binary content', () => {
    expect(failure('PK\u0003\u0004\u0000\u0000 some zip').code).toBe('PLAN_BINARY');
  });

  it('refuses a document without recognisable tasks', () => {
    const e = failure(fixture('no-tasks.txt'));
    expect(e.code).toBe('PLAN_NO_TASKS');
    expect(e.details).toMatchObject({ file: 'x.txt' });
  });

  it('names the line of a table row with missing cells', () => {
    const e = failure(fixture('broken-row.txt'));
    expect(e.code).toBe('PLAN_ROW_INCOMPLETE');
    expect(e.details?.line).toBe(6);
    expect(e.message).toContain('任务 2');
    expect(e.message).toContain('完成时间');
  });

  it('refuses a row whose departments cell is empty', () => {
    const text = '任务清单\t落实举措\t责任部门\t完成时间\n1. 做好A\t<p><b>国家知识产权局：</b>做。</p>\t \t年底前完成\n';
    const e = failure(text);
    expect(e.code).toBe('PLAN_ROW_INCOMPLETE');
    expect(e.details?.line).toBe(2);
    expect(e.message).toContain('责任部门');
  });

  it('refuses a task number that appears twice', () => {
    const row = (n: number) => `${n}. 做好A\t<p><b>国家知识产权局：</b>做。</p>\t保护司\t年底前完成`;
    const e = failure(['# 2022年任务清单', '任务清单\t落实举措\t责任部门\t完成时间', row(1), row(2), row(2)].join('\n'));
    expect(e.code).toBe('PLAN_DUPLICATE_TASK');
    expect(e.details?.line).toBe(5);
  });
});
