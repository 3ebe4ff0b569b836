import { describe, expect, it } from 'vitest';
import { checkAttachable, checkEvidenceViewer, EVIDENCE_TASKS_MAX, evidenceChoices, evidenceRefusal, extensionOf, larkFileTypeOf, taskLabel } from '../../src/domain/evidence.ts';
import { checkSubmission } from '../../src/domain/authorise.ts';

const t = (id: number, number: number, status: string | null = null, kind = 'task') => ({ id, kind, number, title: `任务标题${number}`, status });

describe('办结佐证 rules', () => {
  it('offers the unit’s tasks not yet approved as done, annex tasks before key points, each by number', () => {
    const { shown, more } = evidenceChoices([t(1, 7, 'on_track'), t(2, 3, 'done'), t(3, 2, null, 'key_point'), t(4, 1, 'pending_review'), t(5, 12, 'blocked')]);
    expect(shown.map((x) => taskLabel(x))).toEqual(['任务1', '任务7', '任务12', '工作要点2']);
    expect(more).toBe(0);
  });

  it('keeps a pending 已完成 open (the file may be corrected before the decision) and offers nothing when every task is done', () => {
    expect(evidenceChoices([t(1, 1, 'pending_review')]).shown).toHaveLength(1);
    expect(evidenceChoices([t(1, 1, 'done'), t(2, 2, 'done')])).toEqual({ shown: [], more: 0 });
  });

  it(`shows at most ${EVIDENCE_TASKS_MAX} tasks and counts the rest`, () => {
    const many = Array.from({ length: 30 }, (_, i) => t(i + 1, 30 - i));
    const { shown, more } = evidenceChoices(many);
    expect(shown).toHaveLength(EVIDENCE_TASKS_MAX);
    expect(shown[0]!.number).toBe(1);
    expect(more).toBe(10);
  });

  it('refuses a task approved as done', () => {
    expect(checkAttachable({ label: '任务6', status: 'done' })).toEqual({ ok: false, code: 'ALREADY_DONE', message: '任务6已审核办结，无需再附佐证文件' });
    for (const status of [null, 'on_track', 'pending_review']) expect(checkAttachable({ label: '任务6', status }).ok).toBe(true);
  });

  it('lets the reviewers and the admins, and nobody else, have the file sent', () => {
    const f = { reviewers: ['ou_lead'], admins: ['ou_admin'] };
    expect(checkEvidenceViewer({ ...f, operator: 'ou_lead' }).ok).toBe(true);
    expect(checkEvidenceViewer({ ...f, operator: 'ou_admin' }).ok).toBe(true);
    expect(checkEvidenceViewer({ ...f, operator: 'ou_co' })).toMatchObject({ ok: false, code: 'NOT_REVIEWER' });
  });

  it('words the report refusals for attaching', () => {
    const r = checkSubmission({ operatorOpenId: 'ou_x', departmentName: '运用促进司', reporters: [], planMatches: true, taskExists: true, taskRemoved: false, taskDepartmentIds: [1], departmentId: 1 });
    expect(!r.ok && evidenceRefusal(r.message)).toBe('您不是「运用促进司」的填报人，不能附办结佐证。如需开通请联系督办管理员');
  });

  it('uploads documents with the file_type Lark knows them by', () => {
    expect(['a.pdf', 'a.DOCX', 'a.wps', 'a.xlsx', 'a.et', 'a.ofd', 'a'].map((n) => larkFileTypeOf(extensionOf(n)))).toEqual(['pdf', 'doc', 'doc', 'xls', 'xls', 'stream', 'stream']);
  });
});
