import { describe, expect, it } from 'vitest';
import { fill } from '../../src/cards/template.ts';

// Filling a Card JSON template (cards/*.json): whole slots take any value, partial slots take text,
// a missing value is a builder bug and throws.

describe('filling a whole slot', () => {
  it('puts the value itself, of any JSON type, and keeps falsy values other than null', () => {
    const tpl = { o: '${o}', n: '${n}', zero: '${zero}', f: '${f}', empty: '${empty}', list: '${list}' };
    expect(fill(tpl, { o: { tag: 'hr' }, n: 3, zero: 0, f: false, empty: '', list: [1, 2] })).toEqual({
      o: { tag: 'hr' },
      n: 3,
      zero: 0,
      f: false,
      empty: '',
      list: [1, 2],
    });
  });

  it('drops a property whose value is null or undefined', () => {
    expect(fill({ a: '${a}', b: '${b}', c: 'kept' }, { a: null, b: undefined })).toEqual({ c: 'kept' });
    expect(Object.keys(fill<object>({ a: '${a}', c: 'kept' }, { a: undefined }))).toEqual(['c']);
  });

  it('spreads an array into the list holding the slot, drops a null one, keeps an object as one item', () => {
    const tpl = ['a', '${many}', '${none}', '${one}', '${gone}', 'z'];
    expect(fill(tpl, { many: ['b', 'c'], none: null, one: { k: 1 }, gone: undefined })).toEqual(['a', 'b', 'c', { k: 1 }, 'z']);
    expect(fill(['${empty}', 'z'], { empty: [] })).toEqual(['z']);
  });

  it('does not spread an array the template itself holds, nor an array put into a longer string', () => {
    expect(fill([['${x}'], 'a${x}'], { x: ['p', 'q'] })).toEqual([['p', 'q'], 'ap,q']);
  });

  it('accepts letters, digits and underscores in a slot name', () => {
    expect(fill({ a: '${Status_Name2}' }, { Status_Name2: { v: 1 } })).toEqual({ a: { v: 1 } });
  });
});

describe('filling text', () => {
  it('replaces every slot inside a longer string with its text, null and undefined as nothing', () => {
    expect(fill('第 ${n} 页，共 ${total} 页', { n: 2, total: 5 })).toBe('第 2 页，共 5 页');
    expect(fill('[${a}][${b}][${c}][${d}]', { a: null, b: undefined, c: 0, d: false })).toBe('[][][0][false]');
  });

  it('treats a slot with text before or after it, or two slots together, as text', () => {
    expect(fill({ a: ' ${x}', b: '${x} ', c: '${x}${y}' }, { x: 1, y: { k: 2 } })).toEqual({ a: ' 1', b: '1 ', c: '1[object Object]' });
    expect(fill([' ${x}'], { x: ['p', 'q'] })).toEqual([' p,q']);
  });

  it('leaves alone what only looks like a slot', () => {
    expect(fill({ a: '${a-b}', b: '$x', c: '{x}', d: '${}' }, {})).toEqual({ a: '${a-b}', b: '$x', c: '{x}', d: '${}' });
  });
});

describe('the template itself', () => {
  it('passes numbers, booleans and null through, in objects and lists', () => {
    expect(fill({ n: 1, b: true, z: null, l: [0, null, false, 'x'] }, {})).toEqual({ n: 1, b: true, z: null, l: [0, null, false, 'x'] });
    expect(fill(null, {})).toBeNull();
    expect(fill(7, {})).toBe(7);
  });

  it('is copied, never changed: changing the card leaves the template as it was', () => {
    const tpl = { header: { title: '${t}' }, list: [{ tag: 'hr' }, '${items}'] };
    const card = fill<{ header: { title: string }; list: unknown[] }>(tpl, { t: '标题', items: [{ tag: 'markdown' }] });
    card.list.push('more');
    (card.list[0] as Record<string, string>).tag = 'changed';
    expect(tpl).toEqual({ header: { title: '${t}' }, list: [{ tag: 'hr' }, '${items}'] });
  });
});

describe('a slot without a value', () => {
  it('throws, naming the slot, whether whole or inside text', () => {
    expect(() => fill({ a: '${missing}' }, {})).toThrow('card template slot without a value: ${missing}');
    expect(() => fill({ a: 'x ${gone} y' }, { other: 1 })).toThrow('card template slot without a value: ${gone}');
    expect(() => fill(['${item}'], {})).toThrow('card template slot without a value: ${item}');
  });

  it('does not take a value inherited from Object.prototype', () => {
    expect(() => fill({ a: '${toString}' }, {})).toThrow('card template slot without a value: ${toString}');
    expect(() => fill('x${constructor}', {})).toThrow('card template slot without a value: ${constructor}');
  });
});
