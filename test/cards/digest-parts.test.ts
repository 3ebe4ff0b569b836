import { beforeEach, describe, expect, it } from 'vitest';
import {
  changesText,
  countdownFooter,
  indicatorText,
  keyPointText,
  kpiRow,
  redListParts,
  responseText,
  sectionText,
  statusChart,
  trendLine,
  type DigestBudget,
} from '../../src/cards/digest-parts.ts';
import type { DigestModel, SectionSummary } from '../../src/domain/digest/types.ts';
import { budget, counts, model, move, red, section, TZ } from './digest-model.ts';

// The parts of the leadership digest card, each from a hand-built model, so every count, colour and
// cut-off shows as exact text (issue 20).

type Kpi = { columns: { elements: { content: string }[] }[] };
const kpiTexts = (m: DigestModel) => (kpiRow(m) as unknown as Kpi).columns.map((c) => c.elements[0]!.content);

describe('the digest headline figures (kpiRow)', () => {
  it('shows four weighted columns: response, done, blocked · at risk, overdue · warning', () => {
    const m = model({
      taskCount: 22,
      response: { expected: 13, reported: 9, partial: [], missing: [] },
      statusCounts: counts({ done: 5, blocked: 2, at_risk: 3, on_track: 12 }),
      deadlineCounts: { overdue: 1, warning: 4 },
    });
    const col = (content: string) => ({ tag: 'column', width: 'weighted', weight: 1, elements: [{ tag: 'markdown', content, text_align: 'center' }] });
    expect(kpiRow(m)).toEqual({
      tag: 'column_set',
      flex_mode: 'bisect',
      columns: [
        col("**填报率**\n<font color='orange'>9/13 部门</font>"),
        col("**已完成**\n<font color='blue'>5/22 项</font>"),
        col("**受阻 · 风险**\n<font color='red'>2 · 3</font>"),
        col("**逾期 · 预警**\n<font color='red'>1 · 4</font>"),
      ],
    });
  });

  it('turns green when every department reported and nothing is blocked, at risk or overdue', () => {
    const m = model({ deadlineCounts: { overdue: 0, warning: 2 } });
    expect(kpiTexts(m)).toEqual([
      "**填报率**\n<font color='green'>4/4 部门</font>",
      "**已完成**\n<font color='blue'>4/8 项</font>",
      "**受阻 · 风险**\n<font color='green'>0 · 0</font>",
      "**逾期 · 预警**\n<font color='green'>0 · 2</font>",
    ]);
  });

  it('colours risk orange when tasks are at risk but none is blocked', () => {
    const m = model({ statusCounts: counts({ at_risk: 1, on_track: 7 }) });
    expect(kpiTexts(m)[2]).toBe("**受阻 · 风险**\n<font color='orange'>0 · 1</font>");
  });
});

