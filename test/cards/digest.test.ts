import { beforeEach, describe, expect, it } from 'vitest';
import { buildDigestModel, buildDigestModelFromSummary } from '../../src/domain/digest/model.ts';
import { summariseDigestInput } from '../../src/domain/digest/summary.ts';
import { buildDigestCard } from '../../src/cards/digest.ts';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, countComponents } from '../../src/cards/limits.ts';
import type { Status } from '../../src/domain/status.ts';
import { dept, hugeWeek, seededWeek } from '../domain/digest/fixture.ts';

type Node = Record<string, unknown>;
const elements = (card: Node) => (card.body as { elements: Node[] }).elements;
const byTag = (card: Node, tag: string) => elements(card).filter((e) => e.tag === tag);
const allMarkdown = (card: Node) => JSON.stringify(card);
function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) return node.forEach((x) => walk(x, visit));
  if (node && typeof node === 'object') {
    visit(node as Node);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

// Built afresh before each test, not once when the file is read: Stryker switches a mutant on after
// the file is collected, so a card built at collection would never meet the mutant the test should catch.
describe('buildDigestCard for a seeded week', () => {
  let card: Node;
  let text: string;
  beforeEach(() => {
    card = buildDigestCard(buildDigestModel(seededWeek()));
    text = allMarkdown(card);
  });

  it('is a Card JSON 2.0 card coloured by health, titled with the round', () => {
    expect(card.schema).toBe('2.0');
    expect((card.config as Node).update_multi).toBe(true);
    const header = card.header as { template: string; subtitle: { content: string }; text_tag_list: unknown[] };
    expect(header.template).toBe('red');
    expect(header.subtitle.content).toBe('2021-W23（06-07 至 06-13）');
    expect(header.text_tag_list).toHaveLength(3);
  });

  it('shows the response rate and names the departments that did not report', () => {
    expect(text).toContain('2/4 部门');
    expect(text).toContain('未填报（1）：运用促进司');
    expect(text).toContain('部分填报（1）：保护司 1/2');
  });

  it('draws status by section as a stacked bar chart with a spec of plain data', () => {
    const [chart] = byTag(card, 'chart');
    const spec = chart!.chart_spec as Node;
    expect(spec.type).toBe('bar');
    expect(spec.stack).toBe(true);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec); // nothing that JSON would drop (functions)
    expect((spec.data as { values: unknown[] }).values).toContainEqual({ section: '一、强化知识产权高…', status: '受阻', count: 1 });
  });

  it('lists the red list in a paged table with the escaped latest note, who and when', () => {
    const [table] = byTag(card, 'table');
    expect(table!.page_size).toBeLessThanOrEqual(10);
    const rows = table!.rows as Node[];
    expect(rows.map((r) => r.task)).toEqual(['#1 深入实施知识产权强国战略', '#4 专利导航工程']);
    expect(rows[0]!.who).toBe('条法司 · 条法司填报人');
    expect(rows[0]!.time).toBe('06-10 10:00');
    expect(rows[0]!.note).toBe('缺少经费 &lt;at id=all&gt;&lt;/at&gt; &#42;&#42;紧急&#42;&#42;');
    expect(rows[1]!.state).toContain('逾期');
    expect(text).not.toContain('<at id=all>');
  });

  it('puts a detail button with a task_detail callback on each red-list task', () => {
    const values: unknown[] = [];
    walk(card, (n) => {
      if (n.tag === 'button') values.push((n.behaviors as { value: unknown }[])[0]!.value);
    });
    expect(values).toEqual([{ kind: 'task_detail', taskId: 101 }, { kind: 'task_detail', taskId: 104 }]);
  });

  it('shows indicators against target, the changes and the countdown', () => {
    expect(text).toContain('发明专利审查周期：目标 ≤18.5个月，最新 18.2个月（06-08）');
    expect(text).toContain('暂无填报');
    expect(text).toContain('首次汇总');
    expect(text).toContain('距成效报送截止（2021-12-15）还有 187 天');
    expect(text).toContain('距年底（2021-12-31）还有 203 天');
  });

  it('shows status moves, new blockers and completions when there is a previous digest', () => {
    const previous = buildDigestModel(seededWeek());
    previous.round = { key: '2021-W22', startsAt: '', endsAt: '' };
    previous.taskStates['101'] = { number: 1, status: 'on_track', progress: 30 };
    const c = JSON.stringify(buildDigestCard(buildDigestModel(seededWeek(), previous)));
    expect(c).toContain('与上期 2021-W22 相比）：状态变化 1 项，新增受阻 1 项');
    expect(c).toContain('#1 深入实施知识产权强国战略：正常推进 → 受阻');
  });
});

