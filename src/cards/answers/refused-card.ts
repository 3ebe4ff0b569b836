import { escapeMarkdown } from '../../domain/escape.ts';
import { card, header, markdown, type Element } from './common.ts';

/** A read the policy refused: the reason and whom to contact, nothing about the plan. */
export const refusedCard = (message: string): Element => card(header('暂无查看权限', 'grey'), [markdown(escapeMarkdown(message))], '暂无查看权限');
export const refusedText = (message: string): string => message;