describe('the digest response text', () => {
  it('says when no round is open', () => {
    expect(responseText(model({ round: null, response: { expected: 4, reported: 0, partial: [], missing: ['保护司'] } }), budget())).toEqual({
      tag: 'markdown',
      content: '**填报情况**：本周尚未开启填报轮次。',
    });
  });

  it('gives the count alone when every department reported', () => {
    expect(responseText(model(), budget())).toEqual({ tag: 'markdown', content: '**填报情况**：应填报 4 个部门，已全部填报 4 个。' });
  });

  it('names the departments that did not report and those that reported part, with their counts', () => {
    const m = model({
      response: {
        expected: 5,
        reported: 2,
        partial: [{ name: '保护司', reported: 1, expected: 2 }],
        missing: ['运用促进司', '公共服务司'],
      },
    });
    expect(responseText(m, budget()).content).toBe(
      '**填报情况**：应填报 5 个部门，已全部填报 2 个。\n未填报（2）：运用促进司、公共服务司\n部分填报（1）：保护司 1/2',
    );
  });

  it('cuts long lists at the budget and says how many there are', () => {
    const m = model({
      response: {
        expected: 6,
        reported: 0,
        partial: [
          { name: '保护司', reported: 1, expected: 2 },
          { name: '条法司', reported: 2, expected: 3 },
          { name: '办公室', reported: 1, expected: 4 },
        ],
        missing: ['运用促进司', '公共服务司', '战略规划司'],
      },
    });
    expect(responseText(m, budget({ listMax: 2 })).content).toBe(
      '**填报情况**：应填报 6 个部门，已全部填报 0 个。\n未填报（3）：运用促进司、公共服务司 等 3 个部门\n部分填报（3）：保护司 1/2、条法司 2/3 等 3 个部门',
    );
  });

  it('adds the regions in one compact line with their rate, and names the regions that did not report', () => {
    const m = model({
      regionResponse: {
        expected: 34,
        reported: 5,
        partial: [{ name: '上海市知识产权局', reported: 3, expected: 5 }],
        missing: ['北京市知识产权局', '天津市知识产权局', '河北省知识产权局'],
      },
    });
    expect(responseText(m, budget({ listMax: 2 })).content).toBe(
      '**填报情况**：应填报 4 个部门，已全部填报 4 个。\n' +
        '**各地区**：应填报 34 个，已全部填报 5 个（15%），部分填报 1 个。\n' +
        '地区未填报（3）：北京市知识产权局、天津市知识产权局 等 3 个地区',
    );
  });

  it('gives a 0 % rate for regions expected to report nothing, and no missing line when none is missing', () => {
    const m = model({ regionResponse: { expected: 0, reported: 0, partial: [], missing: [] } });
    expect(responseText(m, budget()).content).toBe(
      '**填报情况**：应填报 4 个部门，已全部填报 4 个。\n**各地区**：应填报 0 个，已全部填报 0 个（0%），部分填报 0 个。',
    );
  });

  it('rounds the regions’ rate to a whole percent', () => {
    const m = model({ regionResponse: { expected: 3, reported: 2, partial: [], missing: [] } });
    expect(responseText(m, budget()).content).toContain('已全部填报 2 个（67%）');
  });

  it('adds the four-week trend after the departments', () => {
    const m = model({
      response: { expected: 4, reported: 3, partial: [], missing: ['保护司'] },
      trend: [
        { weekKey: '2021-W20', responseRate: 50, atRiskOrBlocked: 3 },
        { weekKey: '2021-W21', responseRate: 75, atRiskOrBlocked: 2 },
      ],
    });
    expect(responseText(m, budget()).content).toBe(
      '**填报情况**：应填报 4 个部门，已全部填报 3 个。\n未填报（1）：保护司\n**近四周**（W20 · W21）：填报率 50% → 75%；风险/受阻 3 → 2',
    );
  });
});

describe('the four-week trend line', () => {
  it('is left out without a trend or with fewer than two weeks holding a figure', () => {
    expect(trendLine(model())).toBeNull();
    expect(trendLine(model({ trend: [] }))).toBeNull();
    expect(
      trendLine(
        model({
          trend: [
            { weekKey: '2021-W20', responseRate: null, atRiskOrBlocked: null },
            { weekKey: '2021-W21', responseRate: null, atRiskOrBlocked: null },
            { weekKey: '2021-W22', responseRate: null, atRiskOrBlocked: null },
            { weekKey: '2021-W23', responseRate: 80, atRiskOrBlocked: 1 },
          ],
        }),
      ),
    ).toBeNull();
  });

  it('counts a week holding either figure, and shows — for a week without a digest', () => {
    const line = trendLine(
      model({
        trend: [
          { weekKey: '2021-W20', responseRate: null, atRiskOrBlocked: null },
          { weekKey: '2021-W21', responseRate: 60, atRiskOrBlocked: null },
          { weekKey: '2021-W22', responseRate: null, atRiskOrBlocked: 0 },
          { weekKey: '2021-W23', responseRate: null, atRiskOrBlocked: null },
        ],
      }),
    );
    expect(line).toBe('**近四周**（W20 · W21 · W22 · W23）：填报率 — → 60% → — → —；风险/受阻 — → — → 0 → —');
  });
});

