import type { ListFilter } from './types.ts';

/**
 * The words the question parser understands, as data: a new synonym is one line here, not code.
 * Every entry is matched on normalized text (NFKC, lower case, no spaces or punctuation).
 */

/** Typing slips and variants, rewritten before anything else: 人物5 → 任务5, 任務 → 任务. */
export const REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/人物(?=\s*[\d一二三四五六七八九十两])/gu, '任务'],
  [/任物|仼务|认务|任无/gu, '任务'],
  [/任務/gu, '任务'],
  [/進展|进程/gu, '进展'],
  [/進度/gu, '进度'],
  [/任(?=\s*\d)/gu, '任务'],
];

/** Questions that ask for the help card when nothing else is named. */
export const HELP_PHRASES = [
  '帮助', 'help', '怎么用', '如何使用', '使用说明', '使用方法', '用法', '说明', '你能做什么', '能做什么', '你能干啥', '能干啥', '你会什么',
  '你会啥', '能问什么', '能问啥', '可以问什么', '可以问啥', '问什么', '功能', '菜单', '指令', '命令', '怎么问',
];

/** The overall picture (the digest as of now). */
export const SUMMARY_PHRASES = [
  '汇总', '周报', '总体情况', '整体情况', '总体进展', '整体进展', '总体进度', '整体进度', '总体', '整体', '总览', '概况', '概览', '全局',
  '大盘', '全貌', '简报', '大家', '总结', '小结', '盘点', '通报', '完成情况', '完成率', '完成度', '这周怎么样', '本周怎么样', '最近怎么样',
  '最近进展', '近期进展', '目前进展', '当前进展', '最新进展', '本周情况', '这周情况', '本周进展', '这周进展', '本周概况', '这周概况', '大家报得', '大家填得', '全部进展',
];

/** Summary words that mean the summary only when nothing else is said (大家这周填得怎么样, not 大家辛苦了). */
export const SUMMARY_ALONE_ONLY = ['大家'];

/** Task lists by state. Checked in this order: 没填 wins in 谁还没填; 未完成 (not done) before 完成的 (done). */
export const LIST_PHRASES: ReadonlyArray<[ListFilter, readonly string[]]> = [
  ['not_reported', [
    '还没有填报', '没有填报', '还没填报', '没填报', '未填报', '还没填', '没填', '未填', '未报送', '没报送', '未报', '没报', '未提交', '没提交',
    '没交', '未交', '缺报', '漏报', '没上报', '未上报', '报了没', '填了没', '交了没', '报了吗', '填了吗', '交了吗',
  ]],
  ['overdue', ['已逾期', '逾期', '超期', '过期', '延期', '拖期', '超时']],
  ['warning', ['预警', '临期', '快到期', '即将到期', '临近截止', '快截止']],
  ['blocked', ['受阻', '阻塞', '卡住', '卡壳', '停滞', '推不动', '卡着', '搁浅']],
  ['red', ['亮红灯', '红灯', '标红', '有问题', '出问题', '红色', '滞后', '落后', '拖后腿', '进度慢', '比较慢', '推进慢']],
  ['at_risk', ['存在风险', '有风险', '风险']],
  ['not_started', ['未启动', '没启动', '还没启动', '没开始', '未开始', '还没动', '没动', '没开展']],
  ['on_track', ['正常推进', '进展正常', '推进正常', '进度正常', '顺利推进', '没问题的']],
  ['not_done', ['未完成', '没完成', '没有完成', '尚未完成', '还没完成', '没做完', '还没做完']],
  ['year_end', ['年底前完成', '年底前要完成', '年底前', '年底完成', '年底要完成']],
  ['done', ['已经完成', '已完成', '完成了哪些', '完成的', '做完', '办结', '已办结', '完结', '结项']],
  ['all', ['所有任务', '全部任务', '任务清单', '任务列表', '清单', '列一下', '列出', '列表', '一共多少', '总共多少', '多少个任务', '多少项任务', '几个任务', '几项任务', '都有哪些任务', '有哪些任务']],
];

/** The indicator overview: all of them. */
export const INDICATOR_ALL_PHRASES = ['指标', '主要目标', '核心指标', '指标情况', '指标完成情况', '目标完成', '几个指标', '各项指标', '量化指标', '数字目标'];
/** Words that say "an indicator" and make a named indicator win over a task with the same words. */
export const INDICATOR_CUES = ['指标', '目标值', '几个月', '多少个月', '多少亿', '多少家', '百分之', '数值', '数据'];

