import type { Config } from '../config/schema.ts';
import { shiftedClock, type Now } from '../domain/clock.ts';

/**
 * The business clock of every entry point (serve, worker, demo and each CLI command): real time,
 * or, with DUBAN_NOW, a clock that starts there and then advances at real speed.
 */
export const clockFromConfig = (config: Pick<Config, 'now'>, real: Now = () => new Date()): Now =>
  config.now ? shiftedClock(new Date(config.now), real) : real;
