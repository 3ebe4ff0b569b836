import { describe, expect, it } from 'vitest';
import { readInline } from '../../src/plan/inline.ts';
import { paragraphs } from '../../src/plan/paragraphs.ts';

const read = (...lines: string[]) => readInline(paragraphs(lines));
const titles = (...lines: string[]) => read(...lines).tasks.map((t) => t.title);

describe('inline tasks: which items are tasks', () => {
  it('reads （N） items with （XX负责） as tasks, their 一、 parents as sections', () => {
    expect(read(
      '## 一、重点任务。',
      '（一）推进甲。做甲事。（保护司负责）',
      '（二）推进乙！做乙事（运用促进司牵头，条法司配合）后续工作。',
      '二、保障',
      '（三）推进丙；做丙。（办公室负责，年底前完成）',
    )).toEqual({
      sections: [{ number: 1, title: '重点任务' }, { number: 2, title: '保障' }],
      tasks: [
        { number: 1, title: '推进甲', section: 1, deadlineKind: null, departments: ['保护司'], measures: [{ actor: '保护司', text: '推进甲。做甲事。' }] },
        {
          number: 2, title: '推进乙', section: 1, deadlineKind: null, departments: ['运用促进司', '条法司'],
          measures: [{ actor: '运用促进司、条法司', text: '推进乙！做乙事' }, { actor: '', text: '后续工作。' }],
        },
        { number: 3, title: '推进丙', section: 2, deadlineKind: 'year_end', departments: ['办公室'], measures: [{ actor: '办公室', text: '推进丙；做丙。' }] },
      ],
    });
  });

  it('gives nothing when no paragraph holds a responsibility statement, or none under an item', () => {
    expect(read('一、总体', '1. 甲。', '2. 乙（见附件）')).toEqual({ sections: [], tasks: [] });
    expect(read('前言（保护司负责）', '1. 甲。')).toEqual({ sections: [], tasks: [] });
    expect(read()).toEqual({ sections: [], tasks: [] });
  });

  it('skips items of the task level without a statement', () => {
    expect(read('1. 甲。（保护司负责）', '2. 乙。', '3. 丙。（条法司负责）').tasks.map((t) => [t.number, t.title])).toEqual([[1, '甲'], [3, '丙']]);
  });

  it('takes the item that holds the statement in its own paragraph as its owner', () => {
    expect(read('（一）总', '1. 甲。（保护司负责）', '2. 乙。（条法司负责）')).toEqual({
      sections: [{ number: 1, title: '总' }],
      tasks: [
        { number: 1, title: '甲', section: 1, deadlineKind: null, departments: ['保护司'], measures: [{ actor: '保护司', text: '甲。' }] },
        { number: 2, title: '乙', section: 1, deadlineKind: null, departments: ['条法司'], measures: [{ actor: '条法司', text: '乙。' }] },
      ],
    });
  });

  it('takes the level most statements sit under as the task level', () => {
    expect(titles('（一）总。（办公室负责）', '1. 甲。（保护司负责）', '2. 乙。（条法司负责）')).toEqual(['甲', '乙']);
    expect(titles('1. 甲。（保护司负责）', '（一）乙。（条法司负责）', '（二）丙。（办公室负责）')).toEqual(['乙', '丙']);
  });

  it('breaks a tie between levels for the higher one (the smaller level number)', () => {
    expect(titles('1. 乙。（条法司负责）', '（一）甲。（保护司负责）')).toEqual(['甲']);
    expect(titles('（一）甲。（保护司负责）', '1. 乙。（条法司负责）')).toEqual(['甲']);
  });

  it('makes sections only of the parent level most tasks sit under', () => {
    expect(read('一、总', '（一）分A', '1. 甲。（保护司负责）', '2. 乙。（条法司负责）', '二、总二', '1. 丙。（办公室负责）')).toMatchObject({
      sections: [{ number: 1, title: '分A' }],
      tasks: [{ number: 1, section: 1 }, { number: 2, section: 1 }, { number: 3, section: null }],
    });
  });

  it('leaves tasks without a parent item outside any section', () => {
    expect(read('前言。', '1. 甲。（保护司负责）')).toMatchObject({ sections: [], tasks: [{ number: 1, section: null }] });
  });
});

