import { describe, expect, it } from 'vitest';
import { codePointLength, escapeMarkdown, escapeMessageText, markdownLink, safeLinkTarget, truncate } from '../../src/domain/escape.ts';

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

describe('escaping, edge by edge', () => {
  it('escapes list and numbered-list starts on every line, after indentation, and only there', () => {
    expect(escapeMarkdown('- a\n  + b\nx - y\n12. c\n  3. d\nv1. e\n1.5 f')).toBe('&#45; a\n  &#43; b\nx - y\n12&#46; c\n  3&#46; d\nv1. e\n1.5 f');
    expect(escapeMarkdown('a-b -c')).toBe('a-b -c');
  });

  it('accepts only http(s) addresses with a host, whatever the case, trimmed', () => {
    expect(safeLinkTarget('  HTTP://Example.gov.cn/a  ')).toBe('HTTP://Example.gov.cn/a');
    expect(safeLinkTarget('http://x')).toBe('http://x');
    for (const bad of ['https://', 'https:///path', 'https://?q', 'ftp://x.cn', 'see https://x.cn', 'javascript:alert(1)', '', null, undefined]) expect(safeLinkTarget(bad), String(bad)).toBeNull();
  });

  it('percent-encodes, in upper-case hex with two digits, what could end the target or start markup', () => {
    expect(safeLinkTarget('https://a.cn/x (1)<b>"q\'`\\[2]*_~|{}!')).toBe('https://a.cn/x%20%281%29%3Cb%3E%22q%27%60%5C%5B2%5D%2A%5F%7E%7C%7B%7D%21');
    expect(safeLinkTarget('https://a.cn/\tz')).toBe('https://a.cn/%09z');
  });

  it('keeps text at its length and cuts one past it', () => {
    expect(truncate('一二三', 3)).toBe('一二三');
    expect(truncate('一二三四', 3)).toBe('一二…');
  });
});

describe('markdown links and cuts at the edges', () => {
  it('links escaped text to a safe http(s) target', () => {
    expect(markdownLink('佐证*材料*', 'https://oa.example.cn/a?b=(1)')).toBe('[佐证&#42;材料&#42;](https://oa.example.cn/a?b=%281%29)');
  });

  it('shows only the escaped text for any other address', () => {
    expect(markdownLink('佐证[1]', 'javascript:alert(1)')).toBe('佐证&#91;1&#93;');
    expect(markdownLink('佐证', null)).toBe('佐证');
    expect(markdownLink('佐证', undefined)).toBe('佐证');
  });

  it('counts an empty text as zero and cuts to the ellipsis alone when nothing fits', () => {
    expect(codePointLength('')).toBe(0);
    expect(truncate('', 0)).toBe('');
    expect(truncate('专利', 0)).toBe('…');
    expect(truncate('专利', 1)).toBe('…');
    expect(truncate('专利', 2)).toBe('专利');
  });
});
