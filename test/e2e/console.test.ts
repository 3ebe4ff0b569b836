import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, desc } from 'drizzle-orm';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, startDemo, type Demo } from '../../src/cli/demo.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { reports } from '../../src/db/schema/index.ts';
import { createLogger } from '../../src/logging.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { waitFor } from '../support/fake-lark.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// The demo console in Debian's Chromium against a real duban (Postgres, Redis, workers), as a
// newcomer would use it: open the round, report, be refused as an outsider, ask, send the digest.

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';
const ZHANG_SAN = 'ou_yycjs_0001'; // reporter of 运用促进司
const OUTSIDER = 'ou_outsider_0001';

const prefix = testQueuePrefix('console');
let t: TestDb;
let demo: Demo;
let profile: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string, p: Page = page) => p.screenshot({ path: join(ARTIFACTS, `console-${name}.png`) });
const toast = (type: string, text: string | RegExp) => page.locator(`.toast-${type}`, { hasText: text }).first().waitFor();
const openChat = (name: string) => page.locator('.chat-item', { hasText: name }).first().click();
// 运用促进司's card has two pages (tasks, then key points and indicators) that may arrive in either order: its tasks are on page 1
const firstTaskForm = (p: Page) => p.locator('.msg', { hasText: '第 1/' }).locator('.card-form').first();
const reportCount = async () => (await t.db.select({ n: count() }).from(reports))[0]!.n;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await createTestDb('console_e2e');
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
  page.setDefaultTimeout(15_000);
  context.on('weberror', (e) => pageErrors.push(e.error().message));
  await page.goto(demo.consoleUrl);
});

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await demo?.close();
  await t?.drop();
  await cleanRedisPrefix(prefix);
});

