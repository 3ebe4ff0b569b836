import { describe, expect, it } from 'vitest';
import { answerCard, type Answer, type TaskLine } from '../../src/cards/answers/index.ts';
import { buildDepartmentCards } from '../../src/cards/department-card.ts';
import { buildDigestCard } from '../../src/cards/digest.ts';
import { buildReminderCard } from '../../src/cards/reminder.ts';
import { buildDigestModel } from '../../src/domain/digest/model.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';
import { hugeWeek, seededWeek } from '../domain/digest/fixture.ts';
import { input, task } from './fixtures.ts';

// Every card duban builds, at its extremes, is one Lark accepts under the Card JSON 2.0 rules the
// fake enforces (tags, properties, enums, nesting, unique names, ≤ 200 components). The fake
// refuses the rest with 230099, so a card that fails here would never reach its chat.

const NASTY = '<at id=all></at> **粗体** [链接](http://x) <font color=red>红</font> `code` # 标题';
const long = '推进知识产权高质量发展相关工作并加强统筹协调'.repeat(8);

function line(n: number, title = `任务标题${n}`): TaskLine {
  return { number: n, title, status: n % 3 === 0 ? 'blocked' : 'on_track', progress: n % 100, deadlineState: n % 5 === 0 ? 'overdue' : 'ok', highlight: null };
}

describe('every card duban sends is valid Card JSON 2.0', () => {
  it('department round cards: long tasks split into pages, many small tasks, indicators, submitted marks', () => {
    const big = Array.from({ length: 60 }, (_, i) =>
      task(i + 1, {
        title: long,
        measuresForBureau: [long.repeat(3)],
        last: { status: 'on_track', progress: 50, note: NASTY.repeat(20), reporterName: NASTY, reportedAt: new Date() },
        submitted: { by: NASTY, at: new Date() },
        deadlineState: i % 3 === 0 ? 'overdue' : 'ok',
      }),
    );
    const small = Array.from({ length: 60 }, (_, i) => task(i + 1, { measuresForBureau: [] }));
    const withIndicator = input([task(1)], { indicators: [{ id: 7, name: NASTY, comparator: '<=', value: 18.5, unit: '个月', last: null }] });
    const cards = [...buildDepartmentCards(input(big)), ...buildDepartmentCards(input(small)), ...buildDepartmentCards(withIndicator)];
    expect(cards.length).toBeGreaterThan(3);
    for (const card of cards) expect(validateCard(card)).toEqual([]);
  });

  it('digest cards: a seeded week and huge weeks', () => {
    const cards = [buildDigestCard(buildDigestModel(seededWeek()))];
    for (const [tasks, depts] of [[1, 1], [5, 50], [200, 3]] as const) cards.push(buildDigestCard(buildDigestModel(hugeWeek(tasks, depts, 1000))));
    for (const card of cards) expect(validateCard(card)).toEqual([]);
  });

  it('reminders, the first and the second with mentions', () => {
    const reminder = (n: number) => ({
      departmentId: 1,
      departmentName: '运用促进司',
      chatId: 'oc_1',
      missing: [{ id: 10, number: 8, title: NASTY }],
      mention: n >= 2 ? [{ openId: 'ou_zhang', name: '张三' }] : [],
      reminderNumber: n,
    });
    for (const n of [1, 2]) expect(validateCard(buildReminderCard({ reminder: reminder(n), round: { key: '2021-W23' }, closesAt: '周五 17:00' }))).toEqual([]);
  });

  it('chat answers of every kind', () => {
    const dept = (i: number) => ({ name: `部门${i}`, role: (i === 0 ? 'lead' : 'co') as 'lead' | 'co', status: 'at_risk' as const, progress: 50, reporter: NASTY, reportedAt: '2021-06-08 10:30', note: '长'.repeat(1000), trend: ['on_track' as const, null, 'at_risk' as const] });
    const answers: Answer[] = [
      { kind: 'department', name: '运用促进司', filter: null, tasks: Array.from({ length: 1000 }, (_, i) => line(i + 1)) },
      { kind: 'task', task: { number: 1, title: NASTY, section: NASTY, deadline: '年底前完成（2021-12-31）', deadlineState: 'warning', status: 'at_risk', progress: 50, trendRounds: ['2021-W21', '2021-W22', '2021-W23'], departments: Array.from({ length: 60 }, (_, i) => dept(i)) } },
      { kind: 'not_reported', round: '2021-W23', totalDepartments: 300, departments: Array.from({ length: 300 }, (_, i) => ({ name: `部门${i}`, expected: 40, reported: 1, missing: [1, 2, 3] })) },
      { kind: 'candidates', query: NASTY, tasks: [line(1, NASTY)] },
      { kind: 'unknown', text: NASTY, suggestions: ['任务5'] },
      { kind: 'indicators', query: 'x', indicators: [{ name: NASTY, target: '≤ 1', owner: NASTY, value: '1', reporter: NASTY, reportedAt: 'x', met: true }] },
    ];
    for (const a of answers) expect(validateCard(answerCard(a)), a.kind).toEqual([]);
  });
});
