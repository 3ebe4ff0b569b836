import { candidatesCard, candidatesText, taskCard, taskNotFoundCard, taskNotFoundText, taskText } from './task-card.ts';
import { departmentCard, departmentText, listCard, listText, notReportedCard, notReportedText } from './list-card.ts';
import { digestCard, digestText, indicatorsCard, indicatorsTextOf } from './overview-card.ts';
import { otherPlanCard, otherPlanText, tasksCard, tasksText } from './tasks-card.ts';
import { keyPointsCard, keyPointsText } from './key-points-card.ts';
import { helpCard, helpText, NO_PLAN_TEXT, noPlanCard, unknownCard, unknownText } from './help-card.ts';
import { refusedCard, refusedText } from './refused-card.ts';
import { taskHistoryCard, taskHistoryText, unitHistoryCard, unitHistoryText } from './history-card.ts';
import { resultsCard, resultsText } from './results-card.ts';
import { escapeMessageText } from '../../domain/escape.ts';
import type { Element } from './common.ts';
import type { Answer } from './model.ts';

export type { AskActionValue } from './buttons.ts';
export type { Answer, AnswerKind, ItemKind, UnitKind, Offer, PlanLine, DepartmentStatus, DigestSummary, IndicatorLine, MissingDepartment, RegionSummary, TaskDetail, TaskLine, TaskHistoryAnswer, UnitHistoryAnswer, ResultsSummary } from './model.ts';
export { HELP_EXAMPLES } from './help-card.ts';

/** The answer as a Card JSON 2.0 card (user text escaped). */
export function answerCard(a: Answer): Element {
  switch (a.kind) {
    case 'no_plan': return noPlanCard();
    case 'task': return taskCard(a.task);
    case 'task_not_found': return taskNotFoundCard(a.number, a.taskCount);
    case 'tasks': return tasksCard(a.tasks, a.missing, a.taskCount);
    case 'key_points': return keyPointsCard(a.tasks, a.missing, a.count, a.all);
    case 'candidates': return candidatesCard(a.query, a.tasks);
    case 'department': return departmentCard(a.name, a.filter, a.tasks, a.unit);
    case 'list': return listCard(a.filter, a.tasks);
    case 'not_reported': return notReportedCard(a.round, a.departments, a.totalDepartments, a.unit);
    case 'indicators': return indicatorsCard(a.indicators);
    case 'digest': return digestCard(a.digest);
    case 'help': return helpCard(a.examples);
    case 'other_plan': return otherPlanCard(a.year, a.plans);
    case 'unknown': return unknownCard(a.text, a.suggestions, a.offers);
    case 'unit_history': return unitHistoryCard(a.history);
    case 'task_history': return taskHistoryCard(a.history);
    case 'results': return resultsCard(a.results);
    case 'refused': return refusedCard(a.message, a.title);
  }
}

/**
 * The same answer as plain text (for `duban ask` and short chat replies): no markdown, and angle
 * brackets from user text made full-width so a note can never become an <at> in a text message.
 */
export function answerText(a: Answer): string {
  return escapeMessageText(plainText(a));
}

function plainText(a: Answer): string {
  switch (a.kind) {
    case 'no_plan': return NO_PLAN_TEXT;
    case 'task': return taskText(a.task);
    case 'task_not_found': return taskNotFoundText(a.number, a.taskCount);
    case 'tasks': return tasksText(a.tasks, a.missing, a.taskCount);
    case 'key_points': return keyPointsText(a.tasks, a.missing, a.count, a.all);
    case 'candidates': return candidatesText(a.query, a.tasks);
    case 'department': return departmentText(a.name, a.filter, a.tasks, a.unit);
    case 'list': return listText(a.filter, a.tasks);
    case 'not_reported': return notReportedText(a.round, a.departments, a.totalDepartments, a.unit);
    case 'indicators': return indicatorsTextOf(a.indicators);
    case 'digest': return digestText(a.digest);
    case 'help': return helpText(a.examples);
    case 'other_plan': return otherPlanText(a.year, a.plans);
    case 'unknown': return unknownText(a.text, a.suggestions, a.offers);
    case 'unit_history': return unitHistoryText(a.history);
    case 'task_history': return taskHistoryText(a.history);
    case 'results': return resultsText(a.results);
    case 'refused': return refusedText(a.message);
  }
}
