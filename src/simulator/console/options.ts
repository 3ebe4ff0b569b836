import type { ConsolePerson } from './people.ts';

export const CONSOLE_STEPS = ['open_round', 'remind', 'close_round', 'reopen_round', 'digest', 'results_cards', 'results_remind'] as const;
export type ConsoleStep = (typeof CONSOLE_STEPS)[number];

/** One item of the bot's menu: its name and the event_key Lark sends when it is clicked. */
export interface MenuItem {
  key: string;
  label: string;
}

/** What the console needs; injected so tests and the demo wire it to their own duban. */
export interface ConsoleOptions {
  /** duban's webhook (…/lark/events); a function when duban starts after the fake. */
  webhookUrl: string | (() => string | undefined);
  encryptKey?: string;
  verificationToken?: string;
  appId: string;
  /** The bot's open_id, for @-mentions in groups. */
  botOpenId: string;
  botName?: string;
  /** Who the console can act as; registered as fake users if unknown. */
  people: ConsolePerson[];
  /** Runs a schedule step now and answers one line (the demo wires it to runStep). */
  steps?: (step: ConsoleStep) => Promise<string>;
  /**
   * The bot's custom menu, as set up in the developer console (机器人自定义菜单, response 推送事件):
   * shown in each person's private chat with the bot; a click sends `application.bot.menu_v6`.
   */
  menu?: MenuItem[];
  /** Business clock for the messages the console adds (default: real time). */
  now?: () => Date;
}
