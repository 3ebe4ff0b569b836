import { describe, expect, it } from 'vitest';
import { buildOperationCard } from '../../src/cards/operation-card.ts';
import { ADMIN_OPERATIONS } from '../../src/domain/operations.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';

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
