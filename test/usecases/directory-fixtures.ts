import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { departments, indicators, plans } from '../../src/db/schema/index.ts';

export const SEED_DEPARTMENTS = ['办公室', '条法司', '联席办', '战略规划司', '保护司', '运用促进司', '公共服务司', '国际合作司', '人事司', '专利局审业部', '专利局自动化部', '商标局', '专利局审查部'];

export const SEED_INDICATORS = ['发明专利审查周期', '高价值发明专利审查周期', '商标注册平均审查周期', '专利商标质押融资规模', '融资惠及企业数量增长率', '技术与创新支持中心（TISC）'];

/** What a plan import leaves behind, as far as the directory cares: departments and indicators. */
export async function seedLikeImport(db: Db): Promise<{ planId: number }> {
  await db.insert(departments).values(SEED_DEPARTMENTS.map((name) => ({ name })));
  const [plan] = await db
    .insert(plans)
    .values({ key: '国知发运字〔2021〕3号', title: '推动知识产权高质量发展年度工作指引（2021）', year: 2021, sourceHash: 'x', importedAt: new Date('2021-03-01T00:00:00Z') })
    .returning();
  await db.insert(indicators).values(SEED_INDICATORS.map((name, position) => ({ planId: plan!.id, position, name, comparator: '<=', value: 1, unit: '个' })));
  return { planId: plan!.id };
}

/** Row counts of every directory table, to prove a refusal wrote nothing. */
export async function directoryCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['departments', 'department_aliases', 'people', 'reporters', 'admins', 'chats']) {
    const r = (await db.execute(sql.raw(`select count(*)::int as n from ${t}`))) as unknown as { rows: { n: number }[] };
    out[t] = r.rows[0]!.n;
  }
  const owners = (await db.execute(sql`select count(*)::int as n from indicators where owner_department_id is not null`)) as unknown as { rows: { n: number }[] };
  out.indicatorOwners = owners.rows[0]!.n;
  return out;
}

/** Empties the tables the directory tests use; deletes are far cheaper than truncate on tiny tables. */
export async function clearDirectory(db: Db): Promise<void> {
  for (const t of ['plans', 'chats', 'reporters', 'department_aliases', 'admins', 'people', 'departments']) {
    await db.execute(sql.raw(`delete from ${t}`));
  }
}
