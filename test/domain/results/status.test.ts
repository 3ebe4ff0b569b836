import { beforeEach, describe, expect, it } from 'vitest';
import { resultStatuses, type PaperFact, type ResultFileFact, type ResultUnit } from '../../../src/domain/results/status.ts';

const file = (departmentId: number, fileName: string, at: string): ResultFileFact => ({
  departmentId,
  fileName,
  sizeBytes: 204_800,
  mimeType: 'application/pdf',
  sha256: `${departmentId}-${fileName}`,
  submittedBy: `ou_${departmentId}`,
  submittedByName: null,
  submittedAt: new Date(at),
});

const paper = (departmentId: number, at: string): PaperFact => ({ departmentId, confirmedBy: 'ou_admin', confirmedByName: '赵敏', confirmedAt: new Date(at) });

describe('where each unit stands in the 成效报送', () => {
  let units: ResultUnit[];
  beforeEach(() => {
    units = [
      { id: 4, name: '运用促进司', kind: 'department' },
      { id: 3, name: '保护司', kind: 'department' },
      { id: 11, name: '北京市知识产权局', kind: 'region' },
      { id: 12, name: '上海市知识产权局', kind: 'region' },
    ];
  });

  it('keeps the units in the order given, each with nothing when nothing came', () => {
    const o = resultStatuses(units, [], []);
    expect(o.units.map((u) => u.unit.name)).toEqual(['运用促进司', '保护司', '北京市知识产权局', '上海市知识产权局']);
    expect(o.units[2]).toEqual({ unit: units[2], latest: null, files: 0, paper: null });
    expect(o).toMatchObject({ submitted: 0, paperConfirmed: 0, nothing: 4 });
  });

  it('takes the latest file of each unit, whatever order the files come in, and counts them all', () => {
    const files = [
      file(3, '保护司成效（修订）.pdf', '2021-12-10T08:00:00Z'),
      file(11, '北京成效.docx', '2021-12-08T02:00:00Z'),
      file(3, '保护司成效.pdf', '2021-12-01T08:00:00Z'),
      file(3, '保护司成效（终稿）.pdf', '2021-12-12T08:00:00Z'),
      file(3, '保护司成效（草稿）.pdf', '2021-11-30T08:00:00Z'),
    ];
    const o = resultStatuses(units, files, []);
    expect(o.units[1]).toMatchObject({ latest: { fileName: '保护司成效（终稿）.pdf' }, files: 4 });
    expect(o.units[2]).toMatchObject({ latest: { fileName: '北京成效.docx' }, files: 1 });
    expect(o.units[0]).toMatchObject({ latest: null, files: 0 });
  });

  it('takes the one listed last when two files came at the same moment', () => {
    const o = resultStatuses(units, [file(4, '第一份.pdf', '2021-12-10T08:00:00Z'), file(4, '第二份.pdf', '2021-12-10T08:00:00Z')], []);
    expect(o.units[0]).toMatchObject({ latest: { fileName: '第二份.pdf' }, files: 2 });
  });

  it('counts the units that sent a file, those whose paper copy arrived, and those with neither', () => {
    const files = [file(3, '保护司成效.pdf', '2021-12-10T08:00:00Z'), file(11, '北京成效.pdf', '2021-12-11T08:00:00Z'), file(99, '已撤销单位.pdf', '2021-12-11T08:00:00Z')];
    const papers = [paper(11, '2021-12-14T01:00:00Z'), paper(12, '2021-12-15T01:00:00Z')];
    const o = resultStatuses(units, files, papers);
    expect(o.units[3]).toEqual({ unit: units[3], latest: null, files: 0, paper: papers[1] });
    expect(o.units[2]).toMatchObject({ latest: { fileName: '北京成效.pdf' }, paper: papers[0] });
    expect(o.units[1]).toMatchObject({ paper: null });
    expect(o.units).toHaveLength(4);
    expect({ submitted: o.submitted, paperConfirmed: o.paperConfirmed, nothing: o.nothing }).toEqual({ submitted: 2, paperConfirmed: 2, nothing: 1 });
  });
});
