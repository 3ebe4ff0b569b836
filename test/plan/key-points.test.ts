import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/parse.ts';
import type { ParsedPlan } from '../../src/plan/types.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
// Parsed afresh before each test, not once when the file is read: Stryker switches a mutant on after
// the file is collected, so a plan parsed at collection would never meet the mutant the test should catch.
let seed: ParsedPlan;
beforeEach(() => {
  seed = parsePlan(read('../../samples/cnipa-2021.txt'));
});
const point = (n: number) => seed.keyPoints.find((k) => k.number === n)!;

describe('the 工作要点 of the seed body', () => {
  it('finds ten key points numbered 1–10 in document order, under sections 二、三、四', () => {
    expect(seed.tasks).toHaveLength(22);
    expect(seed.keyPoints.map((k) => k.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seed.keyPoints.map((k) => k.section)).toEqual([2, 2, 2, 3, 3, 3, 3, 3, 4, 4]);
    expect(point(1).sectionTitle).toBe('强化知识产权高质量发展标杆引领');
    expect(point(8).title).toBe('深化知识产权国际合作');
    expect(seed.keyPoints.every((k) => !k.title.endsWith('。'))).toBe(true);
  });

  it('gives key point 3 two clauses, 运用促进司 then 各地方知识产权局 as written, each with the sentences it covers', () => {
    expect(point(3).clauses.map((c) => c.departments)).toEqual([['运用促进司'], ['各地方知识产权局']]);
    expect(point(3).clauses[0]!.text).toMatch(/^制定知识产权强国建设试点示范管理办法/);
    expect(point(3).clauses[1]!.text).toBe('各地区根据国家局统一部署，遴选推荐一批试点示范项目，努力打造工作亮点，形成可复制可推广的经验做法。');
  });

  it('splits a shared clause into its departments: key point 8 is 国际合作司 and 保护司', () => {
    expect(point(8).clauses).toHaveLength(1);
    expect(point(8).clauses[0]!.departments).toEqual(['国际合作司', '保护司']);
  });

  it('counts 14 clauses, three of them for 各地方知识产权局', () => {
    const clauses = seed.keyPoints.flatMap((k) => k.clauses);
    expect(clauses).toHaveLength(14);
    expect(clauses.filter((c) => c.departments.includes('各地方知识产权局'))).toHaveLength(3);
  });
});

describe('key points in other layouts', () => {
  it('gives keyPoints [] for a document whose tasks are the inline items themselves', () => {
    const plan = parsePlan(read('../fixtures/plans/inline-2023.txt'));
    expect(plan.tasks.length).toBeGreaterThan(0);
    expect(plan.keyPoints).toEqual([]);
  });

  it('gives keyPoints [] for a table document whose body has no responsibility clauses', () => {
    const plan = parsePlan(read('../fixtures/plans/table-2024-serial.txt'));
    expect(plan.tasks.length).toBeGreaterThan(0);
    expect(plan.keyPoints).toEqual([]);
  });
});
