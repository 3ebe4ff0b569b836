import type * as lark from '@larksuiteoapi/node-sdk';
import { classifyLarkCode, LarkCallError } from './errors.ts';

// Contact lookups for the directory: emails / mobiles → open_id (contact/v3/users/batch_get_id,
// at most 50 of each per call) and a person's name (contact/v3/users/:open_id).

interface Body<T> {
  code?: number;
  msg?: string;
  data?: T;
}

const checked = <T>(body: Body<T> | null | undefined, what: string): T | undefined => {
  if (typeof body?.code === 'number' && body.code !== 0) throw new LarkCallError(classifyLarkCode(200, body.code, body.msg), what);
  return body?.data;
};

export async function openIdsByEmailOrMobile(client: lark.Client, emails: string[], mobiles: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < Math.max(emails.length, mobiles.length); i += 50) {
    const data = checked(
      await client.request<Body<{ user_list?: { user_id?: string; email?: string; mobile?: string }[] }>>({
        method: 'POST',
        url: '/open-apis/contact/v3/users/batch_get_id',
        params: { user_id_type: 'open_id' },
        data: { emails: emails.slice(i, i + 50), mobiles: mobiles.slice(i, i + 50), include_resigned: false },
      }),
      'batch_get_id',
    );
    for (const u of data?.user_list ?? []) {
      if (!u.user_id) continue;
      if (u.email) found.set(`email:${u.email.toLowerCase()}`, u.user_id);
      if (u.mobile) found.set(`mobile:${u.mobile.replace(/[\s-]/g, '')}`, u.user_id);
    }
  }
  return found;
}

export async function userName(client: lark.Client, openId: string): Promise<string | null> {
  const data = checked(
    await client.request<Body<{ user?: { name?: string } }>>({ method: 'GET', url: `/open-apis/contact/v3/users/${encodeURIComponent(openId)}`, params: { user_id_type: 'open_id' } }),
    'user',
  );
  return data?.user?.name || null;
}
