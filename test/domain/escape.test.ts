import { describe, expect, it } from 'vitest';
import { codePointLength, escapeMarkdown, escapeMessageText, truncate } from '../../src/domain/escape.ts';

describe('escaping user text', () => {
  it('a note mentioning everyone or colouring text shows as text in markdown', () => {
    const out = escapeMarkdown("<at id=all></at> <font color='red'>x</font> <a href=x>y</a>");
    expect(out).not.toMatch(/<at/i);
    expect(out).not.toContain('<');
    expect(out).not.toContain('>');
    expect(out).toContain('&lt;at id=all&gt;&lt;/at&gt;');
  });

  it('markdown links, bold and code become numeric references, never backslashes (lark_md has no backslash escapes)', () => {
    expect(escapeMarkdown('[点我](https://evil.example) **粗体** `code` ~~删~~ \\(')).toBe(
      '&#91;点我&#93;&#40;https://evil.example&#41; &#42;&#42;粗体&#42;&#42; &#96;code&#96; &#126;&#126;删&#126;&#126; &#92;&#40;',
    );
  });

  it('entities typed by the user are not decoded into tags', () => {
    expect(escapeMarkdown('&lt;at id=all&gt;')).toBe('&amp;lt;at id=all&amp;gt;');
  });

  it('line starts that would become lists or headings are escaped', () => {
    expect(escapeMarkdown('- a\n1. b\n# c')).toBe('&#45; a\n1&#46; b\n&#35; c');
  });

  it('plain Chinese text is unchanged', () => {
    expect(escapeMarkdown('发明专利审查周期压减至18.5个月')).toBe('发明专利审查周期压减至18.5个月');
  });

  it('text messages get full-width brackets so <at user_id="all"> cannot mention', () => {
    expect(escapeMessageText('<at user_id="all">所有人</at>')).toBe('＜at user_id="all"＞所有人＜/at＞');
  });

  it('counts code points and truncates without splitting characters', () => {
    expect(codePointLength('😀汉字')).toBe(3);
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate('短', 3)).toBe('短');
  });
});
