import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, startDemo, type Demo } from '../../src/cli/demo.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { adminOperations, rounds } from '../../src/db/schema/index.ts';
import { createLogger } from '../../src/logging.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { waitFor } from '../support/fake-lark.ts';
import { cleanRedisPrefix, testQueuePrefix, testRedisUrl } from '../support/redis.ts';

// Operations in Lark as an admin sees them in the demo console (Debian's Chromium): the bot menu in
// the private chat, the confirmation card, 确认, the file that comes back; and a reporter refused.
// Screenshots land in test-artifacts/ (console-operation-*.png).

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';
const ADMIN = 'ou_admin_0001'; // 周督办
const REPORTER = 'ou_yycjs_0001'; // 张三

const prefix = testQueuePrefix('consoleops');
let t: TestDb;
let demo: Demo;
let profile: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `console-operation-${name}.png`) });
const toast = (type: string, text: string | RegExp) => page.locator(`.toast-${type}`, { hasText: text }).first().waitFor();
const lastCard = (title: string) => page.locator('.msg.from-bot .card', { has: page.locator('.card-title', { hasText: title }) }).last();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await createTestDb('console_ops');
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
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await demo?.close();
  await t?.drop();
  await cleanRedisPrefix(prefix);
});

describe('operations in the demo console', () => {
  it('the admin’s private chat has the bot menu; 开启填报 from it shows the confirmation card and sends nothing yet', async () => {
    await page.selectOption('#who', ADMIN);
    await page.getByRole('button', { name: /与督办私聊/ }).click();
    await page.locator('#botmenu button', { hasText: '开启填报' }).click();
    const card = lastCard('请确认：开启填报');
    await card.waitFor();
    await expect.poll(() => card.innerText()).toContain('2021-W23');
    await shot('confirm');
    expect(await t.db.select().from(rounds)).toEqual([]);
  });

  it('确认 opens the round: the card says so, and the outcome is replied', async () => {
    await lastCard('请确认：开启填报').getByRole('button', { name: '确认' }).click();
    await toast('success', '已确认「开启填报」，正在执行');
    await page.locator('.msg.from-bot .bubble', { hasText: '【开启填报】已执行' }).waitFor({ timeout: 60_000 });
    await page.locator('.card', { hasText: '已确认 · 周督办' }).first().waitFor();
    await shot('confirmed');
    expect(await t.db.select().from(rounds)).toHaveLength(1);
  });

  it('导出台账: after 确认 the file arrives in the private chat with a working download link', async () => {
    await page.locator('#botmenu button', { hasText: '导出台账' }).click();
    const card = lastCard('请确认：导出台账');
    await card.waitFor();
    await card.getByRole('button', { name: '确认' }).click();
    const file = page.locator('.bubble.file', { hasText: '督办台账_' }).last();
    await file.waitFor({ timeout: 60_000 });
    await file.scrollIntoViewIfNeeded();
    await shot('export-file');
    const href = await file.locator('a').getAttribute('href');
    const res = await page.request.get(new URL(href!, demo.consoleUrl).toString());
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    const key = decodeURIComponent(href!.split('/').pop()!);
    expect(bytes.equals(demo.fake.state.files.get(key)!.bytes)).toBe(true);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip
  });

  it('催办 then 取消: the card says it was cancelled and no reminder goes out', async () => {
    await page.locator('#botmenu button', { hasText: '催办' }).click();
    const card = lastCard('请确认：催办');
    await card.waitFor();
    await card.getByRole('button', { name: '取消' }).click();
    await toast('info', '已取消「催办」，未执行任何操作');
    await page.locator('.card', { hasText: '已取消 · 周督办' }).first().waitFor();
    await shot('cancelled');
    await waitFor(async () => (await t.db.select().from(adminOperations)).some((r) => r.operation === 'remind' && r.status === 'cancelled'));
    expect(demo.fake.messages.filter((m) => JSON.stringify(m.card ?? '').includes('"content":"催办：'))).toEqual([]);
  });

  it('a reporter typing 催办 in their private chat is refused, and nothing is asked or run', async () => {
    const before = (await t.db.select().from(adminOperations)).length;
    await page.selectOption('#who', REPORTER);
    await page.getByRole('button', { name: /与督办私聊/ }).click();
    await page.fill('#composer-text', '催办');
    await page.press('#composer-text', 'Enter');
    await page.locator('.msg.from-bot .bubble', { hasText: '只有督办管理员可以执行「催办」' }).waitFor();
    await shot('refused');
    // the refusal is the handler's last act: once it is shown, nothing more is coming
    expect(await t.db.select().from(adminOperations)).toHaveLength(before);
  });

  it('ran without a script error on the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
