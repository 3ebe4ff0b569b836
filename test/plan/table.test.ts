import { describe, expect, it } from 'vitest';
import { DubanError } from '../../src/errors.ts';
import { readTable } from '../../src/plan/table.ts';

const HEADER = '任务清单\t落实举措\t责任部门\t完成时间';
const row = (n: number | string, dept = '保护司', deadline = '年底前完成') => `${n}. 做好${n}\t<p><b>甲局：</b>做${n}。</p>\t${dept}\t${deadline}`;

function failure(lines: string[]): DubanError {
  try {
    readTable(lines, 'plan.txt');
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('expected readTable to fail');
}

describe('finding the table', () => {
  it('is null without a tab-separated header or task row', () => {
    expect(readTable(['# 要点', '1. 正文项。', '一、总体要求', '甲\t乙'])).toBeNull();
    expect(readTable([])).toBeNull();
  });

  it('starts at the first header or task row, ignoring numbered body text before it', () => {
    expect(readTable(['一、总体要求', '1. 正文项。', HEADER, row(1)])).toEqual({
      sections: [],
      tasks: [{ number: 1, title: '做好1', section: null, deadlineKind: 'year_end', departments: ['保护司'], measures: [{ actor: '甲局', text: '做1。' }] }],
    });
    expect(readTable(['一、总体要求', row(1)])?.tasks.map((t) => t.number)).toEqual([1]);
  });
});

describe('rows of the seed layout (任务清单, 落实举措, 责任部门, 完成时间)', () => {
  it('reads the task number and title from 1. items in the first column', () => {
    const table = readTable([row(1), '2、 推进B。\t甲局：做。\t条法司、保护司\t持续推进', '3．<b>推进C</b>\t做。\t条法司\t长期']);
    expect(table?.tasks.map((t) => [t.number, t.title, t.deadlineKind, t.departments])).toEqual([
      [1, '做好1', 'year_end', ['保护司']],
      [2, '推进B', 'milestone', ['条法司', '保护司']],
      [3, '推进C', 'milestone', ['条法司']],
    ]);
  });

  it('does not take a （一） or plain first cell for a task', () => {
    expect(readTable([HEADER, '（一）做好A\t做。\t保护司\t年底前完成', '做好B\t做。\t保护司\t年底前完成'])).toEqual({ sections: [], tasks: [] });
  });

  it('groups tasks under 一、 section rows, plain or bold, counting a repeated section once', () => {
    const table = readTable([
      HEADER, '<b>一、完善制度。</b>\t\t\t', row(1), '二、强化保护\t\t\t', row(2), HEADER, '二、强化保护\t\t\t', row(3),
    ]);
    expect(table?.sections).toEqual([{ number: 1, title: '完善制度' }, { number: 2, title: '强化保护' }]);
    expect(table?.tasks.map((t) => [t.number, t.section])).toEqual([[1, 1], [2, 2], [3, 2]]);
  });

  it('takes only a single filled cell with a 一、 marker for a section', () => {
    const table = readTable([HEADER, row(1), '二、强化保护\t注\t\t', '（二）小节\t\t\t', '三、 \t\t\t', row(2)]);
    expect(table?.sections).toEqual([{ number: 3, title: '' }]);
    expect(table?.tasks.map((t) => [t.number, t.section])).toEqual([[1, null], [2, 3]]);
    expect(readTable([HEADER, '二、强化保护\t \t  \t', row(1)])?.sections).toEqual([{ number: 2, title: '强化保护' }]);
  });

  it('glues a row cut by a page break back together: the first piece continues the last cell', () => {
    const table = readTable([HEADER, '1. 做好A\t<p><b>甲局：</b>做一', '', '  做二。</p>\t保护司、', '   运用促进司\t年底前完成', row(2)]);
    expect(table?.tasks).toEqual([
      { number: 1, title: '做好A', section: null, deadlineKind: 'year_end', departments: ['保护司', '运用促进司'], measures: [{ actor: '甲局', text: '做一做二。' }] },
      { number: 2, title: '做好2', section: null, deadlineKind: 'year_end', departments: ['保护司'], measures: [{ actor: '甲局', text: '做2。' }] },
    ]);
  });

  it('waits for a last cell left empty by a page break', () => {
    expect(readTable([HEADER, '1. 做好A\t做。\t保护司\t', '年底前完成'])?.tasks[0]!.deadlineKind).toBe('year_end');
  });

  it('ignores a line after a complete row', () => {
    const table = readTable(['序号\t任务\t完成时间\t责任部门', '1\t做好A\t年底前完成\t保护司', '、条法司', '注：另行通知']);
    expect(table?.tasks.map((t) => t.departments)).toEqual([['保护司']]);
  });

  it('ignores lines before any task row', () => {
    expect(readTable([HEADER, '续\t写', row(1)])?.tasks.map((t) => t.departments)).toEqual([['保护司']]);
  });
});

describe('rows with a header of their own', () => {
  it('maps cells by the header, numbers from the 序号 column and keeps the title whole', () => {
    const table = readTable(['序号\t重点任务\t责任单位\t完成时限\t工作措施', '一、强化行政保护\t\t\t\t', '1\t一、推进行政裁决\t保护司、条法司\t2024年12月底前\t国家知识产权局：制定指引。']);
    expect(table).toEqual({
      sections: [{ number: 1, title: '强化行政保护' }],
      tasks: [{
        number: 1, title: '一、推进行政裁决', section: 1, deadlineKind: 'year_end', departments: ['保护司', '条法司'],
        measures: [{ actor: '国家知识产权局', text: '制定指引。' }],
      }],
    });
  });

  it('reads a 序号 cell of one to three digits with an optional . ． or 、', () => {
    const head = '序号\t任务\t责任部门';
    const numbers = (cells: string[]) => readTable([head, ...cells.map((c, i) => `${c}\t做好${i}\t保护司`)])?.tasks.map((t) => t.number);
    expect(numbers(['1', ' 12 ', '3.', '4．', '5、', '<b>6</b>', '7 .', '100'])).toEqual([1, 12, 3, 4, 5, 6, 7, 100]);
    expect(numbers(['1234', '1a', 'a1', '', '1..'])).toEqual([]);
  });

  it('needs neither a deadline nor a measures column when the header has none', () => {
    expect(readTable(['序号\t任务\t责任部门', '1\t做好A\t保护司'])?.tasks).toEqual([
      { number: 1, title: '做好A', section: null, deadlineKind: null, departments: ['保护司'], measures: [] },
    ]);
  });

  it('does not need the cells of other columns, but waits for as many cells as the header has', () => {
    const head = '序号\t任务\t完成时间\t责任部门\t备注';
    expect(readTable([head, '1\t做好A\t年底前完成\t保护司\t', '、条法司\t无'])?.tasks[0]!.departments).toEqual(['保护司']);
    expect(readTable([head, '1\t做好A\t年底前完成\t保护司\t'])?.tasks[0]!.departments).toEqual(['保护司']);
    expect(readTable([head, '1\t做好A\t年底前完成\t保护司', '、条法司\t无'])?.tasks[0]!.departments).toEqual(['保护司', '条法司']);
  });
});

describe('rows the parser refuses', () => {
  it('names every missing column of an incomplete row, its line and the file', () => {
    const e = failure(['正文', HEADER, row(1), '2. 做好B\t\t \t']);
    expect(e.code).toBe('PLAN_ROW_INCOMPLETE');
    expect(e.message).toBe('任务 2 的表格行缺少“落实举措”、“责任部门”、“完成时间”');
    expect(e.details).toEqual({ line: 4, file: 'plan.txt' });
    expect(e.retryable).toBe(false);
  });

  it('counts a cell holding only markup as missing', () => {
    expect(failure([HEADER, '1. 做好A\t<p></p>\t<b> </b>\t年底前完成']).message).toBe('任务 1 的表格行缺少“落实举措”、“责任部门”');
  });

  it('puts a missing title first, once, whether the cell is empty or holds only the number', () => {
    expect(failure([HEADER, '3、\t\t保护司\t年底前完成']).message).toBe('任务 3 的表格行缺少“任务”、“落实举措”');
    expect(failure(['序号\t任务\t责任部门', '4\t\t保护司']).message).toBe('任务 4 的表格行缺少“任务”');
    expect(failure(['序号\t任务\t责任部门', '5\t。\t保护司']).message).toBe('任务 5 的表格行缺少“任务”');
  });

  it('refuses a row cut short at the end of the document', () => {
    const e = failure([HEADER, row(1), '2. 做好B\t做。\t保护司']);
    expect(e.message).toBe('任务 2 的表格行缺少“完成时间”');
    expect(e.details).toEqual({ line: 3, file: 'plan.txt' });
  });

  it('refuses a task number seen before, on the line of the second one', () => {
    const e = failure([HEADER, row(1), row(2), '', row(1)]);
    expect(e.code).toBe('PLAN_DUPLICATE_TASK');
    expect(e.message).toBe('任务编号 1 重复出现');
    expect(e.details).toEqual({ line: 5, file: 'plan.txt' });
  });

  it('leaves the file out of the details when it is not given', () => {
    try {
      readTable([HEADER, row(1), row(1)]);
      expect.unreachable();
    } catch (e) {
      expect((e as DubanError).details).toEqual({ line: 3, file: undefined });
    }
  });
});
