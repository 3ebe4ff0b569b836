import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, countComponents } from '../../src/cards/limits.ts';
import { answerQuestion, type AskResult } from '../../src/usecases/ask.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { ASK_NOW, seedAskScenario, TZ } from '../support/seed-reports.ts';

const TABLES = ['rounds', 'reports', 'current_status', 'digests', 'processed_events', 'sent_messages'];

describe('history questions (seed plan, rounds 2021-W19…W23)', () => {
  let t: TestDb;
  const ask = (q: string): Promise<AskResult> => answerQuestion(t.db, q, { now: ASK_NOW, timezone: TZ, asker: 'operator' });
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const name of TABLES) out[name] = ((await t.db.execute(sql.raw(`select count(*)::int as n from ${name}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    return out;
  };

  beforeAll(async () => {
    t = await createTestDb('ask_history');
    await seedAskScenario(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('运用促进司的填报率 lists each round with reported, on time and the rates overall', async () => {
    const r = await ask('运用促进司的填报率');
    expect(r.intent).toMatchObject({ kind: 'unit_history', name: '运用促进司' });
    expect(r.answer.kind).toBe('unit_history');
    const h = r.answer.kind === 'unit_history' ? r.answer.history : null;
    expect(h!.weeks.map((w) => w.key)).toEqual(['2021-W19', '2021-W20', '2021-W21', '2021-W22', '2021-W23']);
    expect(h!.weeks.map((w) => w.reported)).toEqual([0, 0, 0, 1, 1]);
    const expected = h!.weeks[0]!.expected;
    expect(expected).toBeGreaterThan(1);
    expect(h!.rate).toBe(Math.round((2 / (5 * expected)) * 100));
    expect(r.text).toMatch(/^运用促进司的填报率：共 5 周：填报率 \d+%，按时率 \d+%/);
    expect(r.text).toContain(`- 2021-W23：已填 1/${expected}`);
    expect(cardBytes(r.card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(countComponents(r.card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
  });

  it('任务5的历史 shows each change per department, oldest first, notes escaped', async () => {
    const r = await ask('任务5的历史');
    expect(r.intent).toEqual({ kind: 'task_history', number: 5 });
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('任务5的历史：持续提升知识产权审查质量和效率');
    expect(lines.slice(1)).toEqual([
      '- 2021-05-11 10:00 受阻 5% 条法司·张三',
      '- 2021-05-18 10:00 正常推进 20% 条法司·张三',
      '- 2021-05-19 11:00 正常推进 10% 专利局审查部·王五',
      '- 2021-05-25 10:00 存在风险 30% 条法司·张三',
      '- 2021-06-01 10:00 受阻 40% 条法司·张三',
      '- 2021-06-02 11:00 正常推进 25% 专利局审查部·王五',
      '- 2021-06-07 11:00 正常推进 20% 商标局·李四',
      '- 2021-06-08 10:30 正常推进 60% 条法司·张三：＜at id=all＞＜/at＞ 审查指南**初稿**已完成',
      '- 2021-06-08 14:00 存在风险 30% 商标局·李四：异议案件积压',
    ]);
    expect(JSON.stringify(r.card)).not.toContain('<at id=all>');
  });

  it('a task without reports says so; a task number the plan lacks is not found', async () => {
    expect((await ask('任务9的历史')).text).toContain('尚无填报记录');
    const missing = await ask('任务99的历史');
    expect(missing.answer.kind).toBe('task_not_found');
  });

  it('an unknown unit in 「xx的填报率」 gets the nearest names as questions, and nothing is written', async () => {
    const before = await counts();
    const r = await ask('运用推进司的填报率');
    expect(r.intent).toMatchObject({ kind: 'unknown', unknownUnit: '运用推进司' });
    expect(r.answer.kind === 'unknown' && r.answer.offers?.[0]).toEqual({ label: '运用促进司', question: '运用促进司的填报率' });
    expect(r.text).toContain('运用促进司（回复“运用促进司的填报率”）');
    expect(await counts()).toEqual(before);
  });
});
