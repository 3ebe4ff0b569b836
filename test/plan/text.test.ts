import { describe, expect, it } from 'vitest';
import { chineseNumber, fullWidthParens, itemMarker, normaliseDocument, squeeze, stripMarkup, tidy, trimTitle } from '../../src/plan/text.ts';

describe('chineseNumber', () => {
  it('reads every single digit, including the alternative zeros and 两', () => {
    expect(['〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九'].map(chineseNumber)).toEqual([0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reads tens and hundreds, with and without a leading digit', () => {
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('二十二')).toBe(22);
    expect(chineseNumber('百')).toBe(100);
    expect(chineseNumber('三百')).toBe(300);
    expect(chineseNumber('一百零三')).toBe(103);
    expect(chineseNumber('一百一十')).toBe(110);
    expect(chineseNumber('两百四十五')).toBe(245);
  });

  it('gives null for anything that is not only Chinese numerals', () => {
    expect(chineseNumber('')).toBeNull();
    expect(chineseNumber('12')).toBeNull();
    expect(chineseNumber('十a')).toBeNull();
    expect(chineseNumber('a十')).toBeNull();
    expect(chineseNumber('千')).toBeNull();
  });
});

describe('normaliseDocument', () => {
  it('drops a leading BOM only', () => {
    expect(normaliseDocument('\uFEFF一\uFEFF')).toBe('一\uFEFF');
    expect(normaliseDocument('一\uFEFF')).toBe('一\uFEFF');
  });

  it('turns CRLF and lone CR into LF, everywhere', () => {
    expect(normaliseDocument('a\r\nb\rc\r\nd\n')).toBe('a\nb\nc\nd\n');
  });

  it('turns every full-width digit into ASCII', () => {
    expect(normaliseDocument('０１２３４５６７８９年，２０２１')).toBe('0123456789年，2021');
  });

  it('turns ideographic and no-break spaces into plain spaces, everywhere', () => {
    expect(normaliseDocument('a\u3000b\u00A0c\u3000\u3000d')).toBe('a b c  d');
  });
});

describe('stripMarkup', () => {
  it('drops b, strong, p, br and span tags, opening and closing, with attributes, in any case', () => {
    expect(stripMarkup('<p class="x"><b>国家</b><STRONG>知识</STRONG>产权<br/>局<span style="a">。</span></P>')).toBe('国家知识产权局。');
    expect(stripMarkup('a<br>b<BR />c')).toBe('abc');
  });

  it('keeps other tags', () => {
    expect(stripMarkup('<div>表</div><i>x</i>')).toBe('<div>表</div><i>x</i>');
  });

  it('drops every ** and one leading run of # with the spaces around it', () => {
    expect(stripMarkup('**(一) 指导思想。**以……为指导**')).toBe('(一) 指导思想。以……为指导');
    expect(stripMarkup('  ## 一、总体要求 ')).toBe('一、总体要求');
    expect(stripMarkup('#标题')).toBe('标题');
    expect(stripMarkup('a # b')).toBe('a # b');
  });

  it('trims the result', () => {
    expect(stripMarkup('  <b> 各地区 </b>  ')).toBe('各地区');
  });
});

describe('whitespace helpers', () => {
  it('squeeze removes every whitespace character', () => {
    expect(squeeze(' 公共 服务司\t\n人事 司 ')).toBe('公共服务司人事司');
  });

  it('tidy folds runs of whitespace into one space and trims', () => {
    expect(tidy('  a  b\t\nc  ')).toBe('a b c');
  });

  it('trimTitle drops any run of trailing sentence punctuation, but not leading or inner', () => {
    expect(trimTitle('  指导  思想。 ')).toBe('指导 思想');
    for (const p of ['。', '；', ';', '：', ':', '，', ',', '.', '．']) expect(trimTitle(`。标题${p}中${p}`)).toBe(`。标题${p}中`);
    expect(trimTitle('标题。；;：:，,.．')).toBe('标题');
    expect(trimTitle('标题 。 ，')).toBe('标题');
  });

  it('fullWidthParens turns every half-width parenthesis into a full-width one', () => {
    expect(fullWidthParens('要点(2021)(二)')).toBe('要点（2021）（二）');
  });
});

describe('itemMarker', () => {
  it('reads level 1: Chinese numeral with 、 . or ．, spaces allowed around the separator', () => {
    expect(itemMarker('一、总体要求')).toEqual({ level: 1, number: 1, rest: '总体要求' });
    expect(itemMarker('  十二 . 其他 ')).toEqual({ level: 1, number: 12, rest: '其他' });
    expect(itemMarker('三．保障')).toEqual({ level: 1, number: 3, rest: '保障' });
    expect(itemMarker('一百零三、末项')).toEqual({ level: 1, number: 103, rest: '末项' });
  });

  it('reads level 2: a Chinese numeral in full- or half-width parentheses', () => {
    expect(itemMarker('（一）指导思想')).toEqual({ level: 2, number: 1, rest: '指导思想' });
    expect(itemMarker('( 十 ) 其他')).toEqual({ level: 2, number: 10, rest: '其他' });
    expect(itemMarker('（二)混合')).toEqual({ level: 2, number: 2, rest: '混合' });
    expect(itemMarker('（十二）多字')).toEqual({ level: 2, number: 12, rest: '多字' });
  });

  it('reads level 3: one to three digits with . ． or 、', () => {
    expect(itemMarker('1. 配合做好')).toEqual({ level: 3, number: 1, rest: '配合做好' });
    expect(itemMarker('22．加大')).toEqual({ level: 3, number: 22, rest: '加大' });
    expect(itemMarker('305 、末')).toEqual({ level: 3, number: 305, rest: '末' });
    expect(itemMarker('1234. 太长')).toBeNull();
  });

  it('does not take a decimal number for an item', () => {
    expect(itemMarker('18.5个月')).toBeNull();
    expect(itemMarker('1. 5项')).toEqual({ level: 3, number: 1, rest: '5项' });
  });

  it('reads level 4: digits in full- or half-width parentheses', () => {
    expect(itemMarker('（1）第一')).toEqual({ level: 4, number: 1, rest: '第一' });
    expect(itemMarker('( 12 ) 第十二')).toEqual({ level: 4, number: 12, rest: '第十二' });
    expect(itemMarker('(1234)多')).toBeNull();
  });

  it('needs the marker at the start and a separator after a bare numeral', () => {
    expect(itemMarker('工作一、')).toBeNull();
    expect(itemMarker('工作（一）事项')).toBeNull();
    expect(itemMarker('工作（1）事项')).toBeNull();
    expect(itemMarker('一项工作')).toBeNull();
    expect(itemMarker('1项工作')).toBeNull();
    expect(itemMarker('（一')).toBeNull();
    expect(itemMarker('')).toBeNull();
  });
});