describe('the digest key points (keyPointText)', () => {
  const keyPoints = (extra: Partial<NonNullable<DigestModel['keyPoints']>> = {}): DigestModel['keyPoints'] => ({
    count: 10,
    counts: counts({ done: 1, on_track: 2, blocked: 3, at_risk: 1, not_started: 2 }),
    notReported: 1,
    unitsExpected: 347,
    unitsReported: 177,
    attention: [],
    ...extra,
  });

  it('is left out when the plan has no key points', () => {
    expect(keyPointText(model(), budget())).toBeNull();
    expect(keyPointText(model({ keyPoints: null }), budget())).toBeNull();
  });

  it('counts the key points by state, with 未填报, and the units’ answers this round', () => {
    expect(keyPointText(model({ keyPoints: keyPoints() }), budget())).toEqual({
      tag: 'markdown',
      content: '**工作要点**（10 项）：已完成 1｜正常推进 2｜受阻 3｜风险 1｜未启动 2｜未填报 1\n本轮各责任单位已填报 177/347 项次（含各地区）。',
    });
  });

  it('leaves out 未填报 when every key point was reported, and the units’ line without a round', () => {
    expect(keyPointText(model({ round: null, keyPoints: keyPoints({ notReported: 0 }) }), budget())!.content).toBe(
      '**工作要点**（10 项）：已完成 1｜正常推进 2｜受阻 3｜风险 1｜未启动 2',
    );
  });

  it('names the key points needing attention with their coloured state, cut at the budget', () => {
    const attention = [
      { number: 1, title: '持续推动知识产权强国建设纲要实施', status: 'blocked' as const },
      { number: 3, title: '加强知识产权保护', status: 'blocked' as const },
      { number: 7, title: '促进知识产权运用', status: 'at_risk' as const },
    ];
    const content = keyPointText(model({ keyPoints: keyPoints({ attention }) }), budget({ listMax: 2, titleMax: 8 }))!.content as string;
    expect(content.split('\n')[2]).toBe(
      "需关注：要点1 持续推动知识产…（<font color='red'>受阻</font>）；要点3 加强知识产权保护（<font color='red'>受阻</font>） 等 3 项",
    );
    const all = keyPointText(model({ keyPoints: keyPoints({ attention }) }), budget({ listMax: 3 }))!.content as string;
    expect(all.split('\n')[2]).toBe(
      "需关注：要点1 持续推动知识产权强国建设纲要实施（<font color='red'>受阻</font>）；要点3 加强知识产权保护（<font color='red'>受阻</font>）；要点7 促进知识产权运用（<font color='orange'>存在风险</font>）",
    );
  });
});

describe('the digest sections (sectionText)', () => {
  it('gives one line per section: label, progress, done, blocked, at risk, not started and 未填报', () => {
    const m = model({
      sections: [
        section(1, '强化知识产权高质量发展标杆引领', { avgProgress: 63, taskCount: 4, counts: counts({ done: 3, at_risk: 1 }) }),
        section(12, '推进知识产权高质量创造', { avgProgress: 20, taskCount: 5, counts: counts({ done: 1, blocked: 2, not_started: 1 }), notReported: 1 }),
        section(null, '其他任务', { avgProgress: 0, taskCount: 1, counts: counts({}) }),
      ],
    });
    expect(sectionText(m, budget())).toEqual({
      tag: 'markdown',
      content:
        '**各部分进展**\n' +
        '- 一、强化知识产权高质量发展标杆引领：进度 63%｜完成 3/4｜受阻 0｜风险 1｜未启动 0\n' +
        '- 十二、推进知识产权高质量创造：进度 20%｜完成 1/5｜受阻 2｜风险 0｜未启动 1｜未填报 1\n' +
        '- 其他任务：进度 0%｜完成 0/1｜受阻 0｜风险 0｜未启动 0',
    });
  });

  it('cuts the section list and each title at the budget, saying how many parts are left', () => {
    const m = model({ sections: [section(1, '强化知识产权高质量发展标杆引领'), section(2, '推进知识产权高质量创造'), section(3, '加强知识产权保护')] });
    expect(sectionText(m, budget({ sectionMax: 2, titleMax: 6 })).content).toBe(
      '**各部分进展**\n' +
        '- 一、强化知识产…：进度 50%｜完成 1/4｜受阻 0｜风险 0｜未启动 0\n' +
        '- 二、推进知识产…：进度 50%｜完成 1/4｜受阻 0｜风险 0｜未启动 0\n' +
        '另有 1 个部分，详见导出台账。',
    );
  });
});

