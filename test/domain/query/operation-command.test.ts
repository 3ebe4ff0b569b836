import { describe, expect, it } from 'vitest';
import { parseOperationCommand } from '../../../src/domain/query/operation-command.ts';
import { operationOfMenuKey } from '../../../src/domain/operations.ts';

describe('admin commands typed in chat', () => {
  it.each([
    ['开启填报', 'open_round'],
    ['/催办', 'remind'],
    ['／催办！', 'remind'],
    ['@_user_1 关闭填报', 'close_round'],
    ['请发送周汇总', 'digest'],
    ['导出 台账', 'export_ledger'],
    ['导出成效报送。', 'export_report'],
    ['催办一下', 'remind'],
  ])('%s is the command %s', (text, op) => {
    expect(parseOperationCommand(text)).toBe(op);
  });

  it.each(['本周汇总', '催办了哪些部门', '任务5催办', '开启填报了吗？要不要', '周汇总', '台账', '导出', ''])('%s is a question, not a command', (text) => {
    expect(parseOperationCommand(text)).toBeNull();
  });

  it('maps the bot menu keys to the operations, and nothing else', () => {
    expect(operationOfMenuKey('open_round')).toBe('open_round');
    expect(operationOfMenuKey('export_report')).toBe('export_report');
    expect(operationOfMenuKey('drop_tables')).toBeNull();
  });
});
