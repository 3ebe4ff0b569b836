import type pg from 'pg';

/** Stops listening. */
export type Unlisten = () => Promise<void>;

export interface ListenHandlers {
  /** A notification's payload. */
  onNotify(payload: string): void;
  /**
   * The listening connection was (re)established: notifications sent while it was down are lost,
   * so whoever listens re-reads what they watch.
   */
  onConnected?(): void;
}

const RETRY_MS = [250, 500, 1000, 2000, 5000];

/**
 * LISTEN on a dedicated Postgres connection, outside the pool: a pooled client would be handed
 * back and lose its LISTEN. A lost connection (Postgres restart) is reopened with a capped backoff
 * until `unlisten`; errors are never thrown at the caller, because the periodic check covers the gap.
 */
export function listenPostgres(Client: typeof pg.Client, url: string, channel: string, h: ListenHandlers): Unlisten {
  let stopped = false;
  let client: pg.Client | null = null;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new Client({ connectionString: url });
    client = c;
    const lost = () => {
      if (client !== c) return;
      client = null;
      void c.end().catch(() => {});
      if (!stopped) timer = setTimeout(() => void connect(), RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel === channel) h.onNotify(n.payload ?? '');
    });
    try {
      await c.connect();
      // channel is ours (a constant), not user input
      await c.query(`LISTEN ${channel}`);
      attempt = 0;
      h.onConnected?.();
    } catch {
      lost();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