type Spec = { data: { values: { section: string; status: string; count: number }[] } } & Record<string, unknown>;
const spec = (m: DigestModel, b: DigestBudget) => statusChart(m, b).chart_spec as Spec;

describe('the digest status chart', () => {
  it('is a horizontal stacked bar spec with every status in a fixed colour, 未填报 light grey', () => {
    const m = model({ sections: [section(1, '强化知识产权高质量发展标杆引领', { counts: counts({ done: 1, blocked: 2 }), notReported: 1 })] });
    expect(statusChart(m, budget())).toEqual({
      tag: 'chart',
      aspect_ratio: '16:9',
      color_theme: 'brand',
      chart_spec: {
        type: 'bar',
        direction: 'horizontal',
        data: {
          values: [
            { section: '一、强化知识产权高…', status: '已完成', count: 1 },
            { section: '一、强化知识产权高…', status: '受阻', count: 2 },
            { section: '一、强化知识产权高…', status: '未填报', count: 1 },
          ],
        },
        xField: 'count',
        yField: 'section',
        seriesField: 'status',
        stack: true,
        color: {
          type: 'ordinal',
          domain: ['已完成', '待审核', '正常推进', '未启动', '存在风险', '受阻', '未填报'],
          range: ['#3370FF', '#7F3BF5', '#34C724', '#8F959E', '#FF8800', '#F54A45', '#DEE0E3'],
        },
        legends: { visible: true, orient: 'bottom' },
        axes: [
          { orient: 'left', type: 'band', inverse: true },
          { orient: 'bottom', type: 'linear' },
        ],
      },
    });
  });

  it('orders each bar done first, blocked last, and sums the sections past the budget into one bar', () => {
    const m = model({
      sections: [
        section(1, '甲', { counts: counts({ blocked: 1, at_risk: 1, not_started: 1, on_track: 1, pending_review: 1, done: 1 }) }),
        section(2, '乙', { counts: counts({ on_track: 2 }), notReported: 2 }),
        section(3, '丙', { counts: counts({ on_track: 1, blocked: 1 }), notReported: 1 }),
      ],
    });
    expect(spec(m, budget({ chartSections: 1 })).data.values).toEqual([
      { section: '一、甲', status: '已完成', count: 1 },
      { section: '一、甲', status: '待审核', count: 1 },
      { section: '一、甲', status: '正常推进', count: 1 },
      { section: '一、甲', status: '未启动', count: 1 },
      { section: '一、甲', status: '存在风险', count: 1 },
      { section: '一、甲', status: '受阻', count: 1 },
      { section: '其他 2 个部分', status: '正常推进', count: 3 },
      { section: '其他 2 个部分', status: '受阻', count: 1 },
      { section: '其他 2 个部分', status: '未填报', count: 3 },
    ]);
  });

  it('treats a missing 未填报 count (an older digest) as none', () => {
    const old = { ...section(1, '甲'), notReported: undefined } as unknown as SectionSummary;
    const m = model({ sections: [old, { ...old, number: 2 }, { ...old, number: 3 }] });
    const values = spec(m, budget({ chartSections: 1 })).data.values;
    expect(values.map((v) => v.status)).not.toContain('未填报');
    expect(values).toContainEqual({ section: '其他 2 个部分', status: '正常推进', count: 6 });
  });

  it('draws up to six bars wide (16:9) and more taller (4:3)', () => {
    const sections = (n: number) => Array.from({ length: n }, (_, i) => section(i + 1, `第${i + 1}部分`));
    expect(statusChart(model({ sections: sections(6) }), budget()).aspect_ratio).toBe('16:9');
    expect(statusChart(model({ sections: sections(7) }), budget()).aspect_ratio).toBe('4:3');
    // six shown plus the bar for the rest make seven
    expect(statusChart(model({ sections: sections(8) }), budget({ chartSections: 6 })).aspect_ratio).toBe('4:3');
    expect(statusChart(model({ sections: sections(8) }), budget({ chartSections: 5 })).aspect_ratio).toBe('16:9');
  });
});

