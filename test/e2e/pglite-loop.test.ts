import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlanView, type PlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { reports, rounds } from '../../src/db/schema/index.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';

// The demo's mode: the whole loop on embedded PGlite (one connection), where a read outside the
// worker's transaction would wait for it forever.
describe('the status loop on embedded PGlite', () => {
  let w: World;
  let view: PlanView;
  beforeAll(async () => {
    w = await startWorld('pglite', { pglite: true });
    view = (await loadPlanView(w.db.db))!;
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  it('opens a round, stores a submission and answers a question about it', async () => {
    await w.step('open_round');
    const [round] = await w.db.db.select().from(rounds);
    const task7 = view.tasks.find((t) => t.number === 7)!;
    const ygs = task7.departments[0]!;
    const a = await w.cardAction({
      operator: 'ou_yycjs_0001',
      value: { kind: 'report', planId: view.plan.id, roundId: round!.id, departmentId: ygs.departmentId, taskId: task7.id },
      formValue: { [`status_${task7.id}`]: 'blocked', [`progress_${task7.id}`]: '30', [`note_${task7.id}`]: '等待配套资金' },
    });
    // Lark gives up after 3 s (the fake records 200341): say so rather than fail on a missing body.
    expect(a.timedOut, `answered in ${a.ms} ms; Lark waits 3 s`).toBe(false);
    expect(a.body.toast.type).toBe('success');
    await waitFor('the report', async () => (await w.db.db.select().from(reports)).length === 1, 30_000);

    const chatId = w.fake.state.p2pChatFor('ou_yycjs_0001').chat_id;
    await w.message({ sender: 'ou_yycjs_0001', text: '任务7', chatId, chatType: 'p2p', messageId: 'om_pglite_q' });
    const reply = await waitFor('the answer', () => w.fake.messages.find((m) => m.parent_id === 'om_pglite_q'), 30_000);
    expect(JSON.stringify(reply.card)).toContain('受阻');
  }, 90_000);
});
