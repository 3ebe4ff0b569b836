import { describe, expect, it } from 'vitest';
import { buildReminderCard, buildReminderText } from '../../src/cards/reminder.ts';
import { buildToast } from '../../src/cards/toast.ts';
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
