import { describe, expect, it } from 'vitest';
import { paragraphs } from '../../src/plan/paragraphs.ts';

// 15 characters, no sentence end: as long as a line a page break can have cut.
const CUT = '加强横向协同和上下联动统筹推进打';

describe('paragraphs', () => {
  it('gives each non-blank line as a paragraph, trimmed, with its 1-based line and its markup-free text', () => {
    expect(paragraphs(['', '  # 标题  ', '', '**(一) 指导思想。**正文。', '短行'])).toEqual([
      { raw: '# 标题', text: '标题', line: 2 },
      { raw: '**(一) 指导思想。**正文。', text: '(一) 指导思想。正文。', line: 4 },
      { raw: '短行', text: '短行', line: 5 },
    ]);
    expect(paragraphs([])).toEqual([]);
    expect(paragraphs(['', '  '])).toEqual([]);
  });

  it('joins a long line cut mid-sentence with the next one, across blank lines, adding no space', () => {
    expect(CUT).toHaveLength(16);
    expect(paragraphs([`${CUT}  `, '', '', '  通知识产权全链条。', '下一段。'])).toEqual([
      { raw: `${CUT}通知识产权全链条。`, text: `${CUT}通知识产权全链条。`, line: 1 },
      { raw: '下一段。', text: '下一段。', line: 5 },
    ]);
  });

  it('keeps joining while the paragraph still does not end a sentence', () => {
    expect(paragraphs([CUT, '通知识产权创造运用保护管理服务', '全链条。']).map((p) => p.raw)).toEqual([`${CUT}通知识产权创造运用保护管理服务全链条。`]);
  });

  it('joins from 15 characters on, never a shorter line (a letterhead or a heading)', () => {
    expect(paragraphs(['一二三四五六七八九十一二三四五', '续'])).toHaveLength(1);
    expect(paragraphs(['一二三四五六七八九十一二三四', '续']).map((p) => p.raw)).toEqual(['一二三四五六七八九十一二三四', '续']);
  });

  it('does not join after a line that ends a sentence, even before closing bold markup or spaces', () => {
    for (const end of ['。', '！', '？', '!', '?', '；', ';', '：', ':', '）', ')', '」', '』', '”', '"', '…', ']', '】', '。**', '。 ']) {
      expect(paragraphs([`${CUT}${end}`, '续写一句']).map((p) => p.raw), end).toEqual([`${CUT}${end}`.trim(), '续写一句']);
    }
  });

  it('joins when the sentence mark is not at the end of the line', () => {
    expect(paragraphs([`。${CUT}`, '续']).map((p) => p.raw)).toEqual([`。${CUT}续`]);
  });

  it('does not join onto a heading or a rule', () => {
    expect(paragraphs([`# ${CUT}`, '续']).map((p) => p.raw)).toEqual([`# ${CUT}`, '续']);
    expect(paragraphs([`---${CUT}`, '续']).map((p) => p.raw)).toEqual([`---${CUT}`, '续']);
    expect(paragraphs([`${CUT}#`, '续']).map((p) => p.raw)).toEqual([`${CUT}#续`]);
  });

  it('does not join a line that starts a block: heading, rule, bold, tag, dash lead, annex or numbered item', () => {
    const starts = ['# 二、', '---', '**加粗', '<p>段', '——其中', '附件1', '一、总体', '（一）目标', '1. 任务', '(1) 小项', '  # 缩进标题', '<b>一、</b>'];
    for (const line of starts) {
      expect(paragraphs([CUT, line]).map((p) => p.raw), line).toEqual([CUT, line.trim()]);
    }
  });

  it('joins a line that only contains block marks later on', () => {
    expect(paragraphs([CUT, '续#---**<——附件一、']).map((p) => p.raw)).toEqual([`${CUT}续#---**<——附件一、`]);
  });

  it('leaves table rows out and ends the open paragraph at one', () => {
    expect(paragraphs([CUT, '任务\t举措', '续。'])).toEqual([
      { raw: CUT, text: CUT, line: 1 },
      { raw: '续。', text: '续。', line: 3 },
    ]);
  });

  it('keeps a paragraph open across blank lines', () => {
    expect(paragraphs(['短。', '', CUT, '  ', '续。']).map((p) => p.line)).toEqual([1, 3]);
  });
});