describe('inline tasks: numbers', () => {
  it('keeps the document numbers when they are unique, even with gaps', () => {
    expect(read('2. 甲。（保护司负责）', '5. 乙。（条法司负责）').tasks.map((t) => t.number)).toEqual([2, 5]);
  });

  it('counts in order when the numbering restarts per section', () => {
    expect(read('一、总', '1. 甲。（保护司负责）', '2. 乙。（条法司负责）', '二、总二', '1. 丙。（办公室负责）').tasks.map((t) => [t.number, t.section])).toEqual([
      [1, 1], [2, 1], [3, 2],
    ]);
  });
});

describe('inline tasks: the text of a task', () => {
  it('runs on into the following paragraphs up to the next item of the task level', () => {
    expect(read('1. 甲。', '做甲事（保护司负责）', '（1）细项（条法司负责）', '2. 乙。（办公室负责）').tasks).toEqual([
      {
        number: 1, title: '甲', section: null, deadlineKind: null, departments: ['保护司', '条法司'],
        measures: [{ actor: '保护司', text: '甲。做甲事' }, { actor: '条法司', text: '（1）细项' }],
      },
      { number: 2, title: '乙', section: null, deadlineKind: null, departments: ['办公室'], measures: [{ actor: '办公室', text: '乙。' }] },
    ]);
  });

  it('stops at a heading that is not an item, but not at one that is a deeper item', () => {
    expect(read('1. 甲。（保护司负责）', '## 附件', '补充内容（条法司负责）').tasks.map((t) => t.departments)).toEqual([['保护司']]);
    expect(read('（一）甲。（保护司负责）', '### 1. 细项', '内容（条法司负责）').tasks.map((t) => t.departments)).toEqual([['保护司', '条法司']]);
  });

  it('reads a task item written as a heading', () => {
    expect(read('## （一）甲。（保护司负责）', '（二）乙。（条法司负责）').tasks.map((t) => [t.title, t.measures])).toEqual([
      ['甲', [{ actor: '保护司', text: '甲。' }]],
      ['乙', [{ actor: '条法司', text: '乙。' }]],
    ]);
  });

  it('takes a bold heading as the title, keeping it out of the measures', () => {
    expect(read('**（一）推进甲。**做甲事（保护司负责）').tasks).toEqual([
      { number: 1, title: '推进甲', section: null, deadlineKind: null, departments: ['保护司'], measures: [{ actor: '保护司', text: '做甲事' }] },
    ]);
    expect(read('（二）**推进乙**做乙事（保护司负责）').tasks.map((t) => [t.number, t.title, t.measures])).toEqual([
      [2, '推进乙做乙事', [{ actor: '保护司', text: '推进乙做乙事' }]],
    ]);
  });

  it('reads the number of an item written with <b> markup before it, keeping it out of the title', () => {
    expect(read('<b>（一）推进甲。</b>做甲事（保护司负责）').tasks).toEqual([
      { number: 1, title: '推进甲', section: null, deadlineKind: null, departments: ['保护司'], measures: [{ actor: '保护司', text: '推进甲。做甲事' }] },
    ]);
  });

  it('reads a bold heading with spaces inside', () => {
    expect(read('**（一） 推进 甲。**做甲事（保护司负责）').tasks.map((t) => [t.title, t.measures])).toEqual([['推进 甲', [{ actor: '保护司', text: '做甲事' }]]]);
  });

  it('reads a bold heading after heading marks, with or without a space between', () => {
    for (const line of ['## **（一）推进甲。**做甲事（保护司负责）', '##**（一）推进甲。**做甲事（保护司负责）']) {
      expect(read(line).tasks.map((t) => [t.title, t.measures]), line).toEqual([['推进甲', [{ actor: '保护司', text: '做甲事' }]]]);
    }
  });

  it('strips only the heading marks at the start of an item, with or without a space after them', () => {
    expect(titles('##（一）甲。（保护司负责）')).toEqual(['甲']);
    expect(titles('1.甲#乙。（保护司负责）')).toEqual(['甲#乙']);
  });

  it('does not end the text at a paragraph with # inside it, nor at a heading before the item', () => {
    expect(titles('1. 甲。', '做#甲事（保护司负责）')).toEqual(['甲']);
    expect(titles('## 前言', '1. 甲。', '做甲事（保护司负责）')).toEqual(['甲']);
  });

  it('titles by the first sentence, ended by 。！？ or ；, or by the whole text when that sentence is empty', () => {
    expect(titles('1. 甲？乙。（保护司负责）')).toEqual(['甲']);
    expect(titles('1. 甲（保护司负责）乙。')).toEqual(['甲乙']);
    expect(titles('1. 。甲（保护司负责）')).toEqual(['。甲']);
  });

  it('gives no measure for empty text between two statements, and each department once', () => {
    expect(read('1. 甲（保护司负责）（保护司、条法司配合）').tasks[0]).toMatchObject({
      departments: ['保护司', '条法司'],
      measures: [{ actor: '保护司', text: '甲' }],
    });
  });
});

