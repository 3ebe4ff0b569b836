/**
 * Collects items submitted one by one (by a worker's concurrent job processors) and writes them
 * in batches: a batch goes when it is full or `maxWaitMs` after its first item, and only one batch
 * is written at a time, so items are written in the order submitted. While one batch is written
 * the next fills up, which is what makes batches large exactly when the queue is long.
 */
export interface MicroBatcherOptions<T, R> {
  /** Writes a batch; returns one result per item, an Error for an item that failed. */
  write: (items: T[]) => Promise<(R | Error)[]>;
  maxItems?: number;
  maxWaitMs?: number;
}

export interface MicroBatcher<T, R> {
  submit(item: T): Promise<R>;
  /** Resolves once nothing is pending or being written. */
  idle(): Promise<void>;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

export function createMicroBatcher<T, R>(opts: MicroBatcherOptions<T, R>): MicroBatcher<T, R> {
  const maxItems = opts.maxItems ?? 200;
  const maxWaitMs = opts.maxWaitMs ?? 10;
  let pending: Pending<T, R>[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (writing || pending.length === 0) return;
    const batch = pending.slice(0, maxItems);
    pending = pending.slice(batch.length);
    writing = (async () => {
      try {
        const results = await opts.write(batch.map((p) => p.item));
        batch.forEach((p, i) => {
          const r = results[i];
          if (r instanceof Error) p.reject(r);
          else if (r === undefined) p.reject(new Error('batch writer returned no result for an item'));
          else p.resolve(r);
        });
      } catch (e) {
        for (const p of batch) p.reject(e as Error);
      } finally {
        writing = null;
        // Whatever arrived meanwhile has waited long enough.
        if (pending.length) flush();
      }
    })();
  };

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (pending.length >= maxItems) flush();
        else if (!timer && !writing) timer = setTimeout(flush, maxWaitMs);
      });
    },
    async idle() {
      while (writing || pending.length) {
        if (!writing) flush();
        await writing;
      }
    },
  };
}

/** Runs at most `n` of the given tasks at a time, the rest in submission order. */
export function createLimiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}
