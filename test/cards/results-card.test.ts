import { beforeEach, describe, expect, it } from 'vitest';
import { answerCard, answerText } from '../../src/cards/answers/index.ts';
import { cardBytes, componentNames, countComponents } from '../../src/cards/limits.ts';
import { buildResultsCard, type ResultsCardView } from '../../src/cards/results-card.ts';
import { buildUnitChoiceCard } from '../../src/cards/results-unit-choice.ts';
import { escapeMarkdown as md, truncate } from '../../src/domain/escape.ts';
import { ACCEPTED_TEXT } from '../../src/domain/results/files.ts';
import type { PaperFact, ResultFileFact } from '../../src/domain/results/status.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';
import { buttons, callbackValues, header, summary, texts } from './card-parts.ts';

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

describe('a unit’s 成效报送 card, word for word', () => {
  const SENT = new Date('2021-11-20T02:00:00Z');
  const PAPER = new Date('2021-11-22T03:00:00Z');
  const HOWTO =
    `**电子版**：把文件直接发给督办机器人——在本群发送，或在与督办的单聊中发送，督办会回复是否收到。格式 ${ACCEPTED_TEXT}，不超过 20 MB；重新发送即以新文件为准。\n` +
    '**纸质版**：寄出后请点击下方「纸质版已寄出」。';
  let base: ResultsCardView;
  let file: ResultFileFact;
  let paper: PaperFact;
  beforeEach(() => {
    base = {
      planId: 5,
      status: { unit: { id: 3, name: '运用促进司', kind: 'department' }, latest: null, files: 0, paper: null },
      reportDeadline: '2021-12-15',
      daysLeft: 25,
      reportTo: '运用促进司',
      maxBytes: 20 * 1024 * 1024,
      formatTime: (d) => (d === SENT ? '11-20 10:00' : d === PAPER ? '11-22 11:00' : '?'),
    };
    file = { departmentId: 3, fileName: '成效报告.pdf', sizeBytes: 1536 * 1024, mimeType: 'application/pdf', sha256: 'x', submittedBy: 'ou_a', submittedByName: '张_三', submittedAt: SENT };
    paper = { departmentId: 3, confirmedBy: 'ou_b', confirmedByName: '李*四', confirmedAt: PAPER };
  });
  const withStatus = (v: ResultsCardView, s: Partial<ResultsCardView['status']>): ResultsCardView => ({ ...v, status: { ...v.status, ...s } });

  it('before anything is sent: blue, the deadline and countdown, how to send, nothing received, the paper button', () => {
    expect(buildResultsCard(base)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '成效报送 · 运用促进司 · 距截止还有 25 天' } },
      header: {
        title: { tag: 'plain_text', content: '成效报送 · 运用促进司' },
        subtitle: { tag: 'plain_text', content: '截止 2021年12月15日 · 距截止还有 25 天' },
        template: 'blue',
      },
      body: {
        direction: 'vertical',
        elements: [
          { tag: 'markdown', content: '请**运用促进司**于 **2021年12月15日** 前将本单位工作成效报送运用促进司，纸质版和电子版各一份。**距截止还有 25 天**。' },
          { tag: 'markdown', content: HOWTO },
          { tag: 'hr' },
          { tag: 'markdown', content: '⬜ 电子版：未收到\n⬜ 纸质版：未确认寄出' },
          {
            tag: 'button',
            name: 'results_paper',
            type: 'primary',
            text: { tag: 'plain_text', content: '纸质版已寄出' },
            behaviors: [{ type: 'callback', value: { kind: 'results_paper', planId: 5, departmentId: 3 } }],
          },
          { tag: 'markdown', text_size: 'notation', content: "<font color='grey'>仅本单位填报人发送的文件和确认有效。</font>" },
        ],
      },
    });
  });

  it('a reminder says 催办 in the summary and title, in orange', () => {
    const c = buildResultsCard({ ...base, daysLeft: 3, reminder: true });
    expect(summary(c)).toBe('催办：成效报送 · 运用促进司 · 距截止还有 3 天');
    expect(header(c)).toEqual({ title: { tag: 'plain_text', content: '催办：成效报送 · 运用促进司' }, subtitle: { tag: 'plain_text', content: '截止 2021年12月15日 · 距截止还有 3 天' }, template: 'orange' });
  });

  it('is orange once overdue, blue up to the last day', () => {
    const today = buildResultsCard({ ...base, daysLeft: 0 });
    expect(header(today).template).toBe('blue');
    expect(header(today).subtitle!.content).toBe('截止 2021年12月15日 · 今天截止');
    expect(texts(today)[0]).toBe('请**运用促进司**于 **2021年12月15日** 前将本单位工作成效报送运用促进司，纸质版和电子版各一份。**今天截止**。');
    const late = buildResultsCard({ ...base, daysLeft: -1 });
    expect(header(late).template).toBe('orange');
    expect(summary(late)).toBe('成效报送 · 运用促进司 · 已逾期 1 天');
  });

  it('with the file only: says what arrived, from whom, when, and keeps the button', () => {
    const c = buildResultsCard(withStatus(base, { latest: file, files: 1 }));
    expect(header(c).template).toBe('blue');
    expect(texts(c)[3]).toBe(`✅ 电子版：已收到「成效报告.pdf」（1.5 MB）· ${md('张_三')} · 11-20 10:00\n⬜ 纸质版：未确认寄出`);
    expect(callbackValues(c)).toEqual([{ kind: 'results_paper', planId: 5, departmentId: 3 }]);
  });

  it('with the paper copy only: says who confirmed it and when, without the button, not green', () => {
    const c = buildResultsCard(withStatus(base, { paper }));
    expect(header(c).template).toBe('blue');
    expect(texts(c).slice(3)).toEqual([`⬜ 电子版：未收到\n✅ 纸质版：已寄出 · ${md('李*四')} 确认于 11-22 11:00`, "<font color='grey'>仅本单位填报人发送的文件和确认有效。</font>"]);
    expect(buttons(c)).toEqual([]);
  });

  it('with both: green, even as an overdue reminder; several files say the latest counts', () => {
    const c = buildResultsCard({ ...withStatus(base, { latest: file, files: 2, paper }), daysLeft: -3, reminder: true });
    expect(header(c).template).toBe('green');
    expect(texts(c)[3]).toBe(`✅ 电子版：已收到「成效报告.pdf」（1.5 MB）· ${md('张_三')} · 11-20 10:00（共 2 份，以最新一份为准）\n✅ 纸质版：已寄出 · ${md('李*四')} 确认于 11-22 11:00`);
    expect(buttons(c)).toEqual([]);
  });

  it('falls back to the open ids when the names are unknown, and shortens and escapes file names', () => {
    const name = `${NASTY}${'很长的文件名'.repeat(20)}.pdf`;
    const c = buildResultsCard(withStatus(base, { latest: { ...file, fileName: name, submittedByName: null, sizeBytes: 800 }, files: 1, paper: { ...paper, confirmedByName: null } }));
    expect(texts(c)[3]).toBe(`✅ 电子版：已收到「${md(truncate(name, 60))}」（800 字节）· ${md('ou_a')} · 11-20 10:00\n✅ 纸质版：已寄出 · ${md('ou_b')} 确认于 11-22 11:00`);
  });

  it('escapes the unit and where the report goes, and tells the size limit', () => {
    const c = buildResultsCard({ ...base, status: { ...base.status, unit: { id: 3, name: '**司**', kind: 'department' } }, reportTo: '[司](http://x)', maxBytes: 512 * 1024 });
    expect(texts(c)[0]).toBe(`请**${md('**司**')}**于 **2021年12月15日** 前将本单位工作成效报送${md('[司](http://x)')}，纸质版和电子版各一份。**距截止还有 25 天**。`);
    expect(texts(c)[1]).toContain(`格式 ${ACCEPTED_TEXT}，不超过 512 KB；`);
  });
});
