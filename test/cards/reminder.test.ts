import { describe, expect, it } from 'vitest';
import { buildReminderCard, buildReminderText } from '../../src/cards/reminder.ts';
import { buildToast } from '../../src/cards/toast.ts';
import { escapeMarkdown as md } from '../../src/domain/escape.ts';
import type { Reminder } from '../../src/domain/reminders.ts';

const reminder = (n: number, extra: Partial<Reminder> = {}): Reminder => ({
  departmentId: 1,
  departmentName: '运用促进司',
  chatId: 'oc_1',
  missing: [
    { id: 10, number: 8, title: '深化专利导航和专利奖评选工作' },
    { id: 11, number: 12, title: '<at id=all></at>完善机制' },
  ],
  mention: n >= 2 ? [{ openId: 'ou_zhang', name: '张三' }] : [],
  reminderNumber: n,
  ...extra,
});

describe('催办', () => {
  it('the first reminder names the missing tasks and mentions nobody', () => {
    const card = buildReminderCard({ reminder: reminder(1), round: { key: '2021-W23' } });
    const s = JSON.stringify(card);
    expect(s).toContain('任务8 深化专利导航和专利奖评选工作');
    expect(s).toContain('任务12');
    expect(s).not.toMatch(/<at/);
    const text = buildReminderText({ reminder: reminder(1), round: { key: '2021-W23' } }).text;
    expect(text).toContain('【催办】运用促进司');
    expect(text).not.toMatch(/<at/);
  });

  it('the second reminder mentions the reporters by open_id, never all', () => {
    const card = buildReminderCard({ reminder: reminder(2), round: { key: '2021-W23' }, closesAt: '周五 17:00' });
    const s = JSON.stringify(card);
    expect(s).toContain('<at id=ou_zhang></at>');
    expect(s).not.toMatch(/<at id=all/);
    expect(s).toContain('请于周五 17:00前填报');
    const text = buildReminderText({ reminder: reminder(2), round: { key: '2021-W23' } }).text;
    expect(text).toContain('<at user_id="ou_zhang">张三</at>');
    expect(text.match(/<at /g)).toHaveLength(1);
  });

  it('names a key point by its own number after the tasks (a region: 工作要点2, never 任务2)', () => {
    const r = reminder(1, {
      departmentName: '广东省知识产权局',
      missing: [
        { id: 10, number: 8, title: '深化专利导航和专利奖评选工作' },
        { id: 31, number: 2, title: '因地制宜设置地方“十四五”指标体系', kind: 'key_point' },
      ],
    });
    const s = JSON.stringify(buildReminderCard({ reminder: r, round: { key: '2021-W23' } }));
    expect(s).toContain('· 任务8 深化专利导航和专利奖评选工作\\n· 工作要点2 因地制宜设置地方“十四五”指标体系');
    expect(s).toContain('以下 2 项本周（2021-W23）尚未填报');
    expect(buildReminderText({ reminder: r, round: { key: '2021-W23' } }).text).toContain('· 工作要点2 因地制宜');
  });

  it('drops a crafted mention that is not a user open_id', () => {
    const r = reminder(2, { mention: [{ openId: 'all', name: '所有人' }, { openId: 'ou_x"><at user_id="all', name: 'x' }] });
    expect(JSON.stringify(buildReminderCard({ reminder: r, round: { key: '2021-W23' } }))).not.toMatch(/<at/);
    expect(buildReminderText({ reminder: r, round: { key: '2021-W23' } }).text).not.toMatch(/<at/);
  });
});

describe('toasts', () => {
  it('answers a callback with a toast and optionally the new card', () => {
    expect(buildToast('success', '已收到')).toEqual({ toast: { type: 'success', content: '已收到', i18n: { zh_cn: '已收到' } } });
    expect(buildToast('error', '不行', { schema: '2.0' }).card).toEqual({ type: 'raw', data: { schema: '2.0' } });
  });
});

