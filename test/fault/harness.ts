import { parseConfig, type Config } from '../../src/config/schema.ts';
import { shiftedClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logging.ts';
import { startApp, type App } from '../../src/main.ts';
import { dubanEnv } from '../support/duban-process.ts';
import { acknowledged, BUSINESS_NOW, freshEventId, postSigned, replyPayload, signed, SEED_KEYS, type SeededRound } from '../support/seeded-round.ts';

// Starting duban for the fault tests: in-process web / workers (startApp) or the environment of
// a child `duban worker`.

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  larkDomain?: string;
  /**
   * QUEUE_LOCK_MS: short only where a worker is killed, so its jobs move on within seconds.
   * Elsewhere the default (30 s), so a slow machine never makes a live worker's job look stalled.
   */
  lockMs?: number;
  /** INBOUND_RETRY_MAX_MS: a short cap makes an outage of seconds cost many attempts. */
  retryMaxMs?: number;
}

function envOf(s: Services): Record<string, string> {
  return dubanEnv({
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    QUEUE_PREFIX: s.prefix,
    LARK_DOMAIN: s.larkDomain ?? 'http://127.0.0.1:9',
    LARK_APP_ID: SEED_KEYS.appId,
    LARK_APP_SECRET: SEED_KEYS.appSecret,
    LARK_ENCRYPT_KEY: SEED_KEYS.encryptKey,
    LARK_VERIFICATION_TOKEN: SEED_KEYS.verificationToken,
    DUBAN_NOW: BUSINESS_NOW.toISOString(),
    QUEUE_LOCK_MS: s.lockMs === undefined ? undefined : String(s.lockMs),
    INBOUND_RETRY_MAX_MS: s.retryMaxMs === undefined ? undefined : String(s.retryMaxMs),
    LOG_LEVEL: 'silent',
  });
}

export const faultConfig = (s: Services): Config => parseConfig(envOf(s));

/** Environment of a child `duban worker` / `duban serve` on the same services. */
export const childEnv = (s: Services, over: Record<string, string> = {}): Record<string, string> => ({ ...envOf(s), ...over });

const silent = createLogger({ level: 'silent' });
const businessClock = () => shiftedClock(BUSINESS_NOW, () => new Date());

/** The webhook alone (no workers): replies pile up in the queue until a worker runs. */
export const startWeb = (config: Config): Promise<App> =>
  startApp(config, { web: true, workers: false, schedules: false, logger: silent, now: businessClock() });

export const startWorkers = (config: Config): Promise<App> =>
  startApp(config, { web: false, workers: true, schedules: false, logger: silent, now: businessClock() });

export const startWebAndWorkers = (config: Config): Promise<App> =>
  startApp(config, { web: true, workers: true, schedules: false, logger: silent, now: businessClock() });

export interface Sent {
  /** Event ids answered with the success toast. */
  acked: string[];
  /** Everything else, with the answer. */
  refused: { eventId: string; status: number; body: unknown }[];
}

/** Posts `n` distinct valid replies (round-robin over the seeded round's tasks), `concurrency` at a time. */
export async function sendReplies(baseUrl: string, seeded: SeededRound, n: number, label: string, concurrency = 16): Promise<Sent> {
  const out: Sent = { acked: [], refused: [] };
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      const eventId = freshEventId(label);
      const target = seeded.targets[i % seeded.targets.length]!;
      let res: { status: number; body: unknown };
      try {
        res = await postSigned(baseUrl, signed(replyPayload(target, { eventId, progress: String(i % 101) })));
      } catch (e) {
        res = { status: 0, body: (e as Error).message };
      }
      if (acknowledged(res)) out.acked.push(eventId);
      else out.refused.push({ eventId, ...res });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return out;
}

/**
 * Runs teardown steps in order, each bounded, so one stuck close (a pool waiting on a connection
 * the test killed) cannot hang the hook; the first error is rethrown at the end.
 */
export async function teardown(steps: (() => Promise<unknown> | unknown)[], stepTimeoutMs = 30_000): Promise<void> {
  const problems: string[] = [];
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), stepTimeoutMs)));
    try {
      if ((await Promise.race([Promise.resolve().then(step), timeout])) === 'timeout') problems.push(`${String(step).slice(0, 60)}: timed out`);
    } catch (e) {
      problems.push(`${String(step).slice(0, 60)}: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
  if (problems.length) throw new Error(`teardown: ${problems.join('; ')}`);
}

/** afterAll budget: a few bounded teardown steps. */
export const TEARDOWN_MS = 120_000;
