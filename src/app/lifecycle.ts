import type { Logger } from 'pino';

/** Longest wait for one shutdown step (closing workers, queues, connections). */
export const SHUTDOWN_STEP_MS = 10_000;
/**
 * Longest wait for the whole shutdown: inside the grace period the orchestrator gives after
 * SIGTERM (compose.yaml and the systemd units in deploy/ give 45 s).
 */
export const SHUTDOWN_TOTAL_MS = 30_000;

type Step = () => Promise<unknown> | unknown;

export interface Shutdown {
  /** A step that stops new work coming in (HTTP server, WS client): run first, in order. */
  intake(step: Step): void;
  /** A step that closes what was opened: run after intake, in reverse order of registration. */
  closer(step: Step): void;
  /** Runs every step once, each bounded by the step timeout; errors are logged, never thrown. */
  close(): Promise<void>;
}

/**
 * Shutdown order: stop intake (server, WS) first, then the rest in reverse order of opening, so
 * workers finish their active jobs before their connection, queues, Redis and the db go.
 */
export function createShutdown(logger: Logger, stepMs = SHUTDOWN_STEP_MS, totalMs = SHUTDOWN_TOTAL_MS): Shutdown {
  const intake: Step[] = [];
  const closers: Step[] = [];
  return {
    intake: (step) => void intake.push(step),
    closer: (step) => void closers.push(step),
    async close() {
      const deadline = Date.now() + totalMs;
      for (const fn of [...intake.splice(0), ...closers.splice(0).reverse()]) {
        const ms = Math.max(0, Math.min(stepMs, deadline - Date.now()));
        // A step that cannot finish (a job stuck on a dead connection) must not hang the shutdown:
        // everything it guards is retried from Redis by the next process.
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
        try {
          if ((await Promise.race([Promise.resolve().then(fn), timedOut])) === 'timeout') {
            logger.warn({ step: String(fn).slice(0, 80) }, 'shutdown step timed out; continuing');
          }
        } catch (e) {
          logger.warn({ error: (e as Error).message }, 'error while shutting down');
        } finally {
          clearTimeout(timer);
        }
      }
    },
  };
}

/** Runs until SIGTERM or SIGINT, then closes the app (server, WS, workers, queues, Redis, db). */
export function closeOnSignal(app: { logger: Logger; close(): Promise<void> }, onSignal: (signal: string) => void = () => {}): Promise<void> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
      onSignal(signal);
      app.logger.info({ signal }, 'shutting down');
      void app.close().then(resolve, resolve);
    };
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
  });
}
