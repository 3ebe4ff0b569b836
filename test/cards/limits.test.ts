import { describe, expect, it } from 'vitest';
import { assertWithinLimits, CARD_MAX_BYTES, cardBytes, componentNames, countComponents, fitLines, LINE_BUDGET_BYTES } from '../../src/cards/limits.ts';
import { fill } from '../../src/cards/template.ts';

describe('card limits', () => {
  it('counts every component, nested ones included, but not text objects or options', () => {
    const card = {
      schema: '2.0',
      header: { title: { tag: 'plain_text', content: 'x' } },
      body: {
        elements: [
          { tag: 'markdown', content: 'a' },
          { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'markdown', content: 'b' }] }, { tag: 'column', elements: [] }] },
          { tag: 'collapsible_panel', header: { title: { tag: 'plain_text', content: 'p' } }, elements: [{ tag: 'markdown', content: 'c' }] },
          {
            tag: 'form',
            name: 'f',
            elements: [
              { tag: 'select_static', name: 's', options: [{ text: { tag: 'plain_text', content: 'o' }, value: 'o' }] },
              { tag: 'button', name: 'b', text: { tag: 'plain_text', content: '提交' } },
            ],
          },
        ],
      },
    };
    // markdown 1 + column_set 1 + 2 columns + markdown 1 + panel 1 + markdown 1 + form 1 + 2 fields
    expect(countComponents(card)).toBe(10);
  });

  it('measures bytes as the card travels inside a message body (escaped JSON string)', () => {
    const card = { schema: '2.0', body: { elements: [{ tag: 'markdown', content: '汉' }] } };
    expect(cardBytes(card)).toBe(Buffer.byteLength(JSON.stringify(JSON.stringify(card))));
    expect(cardBytes(card)).toBeGreaterThan(Buffer.byteLength(JSON.stringify(card)));
  });

  it('refuses a card over 30 KB or over 200 components', () => {
    const big = { schema: '2.0', body: { elements: [{ tag: 'markdown', content: 'x'.repeat(31 * 1024) }] } };
    expect(() => assertWithinLimits(big)).toThrow(expect.objectContaining({ code: 'CARD_TOO_LARGE' }));
    const many = { schema: '2.0', body: { elements: Array.from({ length: 201 }, () => ({ tag: 'hr' })) } };
    expect(() => assertWithinLimits(many)).toThrow(expect.objectContaining({ code: 'CARD_TOO_LARGE' }));
    const exactly = { schema: '2.0', body: { elements: Array.from({ length: 200 }, () => ({ tag: 'hr' })) } };
    expect(() => assertWithinLimits(exactly)).not.toThrow();
  });

  it('accepts a card of exactly 30 KB as measured, and refuses one byte more', () => {
    const sized = (n: number) => ({ schema: '2.0', body: { elements: [{ tag: 'markdown', content: 'x'.repeat(n) }] } });
    const fill = CARD_MAX_BYTES - cardBytes(sized(0));
    expect(cardBytes(sized(fill))).toBe(CARD_MAX_BYTES);
    expect(() => assertWithinLimits(sized(fill))).not.toThrow();
    expect(() => assertWithinLimits(sized(fill + 1))).toThrow(expect.objectContaining({ code: 'CARD_TOO_LARGE' }));
  });

  it('does not count a header, text objects, icons or options as components', () => {
    const card = {
      schema: '2.0',
      header: { title: { tag: 'plain_text', content: 't' }, text_tag_list: [{ tag: 'text_tag', text: { tag: 'plain_text', content: '逾期' }, color: 'red' }] },
      body: { elements: [{ tag: 'button', icon: { tag: 'standard_icon', token: 'x' }, text: { tag: 'lark_md', content: 'b' } }] },
    };
    expect(countComponents(card)).toBe(1);
    // a bare list of elements (a page being filled) counts the same way
    expect(countComponents(card.body.elements)).toBe(1);
  });
});

describe('filling a card with lines', () => {
  it('stops at the line cap and counts what it left out', () => {
    expect(fitLines(['a', 'b', 'c'], 2)).toEqual({ shown: ['a', 'b'], hidden: 1 });
  });

  it('stops at the byte budget, measuring each line as the card measure does (escapes included)', () => {
    const quoted = '"'.repeat(10);
    // each quote becomes \\\" (4 bytes) and the first encoding's own quotes \" (2 each), inside 2 new quotes
    expect(cardBytes(quoted)).toBe(10 * 4 + 2 * 2 + 2);
    const budget = cardBytes(quoted) * 2;
    expect(fitLines([quoted, quoted, quoted], 100, budget)).toEqual({ shown: [quoted, quoted], hidden: 1 });
    expect(fitLines([quoted, quoted, quoted], 100, budget - 1)).toEqual({ shown: [quoted], hidden: 2 });
  });
});

