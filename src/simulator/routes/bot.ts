import type { FastifyInstance } from 'fastify';
import { api, type SimContext } from '../context.ts';

// GET /open-apis/bot/v3/info — the app's bot: `{code, msg, bot: {open_id, app_name, …}}` with `bot`
// at the top level, not under `data` (bot-v3/obtain-bot-info; the node SDK's channel helper reads
// `r.bot.open_id`). A bot tells its own @-mentions from colleagues' by this open_id.

export function botRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get(
    '/open-apis/bot/v3/info',
    api(ctx, 'bot_info', () => ({
      status: 200,
      body: {
        code: 0,
        msg: 'ok',
        bot: { activate_status: 2, app_name: ctx.state.bot.app_name, avatar_url: '', ip_white_list: [], open_id: ctx.state.bot.open_id },
      },
    })),
  );
}
