import type { Logger } from 'pino';
import type { DbHandle } from '../db/client.ts';
import { ACCESS_CHANNEL } from '../db/repositories/access-snapshot.repository.ts';
import { createAccessCache, type AccessCache } from '../usecases/access-cache.ts';
import { createCardPages, type CardPages } from '../usecases/inbound/card-pages.ts';

/** How often the web process reads the access version anyway, in case a notification was lost. */
export const ACCESS_CHECK_MS = 30_000;

export interface WebMemory {
  access: AccessCache;
  cards: CardPages;
  close(): Promise<void>;
}

/**
 * What a web process keeps in memory to answer card actions without Postgres: the directory, tasks
 * and rounds (refreshed on every NOTIFY of a new access version, and checked every `checkMs`), and
 * the cards it has answered with. Loaded once before the server listens, so the first action is fast.
 */
export async function openWebMemory(db: DbHandle, logger: Logger, checkMs = ACCESS_CHECK_MS): Promise<WebMemory> {
  const access = createAccessCache(db.db);
  const cards = createCardPages(db.db);
  const unlisten = await db.listen(ACCESS_CHANNEL, {
    onNotify: (payload) => access.notice(Number(payload)),
    // (Re)connected: whatever was announced while no one listened is unknown, so look again.
    onConnected: () => access.notice(null),
  });
  access.notified(true);
  await access.check();
  const timer = setInterval(() => {
    access.check().catch((e: unknown) => logger.warn({ error: (e as Error).message }, 'could not check the access version; keeping the directory in memory'));
  }, checkMs);
  timer.unref();
  return {
    access,
    cards,
    close: async () => {
      clearInterval(timer);
      await unlisten();
    },
  };
}