type Table = { page_size: number; rows: Record<string, string>[] } & Record<string, unknown>;
type Panel = { header: { title: { content: string } }; elements: { columns: { elements: Record<string, unknown>[] }[] }[] };

describe('the digest red list', () => {
  it('says in green that nothing is blocked, at risk, overdue or warned', () => {
    expect(redListParts(model(), budget(), TZ)).toEqual([
      { tag: 'markdown', content: '**红色清单**（受阻 · 存在风险 · 逾期 · 预警，共 0 项）' },
      { tag: 'markdown', content: "<font color='green'>本周没有受阻、存在风险、逾期或预警的任务。</font>" },
    ]);
  });

  it('lists each task in a table: reasons in colour, department and reporter, note with evidence, local time', () => {
    const m = model({
      redList: [
        red(1, { reasons: ['blocked', 'overdue'], evidenceUrl: 'https://oa.example.cn/a?b=(1)' }),
        red(4, { status: 'at_risk', reasons: ['at_risk', 'warning'], reporter: null, note: '' }),
        red(9, { reasons: ['overdue'], department: null, reporter: null, note: '', reportedAt: null }),
      ],
    });
    const [title, table, panel, ...rest] = redListParts(m, budget(), TZ);
    expect(rest).toEqual([]);
    expect(title).toEqual({ tag: 'markdown', content: '**红色清单**（受阻 · 存在风险 · 逾期 · 预警，共 3 项）' });
    expect(table).toEqual({
      tag: 'table',
      page_size: 3,
      row_height: 'auto',
      header_style: { bold: true, background_style: 'grey' },
      columns: [
        { name: 'task', display_name: '任务', data_type: 'lark_md' },
        { name: 'state', display_name: '状态', data_type: 'lark_md' },
        { name: 'who', display_name: '部门 / 填报人', data_type: 'lark_md' },
        { name: 'note', display_name: '最新说明', data_type: 'lark_md' },
        { name: 'time', display_name: '时间', data_type: 'text' },
      ],
      rows: [
        {
          task: '#1 任务标题1',
          state: "<font color='red'>受阻</font> <font color='red'>逾期</font>",
          who: '条法司 · 张三',
          note: '缺少经费 [佐证](https://oa.example.cn/a?b=%281%29)',
          time: '06-10 10:00',
        },
        { task: '#4 任务标题4', state: "<font color='orange'>存在风险</font> <font color='yellow'>预警</font>", who: '条法司', note: '—', time: '06-10 10:00' },
        { task: '#9 任务标题9', state: "<font color='red'>逾期</font>", who: '未填报', note: '—', time: '—' },
      ],
    });
    expect(panel).toEqual({
      tag: 'collapsible_panel',
      expanded: false,
      header: { title: { tag: 'plain_text', content: '查看任务详情（3 项）' } },
      elements: [
        {
          tag: 'column_set',
          flex_mode: 'flow',
          columns: [1, 4, 9].map((n) => ({
            tag: 'column',
            width: 'auto',
            elements: [
              {
                tag: 'button',
                name: `task_detail_${100 + n}`,
                type: 'default',
                size: 'small',
                text: { tag: 'plain_text', content: `#${n} 详情` },
                behaviors: [{ type: 'callback', value: { kind: 'task_detail', taskId: 100 + n } }],
              },
            ],
          })),
        },
      ],
    });
  });

  it('shows evidence alone when there is no note, and escapes and cuts the texts at the budget', () => {
    const m = model({
      redList: [
        red(2, {
          title: '深入实施**知识产权**强国战略的若干举措',
          department: '国家知识产权局专利局审查业务管理部门',
          reporter: '<at id=all></at>张三丰',
          note: '缺少  经费\n需要协调',
          evidenceUrl: 'https://oa.example.cn/x',
        }),
        red(3, { note: '', evidenceUrl: 'https://oa.example.cn/y' }),
      ],
    });
    const table = redListParts(m, budget({ titleMax: 10, noteMax: 6 }), TZ)[1] as unknown as Table;
    expect(table.rows[0]).toMatchObject({
      task: '#2 深入实施&#42;&#42;知识产…',
      who: '国家知识产权局专利局审查业务管… · &lt;at id=al…',
      note: '缺少 经费… [佐证](https://oa.example.cn/x)',
    });
    expect(table.rows[1]!.note).toBe('[佐证](https://oa.example.cn/y)');
  });

  it('shows the first rows in a table of ten per page, says how many more there are and offers their details', () => {
    const m = model({ redList: Array.from({ length: 13 }, (_, i) => red(i + 1)) });
    const parts = redListParts(m, budget({ redRows: 12 }), TZ);
    expect(parts).toHaveLength(4);
    const table = parts[1] as unknown as Table;
    expect(table.page_size).toBe(10);
    expect(table.rows).toHaveLength(12);
    expect(parts[2]).toEqual({ tag: 'markdown', content: '另有 1 项，详见导出台账/问答（如“哪些任务有风险”）。', text_size: 'notation' });
    const panel = parts[3] as unknown as Panel;
    expect(panel.header.title.content).toBe('查看任务详情（前 12 项）');
    expect(panel.elements[0]!.columns).toHaveLength(12);
  });

  it('shows every row and no rest line when the list fits the budget exactly', () => {
    const m = model({ redList: Array.from({ length: 5 }, (_, i) => red(i + 1)) });
    const parts = redListParts(m, budget({ redRows: 5 }), TZ);
    expect(parts).toHaveLength(3);
    expect((parts[1] as unknown as Table).page_size).toBe(5);
    expect((parts[2] as unknown as Panel).header.title.content).toBe('查看任务详情（5 项）');
  });
});

