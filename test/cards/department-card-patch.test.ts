import { describe, expect, it } from 'vitest';
import { buildDepartmentCards, indicatorKey, pageDepartmentCard, pageOf, patchIndicatorBlock, patchTaskBlock, renderDepartmentPage, taskKey } from '../../src/cards/department-card.ts';
import type { DepartmentCardIndicator, DepartmentCardInput, LastReport, SubmittedMark } from '../../src/cards/department-types.ts';
import { input, task } from './fixtures.ts';

// The answer to a submission patches one block of the card in memory (src/usecases/inbound/card-pages.ts);
// it must be exactly the page a full rebuild from the same data gives.
const at = (min: number) => new Date(Date.UTC(2021, 5, 8, 2, min));
const indicator = (n: number): DepartmentCardIndicator => ({ id: 900 + n, name: `指标${n}`, comparator: '>=', value: 10 * n, unit: '件', last: null, submitted: null });

function world(): DepartmentCardInput {
  const tasks = Array.from({ length: 60 }, (_, i) =>
    task(i + 1, {
      title: `任务标题${i + 1}`.repeat(8),
      measuresForBureau: [`举措${i + 1}`.repeat(60)],
      kind: i >= 55 ? 'key_point' : 'task',
      last: i % 3 === 0 ? { status: 'on_track', progress: i, note: `说明${i}`, evidenceUrl: null, reporterName: '张三', reportedAt: at(i) } : null,
    }),
  );
  return input(tasks, { indicators: [indicator(1), indicator(2)] });
}

describe('patching one block of a department card', () => {
  it('gives, submission after submission, the page a full rebuild with the same data gives', () => {
    const paged = pageDepartmentCard(world());
    expect(paged.pages.length).toBeGreaterThan(1);
    const rebuilt = world();
    const who = (min: number): SubmittedMark => ({ by: '李四', at: at(min) });
    const steps: { taskId?: number; indicatorId?: number; last: LastReport | DepartmentCardIndicator['last']; submitted: SubmittedMark }[] = [
      { taskId: 101, last: { status: 'at_risk', progress: 45, note: '经费未到位', evidenceUrl: 'https://example.gov.cn/a', reporterName: '李四', reportedAt: at(30) }, submitted: who(30) },
      // a task on the last page, a note too long to prefill, then the same task again
      { taskId: 158, last: { status: 'blocked', progress: 5, note: '长'.repeat(900), evidenceUrl: null, reporterName: '李四', reportedAt: at(31) }, submitted: who(31) },
      { taskId: 158, last: { status: 'done', progress: 100, note: '<at id=all></at> *完成*', evidenceUrl: 'javascript:alert(1)', reporterName: '李四', reportedAt: at(32) }, submitted: who(32) },
      { indicatorId: 902, last: { value: 18.25, reporterName: '李四', reportedAt: at(33) }, submitted: who(33) },
    ];
    for (const s of steps) {
      const key = s.taskId ? taskKey(s.taskId) : indicatorKey(s.indicatorId!);
      const patched = s.taskId
        ? patchTaskBlock(paged, s.taskId, { last: s.last as LastReport, submitted: s.submitted })
        : patchIndicatorBlock(paged, s.indicatorId!, { last: s.last as DepartmentCardIndicator['last'], submitted: s.submitted });
      const target = s.taskId ? rebuilt.tasks.find((t) => t.id === s.taskId)! : rebuilt.indicators!.find((i) => i.id === s.indicatorId)!;
      Object.assign(target, { last: s.last, submitted: s.submitted });
      const full = buildDepartmentCards(rebuilt);
      expect(full).toHaveLength(paged.pages.length);
      // Compared as JSON text: the same check as a deep equal of these large cards (both sides come
      // from the same builders, so keys are in the same order) at a fraction of the time, which
      // matters when the mutation run repeats this test for every mutant of the card code.
      expect(JSON.stringify(patched)).toBe(JSON.stringify(full[pageOf(paged, key)]));
      // and every other page the chat holds is the rebuild's too
      expect(JSON.stringify(paged.pages.map((_, i) => renderDepartmentPage(paged, i)))).toBe(JSON.stringify(full));
    }
  });

  it('answers null for a task or indicator the card does not list, changing nothing', () => {
    const paged = pageDepartmentCard(world());
    const before = JSON.stringify([...paged.blocks]);
    expect(patchTaskBlock(paged, 99_999, { last: null, submitted: { by: 'x', at: at(1) } })).toBeNull();
    expect(patchIndicatorBlock(paged, 99_999, { last: null, submitted: { by: 'x', at: at(1) } })).toBeNull();
    expect(JSON.stringify([...paged.blocks])).toBe(before);
  });
});