describe('inline tasks: statements', () => {
  it('accepts 负责, 牵头, 配合 and 参与 in full- or half-width brackets', () => {
    const depts = (s: string) => read(`1. 甲${s}`).tasks.map((t) => t.departments);
    expect(depts('（保护司负责）')).toEqual([['保护司']]);
    expect(depts('(保护司牵头)')).toEqual([['保护司']]);
    expect(depts('（保护司配合)')).toEqual([['保护司']]);
    expect(depts('(保护司参与）')).toEqual([['保护司']]);
    expect(depts('（保护司）')).toEqual([]);
  });

  it('is not a statement when it names no department or a name longer than 20 characters', () => {
    expect(read('1. 甲（负责）').tasks).toEqual([]);
    expect(read('1. 甲（等负责）').tasks).toEqual([]);
    expect(read('1. 甲（保护司、一二三四五六七八九十一二三四五六七八九十一负责）').tasks).toEqual([]);
    expect(read('1. 甲（一二三四五六七八九十一二三四五六七八九十一负责）').tasks).toEqual([]);
    expect(read('1. 甲（一二三四五六七八九十一二三四五六七八九十负责）').tasks.map((t) => t.departments)).toEqual([['一二三四五六七八九十一二三四五六七八九十']]);
  });

  it('reads the deadline from a time phrase in the statement, the first one that says something', () => {
    expect(read('1. 甲（保护司负责，2021年年底前完成）').tasks[0]).toMatchObject({ departments: ['保护司'], deadlineKind: 'year_end' });
    expect(read('1. 甲（保护司负责；年内有阶段性成果）').tasks[0]).toMatchObject({ departments: ['保护司'], deadlineKind: 'milestone' });
    expect(read('1. 甲（保护司负责，9月底前）').tasks[0]).toMatchObject({ departments: ['保护司'], deadlineKind: null });
    for (const phrase of ['持续推进', '长期坚持', '逐步实施', '分步落实']) {
      expect(read(`1. 甲（保护司负责，${phrase}）`).tasks[0], phrase).toMatchObject({ departments: ['保护司'], deadlineKind: 'milestone' });
    }
    expect(read('1. 甲（保护司负责）乙（条法司负责，年内有阶段性成果）丙（办公室负责，年底前完成）').tasks[0]).toMatchObject({
      departments: ['保护司', '条法司', '办公室'],
      deadlineKind: 'milestone',
    });
  });
});
