import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';

// Who the bot is: GET /open-apis/bot/v3/info answers `{code, msg, bot: {open_id, app_name, …}}`
// (docs/lark.md#the-bots-identity). The SDK has no generated method for it; `client.request`
// sends it with the tenant token. An app's bot keeps its open_id, so once known it is kept for
// the life of the process.

export interface BotIdentity {
  /** The bot's open_id, fetched once (and again after a failure); null when Lark cannot tell now. */
  openId(): Promise<string | null>;
}

export interface BotIdentityOptions {
  logger?: Logger;
  /** How long one fetch may take (default 2 s: a webhook answer waits for it). */
  timeoutMs?: number;
  /** After a failure, fetch again at most this often (default 10 s). */
  retryAfterMs?: number;
}

/** `client` is called at the first fetch: the process creates its Lark client only when needed. */
export function createBotIdentity(client: () => Promise<lark.Client>, opts: BotIdentityOptions = {}): BotIdentity {
  let known: string | null = null;
  let inflight: Promise<string | null> | null = null;
  let failedAt = -Infinity;
  const fetchOnce = async (): Promise<string | null> => {
    try {
      const res = await (await client()).request<{ code?: number; msg?: string; bot?: { open_id?: string; app_name?: string } }>({
        method: 'GET',
        url: '/open-apis/bot/v3/info',
        timeout: opts.timeoutMs ?? 2000,
      });
      const openId = res?.bot?.open_id;
      if (res?.code === 0 && openId) {
        known = openId;
        opts.logger?.info({ botOpenId: openId, appName: res.bot?.app_name }, 'bot identity known');
        return openId;
      }
      opts.logger?.warn({ code: res?.code, msg: res?.msg }, 'bot/v3/info gave no open_id');
    } catch (e) {
      opts.logger?.warn({ error: (e as Error).message }, 'could not read the bot identity (bot/v3/info)');
    }
    failedAt = Date.now();
    return null;
  };
  return {
    async openId() {
      if (known) return known;
      if (!inflight && Date.now() - failedAt < (opts.retryAfterMs ?? 10_000)) return null;
      inflight ??= fetchOnce().finally(() => (inflight = null));
      // The token fetch inside has no timeout of its own: never wait past ours.
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), opts.timeoutMs ?? 2000)));
      try {
        return await Promise.race([inflight, gaveUp]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** A fixed identity (tests, tools that know it already). */
export const fixedBotIdentity = (openId: string | null): BotIdentity => ({ openId: async () => openId });
