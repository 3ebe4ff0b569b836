import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDirectory } from '../../src/directory/parse.ts';
import type { Visibility } from '../../src/domain/read-policy.ts';
import { answerQuestion, createAskCache } from '../../src/usecases/ask.ts';
import { TASK_DETAIL_TOAST, createCardActionRoute } from '../../src/usecases/inbound/card-action-route.ts';
import { loadDirectory } from '../../src/usecases/load-directory.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ASK_NOW, seedAskScenario, taskId, TZ } from '../support/seed-reports.ts';

// The read policy through the real ask use case and the digest's 详情 button, on the seed plan:
// task 4 is 保护司's alone, task 5 is not 保护司's; 发明专利审查周期 is 专利局审查部's.
const directory = (visibility: Visibility) => `
visibility: ${visibility}
admins: [{ open_id: ou_admin, name: 周督办 }]
leadership:
  - { name: 局领导, chat_id: oc_lead, leaders: [{ open_id: ou_leader, name: 刘局长 }] }
departments:
  - { name: 保护司, reporters: [{ open_id: ou_bhs, name: 周杰 }] }
indicators:
  发明专利审查周期: 专利局审查部
`;

const TABLES = ['reports', 'current_status', 'indicator_values', 'processed_events', 'sent_messages', 'people', 'admins', 'leaders', 'reporters', 'directory_settings'];
async function counts(db: TestDb['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = (await db.execute(sql.raw(`select count(*)::int as n from ${t}`))) as unknown as { rows: { n: number }[] };
    out[t] = r.rows[0]!.n;
  }
  return out;
}

const QUESTIONS = {
  task5: '任务5进展？',
  task4: '任务4进展？',
  search: '专利导航',
  ownDepartment: '保护司的任务',
  otherDepartment: '条法司的任务',
  list: '哪些任务有风险',
  indicator: '发明专利审查周期',
  digest: '本周汇总',
  notReported: '谁还没填报',
  help: '帮助',
} as const;
type Q = keyof typeof QUESTIONS;

const R = 'refused';
// The answer kind each asker gets, per visibility. 专利导航 finds task 8 (运用促进司's) for sure:
// under own a 保护司 reporter gets the candidates narrowed to their tasks instead.
const EXPECTED: Record<Visibility, Record<string, Record<Q, string>>> = {
  members: {
    ou_admin: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: 'digest', notReported: 'not_reported', help: 'help' },
    ou_leader: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: 'digest', notReported: 'not_reported', help: 'help' },
    ou_bhs: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: R, notReported: R, help: 'help' },
    ou_stranger: { task5: R, task4: R, search: R, ownDepartment: R, otherDepartment: R, list: R, indicator: R, digest: R, notReported: R, help: R },
  },
  open: {
    ou_admin: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: 'digest', notReported: 'not_reported', help: 'help' },
    ou_leader: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: 'digest', notReported: 'not_reported', help: 'help' },
    ou_bhs: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: R, notReported: R, help: 'help' },
    ou_stranger: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: R, notReported: R, help: 'help' },
  },
  own: {
    ou_admin: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: 'digest', notReported: 'not_reported', help: 'help' },
    ou_leader: { task5: 'task', task4: 'task', search: 'task', ownDepartment: 'department', otherDepartment: 'department', list: 'list', indicator: 'indicators', digest: 'digest', notReported: 'not_reported', help: 'help' },
    ou_bhs: { task5: R, task4: 'task', search: 'candidates', ownDepartment: 'department', otherDepartment: R, list: R, indicator: R, digest: R, notReported: R, help: 'help' },
    ou_stranger: { task5: R, task4: R, search: R, ownDepartment: R, otherDepartment: R, list: R, indicator: R, digest: R, notReported: R, help: R },
  },
};

