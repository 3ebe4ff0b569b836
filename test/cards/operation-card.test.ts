import { beforeEach, describe, expect, it } from 'vitest';
import { buildOperationCard } from '../../src/cards/operation-card.ts';
import { escapeMarkdown as md } from '../../src/domain/escape.ts';
import { ADMIN_OPERATIONS } from '../../src/domain/operations.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';
import { buttons, header, summary, texts } from './card-parts.ts';

const NASTY = '<at id=all></at> **粗体** [链接](http://x) <font color=red>红</font>';
const view = (operation: (typeof ADMIN_OPERATIONS)[number]) => ({
  id: 7,
  operation,
  lines: ['轮次：2021-W23（06-07 至 06-13）', `未绑定群、收不到卡片：${NASTY}`],
  requestedBy: NASTY,
  timezone: 'Asia/Shanghai',
});

describe('the confirmation card of an admin operation', () => {
  it('is valid Card JSON 2.0 in every state, for every operation', () => {
    const at = new Date('2021-06-08T02:00:00Z');
    for (const op of ADMIN_OPERATIONS) {
      for (const s of [{ state: 'pending' as const }, { state: 'confirmed' as const, by: NASTY, at }, { state: 'cancelled' as const, by: NASTY, at }]) {
        expect(validateCard(buildOperationCard(view(op), s)), `${op} ${s.state}`).toEqual([]);
      }
    }
  });

  it('asks with 确认 / 取消 carrying the request, and loses its buttons once decided', () => {
    const pending = JSON.stringify(buildOperationCard(view('open_round')));
    expect(pending).toContain('"value":{"kind":"admin_operation","id":7,"decision":"confirm"}');
    expect(pending).toContain('"value":{"kind":"admin_operation","id":7,"decision":"cancel"}');
    expect(pending).toContain('请确认：开启填报');
    const done = JSON.stringify(buildOperationCard(view('open_round'), { state: 'confirmed', by: '周督办', at: new Date('2021-06-08T02:00:00Z') }));
    expect(done).not.toContain('admin_operation');
    expect(done).toContain('已确认 · 周督办 · 2021-06-08 10:00');
  });

  it('shows names and lines as typed: no mention, no link, no markup', () => {
    const text = JSON.stringify(buildOperationCard(view('remind')));
    expect(text).not.toContain('<at id=all>');
    expect(text).not.toContain('[链接](http://x)');
  });
});