describe('the digest indicators', () => {
  it('says when the plan has no indicators', () => {
    expect(indicatorText(model(), budget(), TZ)).toEqual({ tag: 'markdown', content: '**指标完成情况**：本计划没有量化指标。' });
  });

  it('shows each indicator against its target: met in green, missed in red, none reported in grey', () => {
    const m = model({
      indicators: [
        { name: '发明专利审查周期', comparator: '<=', target: 18.5, unit: '个月', value: 18.2, reportedAt: '2021-06-08T03:00:00.000Z', met: true },
        { name: '专利商标质押融资规模', comparator: '>=', target: 2400, unit: '亿元', value: 2100, reportedAt: null, met: false },
        { name: '融资惠及企业数量增长率', comparator: '>', target: 10, unit: '%', value: null, reportedAt: null, met: null },
      ],
    });
    expect(indicatorText(m, budget(), TZ)).toEqual({
      tag: 'markdown',
      content:
        '**指标完成情况**\n' +
        "- 发明专利审查周期：目标 ≤18.5个月，最新 18.2个月（06-08） <font color='green'>达标</font>\n" +
        "- 专利商标质押融资规模：目标 ≥2400亿元，最新 2100亿元 <font color='red'>未达标</font>\n" +
        "- 融资惠及企业数量增长率：目标 >10%，<font color='grey'>暂无填报</font>",
    });
  });

  it('cuts the list and long names at the budget, saying how many are left', () => {
    const ind = (i: number) => ({ name: `指标${i}：知识产权质押融资登记金额年度增长率`, comparator: '=' as const, target: 100, unit: '亿元人民币（按登记口径）', value: null, reportedAt: null, met: null });
    const m = model({ indicators: [ind(1), ind(2), ind(3)] });
    expect(indicatorText(m, budget({ indicatorMax: 1 }), TZ).content).toBe(
      "**指标完成情况**\n- 指标1：知识产权质押融资登记金额年度增…：目标 =100亿元人民币（按…，<font color='grey'>暂无填报</font>\n另有 2 项指标，详见导出台账。",
    );
  });
});

