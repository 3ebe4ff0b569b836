import { describe, expect, it } from 'vitest';
import { LIST_PHRASES } from '../../../src/domain/query/lexicon.ts';
import { findDepartment } from '../../../src/domain/query/lookup.ts';
import { LIST_FILTERS } from '../../../src/domain/query/types.ts';

describe('findDepartment: names and aliases', () => {
  it('finds a region by a two-character alias', () => {
    const departments = [{ id: 14, name: '北京市知识产权局', aliases: ['北京', '北京市'] }];
    expect(findDepartment('北京的任务', departments)).toEqual({ id: 14, name: '北京市知识产权局', rest: '的任务', word: '北京' });
    expect(findDepartment('北京市有哪些任务', departments)).toEqual({ id: 14, name: '北京市知识产权局', rest: '有哪些任务', word: '北京市' });
  });

  it('drops the 专利局 prefix only from names that have it', () => {
    const departments = [{ id: 6, name: '运用促进司', aliases: [] }, { id: 13, name: '专利局审查部', aliases: [] }];
    expect(findDepartment('促进司的任务', departments)).toBeNull();
    expect(findDepartment('审查部的任务', departments)).toEqual({ id: 13, name: '专利局审查部', rest: '的任务', word: '审查部' });
  });

  it('is null with no departments', () => {
    expect(findDepartment('保护司', [])).toBeNull();
  });
});

describe('LIST_FILTERS', () => {
  it('are exactly the list states the lexicon has words for', () => {
    expect([...LIST_FILTERS].sort()).toEqual(LIST_PHRASES.map(([f]) => f).sort());
    expect(new Set(LIST_FILTERS).size).toBe(12);
  });
});