describe('digest card figures', () => {
  // Every figure different (done 4 of 8; section 一 3 of 4, section 二 1 of 4; 2 blocked, 1 at risk, 1 on
  // track), so a count taken from the wrong status or the wrong total shows as a wrong number.
  const week = () => {
    const input = seededWeek();
    const plan: [number, number, Status][] = [
      [1, 1, 'done'], [2, 1, 'done'], [3, 1, 'done'], [4, 1, 'at_risk'],
      [5, 2, 'done'], [6, 2, 'blocked'], [7, 2, 'blocked'], [8, 2, 'on_track'],
    ];
    input.tasks = plan.map(([number, section, status]) => ({
      id: 200 + number, number, title: `任务${number}`, section, deadlineKind: 'year_end', dueDate: null,
      departments: [dept(1, '战略规划司', status, { role: 'lead' })],
    }));
    return input;
  };
  const markdownOf = (card: Node) => {
    const out: string[] = [];
    walk(card, (n) => {
      if (n.tag === 'markdown') out.push(String(n.content));
    });
    return out;
  };

  it('the 已完成 headline counts the done tasks over all tasks', () => {
    const kpi = markdownOf(buildDigestCard(buildDigestModel(week()))).find((c) => c.startsWith('**已完成**'));
    expect(kpi).toMatch(/^\*\*已完成\*\*\n<font color='\w+'>4\/8 项<\/font>$/);
  });

  it('each section line counts its own done tasks over its own tasks', () => {
    const sections = markdownOf(buildDigestCard(buildDigestModel(week()))).find((c) => c.startsWith('**各部分进展**'))!;
    const lines = sections.split('\n').slice(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^- 一、强化知识产权高质量发展标杆引领：进度 \d+%｜完成 3\/4｜受阻 0｜风险 1(｜|$)/);
    expect(lines[1]).toMatch(/^- 二、推进知识产权高质量创造：进度 \d+%｜完成 1\/4｜受阻 2｜风险 0(｜|$)/);
  });
});