describe('the read policy on every path of an answer', () => {
  let t: TestDb;
  const cache = createAskCache();
  const ask = (openId: string | null, q: string) => answerQuestion(t.db, q, { now: ASK_NOW, timezone: TZ, cache, asker: { openId } });
  const setVisibility = (v: Visibility) => loadDirectory(t.db, parseDirectory(directory(v)), { now: ASK_NOW });

  beforeAll(async () => {
    t = await createTestDb('read_policy');
    await seedAskScenario(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  for (const visibility of ['members', 'open', 'own'] as const) {
    it(`under ${visibility}, answers or refuses every question kind per asker, and writes nothing`, async () => {
      await setVisibility(visibility);
      const before = await counts(t.db);
      const got: Record<string, Record<string, string>> = {};
      for (const asker of Object.keys(EXPECTED[visibility])) {
        got[asker] = {};
        for (const [q, text] of Object.entries(QUESTIONS)) got[asker]![q] = (await ask(asker, text)).answer.kind;
      }
      expect(got).toEqual(EXPECTED[visibility]);
      expect(await counts(t.db)).toEqual(before);
    });
  }

  it('an outsider learns nothing about the plan and is told whom to contact', async () => {
    await setVisibility('members');
    for (const text of Object.values(QUESTIONS)) {
      const r = await ask('ou_stranger', text);
      expect(r.text).toBe('抱歉，您不在督办名录中，暂不能查询督办事项。如需开通，请联系督办管理员（周督办）。');
      const card = JSON.stringify(r.card);
      for (const secret of ['条法司', '保护司', '审查指南', '任务5', 'ou_', '张三']) expect(card).not.toContain(secret);
    }
    // No open_id at all (an event without a sender) is an outsider too.
    expect((await ask(null, '任务5')).answer.kind).toBe('refused');
  });

  it('under own, a reporter\'s search shows only their own departments\' tasks', async () => {
    await setVisibility('own');
    // 地理标志 is in several tasks' measures (14, 10, 18): asked back, never picked
    const mine = await ask('ou_bhs', '地理标志');
    const all = await ask('ou_leader', '地理标志');
    const numbers = (r: Awaited<ReturnType<typeof ask>>) => (r.answer.kind === 'candidates' ? r.answer.tasks.map((x) => x.number) : []);
    expect(numbers(all).length).toBeGreaterThan(numbers(mine).length);
    expect(numbers(mine)).not.toContain(5);
    const refused = await ask('ou_bhs', '条法司的任务');
    expect(refused.text).toBe('抱歉，您只能查询本部门「保护司」的任务，例如「保护司的任务」。如需查看其他部门，请联系督办管理员（周督办）。');
  });

  it('under own, several tasks asked at once show only the reporter\'s own; none of them is a refusal', async () => {
    await setVisibility('own');
    const some = await ask('ou_bhs', '任务4、5');
    expect(some.answer).toMatchObject({ kind: 'tasks', tasks: [{ number: 4 }], missing: [] });
    expect(some.text).not.toContain('任务5');
    expect((await ask('ou_bhs', '任务5、8')).answer.kind).toBe('refused');
    expect((await ask('ou_leader', '任务5、8')).answer).toMatchObject({ kind: 'tasks', tasks: [{ number: 5 }, { number: 8 }] });
  });

  it('the operator at the shell (duban ask) is not checked', async () => {
    await setVisibility('own');
    const r = await answerQuestion(t.db, '本周汇总', { now: ASK_NOW, timezone: TZ, asker: 'operator' });
    expect(r.answer.kind).toBe('digest');
  });

  describe('the digest\'s 详情 button', () => {
    const route = () => createCardActionRoute(t.db, { timezone: TZ });
    const ctx = { logger: pino({ level: 'silent' }), now: () => ASK_NOW };
    const click = async (operator: string, id: number) =>
      route()({ eventId: 'ev', operatorOpenId: operator, value: { kind: 'task_detail', taskId: id } }, ctx);

    it('queues the detail for a member and refuses an outsider with the reason, queueing nothing', async () => {
      await setVisibility('members');
      const planId = (await t.db.execute(sql`select id from plans where active limit 1`)) as unknown as { rows: { id: number }[] };
      const task5 = await taskId(t.db, planId.rows[0]!.id, 5);
      const ok = await click('ou_bhs', task5);
      expect(ok.toast).toEqual({ type: 'info', content: TASK_DETAIL_TOAST });
      expect(ok.job).toBeDefined();
      const refused = await click('ou_stranger', task5);
      expect(refused).toEqual({ toast: { type: 'error', content: '抱歉，您不在督办名录中，暂不能查询督办事项。如需开通，请联系督办管理员（周督办）。' } });
    });

    it('under own, refuses a reporter the detail of another department\'s task and allows their own', async () => {
      await setVisibility('own');
      const planId = ((await t.db.execute(sql`select id from plans where active limit 1`)) as unknown as { rows: { id: number }[] }).rows[0]!.id;
      const other = await click('ou_bhs', await taskId(t.db, planId, 5));
      expect(other.job).toBeUndefined();
      expect(other.toast.content).toContain('您只能查询本部门「保护司」的任务');
      expect((await click('ou_bhs', await taskId(t.db, planId, 4))).job).toBeDefined();
      expect((await click('ou_leader', await taskId(t.db, planId, 5))).job).toBeDefined();
    });

    it('refuses a task id that does not exist or is out of the database range, without touching the database\'s range', async () => {
      await setVisibility('members');
      const unknown = await click('ou_admin', 2_000_000_000);
      expect(unknown.job).toBeUndefined();
      expect(unknown.toast.type).toBe('error');
      const huge = await click('ou_admin', 99_999_999_999);
      expect(huge.job).toBeUndefined();
      expect(huge.toast.type).toBe('error');
    });
  });
});
