import { escapeMarkdown as md, truncate } from '../domain/escape.ts';
import type { UnitRef } from '../domain/results/collection.ts';
import { assertWithinLimits, type Card } from './limits.ts';

/** The value of a unit button on the "which unit is this file for" card. */
export interface ResultsFileUnitValue {
  kind: 'results_file_unit';
  messageId: string;
  chatId: string;
  fileKey: string;
  fileName: string;
  departmentId: number;
}

// A person reports for a handful of units at most; the cap keeps the card far inside 200 components.
const UNITS_MAX = 40;

/**
 * Asks someone who reports for several units which one a privately sent file is for: its 成效报送,
 * or — outside the 成效报送 period — the unit whose task it is the 办结佐证 of (the tasks are asked next).
 */
export function buildUnitChoiceCard(input: { file: Omit<ResultsFileUnitValue, 'kind' | 'departmentId'>; units: readonly UnitRef[]; purpose?: '成效报送' | '办结佐证' }): Card {
  const shown = input.units.slice(0, UNITS_MAX);
  const purpose = input.purpose ?? '成效报送';
  const card: Card = {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill', summary: { content: `${purpose}：请选择单位` } },
    header: { title: { tag: 'plain_text', content: `${purpose}：这份文件属于哪个单位？` }, template: 'blue' },
    body: {
      direction: 'vertical',
      elements: [
        { tag: 'markdown', content: `您是 ${input.units.length} 个单位的填报人。请选择「${md(truncate(input.file.fileName, 60))}」${purpose === '成效报送' ? '报送' : '所属'}的单位：` },
        ...shown.map((u) => ({
          tag: 'button',
          name: `results_unit_${u.id}`,
          type: 'default',
          text: { tag: 'plain_text', content: truncate(u.name, 40) },
          behaviors: [{ type: 'callback', value: { kind: 'results_file_unit', ...input.file, departmentId: u.id } satisfies ResultsFileUnitValue }],
        })),
      ],
    },
  };
  assertWithinLimits(card);
  return card;
}
