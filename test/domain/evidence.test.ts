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

  it('orders tasks of the same number by id, so the buttons keep their places', () => {
    const { shown } = evidenceChoices([t(9, 4), t(2, 4), t(5, 4, null, 'key_point'), t(3, 4, null, 'key_point')]);
    expect(shown.map((x) => x.id)).toEqual([2, 9, 3, 5]);
  });

  it('says who may see the file when refusing', () => {
    expect(checkEvidenceViewer({ operator: 'ou_co', reviewers: ['ou_lead'], admins: ['ou_admin'] })).toEqual({
      ok: false,
      code: 'NOT_REVIEWER',
      message: '只有该任务办结的审核人（牵头部门填报人或督办管理员）可以查看佐证文件',
    });
    expect(checkEvidenceViewer({ operator: 'ou_co', reviewers: [], admins: [] }).ok).toBe(false);
  });

  it('reads the extension after the last dot, in lower case, and none from a name without a dot', () => {
    expect(['验收报告.PDF', '2021.成效.Docx', '成效', 'README', '结项.'].map(extensionOf)).toEqual(['pdf', 'docx', '', '', '']);
  });

  it('uploads every accepted type with its file_type, given as a type or as an extension', () => {
    const types: Record<string, string> = { pdf: 'pdf', doc: 'doc', docx: 'doc', wps: 'doc', xls: 'xls', xlsx: 'xls', et: 'xls', ofd: 'stream', zip: 'stream', '': 'stream' };
    for (const [ext, fileType] of Object.entries(types)) {
      expect(larkFileTypeOf(ext), ext).toBe(fileType);
      expect(larkFileTypeOf({ ext }), ext).toBe(fileType);
    }
  });

  it('words every report refusal for attaching, leaving the rest of the message', () => {
    expect(evidenceRefusal('该任务不属于「保护司」，无法提交')).toBe('该任务不属于「保护司」，不能附办结佐证');
    expect(evidenceRefusal('该任务已不存在或卡片已过期，请在最新的卡片上填报')).toBe('该任务已不存在或卡片已过期，请在最新的卡片上填报');
  });
});
