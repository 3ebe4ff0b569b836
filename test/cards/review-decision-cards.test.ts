import { describe, expect, it } from 'vitest';
import { buildCompletionReviewCard, buildExtensionDecisionCard, buildExtensionFormCard, buildOutcomeCard } from '../../src/cards/review-cards.ts';
import { escapeMarkdown as md } from '../../src/domain/escape.ts';
import { validateCard } from '../../src/simulator/card-rules.ts';

// The 延期申请 cards and the outcome card each unit gets, field by field (test/e2e/review.test.ts
// drives them through Lark; here every state's words, colours and buttons are pinned).

const TZ = 'Asia/Shanghai';
const AT = new Date('2021-10-08T02:05:00Z'); // 10:05 in Shanghai
const task = { label: '任务7', title: '完善**专利**转化[机制](http://x)' };
type Node = Record<string, unknown>;
const header = (c: unknown) => (c as { header: { title: { content: string }; subtitle: { content: string }; template: string } }).header;
const summary = (c: unknown) => (c as { config: { summary: { content: string } } }).config.summary.content;
const elements = (c: unknown) => (c as { body: { elements: Node[] } }).body.elements;
/** Every text of the card's elements in order: markdown content and plain_text divs. */
const texts = (c: unknown) => elements(c).map((e) => (e.tag === 'markdown' ? e.content : (e.text as Node | undefined)?.content ?? `<${String(e.tag)}>`));
const buttons = (c: unknown): Node[] => JSON.stringify(c).match(/"tag":"button"/g) ? collect(c, (n) => n.tag === 'button') : [];
function collect(n: unknown, keep: (n: Node) => boolean, out: Node[] = []): Node[] {
  if (Array.isArray(n)) n.forEach((x) => collect(x, keep, out));
  else if (n && typeof n === 'object') {
    if (keep(n as Node)) out.push(n as Node);
    Object.values(n).forEach((x) => collect(x, keep, out));
  }
  return out;
}
const callbackValues = (c: unknown) => buttons(c).map((b) => (b.behaviors as { value: unknown }[])[0]!.value);

describe('the extension form', () => {
  it('names the task and its current deadline, carries the action, and says what a valid date is', () => {
    const action = { kind: 'extension_request', taskId: 7, departmentId: 3 };
    const c = buildExtensionFormCard({ task, department: '运用促进司', currentDueDate: '2021-10-31', limit: '2021-12-31', action });
    expect(validateCard(c)).toEqual([]);
    expect(summary(c)).toBe('延期申请：任务7');
    expect(header(c)).toMatchObject({ title: { content: '延期申请 · 任务7' }, subtitle: { content: '运用促进司' }, template: 'orange' });
    expect(texts(c)).toEqual([
      `**任务7** ${md(task.title)}\n当前完成时限：2021-10-31`,
      '<form>',
      "<font color='grey'>新的时限须晚于今天和当前时限，且不晚于 2021-12-31。申请由审批人同意后生效，预警和逾期按新时限计算。</font>",
    ]);
    expect(callbackValues(c)).toEqual([action]);
  });

  it('says 未定 for a task without a deadline', () => {
    const c = buildExtensionFormCard({ task, department: '保护司', currentDueDate: null, limit: '2021-12-31', action: {} });
    expect(texts(c)[0]).toContain('当前完成时限：未定');
  });
});

describe('the approver’s card', () => {
  const view = { task, department: '运用促进司', requester: { name: '张*三*', at: AT }, previousDueDate: '2021-10-31', newDueDate: '2021-11-30', reason: '**需要**更多时间', extensionId: 41 };

  it('asks with 同意 / 不同意 carrying the request, showing the dates and the reason as typed', () => {
    const c = buildExtensionDecisionCard(view, TZ);
    expect(validateCard(c)).toEqual([]);
    expect(summary(c)).toBe('延期申请待审批：运用促进司 · 任务7');
    expect(header(c)).toMatchObject({ title: { content: '延期申请审批 · 任务7' }, subtitle: { content: '运用促进司' }, template: 'orange' });
    expect(texts(c).slice(0, 2)).toEqual([
      `**任务7** ${md(task.title)}\n申请单位：运用促进司\n申请人：${md('张*三*')} · 2021-10-08 10:05\n完成时限：2021-10-31 → **2021-11-30**`,
      '延期理由：**需要**更多时间',
    ]);
    expect(callbackValues(c)).toEqual([
      { kind: 'extension_decide', extensionId: 41, decision: 'approve' },
      { kind: 'extension_decide', extensionId: 41, decision: 'refuse' },
    ]);
    const words = JSON.stringify(c);
    expect(words).toContain('"content":"同意"');
    expect(words).toContain('"content":"不同意"');
    expect(words).toContain('审批意见（不同意时必填，申请单位会收到）');
  });

  it('says 未定 for a task that had no deadline', () => {
    expect(texts(buildExtensionDecisionCard({ ...view, previousDueDate: null }, TZ))[0]).toContain('完成时限：未定 → **2021-11-30**');
  });

  it('once approved, shows who decided, when and why, in green, without buttons', () => {
    const c = buildExtensionDecisionCard({ ...view, decided: { approved: true, by: { name: '李_四', at: AT }, comment: '同意，注意进度' } }, TZ);
    expect(validateCard(c)).toEqual([]);
    expect(header(c).template).toBe('green');
    expect(buttons(c)).toEqual([]);
    expect(texts(c).slice(2)).toEqual([`<font color='green'>**已同意**</font> · ${md('李_四')} · 2021-10-08 10:05`, '意见：同意，注意进度']);
  });

  it('once refused, says so in red; without a comment there is no comment line', () => {
    const c = buildExtensionDecisionCard({ ...view, decided: { approved: false, by: { name: '李四', at: AT }, comment: '' } }, TZ);
    expect(header(c).template).toBe('red');
    expect(texts(c).slice(2)).toEqual(["<font color='red'>**不同意**</font> · 李四 · 2021-10-08 10:05"]);
  });
});

