import type * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { leadershipChats, listAdmins, listDepartments, listReporters } from '../db/repositories/directory.repository.ts';
import { larkCodeMeaning } from '../lark/error-meanings.ts';
import { classifyLarkError } from '../lark/errors.ts';
import { scopeForApi } from '../lark/requirements.ts';
import { fail, ok, warn, type Check } from './check.ts';

// The Lark side of `duban doctor`: the app's credentials, its bot, the chats and people of the
// directory. Every call is a read; nothing is sent.

interface LarkBody {
  code?: number;
  msg?: string;
  [k: string]: unknown;
}

function baseUrl(domain: string): string {
  if (domain === 'feishu') return 'https://open.feishu.cn';
  if (domain === 'lark') return 'https://open.larksuite.com';
  return domain.replace(/\/+$/, '');
}

/** A refused call as one phrase: the code, its meaning, and the scope it needs when that is the cause. */
function refusal(e: unknown, method: string, path: string): { text: string; fix: string } {
  const f = classifyLarkError(e);
  const { meaning, fix } = larkCodeMeaning(f.code);
  const scope = f.code === 99991672 ? scopeForApi(method, path) : undefined;
  return {
    text: `${f.code !== undefined ? `错误码 ${f.code}：` : ''}${meaning}${f.status ? `（HTTP ${f.status}）` : ''}`,
    fix: scope ? `在开发者后台「权限管理」开通 ${scope.scope}（${scope.title}），发布新版本` : fix,
  };
}

async function get(client: lark.Client, url: string, params: Record<string, string | number> = {}): Promise<LarkBody> {
  const body = await client.request<LarkBody>({ method: 'GET', url, params });
  if (typeof body?.code === 'number' && body.code !== 0) throw { response: { status: 200, data: body } };
  return body;
}

export async function tokenCheck(config: Config): Promise<Check> {
  const title = '飞书 tenant_access_token';
  try {
    const res = await fetch(`${baseUrl(config.lark.domain)}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ app_id: config.lark.appId, app_secret: config.lark.appSecret }),
      signal: AbortSignal.timeout(8000),
    });
    const body = (await res.json()) as LarkBody;
    if (body.code === 0) return ok(title, '已取得（App ID 与 App Secret 正确）');
    const { meaning, fix } = larkCodeMeaning(body.code);
    return fail(title, `错误码 ${body.code}：${meaning}`, fix);
  } catch (e) {
    return fail(title, `连不上 ${baseUrl(config.lark.domain)}：${(e as Error).message}`, '检查网络、代理与 LARK_DOMAIN（feishu / lark / 私有部署地址）');
  }
}

export async function botCheck(client: lark.Client): Promise<Check> {
  const title = '机器人';
  try {
    const body = await get(client, '/open-apis/bot/v3/info');
    const bot = body.bot as { app_name?: string; open_id?: string; activate_status?: number } | undefined;
    if (!bot?.open_id) return fail(title, '应用没有机器人能力', '在开发者后台「添加应用能力」添加机器人，并发布新版本');
    return ok(title, `「${bot.app_name ?? ''}」open_id ${bot.open_id}`);
  } catch (e) {
    const r = refusal(e, 'GET', '/open-apis/bot/v3/info');
    return fail(title, r.text, r.fix);
  }
}

/** Every chat of the directory has the bot in it (im/v1/chats lists the chats the bot is in). */
export async function chatsCheck(client: lark.Client, db: DbOrTx): Promise<Check> {
  const title = '目录中的群';
  const wanted = new Map<string, string>();
  for (const d of await listDepartments(db)) if (d.chatId) wanted.set(d.chatId, `${d.name}的群`);
  for (const l of await leadershipChats(db)) wanted.set(l.chatId, `领导群「${l.name ?? l.chatId}」`);
  if (!wanted.size) return warn(title, '目录里还没有群', '运行 duban directory <目录文件>（见 directory.example.yaml）');
  const present = new Set<string>();
  try {
    let pageToken = '';
    do {
      const body = await get(client, '/open-apis/im/v1/chats', { page_size: 100, ...(pageToken ? { page_token: pageToken } : {}) });
      const data = body.data as { items?: { chat_id: string }[]; has_more?: boolean; page_token?: string } | undefined;
      for (const c of data?.items ?? []) present.add(c.chat_id);
      pageToken = data?.has_more ? (data.page_token ?? '') : '';
    } while (pageToken);
  } catch (e) {
    const r = refusal(e, 'GET', '/open-apis/im/v1/chats');
    return fail(title, `无法列出机器人所在的群：${r.text}`, r.fix);
  }
  const missing = [...wanted].filter(([id]) => !present.has(id));
  if (!missing.length) return ok(title, `机器人在全部 ${wanted.size} 个群里`);
  const names = missing.map(([id, name]) => `${name}（${id}）`).join('、');
  return fail(title, `机器人不在 ${missing.length}/${wanted.size} 个群里：${names}`, '在这些群的「设置 → 群机器人 → 添加机器人」加入本应用；若 chat_id 写错，改目录文件后运行 duban directory');
}

/** Every admin and reporter is a user the app can see (availability scope, not resigned). */
export async function peopleCheck(client: lark.Client, db: DbOrTx): Promise<Check> {
  const title = '目录中的人';
  const people = new Set<string>(await listAdmins(db));
  for (const d of await listDepartments(db)) for (const r of await listReporters(db, d.id)) people.add(r.openId);
  if (!people.size) return warn(title, '目录里还没有管理员和填报人', '在目录文件的 admins 与 reporters 中填写（open_id、email 或 mobile），再运行 duban directory');
  const unresolved: string[] = [];
  let lastFix = '';
  for (const id of people) {
    try {
      await get(client, `/open-apis/contact/v3/users/${encodeURIComponent(id)}`, { user_id_type: 'open_id' });
    } catch (e) {
      const r = refusal(e, 'GET', `/open-apis/contact/v3/users/${id}`);
      unresolved.push(`${id}（${r.text}）`);
      lastFix = r.fix;
    }
  }
  if (!unresolved.length) return ok(title, `全部 ${people.size} 人都能找到`);
  return fail(
    title,
    `${unresolved.length}/${people.size} 人找不到：${unresolved.slice(0, 5).join('、')}${unresolved.length > 5 ? ' …' : ''}`,
    `${lastFix || '检查 open_id 是否属于本应用'}；open_id 因应用而异，可改用 email / mobile 填写（见 docs/lark-setup.md）`,
  );
}
