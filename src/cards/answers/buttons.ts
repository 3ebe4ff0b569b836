import { truncate } from '../../domain/escape.ts';
import type { Element } from './common.ts';
import type { Offer } from './model.ts';

/** What a button that asks a question carries back in card.action.trigger: the question, answered privately. */
export interface AskActionValue {
  kind: 'ask';
  question: string;
}

/** Lark cuts long button texts; a task title is shortened so the number stays readable. */
const LABEL_MAX = 24;

/**
 * Questions as buttons side by side (a flowing column set, the Card JSON 2.0 way): a click asks the
 * question again for the person who clicked, so a guess costs one tap instead of retyping.
 */
export function askButtons(offers: readonly Offer[], name = 'ask', firstIsBest = true): Element {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    columns: offers.map((o, i) => ({
      tag: 'column',
      width: 'auto',
      elements: [
        {
          tag: 'button',
          name: `${name}_${i}`,
          type: i === 0 && firstIsBest ? 'primary' : 'default',
          size: 'small',
          text: { tag: 'plain_text', content: truncate(o.label, LABEL_MAX) },
          behaviors: [{ type: 'callback', value: { kind: 'ask', question: o.question } satisfies AskActionValue }],
        },
      ],
    })),
  };
}

/** A task offered by number: 任务3 加快推进相关法律制度制修订工作 → asks 任务3. */
export const taskOffer = (number: number, title: string): Offer => ({ label: `任务${number} ${title}`, question: `任务${number}` });
