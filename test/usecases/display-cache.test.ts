import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { departments, people, plans } from '../../src/db/schema/index.ts';
import { createDisplayCache } from '../../src/usecases/inbound/display-cache.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

// What the card-action webhook keeps for a few seconds (names, departments, the plan): read once,
// shown stale for at most its time to live, never kept when the read failed. The clock is Date
// alone (faked), so the expiry is checked to the millisecond without waiting for it.

const T0 = new Date('2026-03-02T01:00:00.000Z');
const TTL = 5000;
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb('display_cache');
  await t.db.insert(people).values([{ openId: 'ou_a', name: '张三' }, { openId: 'ou_b', name: '李四' }]);
  await t.db.insert(departments).values({ name: '保护司' });
  await t.db.insert(plans).values([
    { key: 'p1', title: '计划一', year: 2026, sourceHash: 'h1', importedAt: T0, active: false },
    { key: 'p2', title: '计划二', year: 2026, sourceHash: 'h2', importedAt: T0, active: false },
  ]);
});
afterEach(async () => {
  vi.useRealTimers();
  await t.db.update(people).set({ name: '张三' }).where(eq(people.openId, 'ou_a'));
});
afterAll(async () => {
  await t?.drop();
});

const at = (ms: number) => vi.setSystemTime(new Date(T0.getTime() + ms));

describe('the display cache', () => {
  it('shows a name read within its time to live as it was read, and reads it again once that has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(0);
    const cache = createDisplayCache(t.db, TTL);
    expect(await cache.nameOf('ou_a')).toBe('张三');
    await t.db.update(people).set({ name: '张三丰' }).where(eq(people.openId, 'ou_a'));
    at(TTL - 1);
    expect(await cache.nameOf('ou_a')).toBe('张三');
    at(TTL);
    expect(await cache.nameOf('ou_a')).toBe('张三丰');
  });

  it('keeps each person, plan and the department list apart', async () => {
    const cache = createDisplayCache(t.db, TTL);
    expect(await cache.nameOf('ou_a')).toBe('张三');
    expect(await cache.nameOf('ou_b')).toBe('李四');
    expect(await cache.nameOf('ou_unknown')).toBe('ou_unknown'); // no name: the open_id stands in
    const [p1, p2] = await t.db.select().from(plans).orderBy(plans.id);
    expect((await cache.planView(p1!.id))?.plan.title).toBe('计划一');
    expect((await cache.planView(p2!.id))?.plan.title).toBe('计划二');
    expect(await cache.planView(999_999)).toBeNull();
    expect((await cache.departments()).map((d) => d.name)).toEqual(['保护司']);
  });

  it('does not keep a failed read: the next call reads again', async () => {
    const cache = createDisplayCache(t.db, TTL);
    await t.db.execute(sql`alter table people rename to people_away`);
    try {
      await expect(cache.nameOf('ou_b')).rejects.toThrow();
    } finally {
      await t.db.execute(sql`alter table people_away rename to people`);
    }
    expect(await cache.nameOf('ou_b')).toBe('李四');
  });
});