describe('digest card limits', () => {
  it('stays within 30 KB and 200 components at 1,000 tasks × 50 departments with long notes, saying what it left out', () => {
    const model = buildDigestModel(hugeWeek());
    const card = buildDigestCard(model);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(countComponents(card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
    const [table] = byTag(card, 'table');
    const shown = (table!.rows as unknown[]).length;
    expect(JSON.stringify(card)).toContain(`另有 ${1000 - shown} 项，详见导出台账/问答`);
    expect(JSON.stringify(card)).toContain('个部分，详见导出台账');
    expect(JSON.stringify(card)).toContain('其他'); // sections beyond the chart's bars are summed, not dropped
    expect(JSON.stringify(card)).not.toContain('<at id=all>');
  });

  it('stays within limits when only a few huge items exist', () => {
    for (const [tasks, depts] of [[1, 1], [5, 50], [200, 3]] as const) {
      const card = buildDigestCard(buildDigestModel(hugeWeek(tasks, depts, 1000)));
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
      expect(countComponents(card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
    }
  });

  it('says when there is no red list and no round', () => {
    const input = seededWeek();
    input.tasks = input.tasks.filter((t) => t.number === 2);
    input.round = null;
    const text = JSON.stringify(buildDigestCard(buildDigestModel(input)));
    expect(text).toContain('本周没有受阻、存在风险、逾期或预警的任务');
    expect(text).toContain('本周尚未开启填报轮次');
  });
});

describe('the digest tells 未填报 from 未启动 and links evidence', () => {
  const week = () => {
    const w = seededWeek();
    w.tasks.push(
      { id: 105, number: 5, title: '从未填报的任务', section: 2, deadlineKind: 'year_end', dueDate: null, departments: [dept(5, '人事司', null, { role: 'lead' })] },
      { id: 106, number: 6, title: '报了未启动的任务', section: 2, deadlineKind: 'year_end', dueDate: null, departments: [dept(5, '人事司', 'not_started', { role: 'lead' })] },
    );
    w.tasks[0]!.departments[1]!.evidenceUrl = 'https://oa.example.cn/a?b=(1)';
    return w;
  };

  it('counts a task no department ever reported as 未填报, apart from the ones reported as 未启动', () => {
    const m = buildDigestModel(week());
    expect(m.notReportedCount).toBe(1);
    // task 3 (one department reported, one not) and task 6 (reported as not started)
    expect(m.statusCounts.not_started).toBe(2);
    expect(m.sections[1]).toMatchObject({ notReported: 1, counts: { not_started: 2 } });
    const card = buildDigestCard(m);
    expect(JSON.stringify(card)).toContain('未启动 2｜未填报 1');
    const chart = byTag(card, 'chart')[0] as { chart_spec: { data: { values: { status: string; count: number }[] } } };
    const values = chart.chart_spec.data.values.filter((v) => (v as unknown as { section: string }).section.startsWith('二'));
    expect(values).toContainEqual(expect.objectContaining({ status: '未填报', count: 1 }));
    expect(values).toContainEqual(expect.objectContaining({ status: '未启动', count: 2 }));
  });

  it('shows the explaining report’s evidence as a link next to its note in the red list', () => {
    const table = byTag(buildDigestCard(buildDigestModel(week())), 'table')[0] as { rows: { note: string }[] };
    expect(table.rows.map((r) => r.note)).toContainEqual(expect.stringContaining('[佐证](https://oa.example.cn/a?b=%281%29)'));
  });
});

describe('the digest at 47 units: 13 departments, 34 regions and the ten key points', () => {
  const regionName = (i: number) => `第${i + 1}个省、自治区、直辖市及新疆生产建设兵团知识产权局（测试用长名称）`;
  const withRegions = (taskCount: number, noteLength: number, blocked: boolean) => {
    const input = hugeWeek(taskCount, 13, noteLength);
    input.keyPoints = Array.from({ length: 10 }, (_, k) => ({
      number: k + 1,
      title: `工作要点${k + 1}：持续推动“十四五”知识产权高质量发展指标体系实施落实的很长的标题`.repeat(3),
      units: [
        ...(k % 3 === 1 ? [] : [{ region: false, status: blocked ? ('blocked' as const) : ('on_track' as const), reportedThisRound: true }]),
        ...Array.from({ length: 34 }, (_, r) => ({ region: true, status: r % 2 ? ('at_risk' as const) : null, reportedThisRound: r % 2 === 1 })),
      ],
    }));
    const model = buildDigestModelFromSummary({
      ...summariseDigestInput(input),
      regionResponses: Array.from({ length: 34 }, (_, i) => ({ departmentId: 100 + i, name: regionName(i), expected: 24, reported: i % 3 === 0 ? 0 : i % 3 === 1 ? 24 : 5 })),
    });
    return { model, card: buildDigestCard(model) };
  };

  it('summarises the key points in counts: the bureau decides, a key point of the regions alone takes theirs', () => {
    const { model } = withRegions(22, 200, true);
    // 要点2, 5, 8 have no department here: their regions (half at risk) decide
    expect(model.keyPoints).toMatchObject({ count: 10, counts: { blocked: 7, at_risk: 3 }, notReported: 0, unitsExpected: 7 + 340, unitsReported: 7 + 170 });
    expect(model.keyPoints!.attention.map((a) => a.number)).toEqual([1, 3, 4, 6, 7, 9, 10, 2, 5, 8]);
  });

  it('shows the regions and the key points compactly and stays within 30 KB and 200 components, even with 1,000 tasks', () => {
    for (const [tasks, note] of [[22, 1000], [1000, 1000]] as const) {
      const { card } = withRegions(tasks, note, true);
      const text = JSON.stringify(card);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
      expect(countComponents(card)).toBeLessThanOrEqual(CARD_MAX_COMPONENTS);
      expect(text).toContain('**各地区**：应填报 34 个');
      expect(text).toContain('地区未填报（12）：');
      expect(text).toContain('**工作要点**（10 项）');
      expect(text).toMatch(/需关注：要点1 /);
      // never a line per region
      expect(text).not.toContain(regionName(33));
    }
  });

  it('says nothing about key points when the plan has none', () => {
    const card = buildDigestCard(buildDigestModel(hugeWeek(5, 3, 10)));
    expect(JSON.stringify(card)).not.toContain('工作要点');
  });
});
