import type { AdminOperation } from '../operations.ts';
import { stripMentions } from './normalize.ts';

// Admin commands typed in chat (「开启填报」「/催办」「@督办 导出台账」). A command is the whole
// message: a question that merely mentions 催办 or 汇总 (「本周汇总」「催办了哪些部门」) stays a question.

const PHRASES: Record<AdminOperation, readonly string[]> = {
  open_round: ['开启填报', '开启本周填报', '开始填报', '开始本周填报', '打开填报'],
  remind: ['催办', '发送催办', '发催办', '发起催办'],
  close_round: ['关闭填报', '关闭本周填报', '结束填报', '结束本周填报'],
  digest: ['发送周汇总', '发周汇总', '发送本周汇总', '发送周报', '发周报'],
  export_ledger: ['导出台账', '导出xlsx', '导出excel', '导出表格'],
  export_report: ['导出成效报送', '导出成效', '导出成效报告', '导出docx', '导出word'],
};

const BY_PHRASE = new Map<string, AdminOperation>(
  (Object.entries(PHRASES) as [AdminOperation, readonly string[]][]).flatMap(([op, phrases]) => phrases.map((p) => [p, op] as const)),
);

/** The admin operation a message asks for, or null when it is not exactly a command. */
export function parseOperationCommand(text: string): AdminOperation | null {
  let t = stripMentions(text).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  // a slash command (/催办), a polite frame (请…, …一下, …吧) and closing punctuation are not the command
  t = t.replace(/^[/／]+/, '').replace(/[.。!！?？~～]+$/u, '');
  t = t.replace(/^(?:请|麻烦)/, '').replace(/(?:一下|吧)$/, '');
  return BY_PHRASE.get(t) ?? null;
}
