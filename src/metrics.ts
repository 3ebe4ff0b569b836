import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of the process, served by GET /metrics. One registry per process: metrics
 * are counters, not clients, so they live at module level and any module may increment them
 * (e.g. the messenger calls `metrics.larkApiErrors.inc({ code })`).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'duban_' });

/** Something whose job counts can be read, i.e. a BullMQ Queue. */
export interface DepthSource {
  name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

const DEPTH_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;
const depthSources = new Set<DepthSource>();

export const metrics = {
  httpRequestDuration: new Histogram({
    name: 'duban_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
  queueDepth: new Gauge({
    name: 'duban_queue_depth',
    help: 'Jobs per queue and state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const source of depthSources) {
        try {
          const counts = await source.getJobCounts(...DEPTH_STATES);
          for (const state of DEPTH_STATES) this.set({ queue: source.name, state }, counts[state] ?? 0);
        } catch {
          // Redis down: the scrape still succeeds; /readyz reports the outage.
        }
      }
    },
  }),
  failedJobs: new Counter({
    name: 'duban_queue_failed_jobs_total',
    help: 'Job attempts that failed, by queue and whether they will be retried',
    labelNames: ['queue', 'final'] as const,
    registers: [registry],
  }),
  larkApiErrors: new Counter({
    name: 'duban_lark_api_errors_total',
    help: 'Errors answered by the Lark Open API, by Lark code (or HTTP status when no code)',
    labelNames: ['code'] as const,
    registers: [registry],
  }),
  inboundDeadLetters: new Counter({
    name: 'duban_inbound_dead_letters_total',
    help: 'Inbound jobs moved to the inbound_dead_letters table (failed for a reason retrying cannot fix), by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  }),
  inboundEvents: new Counter({
    name: 'duban_inbound_events_total',
    help: 'Lark events and card actions received, by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  }),
};

/** Reports the depth of these queues on every scrape; returns a function that stops it. */
export function watchQueueDepth(sources: DepthSource[]): () => void {
  for (const s of sources) depthSources.add(s);
  return () => {
    for (const s of sources) depthSources.delete(s);
  };
}

export const metricsText = (): Promise<string> => registry.metrics();
export const metricsContentType = registry.contentType;
