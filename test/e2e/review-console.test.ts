import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, startDemo, type Demo } from '../../src/cli/demo.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { completionReviews, deadlineExtensions } from '../../src/db/schema/index.ts';
import { createLogger } from '../../src/logging.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { waitFor } from '../support/fake-lark.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// The 延期申请 and 办结审核 cards as the demo console draws them, clicked through in Debian's
// Chromium against a real duban: each step's screenshot and a text rendering of each card go to
// test-artifacts/ (review-*.png, review-cards.txt).

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';
const ZHANG_SAN = 'ou_yycjs_0001'; // reporter of 运用促进司
const WANG_FANG = 'ou_bgs_0001'; // reporter of 办公室, the lead of task 1
const ADMIN = 'ou_admin_0001';

const prefix = testQueuePrefix('review_console');
let t: TestDb;
let demo: Demo;
let profile: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const texts: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `review-${name}.png`) });
const toast = (type: string, text: string | RegExp) => page.locator(`.toast-${type}`, { hasText: text }).first().waitFor();
const openChat = (name: string) => page.locator('.chat-item', { hasText: name }).first().click();
const privateChat = () => page.getByRole('button', { name: /与督办私聊/ }).click();
const botCard = (title: string | RegExp) => page.locator('.msg.from-bot .card', { has: page.locator('.card-title', { hasText: title }) }).last();

/** A card as text: its header, then each text, field and button in order. */
function cardText(card: unknown): string {
  const out: string[] = [];
  const c = card as { header?: { title?: { content?: string }; subtitle?: { content?: string } }; body?: { elements?: unknown[] } };
  out.push(`【${c.header?.title?.content ?? ''}】${c.header?.subtitle?.content ? ` ${c.header.subtitle.content}` : ''}`);
  const walk = (els: unknown[] | undefined) => {
    for (const el of els ?? []) {
      const e = el as Record<string, any>;
      if (e.tag === 'markdown') out.push(String(e.content));
      else if (e.tag === 'div') out.push(String(e.text?.content ?? ''));
      else if (e.tag === 'hr') out.push('────');
      else if (e.tag === 'button') out.push(`[${e.text?.content}]`);
      else if (e.tag === 'input' || e.tag === 'date_picker' || e.tag === 'select_static') out.push(`<${e.tag} ${e.name}: ${e.default_value ?? e.initial_option ?? e.placeholder?.content ?? ''}>`);
      else if (e.tag === 'collapsible_panel') out.push(`▸ ${e.header?.title?.content ?? ''}`);
      walk(e.elements);
      for (const col of e.columns ?? []) walk(col.elements);
    }
  };
  walk(c.body?.elements);
  return out.join('\n');
}
const record = (label: string, match: (m: { card?: unknown }) => boolean) => {
  const m = [...demo.fake.messages].reverse().find((x) => x.card && match(x));
  expect(m, label).toBeTruthy();
  texts.push(`=== ${label} ===\n${cardText(m!.card)}\n`);
};
const titled = (s: string) => (m: { card?: unknown }) => JSON.stringify((m.card as { header?: unknown })?.header ?? '').includes(s);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await createTestDb('review_console');
  const config = parseConfig({ DATABASE_URL: t.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: prefix, PORT: '0', DUBAN_NOW: DEMO_NOW });
  demo = await startDemo(config, { larkPort: 0, logger: createLogger({ level: 'silent' }), schedules: false, openRound: false });
  profile = await mkdtemp(join(tmpdir(), 'duban-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  context.on('weberror', (e) => pageErrors.push(e.error().message));
  await page.goto(demo.consoleUrl);
}, 120_000);

afterAll(async () => {
  if (texts.length) writeFileSync(join(ARTIFACTS, 'review-cards.txt'), texts.join('\n'));
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await demo?.close();
  await t?.drop();
  await cleanRedisPrefix(prefix);
});