describe('the outcome card', () => {
  const base = { task, department: '保护司', by: { name: '王五', at: AT }, comment: '', detail: '完成时限：2021-10-31 → 2021-11-30' };

  it('tells the unit an approved extension in green, naming the approver, with no advice', () => {
    const c = buildOutcomeCard({ ...base, what: '延期申请', approved: true, comment: '可以' }, TZ);
    expect(validateCard(c)).toEqual([]);
    expect(summary(c)).toBe('延期申请已同意：任务7');
    expect(header(c)).toMatchObject({ title: { content: '延期申请已同意 · 任务7' }, subtitle: { content: '保护司' }, template: 'green' });
    expect(texts(c)).toEqual([`**任务7** ${md(task.title)}\n完成时限：2021-10-31 → 2021-11-30\n审批人：王五 · 2021-10-08 10:05`, '意见：可以']);
  });

  it('tells a refused extension in red, with the reason and how to ask again', () => {
    const c = buildOutcomeCard({ ...base, what: '延期申请', approved: false, comment: '理由不充分' }, TZ);
    expect(summary(c)).toBe('延期申请未同意：任务7');
    expect(header(c).template).toBe('red');
    expect(texts(c).slice(1)).toEqual(['理由：理由不充分', "<font color='grey'>如仍需延期，可修改后重新申请。</font>"]);
    expect(texts(c)[0]).toContain('\n处理人：王五');
  });

  it('tells a completion approved or returned, and how to report again after a return', () => {
    const ok = buildOutcomeCard({ ...base, what: '办结审核', approved: true }, TZ);
    expect(summary(ok)).toBe('办结审核审核通过：任务7');
    expect(texts(ok)).toHaveLength(1);
    const back = buildOutcomeCard({ ...base, what: '办结审核', approved: false, comment: '缺少佐证' }, TZ);
    expect(validateCard(back)).toEqual([]);
    expect(header(back).title.content).toBe('办结审核已退回 · 任务7');
    expect(texts(back).slice(1)).toEqual(['理由：缺少佐证', "<font color='grey'>请按理由补充后，在本周的任务填报卡片上重新报送。</font>"]);
  });
});

