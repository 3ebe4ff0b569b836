import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chats, departments, processedEvents, reporters } from '../../src/db/schema/index.ts';
import { startWorld, waitFor, type World } from '../support/world.ts';
import { TASK_DETAIL_TOAST } from '../../src/usecases/inbound/card-action-route.ts';

// Questions and admin commands in chat (issues 4 and 5) through the webhook, workers and outbox.
describe('chat with the bot end to end', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld('chat');
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  const replyTo = (messageId: string) => w.fake.messages.find((m) => m.parent_id === messageId);
  /** The reply to a message once every queued job has finished: undefined means none will come. */
  const quiet = async (messageId: string) => {
    await w.idle();
    return replyTo(messageId);
  };

  it('answers a question @-mentioning it in a group, as a reply with a card', async () => {
    await w.message({ sender: 'ou_yycjs_0001', text: '第五项进展', chatId: 'oc_dept_yycjs', chatType: 'group', mentionBot: true, messageId: 'om_q_group' });
    const reply = await waitFor('the reply', () => replyTo('om_q_group'));
    expect(reply.msg_type).toBe('interactive');
    expect(JSON.stringify(reply.card)).toContain('持续提升知识产权审查质量和效率');
  });

  it('ignores group messages that do not mention it', async () => {
    const a = await w.message({ sender: 'ou_yycjs_0001', text: '任务5进展？', chatId: 'oc_dept_yycjs', chatType: 'group', messageId: 'om_q_nomention', eventId: 'ev_q_nomention' });
    expect(a.status).toBe(200);
    expect(await w.inboundJob('ev_q_nomention')).toBeUndefined();
    expect(await quiet('om_q_nomention')).toBeUndefined();
  });

  it('answers the same message delivered twice once', async () => {
    const eventId = 'ev_dup_question';
    await w.message({ sender: 'ou_yycjs_0001', text: '哪些任务有风险', chatId: 'oc_dept_yycjs', chatType: 'group', mentionBot: true, messageId: 'om_q_dup', eventId });
    await waitFor('the reply', () => replyTo('om_q_dup'));
    await w.message({ sender: 'ou_yycjs_0001', text: '哪些任务有风险', chatId: 'oc_dept_yycjs', chatType: 'group', mentionBot: true, messageId: 'om_q_dup', eventId });
    await w.idle();
    expect(w.fake.messages.filter((m) => m.parent_id === 'om_q_dup')).toHaveLength(1);
    expect(await w.db.db.select().from(processedEvents).where(eq(processedEvents.eventId, eventId))).toHaveLength(1);
  });

  it('answers a question it does not understand with help, never silence', async () => {
    await w.message({ sender: 'ou_yycjs_0001', text: '今天天气怎么样', chatId: w.fake.state.p2pChatFor('ou_yycjs_0001').chat_id, chatType: 'p2p', messageId: 'om_q_unknown' });
    const reply = await waitFor('the help reply', () => replyTo('om_q_unknown'));
    expect(JSON.stringify(reply.card)).toMatch(/任务5|帮助|示例/);
  });

  it('lets an admin bind a group to a department, and refuses others politely', async () => {
    w.fake.addChat({ chat_id: 'oc_new_group', name: '新群', members: ['ou_admin_0001', 'ou_yycjs_0001'] });
    await w.message({ sender: 'ou_yycjs_0001', text: '绑定 人事司', chatId: 'oc_new_group', chatType: 'group', mentionBot: true, messageId: 'om_bind_refused' });
    const refused = await waitFor('the refusal', () => replyTo('om_bind_refused'));
    expect(refused.text ?? refused.content).toContain('管理员');
    const [before] = await w.db.db.select().from(departments).where(eq(departments.name, '人事司'));
    expect(before!.chatId).not.toBe('oc_new_group');

    await w.message({ sender: 'ou_admin_0001', text: '绑定 人事司', chatId: 'oc_new_group', chatType: 'group', mentionBot: true, messageId: 'om_bind_ok' });
    await waitFor('the confirmation', () => replyTo('om_bind_ok'));
    const [after] = await w.db.db.select().from(departments).where(eq(departments.name, '人事司'));
    expect(after!.chatId).toBe('oc_new_group');
    expect((await w.db.db.select().from(chats).where(eq(chats.chatId, 'oc_new_group')))[0]?.kind).toBe('department');
  });

  it('lets an admin add a reporter by @-mention', async () => {
    const text = '@_user_1 添加填报人 人事司 @_user_2';
    w.fake.addChat({ chat_id: 'oc_reporter_group', name: '填报人群', members: ['ou_admin_0001'] });
    const before = (await w.db.db.select().from(reporters)).length;
    const messageId = 'om_add_reporter';
    const t = String(Date.now());
    w.fake.state.addMessage({ message_id: messageId, chat_id: 'oc_reporter_group', msg_type: 'text', content: JSON.stringify({ text }), text, create_time: t, update_time: t, updates: 0, sender: { id: 'ou_admin_0001', id_type: 'app_id', sender_type: 'app' } });
    const { messageReceiveEvent, postCallback } = await import('../../src/simulator/index.ts');
    await postCallback(
      `${w.app.url}/lark/events`,
      messageReceiveEvent({
        eventId: 'ev_add_reporter',
        appId: w.config.lark.appId,
        verificationToken: w.config.lark.verificationToken!,
        createTime: new Date(),
        messageId,
        chatId: 'oc_reporter_group',
        chatType: 'group',
        sender: { openId: 'ou_admin_0001' },
        text,
        mentions: [
          { key: '@_user_1', openId: 'ou_bot_duban', name: '督办机器人' },
          { key: '@_user_2', openId: 'ou_new_reporter', name: '新同事' },
        ],
      }),
      { encryptKey: w.config.lark.encryptKey, now: () => new Date() },
    );
    await waitFor('the confirmation', () => replyTo(messageId));
    expect((await w.db.db.select().from(reporters)).length).toBe(before + 1);
  });

  it('a digest red-list button sends the task’s detail card to whoever clicked it, privately', async () => {
    const { loadPlanView } = await import('../../src/db/repositories/plan-view.repository.ts');
    const view = (await loadPlanView(w.db.db))!;
    const task = view.tasks.find((t) => t.number === 9)!;
    const a = await w.cardAction({ operator: 'ou_admin_0002', value: { kind: 'task_detail', taskId: task.id }, chatId: 'oc_leadership_0001' });
    // Honest: the private message is on its way, not yet sent.
    expect(a.body.toast).toEqual({ type: 'info', content: TASK_DETAIL_TOAST });
    const p2p = w.fake.state.p2pChatFor('ou_admin_0002').chat_id;
    const detail = await waitFor('the detail card', () => w.fake.state.messagesIn(p2p).find((m) => m.msg_type === 'interactive'));
    expect(JSON.stringify(detail.card)).toContain(task.title);
  });

  it('an ask-back button (您是指：任务16／任务17？) answers its question to whoever clicked it, privately', async () => {
    const asked = await w.message({ sender: 'ou_yycjs_0002', text: '公共服务那个', chatId: w.fake.state.p2pChatFor('ou_yycjs_0002').chat_id, chatType: 'p2p', messageId: 'om_q_ambiguous' });
    expect(asked.status).toBe(200);
    const back = await waitFor('the ask-back card', () => replyTo('om_q_ambiguous'));
    expect(JSON.stringify(back.card)).toContain('"value":{"kind":"ask","question":"任务17"}');
    const a = await w.cardAction({ operator: 'ou_zlghs_0001', value: { kind: 'ask', question: '任务17' }, chatId: w.fake.state.p2pChatFor('ou_yycjs_0002').chat_id });
    expect(a.body.toast.type).toBe('info');
    const p2p = w.fake.state.p2pChatFor('ou_zlghs_0001').chat_id;
    const detail = await waitFor('the answer', () => w.fake.state.messagesIn(p2p).find((m) => m.msg_type === 'interactive' && JSON.stringify(m.card).includes('推动知识产权公共服务标准化建设')));
    expect(JSON.stringify(detail.card)).toContain('任务17');
  });

  it('an ask button without a question is refused with a toast, and nothing is queued or sent', async () => {
    const p2p = w.fake.state.p2pChatFor('ou_zlghs_0002').chat_id;
    const before = w.fake.state.messagesIn(p2p).length;
    const events = (await w.db.db.select().from(processedEvents)).length;
    const a = await w.cardAction({ operator: 'ou_zlghs_0002', value: { kind: 'ask', question: '  ' }, chatId: p2p });
    expect(a.body.toast.type).toBe('error');
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.fake.state.messagesIn(p2p)).toHaveLength(before);
    expect(await w.db.db.select().from(processedEvents)).toHaveLength(events);
  });
});
