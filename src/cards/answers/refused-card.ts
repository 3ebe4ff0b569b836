import { escapeMarkdown } from '../../domain/escape.ts';
import { card, header, markdown, type Element } from './common.ts';

/** A read the policy refused: the reason and whom to contact, nothing about the plan. */
export const refusedCard = (message: string, title = '暂无查看权限'): Element => card(header(title, 'grey'), [markdown(escapeMarkdown(message))], title);
export const refusedText = (message: string): string => message;
