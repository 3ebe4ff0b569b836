import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/parse.ts';
import type { ParsedPlan } from '../../src/plan/types.ts';

// Parsed afresh before each test, not once when the file is read: Stryker switches a mutant on after
// the file is collected, so a plan parsed at collection would never meet the mutant the test should catch.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8');

describe('a 2022 table with other numbering, half-width punctuation and page breaks', () => {
  let plan: ParsedPlan;
  beforeEach(() => {
    plan = parsePlan(fixture('cnipa-2022-table.txt'));
  });

  it('reads metadata: [2022] brackets become 〔2022〕, (2022) becomes （2022）', () => {
    expect(plan).toMatchObject({
      title: '知识产权强国建设年度推进要点（2022）',
      docNumber: '国知发运字〔2022〕7号',
      year: 2022,
      reportDeadline: '2022-11-30',
      reportTo: '战略规划司',
    });
  });

  it('reads tasks numbered 1． 2、 3. 4. and 5 . with plain and <b> section rows', () => {
    expect(plan.sections).toEqual([
      { number: 1, title: '完善知识产权制度' },
      { number: 2, title: '强化知识产权保护' },
    ]);
    expect(plan.tasks.map((t) => [t.number, t.section, t.deadlineKind])).toEqual([
      [1, 1, 'year_end'], [2, 1, 'milestone'], [3, 2, 'year_end'], [4, 2, 'milestone'], [5, 2, 'milestone'],
    ]);
    expect(plan.tasks.map((t) => t.title)).toEqual([
      '加快专利法实施细则修改', '推进商标审查提质增效', '加强知识产权行政保护', '完善知识产权公共服务体系', '深化知识产权国际合作',
    ]);
  });

  it('handles another organisation prefix, half-width commas and a department cell cut by a page break', () => {
    expect(plan.tasks[1]!.departments).toEqual(['商标局审查一部', '商标局审查二部', '条法司']);
    expect(plan.tasks[2]!.departments).toEqual(['保护司', '运用促进司']);
    expect(plan.tasks[3]!.departments).toEqual(['运用促进司', '公共服务司']);
    expect(plan.tasks[4]!.departments).toEqual(['国际合作司', '专利局审业部', '专利局自动化部']);
  });

  it('reads measures from <p> blocks and from plain “actor：” lines split by <br>', () => {
    expect(plan.tasks[2]!.measures).toEqual([
      { actor: '国家知识产权局', text: '健全行政裁决制度。' },
      { actor: '各地区', text: '加大执法力度。' },
    ]);
    expect(plan.tasks[4]!.measures.map((m) => m.actor)).toEqual(['国家知识产权局', '有关地区']);
  });

  it('reads targets with half-width commas, including one split by a page break', () => {
    expect(plan.indicators).toEqual([
      { name: '商标注册平均审查周期', comparator: '=', value: 4, unit: '个月' },
      { name: '发明专利审查周期', comparator: '<=', value: 16.5, unit: '个月' },
      { name: '专利商标质押融资登记金额', comparator: '>=', value: 3000, unit: '亿元' },
      { name: '知识产权使用费进出口总额', comparator: '>', value: 3500, unit: '亿元' },
      { name: '知识产权保护中心', comparator: '>=', value: 60, unit: '家' },
    ]);
  });
});

