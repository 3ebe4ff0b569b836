import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENTS, SCOPES } from '../../src/lark/requirements.ts';
import { BOT_MENU_ITEMS } from '../../src/domain/operations.ts';

const doc = readFileSync(new URL('../../docs/lark-setup.md', import.meta.url), 'utf8');

describe('docs/lark-setup.md', () => {
  it('lists every scope duban needs, with the title and use from src/lark/requirements.ts', () => {
    for (const s of SCOPES) expect(doc).toContain(`| \`${s.scope}\` | ${s.title} | ${s.why} |`);
  });

  it('lists every event and callback the dispatcher handles', () => {
    for (const e of EVENTS) expect(doc).toContain(`\`${e.type}\``);
  });

  it('lists the bot menu items with the event keys duban reads', () => {
    for (const m of BOT_MENU_ITEMS) expect(doc).toContain(`| ${m.label} | \`${m.key}\` |`);
  });
});
