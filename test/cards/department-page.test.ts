import { describe, expect, it } from 'vitest';
import {
  buildDepartmentCards,
  indicatorKey,
  pageDepartmentCard,
  pageOf,
  PAGE_MAX_BYTES,
  PAGE_MAX_COMPONENTS,
  patchIndicator,
  patchIndicatorBlock,
  patchTask,
  patchTaskBlock,
  renderDepartmentPage,
  taskKey,
} from '../../src/cards/department-card.ts';
import type { DepartmentCardIndicator } from '../../src/cards/department-types.ts';
import { cardBytes, countComponents } from '../../src/cards/limits.ts';
import { input, task } from './fixtures.ts';

// The department card's page: header, intro, footer counts, the order of its blocks, how it is cut
// into pages and how one block is patched (fast cases; the long walk is department-card-patch.test.ts).

type Json = Record<string, any>;
const footer = (card: unknown) => ((card as Json).body.elements.at(-1) as Json).content as string;
const indicator = (n: number, extra: Partial<DepartmentCardIndicator> = {}): DepartmentCardIndicator => ({
  id: 900 + n,
  name: `指标${n}`,
  comparator: '>=',
  value: 10 * n,
  unit: '件',
  last: null,
  submitted: null,
  ...extra,
});
const at = new Date('2021-06-09T06:05:00Z');

