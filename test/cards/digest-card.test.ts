import { describe, expect, it } from 'vitest';
import { buildDigestCard } from '../../src/cards/digest.ts';
import { CARD_MAX_BYTES, cardBytes } from '../../src/cards/limits.ts';
import type { DigestModel } from '../../src/domain/digest/types.ts';
import { counts, model, move, red, section } from './digest-model.ts';

// The digest card around its parts: header, summary, the order of the parts, and how its lists are
// shortened step by step until the card is within Lark's limits.

type Json = Record<string, any>;
const card = (m: DigestModel) => buildDigestCard(m) as Json;
const tags = (c: Json) => (c.body.elements as Json[]).map((e) => (e.tag === 'markdown' ? (e.content as string).split(/[（：\n]/)[0] : e.tag));

describe('the digest card', () => {
  it('is a Card JSON 2.0 card with the round as subtitle, the plan as title and the counts as summary', () => {
    const c = card(model({ health: 'orange', statusCounts: counts({ blocked: 2, on_track: 6 }), deadlineCounts: { overdue: 3, warning: 0 }, response: { expected: 13, reported: 9, partial: [], missing: [] } }));
    expect(c.schema).toBe('2.0');
    expect(c.config).toEqual({ update_multi: true, width_mode: 'fill', enable_forward: true, summary: { content: '督办周报 2021-W23：受阻 2，逾期 3，填报 9/13' } });
    expect(c.header).toEqual({
      title: { tag: 'plain_text', content: '督办周报｜推动知识产权高质量发展年度工作指引（2021）' },
      subtitle: { tag: 'plain_text', content: '2021-W23（06-07 至 06-13）' },
      template: 'orange',
      text_tag_list: [
        { tag: 'text_tag', text: { tag: 'plain_text', content: '受阻 2' }, color: 'red' },
        { tag: 'text_tag', text: { tag: 'plain_text', content: '逾期 3' }, color: 'red' },
      ],
    });
    expect(c.body.direction).toBe('vertical');
  });

  it('tags blocked, overdue and at-risk counts in that order, and none when all is well', () => {
    const c = card(model({ health: 'red', statusCounts: counts({ blocked: 1, at_risk: 4 }), deadlineCounts: { overdue: 2, warning: 5 } }));
    expect(c.header.text_tag_list.map((t: Json) => [t.text.content, t.color])).toEqual([
      ['受阻 1', 'red'],
      ['逾期 2', 'red'],
      ['存在风险 4', 'orange'],
    ]);
    expect(card(model({ statusCounts: counts({ at_risk: 1 }) })).header.text_tag_list).toEqual([
      { tag: 'text_tag', text: { tag: 'plain_text', content: '存在风险 1' }, color: 'orange' },
    ]);
    const calm = card(model({ deadlineCounts: { overdue: 0, warning: 5 } }));
    expect(calm.header.text_tag_list).toEqual([]);
    expect(calm.header.template).toBe('green');
    expect(card(model({ health: 'red' })).header.template).toBe('red');
  });

  it('ends the round’s subtitle on its last local day, and says when no round is open', () => {
    const round = { key: '2021-W26', startsAt: '2021-06-27T16:00:00.000Z', endsAt: '2021-07-04T16:00:00.000Z' };
    expect(card(model({ round })).header.subtitle.content).toBe('2021-W26（06-28 至 07-04）');
    const none = card(model({ round: null }));
    expect(none.header.subtitle.content).toBe('本周未开启填报');
    expect(none.config.summary.content).toBe('督办周报 ：受阻 0，逾期 0，填报 4/4');
  });

  it('cuts a long plan title at 30 characters', () => {
    const c = card(model({ planTitle: '推动知识产权高质量发展年度工作指引（2021）——一个很长很长的计划标题' }));
    expect(c.header.title.content).toBe('督办周报｜推动知识产权高质量发展年度工作指引（2021）——一个很长…');
  });

  it('puts the parts in order: figures, response, sections and chart, key points, red list, indicators, changes, countdown', () => {
    const keyPoints = { count: 2, counts: counts({ on_track: 2 }), notReported: 0, unitsExpected: 2, unitsReported: 2, attention: [] };
    expect(tags(card(model({ sections: [section(1, '甲')], keyPoints })))).toEqual([
      'column_set',
      '**填报情况**',
      'hr',
      '**各部分进展**',
      'chart',
      '**工作要点**',
      'hr',
      '**红色清单**',
      "<font color='green'>本周没有受阻、存在风险、逾期或预警的任务。</font>",
      'hr',
      '**指标完成情况**',
      '**本周变化**',
      'hr',
      "<font color='grey'>距成效报送截止",
    ]);
    expect(tags(card(model({ redList: [red(1)] })))).toEqual([
      'column_set',
      '**填报情况**',
      'hr',
      '**各部分进展**',
      'chart',
      'hr',
      '**红色清单**',
      'table',
      'collapsible_panel',
      'hr',
      '**指标完成情况**',
      '**本周变化**',
      'hr',
      "<font color='grey'>距成效报送截止",
    ]);
  });
});

