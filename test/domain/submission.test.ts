import { describe, expect, it } from 'vitest';
import { checkIndicatorSubmission, checkSubmission } from '../../src/domain/authorise.ts';
import { validateSubmission } from '../../src/domain/submission.ts';

const value = { kind: 'report', planId: 1, roundId: 2, departmentId: 3, taskId: 5 };
const submit = (form: Record<string, unknown>, v: unknown = value) => validateSubmission({ value: v, formValue: form });

describe('validating a card submission', () => {
  it('accepts a full report with progress given as a string', () => {
    const r = submit({ status_5: 'on_track', progress_5: '60', note_5: ' 推进中 ', evidence_5: 'https://example.cn/a' });
    expect(r).toEqual({
      ok: true,
      value: { kind: 'report', planId: 1, roundId: 2, departmentId: 3, taskId: 5, status: 'on_track', progress: 60, note: '推进中', evidenceUrl: 'https://example.cn/a' },
    });
  });

  it('accepts action.value as a JSON string and fields without the task suffix', () => {
    const r = submit({ status: 'done', evidence: 'https://example.cn/done' }, JSON.stringify(value));
    expect(r.ok && r.value.kind === 'report' && r.value.progress).toBe(100);
  });

  it('refuses a status outside the list', () => {
    expect(submit({ status_5: 'finished', progress_5: '10' })).toMatchObject({ ok: false, code: 'BAD_STATUS' });
    expect(submit({ progress_5: '10' })).toMatchObject({ ok: false, code: 'BAD_STATUS', message: expect.stringContaining('正常推进') });
  });

  it.each(['-1', '101', '50.5', 'abc', '', 'Infinity'])('refuses progress %j', (p) => {
    expect(submit({ status_5: 'on_track', progress_5: p })).toEqual({ ok: false, code: 'BAD_PROGRESS', message: '进度须为 0–100 的整数' });
  });

  it('counts the note in code points: 1000 emoji pass, 1001 characters do not', () => {
    expect(submit({ status_5: 'on_track', progress_5: 1, note_5: '😀'.repeat(1000) }).ok).toBe(true);
    expect(submit({ status_5: 'on_track', progress_5: 1, note_5: '字'.repeat(1001) })).toMatchObject({
      ok: false,
      code: 'NOTE_TOO_LONG',
      message: '说明不能超过 1000 字（当前 1001 字）',
    });
  });

  it.each(['javascript:alert(1)', 'ftp://a.cn/x', 'www.example.cn', 'https:///x', '<at id=all></at>'])('refuses evidence %j', (e) => {
    expect(submit({ status_5: 'on_track', progress_5: 1, evidence_5: e })).toMatchObject({ ok: false, code: 'BAD_EVIDENCE' });
  });

  it('refuses 已完成 without evidence, and with evidence that is not an http(s) link', () => {
    expect(submit({ status_5: 'done' })).toMatchObject({ ok: false, code: 'EVIDENCE_REQUIRED', message: expect.stringContaining('须附佐证链接') });
    expect(submit({ status_5: 'done', evidence_5: '  ' })).toMatchObject({ ok: false, code: 'EVIDENCE_REQUIRED' });
    for (const e of ['ftp://a.cn/x', 'file:///etc/passwd', 'javascript:alert(1)', '见附件']) {
      expect(submit({ status_5: 'done', evidence_5: e })).toMatchObject({ ok: false, code: 'BAD_EVIDENCE' });
    }
    expect(submit({ status_5: 'done', evidence_5: 'http://a.cn/x' })).toMatchObject({ ok: true, value: { status: 'done', progress: 100 } });
  });

  it('accepts 已完成 without a link on a file attached to the task, and says how to attach one when there is none', () => {
    const attached = { id: 42, fileName: '验收报告.pdf' };
    const on = (form: Record<string, unknown>, a: typeof attached | null = attached) => validateSubmission({ value, formValue: form, attached: a });
    expect(on({ status_5: 'done' })).toEqual({
      ok: true,
      value: { kind: 'report', planId: 1, roundId: 2, departmentId: 3, taskId: 5, status: 'done', progress: 100, note: '', evidenceUrl: null, evidenceFileId: 42 },
    });
    // a link, when given, is the evidence: the file is not used
    expect(on({ status_5: 'done', evidence_5: 'https://a.cn/x' })).toMatchObject({ ok: true, value: { evidenceUrl: 'https://a.cn/x' } });
    expect(on({ status_5: 'done', evidence_5: 'https://a.cn/x' }).ok && 'evidenceFileId' in (on({ status_5: 'done', evidence_5: 'https://a.cn/x' }) as { value: object }).value).toBe(false);
    // only a 已完成 rests on it; other statuses carry no file
    expect(on({ status_5: 'on_track', progress_5: '50' })).toMatchObject({ ok: true, value: { evidenceUrl: null } });
    expect((on({ status_5: 'on_track', progress_5: '50' }) as { value: object }).value).not.toHaveProperty('evidenceFileId');
    // a bad link is refused even with a file attached
    expect(on({ status_5: 'done', evidence_5: 'ftp://a.cn/x' })).toMatchObject({ ok: false, code: 'BAD_EVIDENCE' });
    // without one: EVIDENCE_REQUIRED, naming both ways
    for (const none of [null, undefined]) {
      expect(validateSubmission({ value, formValue: { status_5: 'done' }, attached: none })).toEqual({
        ok: false,
        code: 'EVIDENCE_REQUIRED',
        message: '报送「已完成」须附佐证链接，或先把佐证文件发给督办并选择该任务，供审核人核验',
      });
    }
  });

  it('does not offer 待审核 as a status a reporter may choose', () => {
    expect(submit({ status_5: 'pending_review', progress_5: '100' })).toMatchObject({ ok: false, code: 'BAD_STATUS' });
  });

  it('stores evidence in its ASCII form and refuses one longer than the card input takes', () => {
    expect(submit({ status_5: 'on_track', progress_5: 1, evidence_5: 'https://例子.cn/文件' })).toMatchObject({
      ok: true,
      value: { evidenceUrl: 'https://xn--fsqu00a.cn/%E6%96%87%E4%BB%B6' },
    });
    expect(submit({ status_5: 'on_track', progress_5: 1, evidence_5: `https://e.cn/${'文'.repeat(40)}` })).toMatchObject({ ok: false, code: 'BAD_EVIDENCE' });
  });

  it('keeps the last note only when a card that did not prefill it comes back with the note blank', () => {
    const keep = { ...value, keepNote: true };
    const ev = { evidence_5: 'https://example.cn/done' };
    expect(submit({ status_5: 'done', ...ev }, keep)).toMatchObject({ ok: true, value: { note: '', keepNote: true } });
    const typed = submit({ status_5: 'done', note_5: '新说明', ...ev }, keep);
    expect(typed).toMatchObject({ ok: true, value: { note: '新说明' } });
    expect((typed as { value: object }).value).not.toHaveProperty('keepNote');
    expect((submit({ status_5: 'done', ...ev }) as { value: object }).value).not.toHaveProperty('keepNote');
  });

  it('refuses a note or evidence Postgres cannot store: U+0000 and lone surrogates, but not emoji', () => {
    for (const form of [
      { note_5: 'a\u0000b' },
      { note_5: 'a\uD800' },
      { note_5: '\uDC00a' },
      { evidence_5: 'https://example.cn/\u0000' },
    ]) {
      expect(submit({ status_5: 'on_track', progress_5: 1, ...form })).toMatchObject({ ok: false, code: 'BAD_TEXT', message: expect.stringContaining('无法保存的字符') });
    }
    expect(submit({ status_5: 'on_track', progress_5: 1, note_5: '好😀' }).ok).toBe(true);
  });

  it('refuses a malformed action value', () => {
    expect(submit({ status_5: 'done' }, { kind: 'report', taskId: 'x' })).toMatchObject({ ok: false, code: 'BAD_ACTION' });
    expect(submit({ status_5: 'done' }, 'not json')).toMatchObject({ ok: false, code: 'BAD_ACTION' });
  });

  it('validates an indicator value', () => {
    const v = { kind: 'indicator', planId: 1, roundId: 2, departmentId: 3, indicatorId: 7 };
    expect(submit({ indicator_value_7: '18.2' }, v)).toEqual({ ok: true, value: { ...v, value: 18.2 } });
    expect(submit({ indicator_value_7: '十八' }, v)).toMatchObject({ ok: false, code: 'BAD_INDICATOR_VALUE' });
  });
});

