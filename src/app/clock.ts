import type { Config } from '../config/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { readSetting, writeSetting } from '../db/repositories/settings.repository.ts';
import { shiftedClock, type Now } from '../domain/clock.ts';

/**
 * The business clock of every entry point (serve, worker, demo and each CLI command): real time,
 * or, with DUBAN_NOW, a clock that starts there and then advances at real speed.
 */
export const clockFromConfig = (config: Pick<Config, 'now'>, real: Now = () => new Date()): Now =>
  config.now ? shiftedClock(new Date(config.now), real) : real;

/** The settings key of a database's own clock: business time minus real time, in ms. */
export const CLOCK_SETTING = 'clock_offset_ms';

const offsetClock = (offsetMs: number, real: Now): Now => () => new Date(real().getTime() + offsetMs);

/**
 * One clock per database. In order of precedence:
 *   1. DUBAN_NOW (or the demo's --now): starts there and advances;
 *   2. the clock stored in the database (the demo stores its own), which keeps advancing, so a
 *      CLI command or a restarted demo continues in the demo's time;
 *   3. `fallback` (the demo's default start), else real time.
 * With `store`, the clock chosen by 1 or 3 is saved in the database for every later command.
 */
export async function clockForDatabase(
  db: DbOrTx,
  config: Pick<Config, 'now'>,
  opts: { fallback?: string; store?: boolean } = {},
  real: Now = () => new Date(),
): Promise<Now> {
  const save = async (clock: Now) => {
    if (opts.store) await writeSetting(db, CLOCK_SETTING, String(clock().getTime() - real().getTime()));
    return clock;
  };
  if (config.now) return save(shiftedClock(new Date(config.now), real));
  const stored = Number(await readSetting(db, CLOCK_SETTING));
  if (stored && Number.isFinite(stored)) return offsetClock(stored, real);
  if (opts.fallback) return save(shiftedClock(new Date(opts.fallback), real));
  return real;
}