describe('延期申请 and 办结审核 in the demo console', () => {
  it('申请延期 under task 1 opens the private extension card; the request is submitted with a date and a reason', async () => {
    await page.selectOption('#who', ZHANG_SAN);
    await page.getByRole('button', { name: '开启本周填报', exact: true }).click();
    await page.locator('#step-line', { hasText: '已开启本周填报' }).waitFor({ timeout: 90_000 });
    let seen = -1;
    await waitFor(async () => {
      const n = demo.fake.messages.length;
      if (n === seen && n >= 47) return true;
      seen = n;
      await new Promise((r) => setTimeout(r, 1500));
      return false;
    }, 60_000);
    await openChat('运用促进司工作群');
    const card = page.locator('.msg', { hasText: '第 1/' }).first();
    await card.waitFor();
    const extend = card.getByRole('button', { name: '申请延期' }).first();
    await extend.scrollIntoViewIfNeeded();
    await shot('round-card');
    record('运用促进司 · 本周任务填报（第 1 页）', (m) => JSON.stringify(m.card).includes('运用促进司 · 本周任务填报 · 第 1/'));
    await extend.click();
    await toast('info', '已私信发送延期申请表');
    await privateChat();
    const form = botCard(/延期申请 · 任务1/);
    await form.waitFor();
    await form.locator('input[type="date"]').fill('2022-03-31');
    await form.locator('textarea').fill('需与财政部联合发文，会签周期较长');
    await shot('extension-form');
    record('延期申请（私聊，填报人）', titled('延期申请 · 任务1'));
    await form.getByRole('button', { name: '提交延期申请' }).click();
    await toast('success', '延期申请已提交');
    await waitFor(async () => (await t.db.select().from(deadlineExtensions)).length === 1);
  }, 180_000);

  it('the admin agrees on the decision card; the unit’s chat is told and the round card shows the new date', async () => {
    await page.selectOption('#who', ADMIN);
    await privateChat();
    const decision = botCard(/延期申请审批 · 任务1/);
    await decision.waitFor();
    record('延期申请审批（私聊，审批人）', titled('延期申请审批 · 任务1'));
    await decision.locator('textarea').fill('同意，请抓紧会签');
    await shot('extension-decision');
    await decision.getByRole('button', { name: '同意', exact: true }).click();
    await toast('success', '已同意延期至 2022-03-31');
    await page.locator('.card', { hasText: '已同意' }).last().waitFor();
    await shot('extension-decided');
    await waitFor(async () => (await t.db.select().from(deadlineExtensions))[0]?.status === 'approved');
    await waitFor(() => demo.fake.messages.some(titled('延期申请已同意')));
    record('延期申请审批（已处理）', (m) => JSON.stringify(m.card).includes('已同意') && titled('延期申请审批')(m));
    record('延期申请结果（运用促进司工作群）', titled('延期申请已同意'));
    await page.selectOption('#who', ZHANG_SAN);
    await openChat('运用促进司工作群');
    await page.locator('.card-title', { hasText: '延期申请已同意' }).last().waitFor();
    await shot('extension-outcome');
  }, 120_000);

  it('已完成 with an evidence link is 待审核; the lead’s reporter sends it back with a reason, then approves it', async () => {
    await openChat('运用促进司工作群');
    const form = page.locator('.msg', { hasText: '第 1/' }).first().locator('.card-form').first();
    await form.locator('select[name^="status_"]').selectOption('done');
    await form.locator('input[name^="evidence_"]').fill('https://www.cnipa.gov.cn/art/2021/6/7/example.html');
    await form.getByRole('button', { name: /提交/ }).click();
    await toast('success', '待审核');
    // the answer's card shows task 1 with its new date and 待审核
    const marked = page.getByText('已完成待审核').first();
    await marked.waitFor();
    await page.getByText('截止 2022-03-31（已延期，原 2021-12-31）').first().waitFor();
    await marked.scrollIntoViewIfNeeded();
    await shot('completion-submitted');
    await waitFor(async () => (await t.db.select().from(completionReviews)).length === 1);

    await page.selectOption('#who', WANG_FANG);
    await openChat('办公室工作群');
    const review = botCard(/办结审核 · 任务1/);
    await review.waitFor();
    record('办结审核（办公室工作群，牵头部门审核）', titled('办结审核 · 任务1'));
    await review.locator('textarea').fill('请补充会签文件的正式文号');
    await shot('completion-review');
    await review.getByRole('button', { name: '退回', exact: true }).click();
    await toast('success', '已退回');
    await waitFor(async () => (await t.db.select().from(completionReviews))[0]?.status === 'refused');
    await waitFor(() => demo.fake.messages.some(titled('办结审核已退回')));
    record('办结审核结果：退回（运用促进司工作群）', titled('办结审核已退回'));
    await page.selectOption('#who', ZHANG_SAN);
    await openChat('运用促进司工作群');
    await page.locator('.card-title', { hasText: '办结审核已退回' }).last().waitFor();
    await shot('completion-refused');
  }, 120_000);

  it('ran without a script error on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
