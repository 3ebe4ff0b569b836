import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { parseConfig } from '../../src/config/schema.ts';
import { findPersonName, listAdmins, listDepartments, listReporters } from '../../src/db/repositories/directory.repository.ts';
import { findPersonLookups } from '../../src/db/repositories/person-lookups.repository.ts';
import type { FakeLark } from '../../src/simulator/index.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { startTestLark, TEST_APP } from '../support/fake-lark.ts';

// People given by email or mobile in the directory: looked up once through the contact API
// (batch_get_id), stored, named from the contact API when the file gives no name.

let db: TestDb;
let fake: FakeLark;
let dir: string;

async function directory(yaml: string) {
  const file = path.join(dir, `d-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, yaml);
  const out: string[] = [];
  const err: string[] = [];
  const config = parseConfig({ DATABASE_URL: db.url, LARK_APP_ID: TEST_APP.appId, LARK_APP_SECRET: TEST_APP.appSecret, LARK_DOMAIN: fake.url });
  const code = await runCli(['directory', file], { config, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const lookups = () => fake.calls.filter((c) => c.route === 'batch_get_id');

beforeAll(async () => {
  db = await createTestDb('peopleemail');
  ({ fake } = await startTestLark());
  fake.addUser({ open_id: 'ou_zhou0001', name: '周督办', email: 'zhou@example.gov.cn' });
  fake.addUser({ open_id: 'ou_wu0002', name: '吴督办', mobile: '+8613800000000' });
  fake.addUser({ open_id: 'ou_li0003', name: '李填报', email: 'li@example.gov.cn' });
  dir = await mkdtemp(path.join(tmpdir(), 'duban-people-'));
});

afterAll(async () => {
  await fake?.stop();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const FILE = `
admins:
  - { email: Zhou@example.gov.cn }
  - { mobile: "+86 13800000000", name: 吴主任 }
departments:
  - name: 运用促进司
    chat_id: oc_yycjs
    reporters: [{ email: li@example.gov.cn }, ou_other0004]
`;

describe('people by email or mobile', () => {
  it('an unknown email is refused naming where it is, and nothing is written', async () => {
    const r = await directory(FILE.replace('li@example.gov.cn', 'nobody@example.gov.cn'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('departments[0].reporters[0]：飞书通讯录中找不到 邮箱 nobody@example.gov.cn');
    expect(await listAdmins(db.db)).toEqual([]);
    expect(await listDepartments(db.db)).toEqual([]);
  });

  it('emails and mobiles become open_ids through batch_get_id, with names from the contact API when the file gives none', async () => {
    const before = lookups().length;
    const r = await directory(FILE);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(lookups().length).toBe(before + 1);
    expect(lookups().at(-1)!.query.user_id_type).toBe('open_id');
    expect(await listAdmins(db.db)).toEqual(['ou_wu0002', 'ou_zhou0001']);
    expect(await findPersonName(db.db, 'ou_zhou0001')).toBe('周督办'); // from the contact API
    expect(await findPersonName(db.db, 'ou_wu0002')).toBe('吴主任'); // the file's name wins
    const [dept] = await listDepartments(db.db);
    expect((await listReporters(db.db, dept!.id)).map((p) => p.openId)).toEqual(['ou_li0003', 'ou_other0004']);
    const stored = await findPersonLookups(db.db, ['email:zhou@example.gov.cn', 'mobile:+8613800000000', 'email:li@example.gov.cn']);
    expect(Object.fromEntries([...stored].map(([k, v]) => [k, v.openId]))).toEqual({
      'email:zhou@example.gov.cn': 'ou_zhou0001',
      'mobile:+8613800000000': 'ou_wu0002',
      'email:li@example.gov.cn': 'ou_li0003',
    });
  });

  it('loading the file again uses the stored lookups: Lark is not asked again', async () => {
    const before = lookups().length;
    const r = await directory(FILE);
    expect(r.code).toBe(0);
    expect(lookups().length).toBe(before);
    expect(fake.unknownCalls).toEqual([]);
  });
});