describe('a 2023 document with inline responsibility only', () => {
  let plan: ParsedPlan;
  beforeEach(() => {
    plan = parsePlan(fixture('inline-2023.txt'));
  });

  it('makes a task of each numbered item with （…负责）, titled by its first sentence', () => {
    expect(plan.title).toBe('2023年知识产权运用促进工作要点');
    expect(plan.docNumber).toBeNull();
    expect(plan.year).toBe(2023);
    expect(plan.tasks.map((t) => t.title)).toEqual(['推进专利转化运用专项行动', '深化知识产权金融服务', '加强商标品牌建设', '加强宣传培训']);
  });

  it('numbers tasks in order when the document restarts its numbering per section', () => {
    expect(plan.tasks.map((t) => [t.number, t.section])).toEqual([[1, 2], [2, 2], [3, 3], [4, 3]]);
    expect(plan.sections).toEqual([{ number: 2, title: '重点任务' }, { number: 3, title: '保障措施' }]);
  });

  it('unions the departments of all statements in order, with 牵头/配合 and half-width parentheses', () => {
    expect(plan.tasks[0]!.departments).toEqual(['运用促进司', '战略规划司']);
    expect(plan.tasks[1]!.departments).toEqual(['运用促进司', '保护司']);
    expect(plan.tasks[2]!.departments).toEqual(['商标局审查一部', '商标局审查二部']);
  });

  it('leaves the deadline kind null unless the statement gives one', () => {
    expect(plan.tasks.map((t) => t.deadlineKind)).toEqual([null, null, 'year_end', null]);
  });

  it('keeps each statement’s text as a measure of its departments, joined across the line break', () => {
    expect(plan.tasks[0]!.measures).toEqual([
      { actor: '运用促进司', text: '推进专利转化运用专项行动。围绕高校和科研机构存量专利开展盘点，推动一批专利实现产业化。' },
      { actor: '战略规划司、运用促进司', text: '做好专项行动成效统计，按季度通报进展。' },
    ]);
  });

  it('reads targets and the report deadline', () => {
    expect(plan.indicators).toEqual([
      { name: '专利转化运用专项行动覆盖企业', comparator: '>=', value: 5000, unit: '家' },
      { name: '高价值发明专利拥有量', comparator: '>=', value: 40, unit: '万件' },
      { name: '知识产权质押融资项目数', comparator: '>=', value: 2.5, unit: '万个' },
    ]);
    expect(plan.reportDeadline).toBe('2023-12-10');
    expect(plan.reportTo).toBe('办公室');
  });
});

describe('a 2024 table with a 序号 column and its own column order', () => {
  let plan: ParsedPlan;
  beforeEach(() => {
    plan = parsePlan(fixture('table-2024-serial.txt'));
  });

  it('maps columns by the header row', () => {
    expect(plan.docNumber).toBe('国知办发保字〔2024〕12号');
    expect(plan.tasks.map((t) => [t.number, t.title, t.section, t.deadlineKind])).toEqual([
      [1, '推进行政裁决规范化建设', 1, 'year_end'],
      [2, '加强地理标志保护', 1, 'milestone'],
      [3, '健全快速协同保护机制', 2, 'milestone'],
    ]);
    expect(plan.tasks[1]!.departments).toEqual(['保护司', '商标局审查一部', '商标局审查二部']);
    expect(plan.tasks[2]!.measures).toEqual([
      { actor: '国家知识产权局', text: '优化保护中心布局。' },
      { actor: '各地区', text: '加强与司法机关衔接。' },
    ]);
  });

  it('reads 以上 as a floor and a 保护目标 heading as the targets', () => {
    expect(plan.indicators).toEqual([
      { name: '知识产权保护社会满意度', comparator: '>=', value: 82, unit: '分' },
      { name: '重点领域专利侵权纠纷行政裁决案件办结率', comparator: '>=', value: 90, unit: '%' },
    ]);
    expect(plan.reportDeadline).toBe('2024-12-20');
    expect(plan.reportTo).toBe('保护司');
  });
});

describe('a short notice whose 一、 items carry the responsibility', () => {
  const text = [
    '关于做好2025年专利工作的通知',
    '',
    '一、加快审查提速。压减发明专利审查周期，提升审查质量。（专利局审查部、自动化部负责）',
    '二、强化运营服务。(运用促进司负责)',
    '三、其他事项。各单位按要求做好有关工作。',
  ].join('\n');
  let plan: ParsedPlan;
  beforeEach(() => {
    plan = parsePlan(text);
  });

  it('makes tasks of the items without sections', () => {
    expect(plan.year).toBe(2025);
    expect(plan.sections).toEqual([]);
    expect(plan.tasks).toEqual([
      {
        number: 1, title: '加快审查提速', section: null, deadlineKind: null, departments: ['专利局审查部', '专利局自动化部'],
        measures: [{ actor: '专利局审查部、专利局自动化部', text: '加快审查提速。压减发明专利审查周期，提升审查质量。' }],
      },
      { number: 2, title: '强化运营服务', section: null, deadlineKind: null, departments: ['运用促进司'], measures: [{ actor: '运用促进司', text: '强化运营服务。' }] },
    ]);
  });
});