// Every state of the 催办, whole: the card's header, summary and lines, and the text message.
describe('催办, word for word', () => {
  const round = { key: '2021-W23' };
  const NOTE = { tag: 'markdown', text_size: 'notation', content: "<font color='grey'>请在本周的任务填报卡片上逐项提交；已提交的任务无需重复填报。</font>" };
  const HOSTILE = '<at id=all></at>完善*机制*';
  const tasks = (): Reminder['missing'] => [
    { id: 10, number: 8, title: '深化专利导航和专利奖评选工作' },
    { id: 11, number: 12, title: HOSTILE },
  ];
  const card = (v: { summary: string; title: string; subtitle: string; color: string; elements: unknown[] }) => ({
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill', summary: { content: v.summary } },
    header: { title: { tag: 'plain_text', content: v.title }, subtitle: { tag: 'plain_text', content: v.subtitle }, template: v.color },
    body: { direction: 'vertical', elements: v.elements },
  });

  it('the first reminder: orange 催办, 请尽快填报 without a closing time, no mention line', () => {
    const r = reminder(1, { departmentName: '运用_促进_司', missing: tasks() });
    expect(buildReminderCard({ reminder: r, round })).toEqual(
      card({
        summary: '催办：运用_促进_司 有 2 项任务未填报',
        title: '催办：运用_促进_司',
        subtitle: '本周 2021-W23 · 第 1 次提醒',
        color: 'orange',
        elements: [
          { tag: 'markdown', content: `**${md('运用_促进_司')}**：以下 2 项任务本周（2021-W23）尚未填报，请尽快填报：` },
          { tag: 'markdown', content: `· 任务8 深化专利导航和专利奖评选工作\n· 任务12 ${md(HOSTILE)}` },
          NOTE,
        ],
      }),
    );
    expect(buildReminderText({ reminder: r, round }).text).toBe(
      '【催办】运用_促进_司：以下 2 项任务本周（2021-W23）尚未填报，请尽快填报：\n· 任务8 深化专利导航和专利奖评选工作\n· 任务12 ＜at id=all＞＜/at＞完善*机制*',
    );
  });

  it('the second reminder: red 再次催办 with the closing time, mentioning each reporter (a nameless one as 填报人)', () => {
    const r = reminder(2, { missing: tasks(), mention: [{ openId: 'ou_zhang', name: '张<三>' }, { openId: 'ou_li', name: null }] });
    const v = { reminder: r, round, closesAt: '周五 17:00' };
    expect(buildReminderCard(v)).toEqual(
      card({
        summary: '催办：运用促进司 有 2 项任务未填报',
        title: '再次催办：运用促进司',
        subtitle: '本周 2021-W23 · 第 2 次提醒',
        color: 'red',
        elements: [
          { tag: 'markdown', content: '**运用促进司**：以下 2 项任务本周（2021-W23）尚未填报，请于周五 17:00前填报：' },
          { tag: 'markdown', content: `· 任务8 深化专利导航和专利奖评选工作\n· 任务12 ${md(HOSTILE)}` },
          { tag: 'markdown', content: '请填报人 <at id=ou_zhang></at> <at id=ou_li></at> 尽快处理。' },
          NOTE,
        ],
      }),
    );
    expect(buildReminderText(v).text).toBe(
      [
        '【再次催办】运用促进司：以下 2 项任务本周（2021-W23）尚未填报，请于周五 17:00前填报：',
        '· 任务8 深化专利导航和专利奖评选工作',
        '· 任务12 ＜at id=all＞＜/at＞完善*机制*',
        '请 <at user_id="ou_zhang">张＜三＞</at> <at user_id="ou_li">填报人</at> 尽快填报。',
      ].join('\n'),
    );
  });

  it('the third reminder is still 再次催办 in red', () => {
    const r = reminder(3, { missing: tasks().slice(0, 1), mention: [] });
    const c = buildReminderCard({ reminder: r, round });
    expect(c.header).toEqual({ title: { tag: 'plain_text', content: '再次催办：运用促进司' }, subtitle: { tag: 'plain_text', content: '本周 2021-W23 · 第 3 次提醒' }, template: 'red' });
    expect(buildReminderText({ reminder: r, round }).text).toBe('【再次催办】运用促进司：以下 1 项任务本周（2021-W23）尚未填报，请尽快填报：\n· 任务8 深化专利导航和专利奖评选工作');
  });

  it('with a key point among the missing says 项, not 项任务 (a region has both)', () => {
    const r = reminder(1, { missing: [{ id: 10, number: 8, title: '甲' }, { id: 31, number: 2, title: '乙', kind: 'key_point' }] });
    const c = buildReminderCard({ reminder: r, round });
    expect((c.config as { summary: unknown }).summary).toEqual({ content: '催办：运用促进司 有 2 项未填报' });
    expect((c.body as { elements: unknown[] }).elements.slice(0, 2)).toEqual([
      { tag: 'markdown', content: '**运用促进司**：以下 2 项本周（2021-W23）尚未填报，请尽快填报：' },
      { tag: 'markdown', content: '· 任务8 甲\n· 工作要点2 乙' },
    ]);
    expect(buildReminderText({ reminder: r, round }).text).toBe('【催办】运用促进司：以下 2 项本周（2021-W23）尚未填报，请尽快填报：\n· 任务8 甲\n· 工作要点2 乙');
  });

  it('lists 40 tasks in full, and beyond 40 the first 40 and how many more', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, number: i + 1, title: `题${i + 1}` }));
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `· 任务${i + 1} 题${i + 1}`);
    const list = (c: unknown) => (c as { body: { elements: { content: string }[] } }).body.elements[1]!.content;

    const forty = reminder(1, { missing: many(40) });
    expect(list(buildReminderCard({ reminder: forty, round }))).toBe(lines(40).join('\n'));
    expect(buildReminderText({ reminder: forty, round }).text.split('\n').slice(1)).toEqual(lines(40));

    const fortyOne = reminder(1, { missing: many(41) });
    expect(list(buildReminderCard({ reminder: fortyOne, round }))).toBe([...lines(40), '……另有 1 项'].join('\n'));
    const text = buildReminderText({ reminder: fortyOne, round }).text.split('\n');
    expect(text[0]).toBe('【催办】运用促进司：以下 41 项任务本周（2021-W23）尚未填报，请尽快填报：');
    expect(text.slice(1)).toEqual([...lines(40), '……另有 1 项']);
  });

  it('cuts a long title at 60 characters', () => {
    const r = reminder(1, { missing: [{ id: 1, number: 1, title: '长'.repeat(61) }] });
    expect(buildReminderText({ reminder: r, round }).text.split('\n')[1]).toBe(`· 任务1 ${'长'.repeat(59)}…`);
  });
});
