import { beforeEach, describe, expect, it } from 'vitest';
import { answerCard, answerText, type DigestSummary, type IndicatorLine, type TaskLine } from '../../src/cards/answers/index.ts';
import { escapeMarkdown as md } from '../../src/domain/escape.ts';
import { elements, header, summary, texts as shownTexts } from './card-parts.ts';

/** The card's top-level texts (markdown content, else the tag). */
const texts = (c: unknown): string[] => shownTexts(c) as string[];

// 「审查周期」 (indicators) and 「本周汇总」 (the short digest), word for word.

const grey = (s: string) => `<font color='grey'>${s}</font>`;
const FOOT = grey('简版汇总；完整周报每周五发送到领导群');

let cycle: IndicatorLine;
let royalty: IndicatorLine;
let digest: DigestSummary;

const line = (n: number, over: Partial<TaskLine> = {}): TaskLine => ({
  number: n, title: `任务标题${n}`, status: 'blocked', progress: 20, deadlineState: 'ok', highlight: null, ...over,
});

beforeEach(() => {
  cycle = { name: '发明专利审查周期', target: '≤ 18.5 个月', owner: '专利局审查业务管理部', value: '18.3 个月', reporter: '张三', reportedAt: '2021-06-08 10:30', met: true };
  royalty = { name: '知识产权使用费进出口总额', target: '≥ 3000 亿元', owner: null, value: null, reporter: null, reportedAt: null, met: null };
  digest = {
    round: '2021-W23', taskCount: 22,
    counts: { not_started: 0, on_track: 15, at_risk: 3, blocked: 2, pending_review: 0, done: 2 },
    overdue: 1, warning: 2, departmentsExpected: 12, departmentsReported: 10,
    partial: ['运用促进司'], missing: ['保护司'], red: [line(3), line(7, { status: 'at_risk', deadlineState: 'overdue' })], indicators: [cycle],
  };
});

describe('indicator answers', () => {
  it('one indicator: its target, owner and latest value with who reported it', () => {
    const a = { kind: 'indicators' as const, query: '审查周期', indicators: [cycle] };
    expect(answerCard(a)).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '指标目标与最新值' } },
      header: { title: { tag: 'plain_text', content: '指标：发明专利审查周期' }, template: 'turquoise' },
      body: {
        direction: 'vertical',
        elements: [{ tag: 'markdown', content: "**发明专利审查周期**\n目标：≤ 18.5 个月 · 责任部门：专利局审查业务管理部\n最新值：**18.3 个月** <font color='green'>已达标</font>（张三，2021-06-08 10:30）" }],
      },
    });
    expect(answerText(a)).toBe('指标：\n- 发明专利审查周期：目标 ≤ 18.5 个月（专利局审查业务管理部）；最新值 18.3 个月（已达标），张三，2021-06-08 10:30');
  });

  it('several indicators: counted in the title, unreported ones say so, unmet ones in red', () => {
    const unmet = { ...cycle, value: '19.1 个月', met: false, reporter: null, reportedAt: null };
    const a = { kind: 'indicators' as const, query: '指标', indicators: [unmet, royalty] };
    const c = answerCard(a);
    expect(header(c).title.content).toBe('相关指标（2 项）');
    expect(texts(c)).toEqual([
      "**发明专利审查周期**\n目标：≤ 18.5 个月 · 责任部门：专利局审查业务管理部\n最新值：**19.1 个月** <font color='red'>未达标</font>（未知，）",
      '**知识产权使用费进出口总额**\n目标：≥ 3000 亿元\n最新值：暂无填报',
    ]);
    expect(answerText(a)).toBe([
      '相关指标（2 项）：',
      '- 发明专利审查周期：目标 ≤ 18.5 个月（专利局审查业务管理部）；最新值 19.1 个月（未达标），未知，',
      '- 知识产权使用费进出口总额：目标 ≥ 3000 亿元；最新值 暂无填报',
    ].join('\n'));
    // a value without a verdict carries no mark
    const plain = { ...cycle, met: null };
    expect(texts(answerCard({ kind: 'indicators', query: 'x', indicators: [plain] }))[0]).toContain('最新值：**18.3 个月**（张三，2021-06-08 10:30）');
    expect(answerText({ kind: 'indicators', query: 'x', indicators: [plain] })).toContain('最新值 18.3 个月，张三，');
  });

  it('escapes names, targets, owners, values and reporters', () => {
    const nasty = { name: '*审查*', target: '_18_', owner: '[局]', value: '`1`', reporter: '<at>', reportedAt: 'x', met: null };
    expect(texts(answerCard({ kind: 'indicators', query: 'x', indicators: [nasty] }))[0]).toBe(
      `**${md('*审查*')}**\n目标：${md('_18_')} · 责任部门：${md('[局]')}\n最新值：**${md('`1`')}**（${md('<at>')}，x）`,
    );
  });
});

