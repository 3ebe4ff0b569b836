import { describe, expect, it } from 'vitest';
import { parseMeasures } from '../../src/plan/measures.ts';

describe('parseMeasures with <p> blocks', () => {
  it('reads one measure per <p> block, the bold lead naming the actor', () => {
    expect(parseMeasures('<p><b>国家知识产权局：</b>配合做好。</p> <p><b>各地区</b>要根据部署。</p>')).toEqual([
      { actor: '国家知识产权局', text: '配合做好。' },
      { actor: '各地区', text: '要根据部署。' },
    ]);
  });

  it('accepts <p> with attributes or in capitals, and blocks left unclosed', () => {
    expect(parseMeasures('<P class="a"><b>甲局：</b>一。<p><b>乙局：</b>二。</P><p >丙局：三。')).toEqual([
      { actor: '甲局', text: '一。' },
      { actor: '乙局', text: '二。' },
      { actor: '丙局', text: '三。' },
    ]);
  });

  it('ends an unclosed block at the next <p>, with or without attributes', () => {
    expect(parseMeasures('<p>甲局：一。<p class="a">乙局：二。</p>')).toEqual([
      { actor: '甲局', text: '一。' },
      { actor: '乙局', text: '二。' },
    ]);
  });

  it('does not take text between or before blocks, nor an empty block', () => {
    expect(parseMeasures('前言<p> </p>中间<p>甲局：做。</p>后记')).toEqual([{ actor: '甲局', text: '做。' }]);
  });

  it('keeps the inner text of a block, tags dropped and spaces folded, and a block without actor', () => {
    expect(parseMeasures('<p><b>甲局：</b> 做  一<i>件</i>事。 </p><p>没有主语，做事。</p>')).toEqual([
      { actor: '甲局', text: '做 一件事。' },
      { actor: '', text: '没有主语，做事。' },
    ]);
  });

  it('does not read <pre> or <param> as a <p> block', () => {
    expect(parseMeasures('<pre>甲局：一。</pre><br>乙局：二。')).toEqual([
      { actor: '甲局', text: '一。' },
      { actor: '乙局', text: '二。' },
    ]);
  });
});

describe('parseMeasures without <p>', () => {
  it('splits at <br> in its spellings and at line breaks', () => {
    expect(parseMeasures('甲局：一<br>乙局：二<br/>丙局:三<BR />丁局：四\n戊局：五')).toEqual([
      { actor: '甲局', text: '一' },
      { actor: '乙局', text: '二' },
      { actor: '丙局', text: '三' },
      { actor: '丁局', text: '四' },
      { actor: '戊局', text: '五' },
    ]);
  });

  it('starts a new measure at an actor label after a full stop or semicolon', () => {
    expect(parseMeasures('国家知识产权局：做一。各地区：做二；有关地区：做三;其他单位：四')).toEqual([
      { actor: '国家知识产权局', text: '做一。' },
      { actor: '各地区', text: '做二；' },
      { actor: '有关地区', text: '做三;' },
      { actor: '其他单位', text: '四' },
    ]);
    expect(parseMeasures('甲局：做一。 乙局：做二。')).toEqual([
      { actor: '甲局', text: '做一。' },
      { actor: '乙局', text: '做二。' },
    ]);
  });

  it('does not split after a comma, inside a sentence, or before a label of one or more than 16 characters', () => {
    expect(parseMeasures('甲局：做一，乙局：做二')).toEqual([{ actor: '甲局', text: '做一，乙局：做二' }]);
    expect(parseMeasures('甲局：会同乙局：做')).toEqual([{ actor: '甲局', text: '会同乙局：做' }]);
    expect(parseMeasures('甲局：做一。乙：做二')).toEqual([{ actor: '甲局', text: '做一。乙：做二' }]);
    const long = '一二三四五六七八九十一二三四五六七';
    expect(parseMeasures(`甲局：做一。${long}：做二`)).toEqual([{ actor: '甲局', text: `做一。${long}：做二` }]);
    expect(parseMeasures(`甲局：做一。${long.slice(1)}：做二`)).toEqual([
      { actor: '甲局', text: '做一。' },
      { actor: long.slice(1), text: '做二' },
    ]);
  });

  it('takes a plain actor of 2 to 16 characters without punctuation before a colon', () => {
    expect(parseMeasures('甲：做')).toEqual([{ actor: '', text: '甲：做' }]);
    expect(parseMeasures('国家，局：做')).toEqual([{ actor: '', text: '国家，局：做' }]);
    expect(parseMeasures(' 甲局 ： 做事 ')).toEqual([{ actor: '甲局', text: '做事' }]);
    expect(parseMeasures('<span>甲局</span>：<i>做</i>事')).toEqual([{ actor: '甲局', text: '做事' }]);
    expect(parseMeasures('一二三四五六七八九十一二三四五六七：做')).toEqual([{ actor: '', text: '一二三四五六七八九十一二三四五六七：做' }]);
  });

  it('gives nothing for an empty cell and drops blank pieces', () => {
    expect(parseMeasures('')).toEqual([]);
    expect(parseMeasures(' <br> \n 甲局：做 \n')).toEqual([{ actor: '甲局', text: '做' }]);
  });
});
