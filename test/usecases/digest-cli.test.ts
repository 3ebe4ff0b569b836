import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.ts';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { digests } from '../../src/db/schema/index.ts';
import { makeDigestCommand } from '../../src/cli/digest.ts';
import { seedDigestWeek } from './digest-seed.ts';

describe('duban digest', () => {
  let t: TestDb;
  const out: string[] = [];
  const err: string[] = [];
  const ctx = () => ({ config: parseConfig({ DATABASE_URL: t.url, DUBAN_NOW: '2021-06-11T17:30:00+08:00' }), out: (l: string) => out.push(l), err: (l: string) => err.push(l) });
  beforeAll(async () => {
    t = await createTestDb('digest_cli');
    await seedDigestWeek(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('--dry-run prints the card JSON and stores nothing', async () => {
    out.length = 0;
    expect(await runCli(['digest', '--dry-run'], ctx())).toBe(0);
    const card = JSON.parse(out.join('\n'));
    expect(card.schema).toBe('2.0');
    expect(card.header.subtitle.content).toContain('2021-W23');
    expect(await t.db.select().from(digests)).toHaveLength(0);
  });

  it('queues the card to the leadership chats through an injected sender', async () => {
    out.length = 0;
    const sent: string[] = [];
    let closed = false;
    const command = makeDigestCommand({
      openSender: async () => ({
        send: async (op) => void sent.push(op.kind === 'send' && 'chatId' in op.to ? op.to.chatId : `unexpected ${op.kind}`),
        close: async () => void (closed = true),
      }),
    });
    expect(await command.run([], ctx())).toBe(0);
    expect(sent).toEqual(['oc_leader_a', 'oc_leader_b']);
    expect(closed).toBe(true);
    expect(out[0]).toBe('已提交本周汇总（2021-W23）到 2 个领导群：oc_leader_a、oc_leader_b');
    // The same week again stores nothing more (the outbox's ref per chat absorbs a re-queue).
    expect(await command.run([], ctx())).toBe(0);
    expect(await t.db.select().from(digests)).toHaveLength(1);
    await t.db.delete(digests);
  });

  it('refuses an unknown flag and stores nothing', async () => {
    err.length = 0;
    expect(await runCli(['digest', '--dryrun'], ctx())).toBe(1);
    expect(err[0]).toContain('--dryrun');
    expect(await t.db.select().from(digests)).toHaveLength(0);
  });
});