describe('the digest changes since the last digest', () => {
  it('says the first digest has nothing to compare against', () => {
    expect(changesText(model(), budget())).toEqual({ tag: 'markdown', content: '**本周变化**：首次汇总，下次起显示与上期相比的变化。' });
  });

  it('lists new blockers, then completions, then the other moves', () => {
    const m = model({
      changes: {
        hasPrevious: true,
        previousRoundKey: '2021-W22',
        moves: [move(3, 'not_started', 'on_track'), move(1, 'on_track', 'blocked'), move(2, 'on_track', 'done'), move(5, 'on_track', 'at_risk')],
        newBlockers: [move(1, 'on_track', 'blocked')],
        completions: [move(2, 'on_track', 'done')],
      },
    });
    expect(changesText(m, budget())).toEqual({
      tag: 'markdown',
      content:
        '**本周变化**（与上期 2021-W22 相比）：状态变化 4 项，新增受阻 1 项，新完成 1 项\n' +
        '- #1 任务标题1：正常推进 → 受阻\n' +
        '- #2 任务标题2：正常推进 → 已完成\n' +
        '- #3 任务标题3：未启动 → 正常推进\n' +
        '- #5 任务标题5：正常推进 → 存在风险',
    });
  });

  it('leaves out an unknown previous round and cuts the list at the budget', () => {
    const m = model({
      changes: {
        hasPrevious: true,
        previousRoundKey: null,
        moves: [move(3, 'not_started', 'on_track'), move(4, 'on_track', 'at_risk'), move(5, 'at_risk', 'on_track')],
        newBlockers: [],
        completions: [],
      },
    });
    expect(changesText(m, budget({ changeMax: 2, titleMax: 3 })).content).toBe(
      '**本周变化**（与上期 相比）：状态变化 3 项，新增受阻 0 项，新完成 0 项\n' +
        '- #3 任务…：未启动 → 正常推进\n' +
        '- #4 任务…：正常推进 → 存在风险\n' +
        '另有 1 项变化，详见导出台账。',
    );
  });
});

describe('the digest countdown footer', () => {
  it('counts the days to the report deadline and the year end, and says when the data was taken', () => {
    expect(countdownFooter(model(), TZ)).toEqual({
      tag: 'markdown',
      content: "<font color='grey'>距成效报送截止（2021-12-15）还有 187 天｜距年底（2021-12-31）还有 203 天｜数据截至 2021-06-11 17:30</font>",
      text_size: 'notation',
    });
  });

  it('says how many days have passed, counts today as 0 left, and leaves out a missing report deadline', () => {
    const past = model({ countdown: { reportDeadline: '2021-12-15', daysToReportDeadline: -5, yearEnd: '2021-12-31', daysToYearEnd: 0 } });
    expect(countdownFooter(past, TZ).content).toBe(
      "<font color='grey'>距成效报送截止（2021-12-15）已过 5 天｜距年底（2021-12-31）还有 0 天｜数据截至 2021-06-11 17:30</font>",
    );
    const none = model({ countdown: { reportDeadline: null, daysToReportDeadline: null, yearEnd: '2021-12-31', daysToYearEnd: -1 } });
    expect(countdownFooter(none, TZ).content).toBe("<font color='grey'>距年底（2021-12-31）已过 1 天｜数据截至 2021-06-11 17:30</font>");
    const noDays = model({ countdown: { reportDeadline: '2021-12-15', daysToReportDeadline: null, yearEnd: '2021-12-31', daysToYearEnd: 3 } });
    expect(countdownFooter(noDays, TZ).content).toBe("<font color='grey'>距年底（2021-12-31）还有 3 天｜数据截至 2021-06-11 17:30</font>");
  });
});

describe('digest parts are built from the model they are given', () => {
  let m: DigestModel;
  beforeEach(() => {
    m = model({ sections: [section(1, '甲')] });
  });

  it('never changes the model', () => {
    const before = JSON.stringify(m);
    kpiRow(m);
    responseText(m, budget());
    sectionText(m, budget());
    statusChart(m, budget({ chartSections: 0 }));
    expect(JSON.stringify(m)).toBe(before);
  });
});