describe('the department card page', () => {
  it('has the department in its header and summary, the plan and round as subtitle, the intro first and the footer last', () => {
    const [card, ...rest] = buildDepartmentCards(input([task(1), task(2)])) as Json[];
    expect(rest).toEqual([]);
    expect(card!.config).toEqual({ update_multi: true, width_mode: 'fill', enable_forward: false, summary: { content: '运用促进司 · 本周任务填报' } });
    expect(card!.header).toEqual({
      title: { tag: 'plain_text', content: '运用促进司 · 本周任务填报' },
      subtitle: { tag: 'plain_text', content: '推动知识产权高质量发展年度工作指引（2021） · 2021-W23（06-07 至 06-13）' },
      template: 'blue',
    });
    const els = card!.body.elements as Json[];
    expect(els[0]).toEqual({
      tag: 'markdown',
      content:
        '**运用促进司**：请逐项填写本周进展（状态、进度、说明；报送「已完成」须附佐证链接，或先把佐证文件发给督办并选择该任务）并点「提交」。' +
        '每项任务可单独提交；本轮内可多次修改，以最后一次为准。',
    });
    expect(els.at(-2)).toEqual({ tag: 'hr' });
    expect(els.at(-1)).toEqual({ tag: 'markdown', text_size: 'notation', content: "<font color='grey'>共 2 项任务（牵头 1、配合 1）</font>" });
  });

  it('escapes the department name in the intro but not in the plain-text header', () => {
    const [card] = buildDepartmentCards(input([task(1)], { department: { id: 6, name: '运用*促进*司' } })) as Json[];
    expect(card!.header.title.content).toBe('运用*促进*司 · 本周任务填报');
    expect(card!.body.elements[0].content).toMatch(/^\*\*运用&#42;促进&#42;司\*\*：/);
  });

  it('counts overdue and warned tasks in header tags, overdue first', () => {
    const tasks = [
      task(1, { deadlineState: 'warning' }),
      task(2, { deadlineState: 'overdue' }),
      task(3, { deadlineState: 'warning' }),
      task(4, { deadlineState: 'ok' }),
      task(5, { deadlineState: 'overdue' }),
      task(6, { deadlineState: 'warning' }),
    ];
    const [card] = buildDepartmentCards(input(tasks)) as Json[];
    expect(card!.header.text_tag_list).toEqual([
      { tag: 'text_tag', text: { tag: 'plain_text', content: '逾期 2' }, color: 'red' },
      { tag: 'text_tag', text: { tag: 'plain_text', content: '预警 3' }, color: 'yellow' },
    ]);
  });

  it('counts in the footer the annex tasks by role, the key points and the indicators', () => {
    const tasks = [
      task(1, { role: 'lead' }),
      task(2, { role: 'co' }),
      task(3, { role: 'co' }),
      task(1, { id: 501, kind: 'key_point', role: 'lead' }),
      task(4, { id: 504, kind: 'key_point', role: 'co' }),
    ];
    const [card] = buildDepartmentCards(input(tasks, { indicators: [indicator(1), indicator(2)] }));
    expect(footer(card)).toBe("<font color='grey'>共 3 项任务（牵头 1、配合 2）、工作要点 2 项、指标 2 项</font>");
    const [plain] = buildDepartmentCards(input([task(1)], { indicators: [] }));
    expect(footer(plain)).toBe("<font color='grey'>共 1 项任务（牵头 1、配合 0）</font>");
  });

  it('leaves out the roles for a regional office', () => {
    const [card] = buildDepartmentCards(input([task(1, { role: 'region' }), task(2, { role: 'region', kind: 'key_point' })], { department: { id: 40, name: '北京市知识产权局' } }));
    expect(footer(card)).toBe("<font color='grey'>共 1 项任务、工作要点 1 项</font>");
  });

  it('lists the annex tasks by number, then the key points by number, then the indicators', () => {
    const tasks = [task(2, { id: 602, kind: 'key_point' }), task(9), task(1, { id: 601, kind: 'key_point' }), task(3, { kind: 'task' }), task(7)];
    const paged = pageDepartmentCard(input(tasks, { indicators: [indicator(2), indicator(1)] }));
    expect(paged.pages).toEqual([[taskKey(103), taskKey(107), taskKey(109), taskKey(601), taskKey(602), indicatorKey(902), indicatorKey(901)]]);
    const card = renderDepartmentPage(paged, 0) as Json;
    const headings = (card.body.elements as Json[]).filter((e) => e.tag === 'markdown').map((e) => (e.content as string).split('　')[0]);
    expect(headings.slice(1, -1)).toEqual(['**任务3** 任务标题3', '**任务7** 任务标题7', '**任务9** 任务标题9', '**工作要点1** 任务标题1', '**工作要点2** 任务标题2', '**指标** 指标2', '**指标** 指标1']);
  });

  it('gives one empty page for a department without tasks', () => {
    const paged = pageDepartmentCard(input([]));
    expect(paged.pages).toEqual([[]]);
    const [card, ...rest] = buildDepartmentCards(input([])) as Json[];
    expect(rest).toEqual([]);
    expect(card!.body.elements).toEqual([
      expect.objectContaining({ tag: 'markdown' }),
      { tag: 'hr' },
      { tag: 'markdown', text_size: 'notation', content: "<font color='grey'>共 0 项任务（牵头 0、配合 0）</font>" },
    ]);
  });
});

describe('cutting the department card into pages', () => {
  it('fills each page up to the limits before starting the next, numbering the pages everywhere', () => {
    const tasks = Array.from({ length: 14 }, (_, i) => task(i + 1));
    const paged = pageDepartmentCard(input(tasks));
    const cards = buildDepartmentCards(input(tasks)) as Json[];
    expect(paged.pages.length).toBe(cards.length);
    expect(cards.length).toBeGreaterThan(1);
    expect(paged.pages.flat()).toEqual(tasks.map((t) => taskKey(t.id)));
    cards.forEach((card, i) => {
      const note = ` · 第 ${i + 1}/${cards.length} 页`;
      expect(card.header.title.content).toBe(`运用促进司 · 本周任务填报${note}`);
      expect(card.config.summary.content).toBe(`运用促进司 · 本周任务填报${note}`);
      expect(footer(card)).toBe(`<font color='grey'>共 14 项任务（牵头 7、配合 7）${note}</font>`);
      expect(countComponents(card)).toBeLessThanOrEqual(PAGE_MAX_COMPONENTS);
      expect(cardBytes(card)).toBeLessThanOrEqual(PAGE_MAX_BYTES);
    });
    expect(PAGE_MAX_COMPONENTS).toBe(190);
    expect(PAGE_MAX_BYTES).toBe(28 * 1024);
  });

  it('cuts by bytes when blocks are large, keeping room for each block’s longest possible content', () => {
    const long = '推进知识产权高质量发展相关工作并加强统筹协调'.repeat(8);
    const tasks = Array.from({ length: 7 }, (_, i) => task(i + 1, { title: long, measuresForBureau: [long.repeat(5)] }));
    const cards = buildDepartmentCards(input(tasks)) as Json[];
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(countComponents(card)).toBeLessThan(100);
    // A page holds blocks as they are now, well under the limit: room is kept for a 1000-character note
    // and a submitted mark on every task, so a submission never moves a task to another page.
    const paged = pageDepartmentCard(input(tasks));
    let p = paged;
    for (const t of tasks) {
      const card = patchTaskBlock(p, t.id, {
        last: { status: 'at_risk', progress: 100, note: '＜'.repeat(1000), evidenceUrl: `https://e.cn/${'a'.repeat(287)}`, reporterName: '＜'.repeat(24), reportedAt: at },
        submitted: { by: '＜'.repeat(24), at },
      });
      expect(cardBytes(card)).toBeLessThanOrEqual(30 * 1024);
      p = paged;
    }
    expect(paged.pages).toEqual(pageDepartmentCard(input(tasks)).pages);
  });
});

describe('patching one block of the department card', () => {
  it('gives the page as a full rebuild would, and changes the card only when applied', () => {
    const tasks = [task(1), task(2), task(3)];
    const paged = pageDepartmentCard(input(tasks, { indicators: [indicator(1)] }));
    const before = JSON.stringify(renderDepartmentPage(paged, 0));
    const change = { last: { status: 'blocked' as const, progress: 5, note: '缺少经费', evidenceUrl: null, reporterName: '李四', reportedAt: at }, submitted: { by: '李四', at } };
    const patch = patchTask(paged, 102, change)!;
    const rebuilt = buildDepartmentCards(input([task(1), task(2, change), task(3)], { indicators: [indicator(1)] }))[0];
    expect(patch.card).toEqual(rebuilt);
    // nothing changed until apply()
    expect(JSON.stringify(renderDepartmentPage(paged, 0))).toBe(before);
    expect(paged.input.tasks[1]!.last).toBeUndefined();
    patch.apply();
    expect(renderDepartmentPage(paged, 0)).toEqual(rebuilt);
    expect(paged.input.tasks[1]!.last).toEqual(change.last);
    expect(paged.input.tasks[1]!.submitted).toEqual(change.submitted);
  });

  it('patches an indicator the same way', () => {
    const paged = pageDepartmentCard(input([task(1)], { indicators: [indicator(1), indicator(2)] }));
    const change = { last: { value: 12.5, reporterName: '李四', reportedAt: at }, submitted: { by: '李四', at } };
    const patch = patchIndicator(paged, 902, change)!;
    const rebuilt = buildDepartmentCards(input([task(1)], { indicators: [indicator(1), indicator(2, change)] }))[0];
    expect(patch.card).toEqual(rebuilt);
    expect(paged.input.indicators![1]!.last).toBeNull();
    expect(JSON.stringify(renderDepartmentPage(paged, 0))).not.toContain('12.5件');
    patch.apply();
    expect(paged.input.indicators![1]!.last).toEqual(change.last);
    expect(renderDepartmentPage(paged, 0)).toEqual(rebuilt);
    // patchIndicatorBlock applies at once
    const next = { last: { value: 13, reporterName: '王五', reportedAt: at }, submitted: { by: '王五', at } };
    expect(patchIndicatorBlock(paged, 901, next)).toEqual(buildDepartmentCards(input([task(1)], { indicators: [indicator(1, next), indicator(2, change)] }))[0]);
    expect(paged.input.indicators![0]!.last).toEqual(next.last);
  });

  it('patchTaskBlock applies at once; a review change is part of the patch', () => {
    const paged = pageDepartmentCard(input([task(1), task(2)]));
    const change = {
      last: { status: 'pending_review' as const, progress: 100, note: '已完成', evidenceUrl: 'https://oa.example.cn/a', reporterName: '李四', reportedAt: at },
      submitted: { by: '李四', at },
      review: { state: 'pending' as const, reason: null },
    };
    const card = patchTaskBlock(paged, 101, change);
    expect(card).toEqual(buildDepartmentCards(input([task(1, change), task(2)]))[0]);
    expect(paged.input.tasks[0]!.review).toEqual({ state: 'pending', reason: null });
    expect(renderDepartmentPage(paged, 0)).toEqual(card);
  });

  it('answers null, changing nothing, for a task or indicator the card does not list', () => {
    const paged = pageDepartmentCard(input([task(1)], { indicators: [indicator(1)] }));
    const before = JSON.stringify(renderDepartmentPage(paged, 0));
    const change = { last: null, submitted: { by: '李四', at } };
    expect(patchTask(paged, 999, change)).toBeNull();
    expect(patchTaskBlock(paged, 999, change)).toBeNull();
    expect(patchIndicator(paged, 999, change)).toBeNull();
    expect(patchIndicatorBlock(paged, 999, change)).toBeNull();
    expect(patchIndicator(pageDepartmentCard(input([task(1)])), 901, change)).toBeNull();
    expect(JSON.stringify(renderDepartmentPage(paged, 0))).toBe(before);
    expect(pageOf(paged, taskKey(101))).toBe(0);
    expect(pageOf(paged, indicatorKey(901))).toBe(0);
    expect(pageOf(paged, taskKey(999))).toBe(-1);
  });

  it('answers null for a task whose block is on no page', () => {
    const paged = pageDepartmentCard(input([task(1), task(2)]));
    paged.pages = [[taskKey(101)]];
    expect(patchTask(paged, 102, { last: null, submitted: { by: '李四', at } })).toBeNull();
    expect(paged.input.tasks[1]!.submitted).toBeUndefined();
  });

  it('patches the page holding the block, on a card of several pages', () => {
    const tasks = Array.from({ length: 14 }, (_, i) => task(i + 1));
    const paged = pageDepartmentCard(input(tasks));
    const lastKey = paged.pages.at(-1)!.at(-1)!;
    expect(lastKey).toBe(taskKey(114));
    const change = { last: null, submitted: { by: '李四', at } };
    const card = patchTaskBlock(paged, 114, change);
    const rebuilt = buildDepartmentCards(input(tasks.map((t) => (t.id === 114 ? { ...t, ...change } : t))));
    expect(card).toEqual(rebuilt.at(-1));
  });
});

describe('how full a department card page gets', () => {
  // Blocks already at their largest possible content, so each is measured as it is shown; the plan
  // title (in the subtitle only) then grows the page byte for byte until one block less fits.
  const WIDE = '＜';
  const WORST = new Date(Date.UTC(2099, 11, 31, 23, 59));
  const worstIndicator = (n: number): DepartmentCardIndicator =>
    indicator(n, { last: { value: -123456789.123456, reporterName: WIDE.repeat(24), reportedAt: WORST }, submitted: { by: WIDE.repeat(24), at: WORST } });

  /**
   * The plan title's length that makes the first page exactly full: measured from the page as built
   * with an empty title, each block counted with 2 bytes more than it adds (its own list's brackets).
   */
  function fullest(build: (title: string) => ReturnType<typeof input>) {
    const paged = pageDepartmentCard(build(''));
    const k = paged.pages[0]!.length;
    // 第 1/N 页 is two characters shorter than the 第 99/99 页 measured, in the summary, title and footer
    const room = PAGE_MAX_BYTES - 6 - 2 * k - cardBytes(renderDepartmentPage(paged, 0));
    expect(room).toBeGreaterThanOrEqual(0);
    return { k, length: room };
  }

  it('fills a page of indicators to exactly 28 KB, counting the widest page number', () => {
    const build = (title: string) => input([], { plan: { id: 1, title, year: 2021 }, indicators: Array.from({ length: 35 }, (_, i) => worstIndicator(i + 1)) });
    const { k, length } = fullest(build);
    const paged = pageDepartmentCard(build('a'.repeat(length)));
    expect(paged.pages.map((p) => p.length)).toEqual([k, 35 - k]);
    expect(cardBytes(renderDepartmentPage(paged, 0))).toBe(PAGE_MAX_BYTES - 6 - 2 * k);
    // one byte more and the last block moves to the next page
    expect(pageDepartmentCard(build('a'.repeat(length + 1))).pages[0]).toHaveLength(k - 1);
  });

  it('measures a task by its largest possible block', () => {
    const url = `https://e.cn/${'a'.repeat(287)}`;
    const worstTask = (n: number, note: string) =>
      task(n, {
        last: { status: 'at_risk', progress: 100, note, evidenceUrl: url, reporterName: WIDE.repeat(24), reportedAt: WORST },
        submitted: { by: WIDE.repeat(24), at: WORST },
        plannedDueDate: '2099-12-31',
        pendingExtension: '2099-12-31',
        review: { state: 'refused', reason: WIDE.repeat(40) },
      });
    // the widest of a note prefilled in its input and a longer one shown above the form
    const sizes = [WIDE.repeat(200), WIDE.repeat(1000)].map((note) => cardBytes(buildDepartmentCards(input([worstTask(1, note)]))[0]));
    const note = sizes[0]! >= sizes[1]! ? WIDE.repeat(200) : WIDE.repeat(1000);
    const build = (title: string) => input(Array.from({ length: 8 }, (_, i) => worstTask(i + 1, note)), { plan: { id: 1, title, year: 2021 } });
    const { k, length } = fullest(build);
    const paged = pageDepartmentCard(build('a'.repeat(length)));
    expect(paged.pages.map((p) => p.length)).toEqual([k, 8 - k]);
    expect(cardBytes(renderDepartmentPage(paged, 0))).toBe(PAGE_MAX_BYTES - 6 - 2 * k);
    expect(pageDepartmentCard(build('a'.repeat(length + 1))).pages[0]).toHaveLength(k - 1);
  });
});