describe('who may submit', () => {
  const facts = {
    operatorOpenId: 'ou_a',
    departmentName: '运用促进司',
    reporters: ['ou_a'],
    planMatches: true,
    taskExists: true,
    taskRemoved: false,
    taskDepartmentIds: [3, 4],
    departmentId: 3,
  };

  it('a reporter of a responsible department may submit', () => {
    expect(checkSubmission(facts)).toEqual({ ok: true });
  });

  it('refuses someone who is not the department reporter', () => {
    expect(checkSubmission({ ...facts, operatorOpenId: 'ou_b' })).toMatchObject({ ok: false, code: 'NOT_REPORTER', message: expect.stringContaining('运用促进司') });
  });

  it('refuses a task that is not the department’s', () => {
    expect(checkSubmission({ ...facts, taskDepartmentIds: [4] })).toMatchObject({ ok: false, code: 'TASK_NOT_DEPARTMENTS' });
  });

  it('refuses a deleted task, an unknown task, or a card of another plan', () => {
    expect(checkSubmission({ ...facts, taskRemoved: true })).toMatchObject({ code: 'TASK_UNKNOWN' });
    expect(checkSubmission({ ...facts, taskExists: false })).toMatchObject({ code: 'TASK_UNKNOWN' });
    expect(checkSubmission({ ...facts, planMatches: false })).toMatchObject({ code: 'TASK_UNKNOWN' });
  });

  it('indicators: only the owner department’s reporters', () => {
    const f = { operatorOpenId: 'ou_a', departmentName: '商标局', reporters: ['ou_a'], planMatches: true, indicatorExists: true, ownerDepartmentId: 3, departmentId: 3 };
    expect(checkIndicatorSubmission(f)).toEqual({ ok: true });
    expect(checkIndicatorSubmission({ ...f, ownerDepartmentId: 9 })).toMatchObject({ code: 'INDICATOR_NOT_DEPARTMENTS' });
    expect(checkIndicatorSubmission({ ...f, indicatorExists: false })).toMatchObject({ code: 'INDICATOR_UNKNOWN' });
    expect(checkIndicatorSubmission({ ...f, reporters: [] })).toMatchObject({ code: 'NOT_REPORTER' });
  });
});

describe('ids in card values', () => {
  it('are bounded to the Postgres integer range: 2147483647 passes, 2147483648 is refused', () => {
    const value = (indicatorId: number) => ({ kind: 'indicator', planId: 1, roundId: 1, departmentId: 1, indicatorId });
    const form = (id: number) => ({ [`indicator_value_${id}`]: '1' });
    expect(validateSubmission({ value: value(2147483647), formValue: form(2147483647) }).ok).toBe(true);
    expect(validateSubmission({ value: value(2147483648), formValue: form(2147483648) })).toMatchObject({ ok: false, code: 'BAD_ACTION' });
    expect(validateSubmission({ value: value(0), formValue: form(0) })).toMatchObject({ ok: false, code: 'BAD_ACTION' });
  });
});