describe('the demo console in a browser', () => {
  it('opens the round from the step bar, and the department chat shows its card', async () => {
    await page.selectOption('#who', ZHANG_SAN);
    await page.getByRole('button', { name: '开启本周填报', exact: true }).click();
    // opening builds and queues 47 units' cards (some of several pages): slow on a loaded machine
    await page.locator('#step-line', { hasText: '已开启本周填报' }).waitFor({ timeout: 90_000 });
    // 47 units' cards (13 departments, 34 regions) arrive over a few seconds; the page re-renders
    // its chat list as they come, so wait for all of them before clicking around
    let seen = -1;
    await waitFor(async () => {
      const n = demo.fake.messages.length;
      if (n === seen && n >= 47) return true;
      seen = n;
      await new Promise((r) => setTimeout(r, 1500));
      return false;
    }, 45_000);
    await openChat('运用促进司工作群');
    await page.locator('.card-title', { hasText: '运用促进司 · 本周任务填报' }).first().waitFor();
    await shot('round-card');
  }, 180_000);

  it('a reporter submits a task: success toast, the card shows 已提交, the report is stored', async () => {
    const form = firstTaskForm(page);
    await form.locator('select[name^="status_"]').selectOption('on_track');
    await form.locator('input[name^="progress_"]').fill('60');
    await form.locator('textarea[name^="note_"]').fill('已完成初稿，正在征求意见');
    await form.getByRole('button', { name: '提交' }).click();
    await toast('success', '已提交：正常推进 · 60%');
    await page.getByText('已提交 · 张三').first().waitFor();
    await form.getByRole('button', { name: '修改并重新提交' }).waitFor();
    await shot('submitted');
    await waitFor(async () => (await reportCount()) === 1);
  });

  it('re-submitting only the status keeps the note: the card comes back with every field as last reported', async () => {
    const form = firstTaskForm(page);
    await expect.poll(() => form.locator('textarea[name^="note_"]').inputValue()).toBe('已完成初稿，正在征求意见');
    expect(await form.locator('input[name^="progress_"]').inputValue()).toBe('60');
    expect(await form.locator('select[name^="status_"]').inputValue()).toBe('on_track');
    await form.locator('select[name^="status_"]').selectOption('at_risk');
    await form.getByRole('button', { name: '修改并重新提交' }).click();
    await toast('success', '已提交：存在风险 · 60%');
    await waitFor(async () => (await reportCount()) === 2);
    const [latest] = await t.db.select().from(reports).orderBy(desc(reports.id)).limit(1);
    expect(latest).toMatchObject({ status: 'at_risk', progress: 60, note: '已完成初稿，正在征求意见' });
    await expect.poll(() => form.locator('textarea[name^="note_"]').inputValue()).toBe('已完成初稿，正在征求意见');
    await form.scrollIntoViewIfNeeded();
    await shot('resubmitted-1280');
  });

  it('an outsider submitting the same form is refused and nothing is stored', async () => {
    await page.selectOption('#who', OUTSIDER);
    const form = page.locator('.card-form:has(select[name^="status_"])').nth(1); // a task's form: 运用促进司's card now has two pages, indicators on the second
    await form.locator('select[name^="status_"]').selectOption('at_risk');
    await form.locator('input[name^="progress_"]').fill('10');
    await form.getByRole('button', { name: '提交' }).click();
    await toast('error', '您不是「运用促进司」的填报人');
    await shot('outsider-refused');
    expect(await reportCount()).toBe(2);
  });

  it('asks 任务7 in a private chat and reads the bot’s answer card', async () => {
    await page.selectOption('#who', ZHANG_SAN);
    await page.getByRole('button', { name: /与督办私聊/ }).click();
    await page.locator('.chat-head-name', { hasText: '私聊' }).waitFor();
    await page.fill('#composer-text', '任务7');
    await page.press('#composer-text', 'Enter');
    await page.locator('.msg.mine .bubble', { hasText: '任务7' }).waitFor();
    await page.locator('.msg.from-bot .card-title', { hasText: /^任务7：/ }).waitFor();
    await shot('ask');
  });

  it('sends the digest and finds it, with its chart, in the leadership chat', async () => {
    // the step bar's button: the private chat's bot menu has an item of the same name
    await page.locator('#stepbar').getByRole('button', { name: '发送周汇总' }).click();
    await page.locator('#step-line', { hasText: '本周汇总' }).waitFor();
    await openChat('局领导');
    const digest = page.locator('.msg.from-bot .card', { has: page.locator('.card-title', { hasText: '督办周报' }) });
    await digest.waitFor();
    expect(await digest.locator('.chart svg rect').count()).toBeGreaterThan(0);
    expect(await digest.locator('.chart-legend span').count()).toBeGreaterThan(0);
    await shot('digest');
  });

  it('is readable on a phone: the chat list is a drawer, the re-submitted card keeps its note, the digest’s red list fits 375 px', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await phone.goto(demo.consoleUrl);
    await phone.locator('.msg').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.getByRole('button', { name: '☰ 会话' }).click();
    await phone.locator('.chat-item', { hasText: '运用促进司工作群' }).click();
    await phone.locator('.card-title', { hasText: '运用促进司 · 本周任务填报' }).first().waitFor();
    const form = firstTaskForm(phone);
    await expect.poll(() => form.locator('textarea[name^="note_"]').inputValue()).toBe('已完成初稿，正在征求意见');
    await form.scrollIntoViewIfNeeded();
    await shot('phone', phone);
    await shot('resubmitted-375', phone);

    await phone.getByRole('button', { name: '☰ 会话' }).click();
    await phone.locator('.chat-item', { hasText: '局领导' }).click();
    const table = phone.locator('.msg.from-bot .card .table-box').first();
    await table.waitFor();
    await table.scrollIntoViewIfNeeded();
    const box = (await table.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    // every cell fits inside the table: nothing is cut off at the right
    const overflow = await table.evaluate((el) => [...el.querySelectorAll('td')].some((td) => td.getBoundingClientRect().right > el.getBoundingClientRect().right + 1));
    expect(overflow).toBe(false);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot('phone-digest-375', phone);
    await phone.close();
  });

  it('shows the digest’s red list whole at desktop width too', async () => {
    const table = page.locator('.msg.from-bot .card .table-box').first();
    await table.scrollIntoViewIfNeeded();
    const box = (await table.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    await shot('digest-1280');
  });

  it('ran without a script error on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
