import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/schema.ts';

describe('Lark limits in config', () => {
  it('defaults to Lark’s 1,000 sends a minute and a 1.5 s card answer budget', () => {
    const c = parseConfig({});
    expect(c.outbox.appRatePerMinute).toBe(1000);
    expect(c.cardAnswerBudgetMs).toBe(1500);
    expect(parseConfig({ OUTBOX_APP_RATE_PER_MINUTE: '600', CARD_ANSWER_BUDGET_MS: '800' })).toMatchObject({ outbox: { appRatePerMinute: 600 }, cardAnswerBudgetMs: 800 });
  });

  it('refuses a budget Lark’s 3 s deadline leaves no room for, and a quota that is not a positive integer', () => {
    for (const env of [{ CARD_ANSWER_BUDGET_MS: '3000' }, { CARD_ANSWER_BUDGET_MS: '-1' }, { OUTBOX_APP_RATE_PER_MINUTE: '0' }, { OUTBOX_APP_RATE_PER_MINUTE: '1.5' }]) {
      expect(() => parseConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});
