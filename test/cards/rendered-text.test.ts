import { describe, expect, it } from 'vitest';
import { answerCard } from '../../src/cards/answers/index.ts';
import { buildDepartmentCards } from '../../src/cards/department-card.ts';
import { buildDigestCard } from '../../src/cards/digest.ts';
import { buildReminderCard } from '../../src/cards/reminder.ts';
import { buildDigestModel } from '../../src/domain/digest/model.ts';
import { inline, renderMarkdown } from '../../src/simulator/console/public/markdown.js';
import { dept, seededWeek } from '../domain/digest/fixture.ts';
import { input, task } from './fixtures.ts';

// What a reader sees of every card kind, rendered by the console's markdown (which follows Lark's
// rules: `markdown` elements, `lark_md` text and table cells without backslash escapes), must be
// what the user typed — no mention, no bold, no link, no stray backslash or entity.

const HOSTILE = '<at id=all></at> **x** [a](http://e) \\( # &lt; _y_ ~~z~~';

type Node = Record<string, unknown>;

/** Visible text of rendered HTML: tags dropped, the few entities esc() writes decoded. */
const visible = (html: string) =>
  html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

/** Everything the card shows as text, each element rendered the way its tag says. */
function shown(card: unknown): { text: string; html: string } {
  const html: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Node;
    if (o.tag === 'markdown' && typeof o.content === 'string') html.push(renderMarkdown(o.content));
    else if (o.tag === 'lark_md' && typeof o.content === 'string') html.push(renderMarkdown(o.content, { backslash: false }));
    else if (o.tag === 'plain_text' && typeof o.content === 'string') html.push(o.content.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!));
    else if (o.tag === 'table') {
      const cols = o.columns as { name: string; data_type: string }[];
      for (const row of o.rows as Node[]) {
        for (const c of cols) {
          const v = String(row[c.name] ?? '');
          html.push(c.data_type === 'lark_md' ? inline(v, { backslash: false }) : c.data_type === 'markdown' ? inline(v) : v);
        }
      }
      return;
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'default_value' && k !== 'value') walk(v);
  };
  walk(card);
  const all = html.join('\n');
  return { html: all, text: visible(all) };
}

function expectShownAsTyped(card: unknown, typed = HOSTILE): void {
  const { html, text } = shown(card);
  expect(text).toContain(typed);
  // (a bare address may be linked, as Lark does; the markdown link `[a](…)` may not)
  expect(html).not.toMatch(/class="mention"|<strong>x|<em>y|<del>z|>a<\/a>/);
}

describe('card text renders as written', () => {
  it('the department round card: task title, department, reporter and measures', () => {
    const last = { status: 'at_risk' as const, progress: 10, note: HOSTILE, reporterName: HOSTILE, reportedAt: new Date() };
    const cards = buildDepartmentCards(
      input([task(1, { title: HOSTILE, last, submitted: { by: HOSTILE, at: new Date() }, measuresForBureau: [HOSTILE] })], { department: { id: 6, name: HOSTILE } }),
    );
    expectShownAsTyped(cards);
  });

  it('the digest: the red list table’s lark_md cells show task, department and note as typed', () => {
    const week = seededWeek();
    week.tasks[0]!.title = HOSTILE;
    week.tasks[0]!.departments[1] = dept(2, HOSTILE, 'blocked', { note: HOSTILE });
    const card = buildDigestCard(buildDigestModel(week)) as Node;
    const table = (card.body as { elements: Node[] }).elements.find((e) => e.tag === 'table')!;
    const cells = shown(table);
    // the digest keeps text on one line and cuts it: what is shown is a prefix of what was typed
    expect(cells.text).toContain(HOSTILE.slice(0, 12));
    expect(cells.text).toContain('<at id=all></at> **');
    expect(cells.html).not.toMatch(/class="mention"|<strong>/);
    expect(cells.text).not.toMatch(/&#\d+;/);
  });

  it('the reminder card: task titles and department name', () => {
    const card = buildReminderCard({
      reminder: { departmentId: 1, departmentName: HOSTILE, chatId: 'oc_1', missing: [{ id: 1, number: 8, title: HOSTILE }], mention: [], reminderNumber: 1 },
      round: { key: '2021-W23' },
    });
    expectShownAsTyped(card);
  });

  it('the answer cards: a task with a department’s note, and a list', () => {
    const d = { name: HOSTILE, role: 'lead', status: 'blocked' as const, progress: 5, reporter: HOSTILE, reportedAt: '2021-06-08 10:30', note: HOSTILE, trend: [] };
    expectShownAsTyped(answerCard({ kind: 'task', task: { number: 1, title: HOSTILE, section: null, deadline: 'x', deadlineState: 'ok', status: 'blocked', progress: 5, trendRounds: [], departments: [d] } }));
    expectShownAsTyped(
      answerCard({ kind: 'list', filter: 'blocked', tasks: [{ number: 1, title: HOSTILE, status: 'blocked', progress: 5, deadlineState: 'ok', highlight: null }] }),
    );
  });
});
