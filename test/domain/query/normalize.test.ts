import { describe, expect, it } from 'vitest';
import { compactText, isOnlyQuestionMarks, prepareText, removeWords, splitAtWords, stripMentions } from '../../../src/domain/query/normalize.ts';

describe('normalizing a question', () => {
  it('replaces every mention with a space', () => {
    expect(stripMentions('@_user_12 任务5 @_all')).toBe('  任务5  ');
  });

  it('folds width and case and rewrites typing slips, keeping separators', () => {
    expect(prepareText('人物５，任務3 進展 TASK５ 任5 进程 進度')).toBe('任务5,任务3 进展 task5 任务5 进展 进度');
    expect(prepareText('@_user_1 任物5')).toBe('  任务5');
  });

  it('compacts to the words only', () => {
    expect(compactText('任务 5, 进展？！+#')).toBe('任务5进展');
  });

  it.each([['?', true], ['？？', true], [' ? ', true], ['@_user_1 ?', true], ['', false], ['@_user_1', false], ['?a', false], ['¿', false]] as const)(
    '%j is only question marks: %s', (text, expected) => {
      expect(isOnlyQuestionMarks(text)).toBe(expected);
    },
  );
});

describe('word lists', () => {
  it('removes the longest words first', () => {
    expect(removeWords('专利导航的进展', ['进展', '的进展'])).toBe('专利导航');
    expect(removeWords('专利导航', [])).toBe('专利导航');
  });

  it('splits at every word, dropping empty pieces', () => {
    expect(splitAtWords('a和b还是c', ['还是', '和'])).toEqual(['a', 'b', 'c']);
    expect(splitAtWords('和a和', ['和'])).toEqual(['a']);
    expect(splitAtWords('', ['和'])).toEqual([]);
  });
});
