import template from '../../cards/digest.json' with { type: 'json' };
import type { DigestModel } from '../domain/digest/types.ts';
import { truncate } from '../domain/escape.ts';
import { DEADLINE_COLOR, DEADLINE_LABEL, STATUS_COLOR, STATUS_LABEL } from '../domain/vocabulary/status.ts';
import { localTime } from './digest-format.ts';
import { CARD_MAX_BYTES, CARD_MAX_COMPONENTS, cardBytes, countComponents, type Card } from './limits.ts';
import { fill } from './template.ts';
import {
  changesText,
  countdownFooter,
  indicatorText,
  keyPointText,
  kpiRow,
  redListParts,
  responseText,
  sectionText,
  statusChart,
  type DigestBudget,
} from './digest-parts.ts';

/** From generous to minimal; the last one fits any plan because every list and text is bounded. */
export const DIGEST_BUDGETS: DigestBudget[] = [
  { redRows: 20, noteMax: 80, titleMax: 28, listMax: 20, sectionMax: 15, indicatorMax: 15, changeMax: 10, chartSections: 12 },
  { redRows: 10, noteMax: 50, titleMax: 20, listMax: 12, sectionMax: 10, indicatorMax: 10, changeMax: 8, chartSections: 10 },
  { redRows: 10, noteMax: 30, titleMax: 14, listMax: 8, sectionMax: 8, indicatorMax: 8, changeMax: 5, chartSections: 8 },
  { redRows: 5, noteMax: 20, titleMax: 10, listMax: 5, sectionMax: 5, indicatorMax: 5, changeMax: 3, chartSections: 5 },
];

export type { Card };

const fits = (card: Card) => cardBytes(card) <= CARD_MAX_BYTES && countComponents(card) <= CARD_MAX_COMPONENTS;

const HEALTH_TEMPLATE: Record<DigestModel['health'], string> = { red: 'red', orange: 'orange', green: 'green' };

function headerTags(m: DigestModel): Card[] {
  const tag = (text: string, color: string): Card => ({ tag: 'text_tag', text: { tag: 'plain_text', content: text }, color });
  const tags: Card[] = [];
  const { blocked, at_risk } = m.statusCounts;
  if (blocked) tags.push(tag(`${STATUS_LABEL.blocked} ${blocked}`, STATUS_COLOR.blocked));
  if (m.deadlineCounts.overdue) tags.push(tag(`${DEADLINE_LABEL.overdue} ${m.deadlineCounts.overdue}`, DEADLINE_COLOR.overdue));
  if (at_risk) tags.push(tag(`${STATUS_LABEL.at_risk} ${at_risk}`, STATUS_COLOR.at_risk));
  return tags;
}

function render(m: DigestModel, b: DigestBudget): Card {
  const tz = m.timezone;
  const round = m.round
    ? `${m.round.key}（${localTime(m.round.startsAt, tz, 'MM-dd')} 至 ${localTime(new Date(Date.parse(m.round.endsAt) - 1).toISOString(), tz, 'MM-dd')}）`
    : '本周未开启填报';
  const hr = { tag: 'hr' };
  const keyPoints = keyPointText(m, b);
  const elements = [
    kpiRow(m),
    responseText(m, b),
    hr,
    sectionText(m, b),
    statusChart(m, b),
    // the body's key points after the annex's sections, in their own compact part
    ...(keyPoints ? [keyPoints] : []),
    hr,
    ...redListParts(m, b, tz),
    hr,
    indicatorText(m, b, tz),
    changesText(m, b),
    hr,
    countdownFooter(m, tz),
  ];
  return fill<Card>(template, {
    summary: `督办周报 ${m.round?.key ?? ''}：受阻 ${m.statusCounts.blocked}，逾期 ${m.deadlineCounts.overdue}，填报 ${m.response.reported}/${m.response.expected}`,
    title: `督办周报｜${truncate(m.planTitle, 30)}`,
    subtitle: round,
    template: HEALTH_TEMPLATE[m.health],
    tags: headerTags(m),
    elements,
  });
}

/**
 * The leadership digest card (Card JSON 2.0). Lists are shortened step by step until the card is
 * within 30 KB and 200 components; every shortened list says how many more there are.
 */
export function buildDigestCard(model: DigestModel): Card {
  let card: Card | null = null;
  for (const budget of DIGEST_BUDGETS) {
    card = render(model, budget);
    if (fits(card)) return card;
  }
  // The minimal budget bounds every list and string, so this is reached only if the limits change.
  return card!;
}
