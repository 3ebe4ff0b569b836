import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlanView } from '../../src/db/repositories/plan-view.repository.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';

// The default read policy (members) through the webhook, workers and outbox: someone outside the
// directory gets a polite refusal naming the admins, and nothing about the plan.
describe('the read policy end to end', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld('read_policy_e2e');
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });
  const replyTo = (messageId: string) => w.fake.messages.find((m) => m.parent_id === messageId);

  it('refuses an outsider\'s question with whom to contact, and answers a reporter', async () => {
    const p2p = w.fake.state.p2pChatFor('ou_outsider_0001').chat_id;
    await w.message({ sender: 'ou_outsider_0001', text: '任务7', chatId: p2p, chatType: 'p2p', messageId: 'om_outsider_q' });
    const reply = await waitFor('the refusal', () => replyTo('om_outsider_q'));
    const card = JSON.stringify(reply.card);
    expect(card).toContain('请联系督办管理员（周督办、吴督办）');
    expect(card).not.toMatch(/任务7|司|ou_/);

    await w.message({ sender: 'ou_bgs_0001', text: '本周汇总', chatId: 'oc_dept_bgs', chatType: 'group', mentionBot: true, messageId: 'om_reporter_digest' });
    expect(JSON.stringify((await waitFor('the refusal', () => replyTo('om_reporter_digest'))).card)).toContain('本周汇总仅向督办管理员和领导开放');
    await w.message({ sender: 'ou_leader_0001', text: '本周汇总', chatId: 'oc_leadership_0001', chatType: 'group', mentionBot: true, messageId: 'om_leader_digest' });
    expect(JSON.stringify((await waitFor('the digest', () => replyTo('om_leader_digest'))).card)).not.toContain('暂无查看权限');
  });

  it('refuses the 详情 button to an outsider with an error toast and sends nothing privately', async () => {
    const view = (await loadPlanView(w.db.db))!;
    const task = view.tasks.find((t) => t.number === 9)!;
    const a = await w.cardAction({ operator: 'ou_outsider_0001', value: { kind: 'task_detail', taskId: task.id }, chatId: 'oc_leadership_0001' });
    expect(a.body.toast).toEqual({ type: 'error', content: '抱歉，您不在督办名录中，暂不能查询督办事项。如需开通，请联系督办管理员（周督办、吴督办）。' });
    await new Promise((r) => setTimeout(r, 1500));
    const p2p = w.fake.state.p2pChatFor('ou_outsider_0001').chat_id;
    expect(w.fake.state.messagesIn(p2p).filter((m) => m.msg_type === 'interactive' && JSON.stringify(m.card).includes(task.title))).toHaveLength(0);
  });
});
