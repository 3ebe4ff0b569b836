// One line of `duban doctor`'s checklist.

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  title: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a warn or fail. */
  fix?: string;
}

export const ok = (title: string, detail: string): Check => ({ title, status: 'ok', detail });
export const warn = (title: string, detail: string, fix: string): Check => ({ title, status: 'warn', detail, fix });
export const fail = (title: string, detail: string, fix: string): Check => ({ title, status: 'fail', detail, fix });

const MARK: Record<CheckStatus, string> = { ok: '✔', warn: '!', fail: '✘' };

/** The checklist as printed; a fail blocks (exit 1), a warn does not. */
export function renderChecklist(checks: Check[]): string[] {
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${MARK[c.status]} ${c.title}：${c.detail}`);
    if (c.fix && c.status !== 'ok') lines.push(`    处理：${c.fix}`);
  }
  const fails = checks.filter((c) => c.status === 'fail').length;
  const warns = checks.filter((c) => c.status === 'warn').length;
  lines.push('');
  lines.push(fails ? `结果：${fails} 项必须处理${warns ? `，${warns} 项建议处理` : ''}。` : warns ? `结果：可以运行；${warns} 项建议处理。` : '结果：全部通过。');
  return lines;
}
