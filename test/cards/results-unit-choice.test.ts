import { beforeEach, describe, expect, it } from 'vitest';
import { buildUnitChoiceCard } from '../../src/cards/results-unit-choice.ts';
import { escapeMarkdown as md, truncate } from '../../src/domain/escape.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';
import { callbackValues, elements, header, summary, texts } from './card-parts.ts';

// The "which unit is this file for" card someone reporting for several units gets after sending a
// file privately: its words for each purpose, one button per unit, and what each button sends.

type Input = Parameters<typeof buildUnitChoiceCard>[0];

describe('the unit choice card', () => {
  let input: Input;
  beforeEach(() => {
    input = {
      file: { messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_1', fileName: '成效报告.pdf' },
      units: [
        { id: 3, name: '运用促进司' },
        { id: 9, name: '保护司' },
      ],
    };
  });

  it('asks, for the 成效报送 by default, with one button per unit carrying the file', () => {
    const file = { messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_1', fileName: '成效报告.pdf' };
    expect(buildUnitChoiceCard(input)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '成效报送：请选择单位' } },
      header: { title: { tag: 'plain_text', content: '成效报送：这份文件属于哪个单位？' }, template: 'blue' },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '您是 2 个单位的填报人。请选择「成效报告.pdf」报送的单位：' },
          {
            tag: 'button',
            name: 'results_unit_3',
            type: 'default',
            text: { tag: 'plain_text', content: '运用促进司' },
            behaviors: [{ type: 'callback', value: { kind: 'results_file_unit', ...file, departmentId: 3 } }],
          },
          {
            tag: 'button',
            name: 'results_unit_9',
            type: 'default',
            text: { tag: 'plain_text', content: '保护司' },
            behaviors: [{ type: 'callback', value: { kind: 'results_file_unit', ...file, departmentId: 9 } }],
          },
        ],
      },
    });
    expect(buildUnitChoiceCard({ ...input, purpose: '成效报送' })).toEqual(buildUnitChoiceCard(input));
  });

  it('for a 办结佐证, asks which unit the file belongs to', () => {
    const c = buildUnitChoiceCard({ ...input, purpose: '办结佐证' });
    expect(validateCard(c)).toEqual([]);
    expect(summary(c)).toBe('办结佐证：请选择单位');
    expect(header(c)).toEqual({ title: { tag: 'plain_text', content: '办结佐证：这份文件属于哪个单位？' }, template: 'blue' });
    expect(texts(c)).toEqual(['您是 2 个单位的填报人。请选择「成效报告.pdf」所属的单位：', '<button>', '<button>']);
    expect(callbackValues(c)).toEqual([
      { kind: 'results_file_unit', messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_1', fileName: '成效报告.pdf', departmentId: 3 },
      { kind: 'results_file_unit', messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_1', fileName: '成效报告.pdf', departmentId: 9 },
    ]);
  });

  it('shows the file name as typed, shortened to 60 characters; long unit names shortened to 40', () => {
    const fileName = `<at id=all></at> **粗体** ${'很长的文件名'.repeat(20)}.pdf`;
    const unitName = '新疆生产建设兵团知识产权局'.repeat(4);
    const c = buildUnitChoiceCard({ file: { ...input.file, fileName }, units: [{ id: 1, name: unitName }] });
    expect(validateCard(c)).toEqual([]);
    expect(texts(c)[0]).toBe(`您是 1 个单位的填报人。请选择「${md(truncate(fileName, 60))}」报送的单位：`);
    expect((elements(c)[1]!.text as { content: string }).content).toBe(truncate(unitName, 40));
    expect(callbackValues(c)).toEqual([{ kind: 'results_file_unit', messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_1', fileName, departmentId: 1 }]);
  });

  it('shows at most 40 units, while counting them all', () => {
    const units = Array.from({ length: 41 }, (_, i) => ({ id: i + 1, name: `单位${i + 1}` }));
    const c = buildUnitChoiceCard({ ...input, units });
    expect(validateCard(c)).toEqual([]);
    expect(texts(c)[0]).toBe('您是 41 个单位的填报人。请选择「成效报告.pdf」报送的单位：');
    expect(callbackValues(c).map((v) => (v as { departmentId: number }).departmentId)).toEqual(units.slice(0, 40).map((u) => u.id));
  });
});
