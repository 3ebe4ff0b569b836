import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

// Event-loop delay of a baseline server, measured as duban's /metrics does (prom-client's monitor,
// 10 ms resolution): GET /loop-delay answers the p99 since the last call and starts over.
export function exposeLoopDelay(app: FastifyInstance): void {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  app.get('/loop-delay', async () => {
    const p99Ms = h.percentile(99) / 1e6;
    h.reset();
    return { p99Ms };
  });
}