describe('the short digest', () => {
  it('gives the counts, deadlines, reporting, the tasks to watch and the indicators', () => {
    expect(answerCard({ kind: 'digest', digest })).toEqual({
      schema: '2.0',
      config: { update_multi: true, width_mode: 'fill', summary: { content: '本周汇总' } },
      header: { title: { tag: 'plain_text', content: '本周汇总' }, template: 'red' },
      body: {
        direction: 'vertical',
        elements: [
          {
            tag: 'markdown',
            content: [
              "**任务：**共 22 项 · <font color='green'>正常推进</font> 15 · <font color='orange'>存在风险</font> 3 · <font color='red'>受阻</font> 2 · <font color='blue'>已完成</font> 2",
              '**时限：**逾期 1 项 · 预警 2 项',
              '**填报（2021-W23）：**10/12 个部门已填完（83%）',
              '**未填报：**保护司',
              '**未填完：**运用促进司',
            ].join('\n'),
          },
          { tag: 'hr' },
          { tag: 'markdown', content: '**需要关注**' },
          { tag: 'markdown', content: "**3.** 任务标题3 · <font color='red'>受阻</font> 20%\n**7.** 任务标题7 · <font color='orange'>存在风险</font> 20% <font color='red'>逾期</font>" },
          { tag: 'hr' },
          { tag: 'markdown', content: "**指标**\n发明专利审查周期：18.3 个月 <font color='green'>已达标</font>（目标 ≤ 18.5 个月）" },
          { tag: 'markdown', content: FOOT, text_size: 'notation' },
        ],
      },
    });
    expect(answerText({ kind: 'digest', digest })).toBe([
      '本周汇总',
      '任务：共 22 项，正常推进 15 · 存在风险 3 · 受阻 2 · 已完成 2',
      '时限：逾期 1 项，预警 2 项',
      '填报（2021-W23）：10/12 个部门已填完（83%）',
      '未填报：保护司',
      '未填完：运用促进司',
      '需要关注：',
      '- 任务3：任务标题3｜受阻，20%',
      '- 任务7：任务标题7｜存在风险，20%',
      '指标：',
      '- 发明专利审查周期：18.3 个月（已达标）（目标 ≤ 18.5 个月）',
    ].join('\n'));
  });

  it('before the round opens: no rate and no names of the units behind', () => {
    const d = { ...digest, round: null, red: [], indicators: [] };
    expect(texts(answerCard({ kind: 'digest', digest: d }))).toEqual([
      "**任务：**共 22 项 · <font color='green'>正常推进</font> 15 · <font color='orange'>存在风险</font> 3 · <font color='red'>受阻</font> 2 · <font color='blue'>已完成</font> 2\n**时限：**逾期 1 项 · 预警 2 项\n**填报：**本周尚未开启填报",
      FOOT,
    ]);
    expect(answerText({ kind: 'digest', digest: d })).toBe('本周汇总\n任务：共 22 项，正常推进 15 · 存在风险 3 · 受阻 2 · 已完成 2\n时限：逾期 1 项，预警 2 项\n填报：本周尚未开启填报');
  });

  it('names every unit behind, separated by 、', () => {
    const d = { ...digest, missing: ['保护司', '条法司'], partial: ['运用促进司', '公共服务司'], red: [], indicators: [] };
    expect(texts(answerCard({ kind: 'digest', digest: d }))[0]!.split('\n').slice(3)).toEqual(['**未填报：**保护司、条法司', '**未填完：**运用促进司、公共服务司']);
    expect(answerText({ kind: 'digest', digest: d }).split('\n').slice(4)).toEqual(['未填报：保护司、条法司', '未填完：运用促进司、公共服务司']);
  });

  it('names no unit when every unit has reported in full', () => {
    const d = { ...digest, missing: [], partial: [], red: [], indicators: [] };
    expect(texts(answerCard({ kind: 'digest', digest: d }))[0]!.split('\n')).toHaveLength(3);
    expect(answerText({ kind: 'digest', digest: d }).split('\n')).toHaveLength(4);
  });

  it('rounds the reporting rate, and says 0% when nothing is expected', () => {
    const rate = (reported: number, expected: number) => texts(answerCard({ kind: 'digest', digest: { ...digest, departmentsReported: reported, departmentsExpected: expected, missing: [], partial: [] } }))[0]!.split('\n')[2];
    expect(rate(5, 8)).toBe('**填报（2021-W23）：**5/8 个部门已填完（63%）');
    expect(rate(0, 0)).toBe('**填报（2021-W23）：**0/0 个部门已填完（0%）');
    expect(rate(12, 12)).toBe('**填报（2021-W23）：**12/12 个部门已填完（100%）');
    expect(answerText({ kind: 'digest', digest: { ...digest, departmentsReported: 0, departmentsExpected: 0 } })).toContain('\n填报（2021-W23）：0/0 个部门已填完（0%）\n');
  });

  it('is red for anything overdue or blocked, orange for risk or a warning, green otherwise', () => {
    const quiet = { ...digest, counts: { ...digest.counts, at_risk: 0, blocked: 0 }, overdue: 0, warning: 0 };
    const colour = (d: DigestSummary) => header(answerCard({ kind: 'digest', digest: d })).template;
    expect(colour(quiet)).toBe('green');
    expect(colour({ ...quiet, overdue: 1 })).toBe('red');
    expect(colour({ ...quiet, counts: { ...quiet.counts, blocked: 1 } })).toBe('red');
    expect(colour({ ...quiet, counts: { ...quiet.counts, at_risk: 1 } })).toBe('orange');
    expect(colour({ ...quiet, warning: 1 })).toBe('orange');
  });

  it('shows eight tasks to watch and counts the rest; the text lists eight too', () => {
    const red = Array.from({ length: 10 }, (_, i) => line(i + 1));
    const c = answerCard({ kind: 'digest', digest: { ...digest, red, indicators: [] } });
    const els = elements(c);
    expect((els[3]!.content as string).split('\n')).toHaveLength(8);
    expect(els[4]).toEqual({ tag: 'markdown', content: grey('另有 2 项，可问“哪些任务有风险”“逾期”'), text_size: 'notation' });
    expect(els).toHaveLength(6);
    expect(elements(answerCard({ kind: 'digest', digest: { ...digest, red: red.slice(0, 8), indicators: [] } }))).toHaveLength(5);
    const text = answerText({ kind: 'digest', digest: { ...digest, red, indicators: [] } }).split('\n');
    expect(text.filter((l) => l.startsWith('- 任务'))).toHaveLength(8);
    expect(text.at(-1)).toBe('- 任务8：任务标题8｜受阻，20%');
  });

  it('unreported and unmet indicators, and escaped names', () => {
    const d = { ...digest, red: [], missing: ['**保护司**'], partial: [], indicators: [{ ...cycle, met: false, name: '审查_周期' }, royalty] };
    const t = texts(answerCard({ kind: 'digest', digest: d }));
    expect(t[0]!.split('\n').slice(3)).toEqual([`**未填报：**${md('**保护司**')}`]);
    expect(t[2]).toBe(`**指标**\n${md('审查_周期')}：18.3 个月 <font color='red'>未达标</font>（目标 ≤ 18.5 个月）\n知识产权使用费进出口总额：暂无填报（目标 ≥ 3000 亿元）`);
    expect(answerText({ kind: 'digest', digest: d }).split('\n').slice(-3)).toEqual(['指标：', '- 审查_周期：18.3 个月（未达标）（目标 ≤ 18.5 个月）', '- 知识产权使用费进出口总额：暂无填报（目标 ≥ 3000 亿元）']);
    expect(summary(answerCard({ kind: 'digest', digest: d }))).toBe('本周汇总');
  });
});
