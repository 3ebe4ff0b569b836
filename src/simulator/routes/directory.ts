import type { FastifyInstance } from 'fastify';
import { api, bad, ok, type SimContext } from '../context.ts';

// Chat list, chat members and contact user get — what duban reads to check its directory.
// https://open.feishu.cn/document/server-docs/group/chat/list, …/chat-member/get, contact-v3/user/get

function page<T>(items: T[], query: { page_size?: string; page_token?: string }, max: number) {
  const size = Math.min(Math.max(Number(query.page_size) || 20, 1), max);
  const start = Number(query.page_token) || 0;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return { items: slice, has_more: more, page_token: more ? String(start + size) : '' };
}

export function directoryRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get(
    '/open-apis/im/v1/chats',
    api(ctx, 'chats', (req) => {
      // The list excludes p2p chats, as Lark's does.
      const groups = [...ctx.state.chats.values()].filter((c) => c.chat_type === 'group');
      const items = groups.map((c) => ({
        chat_id: c.chat_id,
        name: c.name,
        avatar: '',
        description: '',
        owner_id: '',
        owner_id_type: 'open_id',
        external: false,
        tenant_key: ctx.tenantKey,
        chat_status: 'normal',
      }));
      return ok(page(items, req.query as Record<string, string>, 100));
    }),
  );

  app.get(
    '/open-apis/im/v1/chats/:chat_id/members',
    api(ctx, 'members', (req, call) => {
      const { chat_id } = req.params as { chat_id: string };
      const chat = ctx.state.chats.get(chat_id);
      call.chatId = chat_id;
      if (!chat) return bad(232011, `simulator: no chat ${chat_id}`);
      const items = chat.members.map((id) => ({
        member_id_type: 'open_id',
        member_id: id,
        name: ctx.state.users.get(id)?.name ?? '',
        tenant_key: ctx.tenantKey,
      }));
      return ok({ ...page(items, req.query as Record<string, string>, 100), member_total: items.length });
    }),
  );

  app.get(
    '/open-apis/contact/v3/users/:user_id',
    api(ctx, 'user', (req) => {
      const { user_id } = req.params as { user_id: string };
      const type = (req.query as { user_id_type?: string }).user_id_type ?? 'open_id';
      const user =
        type === 'open_id'
          ? ctx.state.users.get(user_id)
          : [...ctx.state.users.values()].find((u) => (type === 'union_id' ? u.union_id : u.user_id) === user_id);
      if (!user) return bad(41050, 'no user authority error');
      return ok({
        user: {
          open_id: user.open_id,
          union_id: user.union_id,
          user_id: user.user_id,
          name: user.name,
          en_name: '',
          department_ids: user.department_ids ?? [],
          status: { is_activated: true, is_frozen: false, is_resigned: false },
        },
      });
    }),
  );

  // https://open.feishu.cn/document/server-docs/contact-v3/user/batch_get_id — emails / mobiles → ids;
  // one entry per asked value, user_id absent when nobody matches.
  app.post(
    '/open-apis/contact/v3/users/batch_get_id',
    api(ctx, 'batch_get_id', (req) => {
      const type = (req.query as { user_id_type?: string }).user_id_type ?? 'open_id';
      const body = (req.body ?? {}) as { emails?: unknown; mobiles?: unknown };
      const emails = Array.isArray(body.emails) ? body.emails.map(String) : [];
      const mobiles = Array.isArray(body.mobiles) ? body.mobiles.map(String) : [];
      if (emails.length > 50 || mobiles.length > 50) return bad(99992402, 'field validation failed: at most 50 emails and 50 mobiles');
      const users = [...ctx.state.users.values()];
      const idOf = (u: (typeof users)[number] | undefined) => (!u ? undefined : type === 'open_id' ? u.open_id : type === 'union_id' ? u.union_id : u.user_id);
      const user_list = [
        ...emails.map((email) => ({ email, user_id: idOf(users.find((u) => u.email === email)) })),
        ...mobiles.map((mobile) => ({ mobile, user_id: idOf(users.find((u) => u.mobile === mobile)) })),
      ];
      return ok({ user_list });
    }),
  );
}
