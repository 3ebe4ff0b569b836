import type { Db } from '../db/client.ts';
import { findActivePlanWithVersions, listPlanSummaries, listTaskStatuses, type PlanRow } from '../db/repositories/status.repository.ts';
import { parseQuestion } from '../domain/query/parse.ts';
import type { Intent } from '../domain/query/types.ts';
import { answerCard, answerText, HELP_EXAMPLES, type Answer, type TaskLine } from '../cards/answers/index.ts';
import { loadQueryContext, type AskCache } from './ask-context.ts';
import { answerDepartment, answerList, answerNotReported } from './ask-lists.ts';
import { answerDigest } from './ask-digest.ts';
import { answerRegion, answerRegions } from './ask-regions.ts';
import { answerIndicators } from './ask-overview.ts';
import { answerTask } from './ask-task.ts';
import { answerTaskHistory, answerUnitHistory } from './ask-history.ts';
import { answerKeyPoint, answerKeyPoints } from './ask-key-points.ts';
import { answerResults } from './ask-results.ts';
import { summariseTasks, toLine, type AskOptions } from './ask-tasks.ts';
import { gateIntent, loadReadAccess, type Asker } from './read-access.ts';
import { readTogether } from '../db/reads.ts';
import { OPERATION_LABEL, type AdminOperation } from '../domain/operations.ts';

export { createAskCache, type AskCache } from './ask-context.ts';

export interface AskResult {
  /** null when no plan is imported (nothing to understand the question against) */
  intent: Intent | null;
  answer: Answer;
  /** plain text, for `duban ask` and where a card is overkill */
  text: string;
  /** Card JSON 2.0, ≤ 30 KB and ≤ 200 components */
  card: Record<string, unknown>;
}

export interface AnswerOptions extends AskOptions {
  /**
   * One per process, shared by all questions: keeps the parser's context and the plan's statuses
   * between questions, checked against versions read with the plan. Without it nothing is reused.
   */
  cache?: AskCache;
  /** Who asks: every answer goes through the read policy (usecases/read-access.ts) unless 'operator'. */
  asker: Asker;
}

/**
 * Answers a question as the bot would: understands it against the active plan, reads only what
 * the answer needs, and renders it both as a card and as text. Never throws for a question it
 * does not understand — that gets a help card with suggestions.
 */
export async function answerQuestion(db: Db, text: string, opts: AnswerOptions): Promise<AskResult> {
  const [plan, access] = await readTogether(db, [() => findActivePlanWithVersions(db), () => loadReadAccess(db, opts.asker)]);
  if (!plan) return render(null, { kind: 'no_plan' });
  const ctx = await loadQueryContext(db, plan, opts.cache);
  const gate = await gateIntent(db, plan.id, parseQuestion(text, ctx), access);
  if (!gate.ok) return render(null, { kind: 'refused', message: gate.message });
  const { intent } = gate;
  const o: AskOptions = { now: opts.now, timezone: opts.timezone, cache: opts.cache };
  let answer: Answer;
  switch (intent.kind) {
    case 'task':
      answer = await answerTask(db, plan, intent.number, ctx.taskCount, o);
      break;
    case 'tasks': {
      const lines = await taskLines(db, plan, intent.numbers, o);
      const tasks = intent.numbers.map((n) => lines.get(n)).filter((t) => t !== undefined);
      const known = new Set(ctx.tasks.map((t) => t.number));
      answer = { kind: 'tasks', tasks, missing: intent.numbers.filter((n) => !known.has(n)), taskCount: ctx.taskCount };
      break;
    }
    case 'key_point':
      answer = await answerKeyPoint(db, plan, intent.number, ctx.keyPoints?.length ?? 0, o);
      break;
    case 'key_points':
      answer = await answerKeyPoints(db, plan, intent.numbers, (ctx.keyPoints ?? []).map((k) => k.number), o);
      break;
    case 'search':
      if (intent.confident && intent.candidates[0]) {
        answer = await answerTask(db, plan, intent.candidates[0].number, ctx.taskCount, o);
      } else {
        const lines = await taskLines(db, plan, intent.candidates.map((c) => c.number), o);
        const tasks = intent.candidates.map((c) => lines.get(c.number)).filter((t) => t !== undefined);
        answer = { kind: 'candidates', query: intent.query, tasks };
      }
      break;
    case 'other_plan':
      answer = { kind: 'other_plan', year: intent.year, plans: await listPlanSummaries(db) };
      break;
    case 'department':
      answer =
        (await answerRegion(db, plan, intent.departmentId, o)) ??
        (await answerDepartment(db, plan, { id: intent.departmentId, name: intent.name }, intent.filter ?? null, o));
      break;
    case 'regions':
      answer = await answerRegions(db, plan, o);
      break;
    case 'list':
      answer = intent.filter === 'not_reported' ? await answerNotReported(db, plan, o) : await answerList(db, plan, intent.filter, o);
      break;
    case 'indicator':
      answer = await answerIndicators(db, plan, intent.query, intent.indicatorIds, o);
      break;
    case 'digest':
      answer = await answerDigest(db, plan, o);
      break;
    case 'unit_history':
      answer = await answerUnitHistory(db, plan, { id: intent.departmentId, name: intent.name }, o);
      break;
    case 'task_history':
      answer = await answerTaskHistory(db, plan, intent.number, ctx.taskCount, o);
      break;
    case 'results':
      answer = await answerResults(db, plan, o);
      break;
    case 'help':
      answer = { kind: 'help', examples: HELP_EXAMPLES };
      break;
    case 'operation':
      // Chat messages with a command never get here (the message route queues them as operation
      // requests); `duban ask` and buttons do: say where the command runs.
      answer = { kind: 'refused', title: '管理员操作', message: operationElsewhere(intent.operation) };
      break;
    case 'unknown':
      answer = { kind: 'unknown', text: intent.text, suggestions: intent.suggestions, ...(intent.offers ? { offers: intent.offers } : {}) };
      break;
  }
  return render(intent, answer);
}

/** The named tasks' current state, one line each, by number (numbers the plan does not have are absent). */
async function taskLines(db: Db, plan: PlanRow, numbers: number[], o: AskOptions): Promise<Map<number, TaskLine>> {
  const rows = await listTaskStatuses(db, plan.id, { kind: 'numbers', numbers });
  return new Map(summariseTasks(rows, plan.year, o).map((t) => [t.number, toLine(t)]));
}

function render(intent: Intent | null, answer: Answer): AskResult {
  return { intent, answer, text: answerText(answer), card: answerCard(answer) };
}

const operationElsewhere = (op: AdminOperation): string =>
  `「${OPERATION_LABEL[op]}」是督办管理员的操作：请管理员在与督办机器人的私聊中发送「${OPERATION_LABEL[op]}」（或在群里 @督办），或点机器人菜单，在确认卡片上点「确认」后执行。`;
