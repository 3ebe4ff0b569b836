import { describe, expect, it } from 'vitest';
import { checkIndicatorSubmission, checkSubmission } from '../../src/domain/authorise.ts';
import { indicatorFieldNames, STATUS_CHOICES, taskFieldNames, validateSubmission } from '../../src/domain/submission.ts';

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

describe('a card submission, in detail', () => {
  const report = { kind: 'report', planId: 1, roundId: 2, departmentId: 3, taskId: 5 };
  const send = (form: unknown, v: unknown = report) => validateSubmission({ value: v, formValue: form });

  it('names every form field after its task or indicator, unique across a card', () => {
    expect(taskFieldNames(12)).toEqual({ form: 'form_12', status: 'status_12', progress: 'progress_12', note: 'note_12', evidence: 'evidence_12', submit: 'submit_12' });
    expect(indicatorFieldNames(7)).toEqual({ form: 'indicator_form_7', value: 'indicator_value_7', submit: 'indicator_submit_7' });
  });

  it('lists the reportable statuses in the refusal', () => {
    expect(STATUS_CHOICES).toBe('未启动、正常推进、存在风险、受阻、已完成');
    expect(send({ status_5: '完成' })).toEqual({ ok: false, code: 'BAD_STATUS', message: '状态须为以下之一：未启动、正常推进、存在风险、受阻、已完成' });
  });

  it('says a malformed card action is unknown, and asks for the latest card', () => {
    for (const v of [null, 42, '', '{"kind":"report"}', { ...report, kind: 'vote' }, { ...report, taskId: 0 }]) {
      expect(send({ status_5: 'on_track', progress_5: 1 }, v), JSON.stringify(v)).toEqual({ ok: false, code: 'BAD_ACTION', message: '无法识别的卡片操作，请使用最新的卡片填报' });
    }
  });

  it('takes a missing or non-object form as empty', () => {
    for (const form of [undefined, null, 'status_5=on_track', 5]) expect(send(form), String(form)).toMatchObject({ ok: false, code: 'BAD_STATUS' });
  });

  it('reads the field named after the task before the bare one', () => {
    expect(send({ status_5: 'blocked', status: 'done', progress_5: '30', progress: '90' })).toMatchObject({ ok: true, value: { status: 'blocked', progress: 30 } });
    // another task’s field is not this task’s
    expect(send({ status_6: 'on_track', progress_6: '30' })).toMatchObject({ ok: false, code: 'BAD_STATUS' });
  });

  it('falls back to the bare field names whatever the number of digits in the task id', () => {
    const big = { ...report, taskId: 1207 };
    expect(send({ status: 'on_track', progress: '45', note: '推进中' }, big)).toMatchObject({ ok: true, value: { taskId: 1207, status: 'on_track', progress: 45, note: '推进中' } });
    const indicator = { kind: 'indicator', planId: 1, roundId: 2, departmentId: 3, indicatorId: 21 };
    expect(send({ indicator_value: '18.5' }, indicator)).toEqual({ ok: true, value: { ...indicator, value: 18.5 } });
  });

  it('takes progress as going without saying only for 未启动 (0) and 已完成 (100)', () => {
    for (const blank of [undefined, null, '', '  ']) {
      expect(send({ status_5: 'not_started', progress_5: blank }), String(blank)).toMatchObject({ ok: true, value: { status: 'not_started', progress: 0 } });
      expect(send({ status_5: 'done', progress_5: blank, evidence_5: 'https://a.cn/x' }), String(blank)).toMatchObject({ ok: true, value: { progress: 100 } });
      for (const status of ['on_track', 'at_risk', 'blocked']) expect(send({ status_5: status, progress_5: blank }), `${status} ${String(blank)}`).toMatchObject({ ok: false, code: 'BAD_PROGRESS' });
    }
    // a given progress is kept, even for those two
    expect(send({ status_5: 'not_started', progress_5: '10' })).toMatchObject({ ok: true, value: { progress: 10 } });
    expect(send({ status_5: 'done', progress_5: '90', evidence_5: 'https://a.cn/x' })).toMatchObject({ ok: true, value: { progress: 90 } });
    expect(send({ status_5: 'on_track', progress_5: ' +60 ' })).toMatchObject({ ok: true, value: { progress: 60 } });
    expect(send({ status_5: 'on_track', progress_5: 0 })).toMatchObject({ ok: true, value: { progress: 0 } });
    expect(send({ status_5: 'on_track', progress_5: 100 })).toMatchObject({ ok: true, value: { progress: 100 } });
  });

  it('keeps a note that is not text as text, and a missing one as empty', () => {
    expect(send({ status_5: 'on_track', progress_5: 1, note_5: 2021 })).toMatchObject({ ok: true, value: { note: '2021' } });
    expect(send({ status_5: 'on_track', progress_5: 1, note_5: null })).toMatchObject({ ok: true, value: { note: '' } });
    expect(send({ status_5: 'on_track', progress_5: 1 })).toMatchObject({ ok: true, value: { note: '' } });
    expect(send({ status_5: 'on_track', progress_5: 1, note_5: '   ' })).toMatchObject({ ok: true, value: { note: '' } });
  });

  it('says in full why text cannot be stored, and checks only evidence given as text', () => {
    expect(send({ status_5: 'on_track', progress_5: 1, note_5: '推进\u0000中' })).toEqual({
      ok: false,
      code: 'BAD_TEXT',
      message: '说明或佐证链接中含有无法保存的字符（如空字符或残缺的表情符号），请删除后重新提交',
    });
    expect(send({ status_5: 'on_track', progress_5: 1, evidence_5: 'https://a.cn/\uD800' })).toMatchObject({ code: 'BAD_TEXT' });
    expect(send({ status_5: 'on_track', progress_5: 1, evidence_5: 42 })).toMatchObject({ ok: false, code: 'BAD_EVIDENCE' });
  });

  it('takes a note of exactly 1000 characters', () => {
    expect(send({ status_5: 'on_track', progress_5: 1, note_5: '字'.repeat(1000) })).toMatchObject({ ok: true });
  });

  it('says what a link must look like, and treats a blank one as none', () => {
    expect(send({ status_5: 'on_track', progress_5: 1, evidence_5: 'www.example.cn' })).toEqual({
      ok: false,
      code: 'BAD_EVIDENCE',
      message: '佐证链接须为以 http:// 或 https:// 开头的网址（不超过 300 个字符）',
    });
    expect(send({ status_5: 'on_track', progress_5: 1, evidence_5: '   ' })).toMatchObject({ ok: true, value: { evidenceUrl: null } });
    expect(send({ status_5: 'on_track', progress_5: 1, evidence_5: ' https://example.cn/a ' })).toMatchObject({ ok: true, value: { evidenceUrl: 'https://example.cn/a' } });
  });

  it('reports a full task report with exactly its fields', () => {
    expect(send({ status_5: 'at_risk', progress_5: '35', note_5: '等待批复', evidence_5: '' })).toEqual({
      ok: true,
      value: { kind: 'report', planId: 1, roundId: 2, departmentId: 3, taskId: 5, status: 'at_risk', progress: 35, note: '等待批复', evidenceUrl: null },
    });
  });

  it('keeps no note only on a card that asked for it', () => {
    const ev = { evidence_5: 'https://example.cn/done' };
    expect((send({ status_5: 'done', note_5: '  ', ...ev }, { ...report, keepNote: true }) as { value: object }).value).toMatchObject({ note: '', keepNote: true });
  });

  it('reads an indicator value by its bare name too, and says a non-number is refused', () => {
    const v = { kind: 'indicator', planId: 1, roundId: 2, departmentId: 3, indicatorId: 7 };
    expect(send({ indicator_value: '-2.5' }, v)).toEqual({ ok: true, value: { ...v, value: -2.5 } });
    expect(send({ indicator_value_7: 18 }, v)).toEqual({ ok: true, value: { ...v, value: 18 } });
    expect(send({}, v)).toEqual({ ok: false, code: 'BAD_INDICATOR_VALUE', message: '指标数值须为数字' });
    expect(send({ indicator_value_8: '3' }, v)).toMatchObject({ ok: false, code: 'BAD_INDICATOR_VALUE' });
  });
});
