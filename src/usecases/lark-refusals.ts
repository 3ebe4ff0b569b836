import { DateTime } from 'luxon';
import type { Db } from '../db/client.ts';
import { listAdmins } from '../db/repositories/directory.repository.ts';
import type { Now } from '../domain/clock.ts';
import type { LarkFailure } from '../lark/errors.ts';
import type { OutboxJobData } from '../queue/outbox.ts';
import type { Send } from './rounds/ports.ts';

// What duban says when Lark refuses a message for good, so a refusal is never silent:
// - a card Lark will not take (230099 with a sub-code, 230025 too large): the admins get one
//   private message naming the kind of card, once per kind and day (the outbox dedupes by ref);
// - a task detail that cannot reach the person privately (230013: outside the app's
//   availability scope): the person is told in the chat where they clicked, by @-mention; when
//   that chat is not known, the admins are told instead.

/** Lark's codes for a card it refuses: invalid Card JSON (230099) and over 30 KB (230025). */
const CARD_REFUSED = new Set([230099, 230025]);
const UNREACHABLE = 230013;

/** The kinds of card duban sends, by outbox purpose, as admins know them. */
export const CARD_KIND_LABEL: Record<string, string> = {
  round_card: '部门任务填报卡片',
  reminder: '催办提醒卡片',
  digest: '督办简报卡片',
  answer: '问答回复卡片',
  task_detail: '任务详情卡片',
  card_update: '提交后刷新的填报卡片',
  extension_form: '延期申请卡片',
  extension_request: '延期申请审批卡片',
  extension_outcome: '延期申请结果卡片',
  completion_review: '办结审核卡片',
  completion_outcome: '办结审核结果卡片',
  results_card: '成效报送卡片',
  results_reminder: '成效报送催办卡片',
  results_file: '成效报送文件回复',
};

export interface RefusalNoticeDeps {
  db: Db;
  send: Send;
  now: Now;
  timezone: string;
}

const carriesCard = (op: OutboxJobData['op']): boolean =>
  op.kind === 'patch' || op.kind === 'card_update' || ((op.kind === 'send' || op.kind === 'reply') && 'card' in op.content);

export function createRefusalNotices(deps: RefusalNoticeDeps) {
  const toAdmins = async (text: string, purpose: string, ref: string) => {
    for (const admin of await listAdmins(deps.db)) {
      await deps.send({ kind: 'send', to: { openId: admin }, content: { text } }, { purpose, ref: `${ref}:${admin}` });
    }
  };

  return async (data: OutboxJobData, failure: LarkFailure): Promise<void> => {
    const { op } = data;
    // A notice that is itself refused must not raise another.
    if (data.purpose === 'card_refused' || data.purpose === 'unreachable') return;
    if (failure.code !== undefined && CARD_REFUSED.has(failure.code) && carriesCard(op)) {
      const day = DateTime.fromJSDate(deps.now(), { zone: deps.timezone }).toISODate();
      const kind = CARD_KIND_LABEL[data.purpose] ?? `「${data.purpose}」卡片`;
      const sub = /ErrCode:\s*(\d+)/.exec(failure.msg ?? '')?.[1];
      const code = sub ? `${failure.code}，子错误码 ${sub}` : String(failure.code);
      const text = `督办提醒：飞书拒收了一张${kind}（错误码 ${code}），这条消息没有发出。请联系维护人员检查该类卡片的内容。今天同类卡片再被拒收时不再重复提醒。`;
      await toAdmins(text, 'card_refused', `${data.purpose}:${day}`);
      return;
    }
    if (failure.code === UNREACHABLE && data.purpose === 'task_detail' && op.kind === 'send' && 'openId' in op.to) {
      const who = op.to.openId;
      const chatId = data.context?.chatId;
      if (chatId) {
        const text = `<at user_id="${who}"></at> 无法私信发送任务详情：您不在督办机器人的可用范围内，请联系管理员将您加入应用的可用范围。`;
        await deps.send({ kind: 'send', to: { chatId }, content: { text } }, { purpose: 'unreachable', ref: data.ref });
      } else {
        await toAdmins(`督办提醒：无法私信 ${who} 发送任务详情（错误码 230013，此人不在应用的可用范围内）。请将其加入督办机器人的可用范围。`, 'unreachable', data.ref);
      }
    }
  };
}