// Every list longer than any budget and every text longer than any cut, so each step's limits show.
function crowded(evidenceLength: number, rows = 25): DigestModel {
  const text = (i: number) => `${i}${'*'.repeat(100)}`;
  const evidenceUrl = `https://oa.example.cn/${'a'.repeat(evidenceLength)}`;
  return model({
    redList: Array.from({ length: rows }, (_, i) => red(i + 1, { title: text(i), note: text(i), evidenceUrl })),
    sections: Array.from({ length: 20 }, (_, i) => section(i + 1, text(i))),
    indicators: Array.from({ length: 20 }, (_, i) => ({ name: `指标${i}`, comparator: '>=' as const, target: 1, unit: '件', value: null, reportedAt: null, met: null })),
    changes: { hasPrevious: true, previousRoundKey: '2021-W22', moves: Array.from({ length: 15 }, (_, i) => move(i + 1, 'on_track', 'at_risk')), newBlockers: [], completions: [] },
    response: { expected: 50, reported: 0, partial: [], missing: Array.from({ length: 25 }, (_, i) => `部门${i}`) },
  });
}

/** What a card shows of each list: the budget it was built with, read back. */
function shown(c: Json) {
  const els = c.body.elements as Json[];
  const md = (prefix: string) => els.find((e) => e.tag === 'markdown' && (e.content as string).startsWith(prefix))!.content as string;
  const table = els.find((e) => e.tag === 'table')!;
  const chart = els.find((e) => e.tag === 'chart')!;
  const titleOf = (task: string) => Array.from(task.replace(/^#\d+ /, '').replace(/&#42;/g, '*')).length;
  return {
    redRows: table.rows.length,
    noteMax: Array.from((table.rows[0].note as string).split(' [')[0]!.replace(/&#42;/g, '*')).length,
    titleMax: titleOf(table.rows[0].task),
    listMax: md('**填报情况**').split('\n')[1]!.split('、').length,
    sectionMax: md('**各部分进展**').split('\n').length - 2,
    indicatorMax: md('**指标完成情况**').split('\n').length - 2,
    changeMax: md('**本周变化**').split('\n').length - 2,
    chartSections: new Set(chart.chart_spec.data.values.map((v: Json) => v.section)).size - 1,
  };
}

describe('fitting the digest card within Lark’s limits', () => {
  it('shows generous lists while they fit', () => {
    const c = card(crowded(0));
    expect(cardBytes(c)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(shown(c)).toEqual({ redRows: 20, noteMax: 80, titleMax: 28, listMax: 20, sectionMax: 15, indicatorMax: 15, changeMax: 10, chartSections: 12 });
  });

  it('shortens every list step by step as the card grows, down to the minimal budget', () => {
    const steps: ReturnType<typeof shown>[] = [];
    for (let n = 0; n <= 6000; n += 100) {
      const s = shown(card(crowded(n)));
      if (JSON.stringify(steps.at(-1)) !== JSON.stringify(s)) steps.push(s);
    }
    expect(steps).toEqual([
      { redRows: 20, noteMax: 80, titleMax: 28, listMax: 20, sectionMax: 15, indicatorMax: 15, changeMax: 10, chartSections: 12 },
      { redRows: 10, noteMax: 50, titleMax: 20, listMax: 12, sectionMax: 10, indicatorMax: 10, changeMax: 8, chartSections: 10 },
      { redRows: 10, noteMax: 30, titleMax: 14, listMax: 8, sectionMax: 8, indicatorMax: 8, changeMax: 5, chartSections: 8 },
      { redRows: 5, noteMax: 20, titleMax: 10, listMax: 5, sectionMax: 5, indicatorMax: 5, changeMax: 3, chartSections: 5 },
    ]);
  });

  it('keeps a card of exactly 30 KB, and shortens it at one byte more', () => {
    const base = card(crowded(0));
    const exact = CARD_MAX_BYTES - cardBytes(base);
    expect(exact).toBeGreaterThan(0);
    // one row's evidence address grows the card byte for byte
    const withFirst = (n: number) => {
      const m = crowded(0);
      m.redList[0]!.evidenceUrl = `https://oa.example.cn/${'a'.repeat(n)}`;
      return card(m);
    };
    const full = withFirst(exact);
    expect(cardBytes(full)).toBe(CARD_MAX_BYTES);
    expect(shown(full).redRows).toBe(20);
    expect(shown(withFirst(exact + 1)).redRows).toBe(10);
  });

  it('gives the minimal card when even that is too large (only if the limits change)', () => {
    const c = card(crowded(10_000));
    expect(cardBytes(c)).toBeGreaterThan(CARD_MAX_BYTES);
    expect(shown(c).redRows).toBe(5);
  });
});
