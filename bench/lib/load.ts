import autocannon from 'autocannon';
import type { SignedRequest } from '../../src/lark/crypto.ts';

// autocannon over pre-built, individually signed request bodies: the bodies are encrypted, so
// autocannon's idReplacement cannot make them distinct; setupRequest hands out the next one.

export interface PreparedRequest extends SignedRequest {
  eventId: string;
}

export interface LoadResult {
  sent: number;
  /** Requests answered 200 with a success toast: the reply is queued. */
  acked: string[];
  /** Answered, but not a success toast (error toast, 4xx, 5xx). */
  refused: number;
  errors: number;
  timeouts: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Requests per second over the run. */
  rps: number;
  durationS: number;
}

export interface LoadOptions {
  url: string;
  bodies: PreparedRequest[];
  connections: number;
  /** Stop after this many requests (default: all bodies). */
  amount?: number;
  /** Or run this long (bodies must be enough for it, unless allowRepeats). */
  durationS?: number;
  allowRepeats?: boolean;
}

interface Ctx {
  eventId?: string;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const acked: string[] = [];
  let refused = 0;
  const result = await autocannon({
    url: o.url,
    connections: o.connections,
    pipelining: 1,
    timeout: 10,
    ...(o.durationS ? { duration: o.durationS } : { amount: o.amount ?? o.bodies.length }),
    requests: [
      {
        method: 'POST',
        path: new URL(o.url).pathname,
        setupRequest: (req: Record<string, unknown>, context: Ctx) => {
          const b = o.bodies[next % o.bodies.length]!;
          next++;
          context.eventId = b.eventId;
          return { ...req, headers: b.headers, body: b.body };
        },
        onResponse: (status: number, body: string, context: Ctx) => {
          if (status === 200 && body.includes('"type":"success"') && context.eventId) acked.push(context.eventId);
          else refused++;
        },
      },
    ],
  });
  if (!o.allowRepeats && next > o.bodies.length) {
    throw new Error(`only ${o.bodies.length} distinct bodies for ${next} requests: prepare more`);
  }
  return {
    sent: result.requests.total,
    acked,
    refused,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.total / (result.duration || 1),
    durationS: result.duration,
  };
}
