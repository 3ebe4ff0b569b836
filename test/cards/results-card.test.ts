import { describe, expect, it } from 'vitest';
import { answerCard, answerText } from '../../src/cards/answers/index.ts';
import { cardBytes, componentNames, countComponents } from '../../src/cards/limits.ts';
import { buildResultsCard } from '../../src/cards/results-card.ts';
import { buildUnitChoiceCard } from '../../src/cards/results-unit-choice.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';

// The 成效报送 cards at their extremes stay valid Card JSON 2.0 within Lark's limits, and user
// text (file names, people's names) shows as typed.
const NASTY = '<at id=all></at> **粗体** [链接](http://x) <font color=red>红</font>';
const longName = `${'各单位成效报送材料'.repeat(20)}.pdf`;
const unit = (i: number) => ({ id: i, name: `${'新疆生产建设兵团知识产权局'.repeat(2)}${i}`, kind: i > 13 ? 'region' : 'department' });

describe('成效报送 cards', () => {
  it('a unit’s card, with the file and the paper copy, is valid, escapes names and drops the button once confirmed', () => {
    const base = { planId: 1, reportDeadline: '2021-12-15', daysLeft: 25, reportTo: '运用促进司', maxBytes: 20 * 1024 * 1024, formatTime: () => '2021-11-20 10:00' };
    const open = buildResultsCard({ ...base, status: { unit: unit(1), latest: null, files: 0, paper: null } });
    expect(validateCard(open)).toEqual([]);
    expect(componentNames(open)).toEqual(['results_paper']);
    const latest = { departmentId: 1, fileName: `${NASTY}${longName}`, sizeBytes: 1234567, mimeType: 'application/pdf', sha256: 'x', submittedBy: 'ou_x', submittedByName: NASTY, submittedAt: new Date() };
    const done = buildResultsCard({ ...base, daysLeft: -3, reminder: true, status: { unit: unit(1), latest, files: 3, paper: { departmentId: 1, confirmedBy: 'ou_x', confirmedByName: NASTY, confirmedAt: new Date() } } });
    expect(validateCard(done)).toEqual([]);
    expect(componentNames(done)).toEqual([]);
    const text = JSON.stringify(done);
    expect(text).not.toContain('<at id=all>');
    expect(text).toContain('已逾期 3 天');
    expect(text).toContain('共 3 份');
  });

  it('成效报送情况 for 47 units, all with long file names, stays within 30 KB and 200 components', () => {
    const submitted = Array.from({ length: 47 }, (_, i) => ({ unit: unit(i).name, fileName: `${NASTY}${longName}`, size: '19.9 MB', at: '12-14 23:59', by: NASTY, files: 2, paperAt: i % 2 ? '12-15 09:00' : null }));
    const all = answerCard({ kind: 'results', results: { deadline: '2021年12月15日', countdown: '今天截止', startsOn: null, totalUnits: 47, submitted, missing: [], paperMissing: submitted.map((s) => s.unit), paperOnly: [] } });
    expect(validateCard(all)).toEqual([]);
    expect(cardBytes(all)).toBeLessThanOrEqual(30 * 1024);
    expect(countComponents(all)).toBeLessThanOrEqual(200);
    const none = { kind: 'results' as const, results: { deadline: '2021年12月15日', countdown: '距截止还有 25 天', startsOn: null, totalUnits: 47, submitted: [], missing: Array.from({ length: 47 }, (_, i) => unit(i).name), paperMissing: [], paperOnly: [] } };
    expect(cardBytes(answerCard(none))).toBeLessThanOrEqual(30 * 1024);
    expect(answerText(none)).toContain('未报送电子版（47）');
  });

  it('the unit choice card has one named button per unit', () => {
    const c = buildUnitChoiceCard({ file: { messageId: 'om_1', chatId: 'oc_1', fileKey: 'file_1', fileName: NASTY }, units: [unit(1), unit(2)] });
    expect(validateCard(c)).toEqual([]);
    expect(componentNames(c)).toEqual(['results_unit_1', 'results_unit_2']);
  });
});
