/** Lark text messages carry mentions as placeholders (@_user_1, @_all); they are not part of the question. */
export function stripMentions(text: string): string {
  return text.replace(/@_user_\d+|@_all/g, ' ');
}

/**
 * Canonical form for matching: full-width characters folded (NFKC turns ５ into 5 and ？ into ?), lower case,
 * whitespace and punctuation removed — except `#`, which marks a task number.
 */
export function normalizeText(text: string): string {
  return stripMentions(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, (ch) => (ch === '#' ? ch : ''));
}

/** True when the raw message is only question marks (a bare "?" asks for help). */
export function isOnlyQuestionMarks(text: string): boolean {
  const t = stripMentions(text).normalize('NFKC').replace(/\s/g, '');
  return t.length > 0 && /^\?+$/.test(t);
}

// Words around the subject that carry no meaning for matching, longest first so 进展情况 goes before 进展.
const EDGE_FILLERS = [
  '请问一下', '我想知道', '帮我查一下', '帮我看看', '帮我查', '查一下', '看一下', '看看', '查询', '请问', '帮我', '一下',
  '目前的', '现在的', '最新的', '目前', '现在', '最新',
  '的进展情况', '进展情况', '的进展', '进展', '的进度', '进度', '的情况', '情况', '怎么样了', '怎么样', '咋样了', '咋样',
  '如何了', '如何', '到哪了', '到哪一步了', '做得怎么样', '完成得怎么样', '相关的任务', '相关任务', '相关', '的任务', '任务',
  '的工作', '工作', '的事项', '事项', '是多少', '多少', '是什么', '有哪些', '哪些', '了吗', '了没', '吗', '呢', '啊', '呀', '了', '的',
].sort((a, b) => b.length - a.length);

/** Removes filler words from both ends until none is left: 专利导航的进展情况怎么样 → 专利导航. */
export function stripEdgeFillers(text: string): string {
  let t = text;
  for (let changed = true; changed && t.length > 0; ) {
    changed = false;
    for (const f of EDGE_FILLERS) {
      if (t.length > f.length && t.endsWith(f)) {
        t = t.slice(0, -f.length);
        changed = true;
      } else if (t.length > f.length && t.startsWith(f)) {
        t = t.slice(f.length);
        changed = true;
      }
    }
  }
  return t;
}

/** Removes every occurrence of the given words; what remains tells whether anything else was asked. */
export function removeWords(text: string, words: readonly string[]): string {
  let t = text;
  for (const w of [...words].sort((a, b) => b.length - a.length)) t = t.split(w).join('');
  return t;
}
