import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { findChat } from '../../src/db/repositories/directory.repository.ts';
import { botMembershipEvent, postCallback } from '../../src/simulator/index.ts';
import { APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN, startWorld, waitFor, type World } from '../support/world.ts';

// A department chat the bot is not in: the card fails with 230002, the admins hear of it once,
// `duban outbox failed` explains it, and after the fix a re-run (or retry) sends that card only.

let w: World;
const LOST = 'oc_dept_tfs';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { config: w.config, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const okCreates = (uuid: string) => w.fake.calls.filter((c) => c.route === 'create' && c.uuid === uuid && c.status === 200);
const adminAlerts = () => w.fake.messages.filter((m) => m.chat_id.startsWith('oc_p2p_admin') && (m.text ?? '').includes('机器人不在群里'));

async function outboxIdle() {
  await waitFor('outbox idle', async () => {
    const c = await w.app.outbox.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(c).every((n) => n === 0);
  }, 30_000);
}

beforeAll(async () => {
  w = await startWorld('failedsends');
  const tfs = w.fake.state.chats.get(LOST)!;
  w.fake.state.chats.delete(LOST); // the bot was removed from the chat
  (w as unknown as { lostChat: typeof tfs }).lostChat = tfs;
}, 60_000);

afterAll(async () => {
  await w?.close();
});

describe('failed sends are visible and redoable', () => {
  let tfsUuid: string;

  it('a card to a chat without the bot fails with 230002 and each admin is told once, naming the chat and the fix', async () => {
    const line = await w.step('open_round');
    expect(line).toMatch(/个部门(、\d+ 个地区)?的卡片已排队发送/);
    await outboxIdle();
    const failed = await w.app.outbox.queue.getFailed();
    expect(failed.map((j) => (j.data.op as { to?: { chatId?: string } }).to?.chatId)).toEqual([LOST]);
    tfsUuid = failed[0]!.id!;
    expect(failed[0]!.data.ref).toMatch(/^round:\d+:dept:\d+:page:1$/);
    expect(await w.app.outbox.queue.getJobState(tfsUuid)).toBe('failed');
    await waitFor('admin alerts', () => adminAlerts().length >= 2);
    const alerts = adminAlerts();
    expect(alerts.map((m) => m.chat_id).sort()).toEqual(['oc_p2p_admin_0001', 'oc_p2p_admin_0002']);
    expect(alerts[0]!.text).toContain(LOST);
    expect(alerts[0]!.text).toContain('条法司');
    expect(alerts[0]!.text).toContain('230002');
    expect(alerts[0]!.text).toContain('把机器人拉进该群');
  });

  it('duban outbox failed lists the send with the Lark code and its meaning in Chinese', async () => {
    const r = await cli('outbox', 'failed');
    expect(r.code).toBe(0);
    expect(r.out).toContain(tfsUuid);
    expect(r.out).toContain(`→ ${LOST}`);
    expect(r.out).toContain('错误码 230002：机器人不在群里');
    expect(r.out).toContain('round_card');
  });

  it('re-running the step while the chat is still lost fails again without a second alert that day', async () => {
    const before = w.fake.calls.filter((c) => c.route === 'create' && c.status === 200).length;
    const line = await w.step('open_round');
    expect(line).toContain('其中 1 条先前发送失败，已重新排队');
    await outboxIdle();
    await waitFor('failed again', async () => (await w.app.outbox.queue.getJobState(tfsUuid)) === 'failed');
    const failedCalls = w.fake.calls.filter((c) => c.route === 'create' && c.uuid === tfsUuid && c.code === 230002);
    expect(failedCalls).toHaveLength(2);
    expect(w.fake.calls.filter((c) => c.route === 'create' && c.status === 200).length).toBe(before); // nothing else re-sent, no new alert
    expect(adminAlerts()).toHaveLength(2);
  });

  it('after the bot is back in the chat, re-running round open sends that card and only that one', async () => {
    w.fake.state.chats.set(LOST, (w as unknown as { lostChat: never }).lostChat);
    const sentBefore = w.fake.calls.filter((c) => c.route === 'create' && c.status === 200).map((c) => c.uuid);
    await w.step('open_round');
    await outboxIdle();
    await waitFor('card sent', () => okCreates(tfsUuid).length === 1);
    const sentAfter = w.fake.calls.filter((c) => c.route === 'create' && c.status === 200).map((c) => c.uuid);
    expect(sentAfter.slice(sentBefore.length)).toEqual([tfsUuid]);
    expect(w.fake.state.messagesIn(LOST)).toHaveLength(1);
    expect((await cli('outbox', 'failed')).out).toBe('没有发送失败的消息。');
  });

  it('duban outbox retry --all re-sends a failed send; retry of an unknown id says so and exits 1', async () => {
    w.fake.inject({ route: 'create', status: 400, code: 230013 });
    const { uuid } = await w.app.outbox.enqueue({ kind: 'send', to: { openId: 'ou_outsider_0001' }, content: { text: '测试' } }, { purpose: 'answer', ref: 'retry-test' });
    await waitFor('failed', async () => (await w.app.outbox.queue.getJobState(uuid)) === 'failed');
    expect((await cli('outbox', 'failed')).out).toContain('错误码 230013：用户不在应用可用范围');
    const r = await cli('outbox', 'retry', '--all');
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('已重新排队 1 条') });
    await waitFor('sent', () => okCreates(uuid).length === 1);
    const missing = await cli('outbox', 'retry', 'dbnnosuchjob');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('未找到失败的消息：dbnnosuchjob');
  });

  it('outbox refuses a retry without --all or ids, and an unknown subcommand, with its help', async () => {
    expect(await cli('outbox', 'retry')).toMatchObject({ code: 2, err: expect.stringContaining('二选一') });
    expect(await cli('outbox', 'resend')).toMatchObject({ code: 2, out: expect.stringContaining('用法: duban outbox failed') });
    expect(await cli('outbox', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('duban outbox retry --all') });
  });
});


