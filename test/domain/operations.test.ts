import { describe, expect, it } from 'vitest';
import { ADMIN_OPERATIONS, BOT_MENU_ITEMS, isAdminOperation, isExport, MENU_EVENT_KEYS, OPERATION_LABEL, operationOfMenuKey } from '../../src/domain/operations.ts';

describe('the admin operations run from Lark', () => {
  it('knows the six operations by name and nothing else', () => {
    expect(ADMIN_OPERATIONS).toEqual(['open_round', 'remind', 'close_round', 'digest', 'export_ledger', 'export_report']);
    for (const op of ADMIN_OPERATIONS) expect(isAdminOperation(op), op).toBe(true);
    for (const v of ['drop_tables', '催办', 'OPEN_ROUND', '', null, undefined, 1, ['remind'], { operation: 'remind' }]) {
      expect(isAdminOperation(v), JSON.stringify(v)).toBe(false);
    }
  });

  it('tells the two exports apart from the rest', () => {
    expect(ADMIN_OPERATIONS.filter(isExport)).toEqual(['export_ledger', 'export_report']);
  });

  it('maps every bot menu key to its operation, and unknown keys to nothing', () => {
    for (const op of ADMIN_OPERATIONS) expect(operationOfMenuKey(MENU_EVENT_KEYS[op])).toBe(op);
    expect(operationOfMenuKey('remind')).toBe('remind');
    expect(operationOfMenuKey('close_round')).toBe('close_round');
    for (const key of ['drop_tables', '催办', '', 'Remind']) expect(operationOfMenuKey(key), key).toBeNull();
  });

  it('lists the bot menu in order, each item with its event key and the name people use', () => {
    expect(BOT_MENU_ITEMS).toEqual([
      { key: 'open_round', label: '开启填报' },
      { key: 'remind', label: '催办' },
      { key: 'close_round', label: '关闭填报' },
      { key: 'digest', label: '发送周汇总' },
      { key: 'export_ledger', label: '导出台账' },
      { key: 'export_report', label: '导出成效报送' },
    ]);
    for (const { key, label } of BOT_MENU_ITEMS) {
      expect(key.length).toBeLessThanOrEqual(30);
      expect(OPERATION_LABEL[operationOfMenuKey(key)!]).toBe(label);
    }
  });
});
