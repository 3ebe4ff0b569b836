import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/parse.ts';
import type { ParsedPlan } from '../../src/plan/types.ts';

const seed = readFileSync(new URL('../../samples/cnipa-2021.txt', import.meta.url), 'utf8');
// Parsed afresh before each test, not once when the file is read: Stryker switches a mutant on after
// the file is collected, so a plan parsed at collection would never meet the mutant the test should catch.
let plan: ParsedPlan;
beforeEach(() => {
  plan = parsePlan(seed, { fileName: 'cnipa-2021.txt' });
});
const task = (n: number) => plan.tasks.find((t) => t.number === n)!;

describe('the 2021 CNIPA guideline (seed)', () => {
  it('reads title, doc number, year, report deadline and recipient', () => {
    expect(plan.title).toBe('推动知识产权高质量发展年度工作指引（2021）');
    expect(plan.docNumber).toBe('国知发运字〔2021〕3号');
    expect(plan.year).toBe(2021);
    expect(plan.reportDeadline).toBe('2021-12-15');
    expect(plan.reportTo).toBe('运用促进司');
  });

  it('finds 8 sections and 22 tasks numbered 1–22, each in its section', () => {
    expect(plan.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(plan.sections[0]!.title).toBe('做好知识产权顶层设计，启动实施知识产权强国战略和“十四五”规划');
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(plan.tasks.map((t) => t.section)).toEqual([1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 6, 6, 7, 7, 7, 8, 8]);
    expect(task(1).title).toBe('配合做好知识产权强国战略纲要、“十四五”知识产权保护和运用规划的审议与印发实施');
    expect(task(5).title).toBe('持续提升知识产权审查质量和效率');
    expect(task(22).title).toBe('加大知识产权人才培养力度');
  });

  it('marks tasks 1, 2 and 19 as year_end and every other task as milestone', () => {
    const yearEnd = plan.tasks.filter((t) => t.deadlineKind === 'year_end').map((t) => t.number);
    expect(yearEnd).toEqual([1, 2, 19]);
    expect(plan.tasks.filter((t) => t.deadlineKind === 'milestone')).toHaveLength(19);
  });

  it('splits the measures by actor in document order, keeping the text as written', () => {
    expect(task(1).measures.map((m) => m.actor)).toEqual(['国家知识产权局', '各地区', '有条件的地区']);
    expect(task(2).measures.map((m) => m.actor)).toEqual(['国家知识产权局', '各地区', '有关地区']);
    expect(task(3).measures.map((m) => m.actor)).toEqual(['国家知识产权局']);
    expect(task(1).measures[0]!.text).toMatch(/^配合做好知识产权强国战略印发实施，/);
    expect(task(1).measures[1]!.text).toContain('认真谋划知识产权各项任务 and 指标科学化的实现路径。');
    expect(task(1).measures[2]!.text).toBe('结合自身发展需求，出台相应的知识产权强省战略。');
    for (const t of plan.tasks) {
      for (const m of t.measures) expect(m.text).not.toMatch(/<|>|^\s|\s$/);
    }
  });

  it('gives full department names in order, carrying the 专利局 prefix inside a ，group', () => {
    expect(task(1).departments).toEqual([
      '办公室', '条法司', '联席办', '战略规划司', '保护司', '运用促进司', '公共服务司', '国际合作司', '人事司',
      '专利局审业部', '专利局自动化部', '商标局',
    ]);
    expect(task(5).departments).toEqual(['条法司', '专利局审查部', '专利局自动化部', '商标局']);
    expect(task(11).departments).toEqual(['联席办', '保护司', '运用促进司', '公共服务司', '人事司', '商标局']);
    expect(task(20).departments).toEqual(['保护司', '国际合作司']);
  });

  it('names 13 distinct departments, 运用促进司 on exactly 11 tasks', () => {
    const all = new Set(plan.tasks.flatMap((t) => t.departments));
    expect([...all].sort()).toEqual(
      ['办公室', '条法司', '联席办', '战略规划司', '保护司', '运用促进司', '公共服务司', '国际合作司', '人事司', '专利局审业部', '专利局自动化部', '商标局', '专利局审查部'].sort(),
    );
    for (const name of all) expect(name).not.toMatch(/\s/);
    const yy = plan.tasks.filter((t) => t.departments.includes('运用促进司')).map((t) => t.number);
    expect(yy).toEqual([1, 2, 6, 7, 8, 11, 12, 13, 14, 15, 17]);
  });

  it('reads the six numeric targets of 主要目标', () => {
    expect(plan.indicators).toEqual([
      { name: '发明专利审查周期', comparator: '<=', value: 18.5, unit: '个月' },
      { name: '高价值发明专利审查周期', comparator: '<=', value: 14, unit: '个月' },
      { name: '商标注册平均审查周期', comparator: '=', value: 4, unit: '个月' },
      { name: '专利商标质押融资规模', comparator: '>=', value: 2400, unit: '亿元' },
      { name: '融资惠及企业数量增长率', comparator: '>', value: 10, unit: '%' },
      { name: '技术与创新支持中心（TISC）', comparator: '>=', value: 100, unit: '家' },
    ]);
  });

  it('gives the same result for Windows line endings and a BOM', () => {
    expect(parsePlan(`\uFEFF${seed.replace(/\n/g, '\r\n')}`)).toEqual(plan);
  });
});

describe('the seed body alone (inline responsibility)', () => {
  const body = seed.slice(0, seed.indexOf('## 附件'));
  let inline: ParsedPlan;
  beforeEach(() => {
    inline = parsePlan(body);
  });

  it('reads the （N） items that carry （XX负责） as tasks, joining words split by page breaks', () => {
    expect(inline.tasks.map((t) => t.title)).toEqual([
      '持续推动“十四五”知识产权高质量发展指标体系实施落实', '因地制宜设置地方“十四五”指标体系', '高标准推进知识产权强国建设试点示范工作',
      '加强知识产权宏观政策研究', '健全知识产权保护政策', '完善知识产权运用促进政策', '优化知识产权公共服务政策', '深化知识产权国际合作',
      '加强知识产权指标统计监测工作', '健全地方知识产权指标统计监测体系',
    ]);
    expect(inline.tasks.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(inline.tasks[0]!.departments).toEqual(['战略规划司', '公共服务司']);
    expect(inline.tasks[7]!.departments).toEqual(['国际合作司', '保护司']);
    expect(inline.tasks.every((t) => t.deadlineKind === null)).toBe(true);
    expect(inline.tasks[6]!.measures[0]!.text).toContain('编制知识产权公共服务事项清单');
    expect(inline.tasks[2]!.measures[1]!.text).toContain('遴选推荐一批试点示范项目');
  });

  it('takes sections from the 一、 headings that hold tasks', () => {
    expect(inline.sections).toEqual([
      { number: 2, title: '强化知识产权高质量发展标杆引领' },
      { number: 3, title: '强化知识产权高质量发展政策配套实施' },
      { number: 4, title: '强化知识产权高质量发展统计监测' },
    ]);
    expect(inline.indicators).toHaveLength(6);
  });
});