describe('card templates', () => {
  it('fills whole slots with values, spreads arrays, drops null slots, interpolates text', () => {
    const tpl = { a: '${obj}', list: ['x', '${items}', '${none}', 'y'], s: '第 ${n} 页', gone: '${none}' };
    expect(fill(tpl, { obj: { k: 1 }, items: [1, 2], none: null, n: 3 })).toEqual({ a: { k: 1 }, list: ['x', 1, 2, 'y'], s: '第 3 页' });
    expect(tpl.list).toEqual(['x', '${items}', '${none}', 'y']);
  });

  it('throws on a slot the builder forgot', () => {
    expect(() => fill({ a: '${missing}' }, {})).toThrow(/missing/);
  });
});

describe('counting components, edge cases', () => {
  it('counts nothing for values that are not components', () => {
    expect(countComponents(null)).toBe(0);
    expect(countComponents(undefined)).toBe(0);
    expect(countComponents('markdown')).toBe(0);
    expect(countComponents(3)).toBe(0);
    expect(countComponents([])).toBe(0);
    expect(countComponents({ tag: 3, elements: [{ tag: 'hr' }] })).toBe(1);
  });

  it('counts only the elements and columns lists, not other lists a component holds', () => {
    expect(countComponents({ tag: 'table', rows: [{ tag: 'x' }], options: [{ tag: 'y' }] })).toBe(1);
    expect(countComponents({ tag: 'column_set', columns: [{ tag: 'column' }], elements: { tag: 'not a list' } })).toBe(2);
    expect(countComponents({ columns: [{ tag: 'column' }, { tag: 'column' }] })).toBe(2);
  });

  it('counts a 2.0 card by its body alone, and anything else (no body, another schema) as a plain node', () => {
    const header = { title: { tag: 'plain_text', content: 't' } };
    expect(countComponents({ schema: '2.0', header, body: { elements: [{ tag: 'hr' }, { tag: 'hr' }] }, elements: [{ tag: 'hr' }] })).toBe(2);
    expect(countComponents({ schema: '2.0', elements: [{ tag: 'hr' }] })).toBe(1);
    expect(countComponents({ schema: '2.0', body: 'x', elements: [{ tag: 'hr' }] })).toBe(1);
    expect(countComponents({ schema: '1.0', body: { elements: [{ tag: 'hr' }, { tag: 'hr' }] }, elements: [{ tag: 'hr' }] })).toBe(1);
  });
});

describe('component names', () => {
  it('collects the name of every tagged component, however deep, in order', () => {
    const card = {
      schema: '2.0',
      body: {
        elements: [
          { tag: 'form', name: 'form_1', elements: [{ tag: 'input', name: 'note_1' }, { tag: 'button', name: 'submit_1' }] },
          { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'button', name: 'task_detail_7', behaviors: [{ value: { name: 'not a component' } }] }] }] },
          { name: 'untagged' },
          { tag: 'button', name: 42 },
        ],
      },
    };
    expect(componentNames(card)).toEqual(['form_1', 'note_1', 'submit_1', 'task_detail_7']);
    expect(componentNames(null)).toEqual([]);
    expect(componentNames('x')).toEqual([]);
    const out = ['before'];
    expect(componentNames([{ tag: 'input', name: 'a' }], out)).toBe(out);
    expect(out).toEqual(['before', 'a']);
  });
});

describe('refusing a card too large', () => {
  it('says how large it is, in bytes and components', () => {
    const many = { schema: '2.0', body: { elements: Array.from({ length: 201 }, () => ({ tag: 'hr' })) } };
    const bytes = cardBytes(many);
    try {
      assertWithinLimits(many);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'CARD_TOO_LARGE', message: `卡片超出飞书限制：${bytes} 字节，201 个组件`, details: { bytes, components: 201 } });
    }
  });
});

describe('fitting lines, edge cases', () => {
  it('keeps lines up to 24 KB by default, the last one that fits included', () => {
    expect(LINE_BUDGET_BYTES).toBe(24 * 1024);
    const line = 'x'.repeat(1018); // 1024 bytes as measured: its quotes, escaped, inside new quotes
    expect(cardBytes(line)).toBe(1024);
    expect(fitLines(Array.from({ length: 30 }, () => line), 100)).toEqual({ shown: Array.from({ length: 24 }, () => line), hidden: 6 });
  });

  it('shows nothing with a cap of 0, and everything that fits the cap exactly', () => {
    expect(fitLines(['a', 'b'], 0)).toEqual({ shown: [], hidden: 2 });
    expect(fitLines(['a', 'b'], 2)).toEqual({ shown: ['a', 'b'], hidden: 0 });
    expect(fitLines([], 2)).toEqual({ shown: [], hidden: 0 });
  });

  it('stops at the first line that does not fit, even if a later, shorter one would', () => {
    expect(fitLines(['aaaa', 'a'.repeat(20), 'a'], 10, cardBytes('aaaa') + 5)).toEqual({ shown: ['aaaa'], hidden: 2 });
  });
});
