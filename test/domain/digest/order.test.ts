import { describe, expect, it } from 'vitest';
import { diffStates } from '../../../src/domain/digest/changes.ts';
import { summariseKeyPoints } from '../../../src/domain/digest/key-points.ts';
import { boundedNote } from '../../../src/domain/digest/redlist.ts';
import type { DigestKeyPointInput, DigestModel } from '../../../src/domain/digest/types.ts';
import type { Status } from '../../../src/domain/status.ts';

// Orders and cuts the digest must hold whatever order its input comes in: task ids need not follow
// task numbers, key points arrive in any order, notes can be any length.

describe('orders independent of the input', () => {
  it('lists moves by task number even when ids run the other way', () => {
    const s = (number: number, status: Status) => ({ number, status, progress: 0 });
    const previous: Pick<DigestModel, 'round' | 'taskStates'> = {
      round: { key: '2021-W40', startsAt: '', endsAt: '' },
      taskStates: { 301: s(3, 'on_track'), 302: s(1, 'on_track'), 303: s(2, 'at_risk') },
    };
    const titles = new Map([[301, '任务3'], [302, '任务1'], [303, '任务2']]);
    const d = diffStates({ 301: s(3, 'blocked'), 302: s(1, 'done'), 303: s(2, 'blocked') }, titles, previous);
    expect(d.moves.map((m) => [m.taskId, m.number])).toEqual([[302, 1], [303, 2], [301, 3]]);
    expect(d.newBlockers.map((m) => m.title)).toEqual(['任务2', '任务3']);
    expect(d.completions.map((m) => m.title)).toEqual(['任务1']);
  });

  it('puts blocked key points before those at risk, each by number, whatever order they come in', () => {
    const kp = (number: number, status: Status): DigestKeyPointInput => ({ number, title: `要点${number}`, units: [{ region: false, status, reportedThisRound: true }] });
    const digest = summariseKeyPoints([kp(9, 'at_risk'), kp(7, 'blocked'), kp(1, 'at_risk'), kp(8, 'on_track'), kp(3, 'blocked'), kp(4, 'at_risk')]);
    expect(digest!.attention).toEqual([
      { number: 3, title: '要点3', status: 'blocked' },
      { number: 7, title: '要点7', status: 'blocked' },
      { number: 1, title: '要点1', status: 'at_risk' },
      { number: 4, title: '要点4', status: 'at_risk' },
      { number: 9, title: '要点9', status: 'at_risk' },
    ]);
    expect(digest!.counts).toMatchObject({ blocked: 2, at_risk: 3, on_track: 1 });
  });
});

describe('bounded notes at their length', () => {
  it('cuts a long note to 199 characters and one ellipsis', () => {
    expect(boundedNote('协'.repeat(500))).toBe(`${'协'.repeat(199)}…`);
  });

  it('ends a note cut behind its collapsed whitespace with a single ellipsis, within the bound', () => {
    // 200 characters, then spaces up to the pre-cut, then more text: the kept line is exactly 200 long
    const note = `${'协'.repeat(200)}${' '.repeat(202)}尾部说明`;
    expect(boundedNote(note)).toBe(`${'协'.repeat(199)}…`);
    const shorter = `${'协'.repeat(199)}${' '.repeat(203)}尾部说明`;
    expect(boundedNote(shorter)).toBe(`${'协'.repeat(199)}…`);
  });
});
