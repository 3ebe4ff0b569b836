import type { ConsolePerson } from './people.ts';

export const CONSOLE_STEPS = ['open_round', 'remind', 'close_round', 'reopen_round', 'digest', 'results_cards', 'results_remind'] as const;
export type ConsoleStep = (typeof CONSOLE_STEPS)[number];

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
  /** Business clock for the messages the console adds (default: real time). */
  now?: () => Date;
}
