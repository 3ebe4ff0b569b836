import template from '../../cards/operation-confirm.json' with { type: 'json' };
import { escapeMarkdown as md } from '../domain/escape.ts';
import { OPERATION_LABEL, type AdminOperation } from '../domain/operations.ts';
import { formatLocalTime } from '../domain/rounds.ts';
import { assertWithinLimits, type Card } from './limits.ts';
import { fill } from './template.ts';

/** What the 确认 / 取消 buttons carry back in card.action.trigger. */
export interface OperationActionValue {
  kind: 'admin_operation';
  id: number;
  decision: 'confirm' | 'cancel';
}

/** Where the request stands: asked (buttons), confirmed and running, or cancelled. */
export type OperationCardState =
  | { state: 'pending' }
  | { state: 'confirmed'; by: string; at: Date }
  | { state: 'cancelled'; by: string; at: Date };

export interface OperationCardView {
  id: number;
  operation: AdminOperation;
  /** What will happen, one line each (usecases/operations/preview.ts). */
  lines: string[];
  requestedBy: string;
  timezone: string;
}

/** The confirmation card of an admin operation; the same card, without buttons, once decided. */
export function buildOperationCard(v: OperationCardView, s: OperationCardState = { state: 'pending' }): Card {
  const label = OPERATION_LABEL[v.operation];
  const value = (decision: OperationActionValue['decision']): OperationActionValue => ({ kind: 'admin_operation', id: v.id, decision });
  const when = (at: Date) => formatLocalTime(at, v.timezone);
  const footnote =
    s.state === 'pending'
      ? `<font color='grey'>${md(v.requestedBy)} 发起 · 点「确认」后执行，点「取消」则不执行；仅督办管理员可操作</font>`
      : s.state === 'confirmed'
        ? `<font color='green'>已确认 · ${md(s.by)} · ${when(s.at)}，正在执行，结果稍后回复</font>`
        : `<font color='grey'>已取消 · ${md(s.by)} · ${when(s.at)}，未执行任何操作</font>`;
  const card = fill<Card>(template.card, {
    summary: `请确认：${label}`,
    title: `${s.state === 'pending' ? '请确认' : s.state === 'confirmed' ? '已确认' : '已取消'}：${label}`,
    subtitle: s.state === 'pending' ? '确认前不会发送任何消息' : s.state === 'confirmed' ? '已确认' : '已取消',
    color: s.state === 'pending' ? 'orange' : s.state === 'confirmed' ? 'green' : 'grey',
    lines: v.lines.map((l) => `· ${md(l)}`).join('\n'),
    buttons: s.state === 'pending' ? fill(template.buttons, { confirm: value('confirm'), cancel: value('cancel') }) : null,
    footnote,
  });
  assertWithinLimits(card);
  return card;
}