describe('the completion reviewer’s card', () => {
  const FILE_AT = new Date('2021-10-08T01:30:00Z'); // 09:30 in Shanghai
  const view = () => ({
    reviewId: 52,
    task,
    department: '运用*促进*司',
    requester: { name: '张_三', at: AT },
    progress: 100,
    note: '',
    evidenceUrl: null as string | null,
    evidenceFile: null as { name: string; sizeBytes: number; by: string; at: Date } | null,
    reviewer: 'lead' as 'lead' | 'admins',
  });
  const head = (evidence: string) =>
    `**任务7** ${md(task.title)}\n报送单位：${md('运用*促进*司')}\n报送人：${md('张_三')} · 2021-10-08 10:05 · 进度 100%\n${evidence}`;
  const placeholder = (c: unknown) => (collect(c, (n) => n.tag === 'input')[0]!.placeholder as { content: string }).content;
  const buttonTexts = (c: unknown) => buttons(c).map((b) => (b.text as { content: string }).content);

  it('undecided, for the lead: purple, the evidence link, 通过 / 退回 carrying the review', () => {
    const c = buildCompletionReviewCard({ ...view(), evidenceUrl: 'https://a.cn/x(1)' }, TZ);
    expect(validateCard(c)).toEqual([]);
    expect(summary(c)).toBe('办结审核：运用*促进*司 · 任务7');
    expect(header(c)).toEqual({
      title: { tag: 'plain_text', content: '办结审核 · 任务7' },
      subtitle: { tag: 'plain_text', content: '运用*促进*司 报送已完成 · 牵头部门审核' },
      template: 'purple',
    });
    // the link's text is its safe target too: what the reviewer sees is where it goes
    expect(texts(c)).toEqual([head('佐证：[https://a.cn/x%281%29](https://a.cn/x%281%29)'), '<form>']);
    expect(placeholder(c)).toBe('审核意见（退回时必填，报送单位会收到）');
    expect(buttonTexts(c)).toEqual(['通过', '退回']);
    expect(callbackValues(c)).toEqual([
      { kind: 'completion_decide', reviewId: 52, decision: 'approve' },
      { kind: 'completion_decide', reviewId: 52, decision: 'refuse' },
    ]);
  });

  it('for the admins says 督办管理员审核', () => {
    const c = buildCompletionReviewCard({ ...view(), reviewer: 'admins' }, TZ);
    expect(header(c).subtitle.content).toBe('运用*促进*司 报送已完成 · 督办管理员审核');
  });

  it('shows a link that is not http(s) as text, and a long one cut at 80', () => {
    const unsafe = buildCompletionReviewCard({ ...view(), evidenceUrl: 'javascript:alert(1)' }, TZ);
    expect(texts(unsafe)[0]).toBe(head(`佐证：${md('javascript:alert(1)')}`));
    const long = `https://a.cn/${'x'.repeat(100)}`;
    const c = buildCompletionReviewCard({ ...view(), evidenceUrl: long }, TZ);
    expect(texts(c)[0]).toBe(head(`佐证：[${long.slice(0, 79)}…](${long})`));
  });

  it('says 佐证：无 without a link or a file', () => {
    expect(texts(buildCompletionReviewCard(view(), TZ))[0]).toBe(head('佐证：无'));
  });

  it('with a file: its line (after the link, if any) and 查看佐证文件 carrying the review', () => {
    const evidenceFile = { name: '验收*报告*.pdf', sizeBytes: 2048, by: '李_四', at: FILE_AT };
    const fileLine = `佐证文件：${md('验收*报告*.pdf')}（2 KB，${md('李_四')}，2021-10-08 09:30）`;
    const c = buildCompletionReviewCard({ ...view(), evidenceFile }, TZ);
    expect(validateCard(c)).toEqual([]);
    expect(texts(c)).toEqual([head(fileLine), '查看佐证文件', '<form>']);
    expect(elements(c)[1]).toEqual({
      tag: 'button',
      name: 'evidence_view',
      type: 'default',
      size: 'small',
      text: { tag: 'plain_text', content: '查看佐证文件' },
      behaviors: [{ type: 'callback', value: { kind: 'evidence_view', reviewId: 52 } }],
    });
    const both = buildCompletionReviewCard({ ...view(), evidenceFile, evidenceUrl: 'https://a.cn/x' }, TZ);
    expect(texts(both)[0]).toBe(head(`佐证：[https://a.cn/x](https://a.cn/x)\n${fileLine}`));
  });

  it('shows the note as typed after the details, cut at 500 characters', () => {
    const c = buildCompletionReviewCard({ ...view(), note: '**已**完成<at id=all></at>' }, TZ);
    expect(texts(c)).toEqual([head('佐证：无'), '说明：**已**完成<at id=all></at>', '<form>']);
    expect(texts(buildCompletionReviewCard({ ...view(), note: '说'.repeat(500) }, TZ))[1]).toBe(`说明：${'说'.repeat(500)}`);
    expect(texts(buildCompletionReviewCard({ ...view(), note: '说'.repeat(501) }, TZ))[1]).toBe(`说明：${'说'.repeat(499)}…`);
  });

  it('once approved: green, 审核通过 with who and when and the comment, no buttons', () => {
    const c = buildCompletionReviewCard({ ...view(), note: '完成', decided: { approved: true, by: { name: '孙*', at: AT }, comment: '很好' } }, TZ);
    expect(validateCard(c)).toEqual([]);
    expect(header(c).template).toBe('green');
    expect(buttons(c)).toEqual([]);
    expect(texts(c)).toEqual([head('佐证：无'), '说明：完成', `<font color='green'>**审核通过**</font> · ${md('孙*')} · 2021-10-08 10:05`, '意见：很好']);
  });

  it('once refused: red, 已退回, no comment line without a comment', () => {
    const c = buildCompletionReviewCard({ ...view(), decided: { approved: false, by: { name: '孙', at: AT }, comment: '' } }, TZ);
    expect(header(c).template).toBe('red');
    expect(texts(c)).toEqual([head('佐证：无'), "<font color='red'>**已退回**</font> · 孙 · 2021-10-08 10:05"]);
  });
});
