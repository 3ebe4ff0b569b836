import { describe, expect, it } from 'vitest';
import { chineseNumber, font, localTime, md, nameList, REASON_COLOR, REASON_LABEL, sectionLabel, STATUS_CHART_COLOR, STATUS_CHART_ORDER } from '../../src/cards/digest-format.ts';

// The small formatters of the digest card: section numbers as the document writes them, one-line
// escaped text, local times and name lists that never cut silently.

describe('chineseNumber', () => {
  it('writes 1–99 as the plan document numbers its sections', () => {
    expect([1, 9, 10, 11, 12, 19, 20, 21, 30, 45, 90, 99].map(chineseNumber)).toEqual([
      '一', '九', '十', '十一', '十二', '十九', '二十', '二十一', '三十', '四十五', '九十', '九十九',
    ]);
  });

  it('leaves 0, negatives, 100 and up, and fractions as digits', () => {
    expect([0, -3, 100, 123, 1.5].map(chineseNumber)).toEqual(['0', '-3', '100', '123', '1.5']);
  });
});

describe('sectionLabel', () => {
  it('puts the Chinese number before the title, cut at the given length', () => {
    expect(sectionLabel(12, '推进知识产权高质量创造', 6)).toBe('十二、推进知识产…');
    expect(sectionLabel(3, '加强保护', 6)).toBe('三、加强保护');
    expect(sectionLabel(null, '其他任务', 6)).toBe('其他任务');
  });
});

describe('md', () => {
  it('makes user text one escaped line, spaces collapsed and trimmed, cut at the given length', () => {
    expect(md('  缺少\n\n经费\t**紧急**  ', 20)).toBe('缺少 经费 &#42;&#42;紧急&#42;&#42;');
    expect(md('<at id=all></at>', 5)).toBe('&lt;at …');
    expect(md('   ', 5)).toBe('');
  });
});

describe('font, local time and vocabulary', () => {
  it('colours text', () => {
    expect(font('red', '受阻')).toBe("<font color='red'>受阻</font>");
  });

  it('writes an instant in the given zone, MM-dd HH:mm unless another format is asked', () => {
    expect(localTime('2021-06-10T16:30:00.000Z', 'Asia/Shanghai')).toBe('06-11 00:30');
    expect(localTime('2021-06-10T16:30:00.000Z', 'UTC')).toBe('06-10 16:30');
    expect(localTime('2021-06-10T16:30:00.000Z', 'Asia/Shanghai', 'yyyy-MM-dd')).toBe('2021-06-11');
  });

  it('labels and colours each red-list reason as its status or deadline vocabulary does', () => {
    expect(REASON_LABEL).toEqual({ blocked: '受阻', at_risk: '存在风险', overdue: '逾期', warning: '预警' });
    expect(REASON_COLOR).toEqual({ blocked: 'red', at_risk: 'orange', overdue: 'red', warning: 'yellow' });
  });

  it('draws the chart from done to blocked, each status in its Lark hex', () => {
    expect(STATUS_CHART_ORDER).toEqual(['done', 'pending_review', 'on_track', 'not_started', 'at_risk', 'blocked']);
    expect(STATUS_CHART_COLOR).toEqual({
      done: '#3370FF',
      pending_review: '#7F3BF5',
      on_track: '#34C724',
      not_started: '#8F959E',
      at_risk: '#FF8800',
      blocked: '#F54A45',
    });
  });
});

describe('nameList', () => {
  it('joins the names, escaped and cut at 16 characters', () => {
    expect(nameList(['保护司', '运用*促进*司', '国家知识产权局专利局审查业务管理部'], 5, '个部门')).toBe('保护司、运用&#42;促进&#42;司、国家知识产权局专利局审查业务管…');
  });

  it('says how many there are when it shows only the first, never when it shows all', () => {
    expect(nameList(['甲', '乙', '丙'], 2, '个部门')).toBe('甲、乙 等 3 个部门');
    expect(nameList(['甲', '乙'], 2, '个部门')).toBe('甲、乙');
    expect(nameList([], 2, '个地区')).toBe('');
  });
});
