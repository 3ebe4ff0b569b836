import { clockForDatabase } from '../app/clock.ts';
import { openDatabase } from '../app/database.ts';
import type { Db, DbHandle } from '../db/client.ts';
import type { Now } from '../domain/clock.ts';
import type { Send } from '../usecases/rounds/ports.ts';
import type { CliContext } from './command.ts';
import { openOutboxSender } from './outbox-sender.ts';

/** What a command runs on: the migrated database and the business clock. */
export interface CommandEnv {
  db: Db;
  handle: DbHandle;
  /** clockForDatabase: DUBAN_NOW, else the database's own clock, else real time; it advances (as in `duban serve`). */
  now: Now;
}

/**
 * The start-up path of every command that touches the database, the same as `duban serve`'s:
 * config → open → migrate (src/app/database.ts) → run → close.
 */
export async function withDatabase<T>(ctx: CliContext, run: (env: CommandEnv) => Promise<T>): Promise<T> {
  const handle = await openDatabase(ctx.config);
  try {
    return await run({ db: handle.db, handle, now: await clockForDatabase(handle.db, ctx.config) });
  } finally {
    await handle.close();
  }
}

/** How a command reaches the outbox of the running serve / worker; tests inject their own. */
export type SenderFactory = (ctx: CliContext) => Promise<{ send: Send; close(): Promise<void> }>;

export const outboxSender: SenderFactory = (ctx) => openOutboxSender(ctx.config);

/** withDatabase, plus a sender into the outbox (closed after the run). */
export async function withSender<T>(
  ctx: CliContext,
  openSender: SenderFactory,
  run: (env: CommandEnv & { send: Send }) => Promise<T>,
): Promise<T> {
  return withDatabase(ctx, async (env) => {
    const sender = await openSender(ctx);
    try {
      return await run({ ...env, send: sender.send });
    } finally {
      await sender.close();
    }
  });
}