describe('the bot added to or removed from a chat', () => {
  const post = (change: 'added' | 'removed', eventId: string) =>
    postCallback(
      `${w.app.url}/lark/events`,
      botMembershipEvent({ eventId, appId: APP_ID, verificationToken: VERIFICATION_TOKEN, createTime: new Date(), change, chatId: 'oc_dept_lxb', chatName: '流学办工作群', operatorOpenId: 'ou_admin_0001' }),
      { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, now: () => new Date() },
    );
  const membershipTexts = () => w.fake.messages.filter((m) => m.chat_id === 'oc_p2p_admin_0002' && (m.text ?? '').includes('流学办工作群')).map((m) => m.text);

  it('removed: the chat is marked removed and each admin is told which department loses its cards', async () => {
    expect((await post('removed', 'ev_bot_removed_1')).status).toBe(200);
    await waitFor('chat marked', async () => (await findChat(w.db.db, 'oc_dept_lxb'))?.botStatus === 'removed');
    const [text] = (await waitFor('admin told', () => membershipTexts().length === 1 && membershipTexts())) as string[];
    expect(text).toContain('把机器人移出了群「流学办工作群」');
    expect(text).toContain('将收不到本周任务卡片');
    expect(text).toContain('周督办');
  });

  it('added: the chat is marked in; a redelivered event tells nobody twice', async () => {
    await post('added', 'ev_bot_added_1');
    await post('added', 'ev_bot_added_1');
    await waitFor('chat marked', async () => (await findChat(w.db.db, 'oc_dept_lxb'))?.botStatus === 'in');
    await waitFor('admin told', () => membershipTexts().length === 2);
    await outboxIdle();
    expect(membershipTexts()).toHaveLength(2);
    expect(membershipTexts()[1]).toContain('把机器人加入了群「流学办工作群」');
  });

  it('a malformed membership event is acknowledged and changes nothing', async () => {
    const before = (await findChat(w.db.db, 'oc_dept_lxb'))!;
    const bad = botMembershipEvent({ eventId: 'ev_bot_bad', appId: APP_ID, verificationToken: VERIFICATION_TOKEN, createTime: new Date(), change: 'removed', chatId: '', chatName: 'x', operatorOpenId: 'ou_admin_0001' });
    expect((await postCallback(`${w.app.url}/lark/events`, bad, { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, now: () => new Date() })).status).toBe(200);
    await outboxIdle();
    expect(await findChat(w.db.db, 'oc_dept_lxb')).toEqual(before);
    expect(await findChat(w.db.db, '')).toBeNull();
  });
});