/**
 * Variants rewritten to the plan's own words before matching names, titles and measures:
 * [the plan's word, what people type instead]. 审查时长 → 审查周期.
 */
export const SYNONYMS: ReadonlyArray<[string, readonly string[]]> = [
  ['审查周期', ['审查时长', '审查时间', '审查期限', '审查用时', '审查周期时长', '审查耗时']],
  ['注册', ['注册审查']],
  ['质押融资', ['质押贷款', '知产质押']],
  ['增长率', ['增速', '增幅']],
  ['海牙协定', ['海牙']],
  ['一带一路', ['带路']],
  ['tisc', ['技术与创新支持中心', '技术和创新支持中心']],
  ['专利奖', ['专利金奖']],
];

/**
 * Words around the subject that say nothing about which task or indicator is meant: particles,
 * pronouns, question words and "progress" words. They split the question into parts and are
 * never counted against a match (「人才培养那个任务谁负责」 is 人才培养).
 */
export const FILLERS = [
  // asking and showing
  '请问一下', '请问', '我想知道', '想了解', '想问下', '想问一下', '问一下', '问下', '帮我查一下', '帮我看一下', '帮我看看', '帮我查', '帮我', '帮忙',
  '查一下', '查下', '查查', '看一下', '看下', '看看', '瞅瞅', '瞧瞧', '查询', '查看', '了解一下', '发我看看', '发我一下', '发我下', '发给我', '发我',
  '给我一个', '给我看看', '给我', '一下', '来个', '来一个', '说说', '讲讲', '介绍一下', '介绍',
  // pointing
  '那个任务', '这个任务', '那个', '这个', '那项', '这项', '那件', '那块', '这块', '那边', '这边', '那几项', '这几项', '那一项', '相关的', '相关', '关于',
  // time
  '目前的', '现在的', '最新的', '目前', '现在', '最新', '当前', '眼下', '这周', '本周', '这一周',
  // progress and state words
  '的进展情况', '进展情况', '的进展', '进展', '的进度', '进度', '的情况', '情况', '状态', '状况', '怎么样了', '怎么样', '咋样了', '咋样', '咋回事',
  '如何了', '如何', '到哪一步了', '到哪了', '到哪儿了', '到哪步了', '到什么程度', '做得怎么样', '搞得怎么样', '完成得怎么样', '完成了没', '完成没',
  '完成了吗', '办了没', '出了没', '建成了吗', '落实得怎么样', '怎么推进', '推进得', '弄得', '填得', '报得', '做得',
  // who and when
  '谁负责', '谁在做', '谁在跟', '谁在管', '谁管', '负责部门是谁', '负责部门', '是谁', '谁牵头', '谁在牵头', '牵头部门', '牵头', '哪个部门', '什么时候完成', '什么时候', '啥时候', '几时',
  // what a department does
  '负责哪些', '负责的', '负责', '配合', '承担', '名下', '干啥', '干什么', '的活', '几项', '哪几项', '那几项',
  // nouns that stand for "a task"
  '的任务', '任务', '的工作', '工作', '的事项', '事项', '那件事', '事情',
  // question words and particles
  '是多少', '多少', '是什么', '有哪些', '哪些', '多久', '几个月', '几', '了吗', '了没', '没有', '吗', '呢', '啊', '呀', '吧', '嘛', '哈', '哦',
  '了', '的', '么', '啥', '谁', '么样', '是', '在', '有', '和', '还是', '或者', '跟',
].sort((a, b) => b.length - a.length);

/** Words between two alternatives (运营服务还是转化运用): both are offered, never one picked. */
export const ALTERNATIVE_WORDS = ['还是', '或者', '或是'];
/** Words between two things asked together (专利导航和人才培养): both are meant. */
export const AND_WORDS = ['以及', '还有', '和', '跟', '与', '及', '、', ',', ';', ' '];

/** Example questions offered in help and when a question is not understood. */
export const EXAMPLE_QUESTIONS = ['任务5进展？', '专利导航', '保护司的任务', '哪些任务有风险', '谁还没填报', '审查周期', '本周汇总'];

/** What an intent is called on a button when it is offered as a guess. */
export const INTENT_OFFERS = {
  summary: '本周汇总',
  indicators: '指标完成情况',
  risk: '哪些任务有风险',
  notReported: '谁还没填报',
  help: '帮助',
};
