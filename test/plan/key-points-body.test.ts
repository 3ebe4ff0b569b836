import { describe, expect, it } from 'vitest';
import { readKeyPoints } from '../../src/plan/key-points.ts';
import { paragraphs } from '../../src/plan/paragraphs.ts';

const read = (...lines: string[]) => readKeyPoints(paragraphs(lines));

describe('readKeyPoints on body paragraphs', () => {
  it('gives each numbered point its section title and one clause per statement, dropping text that names no one', () => {
    expect(read('二、重点任务。', '（一）推进甲。做甲事（保护司、条法司负责）。其余。', '（二）推进乙。（办公室负责）')).toEqual([
      {
        number: 1, title: '推进甲', section: 2, sectionTitle: '重点任务',
        clauses: [{ departments: ['保护司', '条法司'], text: '推进甲。做甲事' }],
      },
      { number: 2, title: '推进乙', section: 2, sectionTitle: '重点任务', clauses: [{ departments: ['办公室'], text: '推进乙。' }] },
    ]);
  });

  it('gives a point outside any section null for both section and its title', () => {
    expect(read('（一）推进甲（保护司负责）')).toEqual([
      { number: 1, title: '推进甲', section: null, sectionTitle: null, clauses: [{ departments: ['保护司'], text: '推进甲' }] },
    ]);
  });

  it('gives nothing for a body without statements', () => {
    expect(read('（一）推进甲。', '（二）推进乙。')).toEqual([]);
  });
});
