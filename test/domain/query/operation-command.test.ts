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

  it.each([
    ...['开启填报', '开启本周填报', '开始填报', '开始本周填报', '打开填报'].map((p) => [p, 'open_round']),
    ...['催办', '发送催办', '发催办', '发起催办'].map((p) => [p, 'remind']),
    ...['关闭填报', '关闭本周填报', '结束填报', '结束本周填报'].map((p) => [p, 'close_round']),
    ...['发送周汇总', '发周汇总', '发送本周汇总', '发送周报', '发周报'].map((p) => [p, 'digest']),
    ...['导出台账', '导出xlsx', '导出Excel', '导出表格'].map((p) => [p, 'export_ledger']),
    ...['导出成效报送', '导出成效', '导出成效报告', '导出DOCX', '导出Word'].map((p) => [p, 'export_report']),
  ])('the phrase %s is the command %s', (text, op) => {
    expect(parseOperationCommand(text)).toBe(op);
  });

  it('drops a polite frame, slashes and closing punctuation, but only around the command', () => {
    expect(parseOperationCommand('麻烦开启填报吧')).toBe('open_round');
    expect(parseOperationCommand('请 催办 一下。')).toBe('remind');
    expect(parseOperationCommand('//催办?!')).toBe('remind');
    expect(parseOperationCommand('催办~～')).toBe('remind');
    expect(parseOperationCommand('催办…')).toBe('remind');
    expect(parseOperationCommand('催/办')).toBeNull();
    expect(parseOperationCommand('催办请')).toBeNull();
    expect(parseOperationCommand('一下催办')).toBeNull();
    expect(parseOperationCommand('催!办')).toBeNull();
    expect(parseOperationCommand('@_user_1 @_all 导出台账')).toBe('export_ledger');
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