describe('the confirmation card, word for word', () => {
  const AT = new Date('2021-06-08T02:00:00Z'); // 10:00 in Shanghai
  let plain: Parameters<typeof buildOperationCard>[0];
  beforeEach(() => {
    plain = { id: 7, operation: 'open_round', lines: ['轮次：2021-W23', '单位：12 个'], requestedBy: '周督办', timezone: 'Asia/Shanghai' };
  });

  it('asks in orange, with the lines, 确认 / 取消 and who asked', () => {
    expect(buildOperationCard(plain)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '请确认：开启填报' } },
      header: {
        title: { tag: 'plain_text', content: '请确认：开启填报' },
        subtitle: { tag: 'plain_text', content: '确认前不会发送任何消息' },
        template: 'orange',
      },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '· 轮次：2021-W23\n· 单位：12 个' },
          {
            tag: 'column_set',
            flex_mode: 'flow',
            columns: [
              {
                tag: 'column',
                width: 'auto',
                elements: [
                  {
                    tag: 'button',
                    name: 'operation_confirm',
                    type: 'primary',
                    text: { tag: 'plain_text', content: '确认' },
                    behaviors: [{ type: 'callback', value: { kind: 'admin_operation', id: 7, decision: 'confirm' } }],
                  },
                ],
              },
              {
                tag: 'column',
                width: 'auto',
                elements: [
                  {
                    tag: 'button',
                    name: 'operation_cancel',
                    type: 'default',
                    text: { tag: 'plain_text', content: '取消' },
                    behaviors: [{ type: 'callback', value: { kind: 'admin_operation', id: 7, decision: 'cancel' } }],
                  },
                ],
              },
            ],
          },
          { tag: 'markdown', text_size: 'notation', content: "<font color='grey'>周督办 发起 · 点「确认」后执行，点「取消」则不执行；仅督办管理员可操作</font>" },
        ],
      },
    });
  });

  it('the pending state is the default', () => {
    expect(buildOperationCard(plain, { state: 'pending' })).toEqual(buildOperationCard(plain));
  });

  it('once confirmed: green, 已确认, who and when, no buttons', () => {
    const c = buildOperationCard({ ...plain, operation: 'digest' }, { state: 'confirmed', by: '李_四', at: AT });
    expect(validateCard(c)).toEqual([]);
    expect(summary(c)).toBe('请确认：发送周汇总');
    expect(header(c)).toEqual({ title: { tag: 'plain_text', content: '已确认：发送周汇总' }, subtitle: { tag: 'plain_text', content: '已确认' }, template: 'green' });
    expect(buttons(c)).toEqual([]);
    expect(texts(c)).toEqual(['· 轮次：2021-W23\n· 单位：12 个', `<font color='green'>已确认 · ${md('李_四')} · 2021-06-08 10:00，正在执行，结果稍后回复</font>`]);
  });

  it('once cancelled: grey, 已取消, who and when, nothing done, no buttons', () => {
    const c = buildOperationCard({ ...plain, operation: 'export_report' }, { state: 'cancelled', by: '李_四', at: AT });
    expect(validateCard(c)).toEqual([]);
    expect(summary(c)).toBe('请确认：导出成效报送');
    expect(header(c)).toEqual({ title: { tag: 'plain_text', content: '已取消：导出成效报送' }, subtitle: { tag: 'plain_text', content: '已取消' }, template: 'grey' });
    expect(buttons(c)).toEqual([]);
    expect(texts(c)).toEqual(['· 轮次：2021-W23\n· 单位：12 个', `<font color='grey'>已取消 · ${md('李_四')} · 2021-06-08 10:00，未执行任何操作</font>`]);
  });

  it('names each operation in the summary and title', () => {
    const labels = ADMIN_OPERATIONS.map((operation) => header(buildOperationCard({ ...plain, operation })).title.content);
    expect(labels).toEqual(['请确认：开启填报', '请确认：催办', '请确认：关闭填报', '请确认：发送周汇总', '请确认：导出台账', '请确认：导出成效报送']);
  });

  it('writes the times in the organisation’s timezone', () => {
    const c = buildOperationCard({ ...plain, timezone: 'UTC' }, { state: 'cancelled', by: '李四', at: AT });
    expect(texts(c)[1]).toBe("<font color='grey'>已取消 · 李四 · 2021-06-08 02:00，未执行任何操作</font>");
  });

  it('escapes every line and the names: user text shows as typed', () => {
    const view = { ...plain, lines: [NASTY, '- 1. x'], requestedBy: NASTY };
    expect(texts(buildOperationCard(view))).toEqual([
      `· ${md(NASTY)}\n· ${md('- 1. x')}`,
      '<column_set>',
      `<font color='grey'>${md(NASTY)} 发起 · 点「确认」后执行，点「取消」则不执行；仅督办管理员可操作</font>`,
    ]);
    expect(texts(buildOperationCard(view, { state: 'confirmed', by: NASTY, at: AT }))[1]).toBe(`<font color='green'>已确认 · ${md(NASTY)} · 2021-06-08 10:00，正在执行，结果稍后回复</font>`);
    expect(texts(buildOperationCard(view, { state: 'cancelled', by: NASTY, at: AT }))[1]).toBe(`<font color='grey'>已取消 · ${md(NASTY)} · 2021-06-08 10:00，未执行任何操作</font>`);
  });
});
