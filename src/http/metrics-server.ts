import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { DubanError } from '../errors.ts';
import { metricsContentType, metricsText } from '../metrics.ts';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * GET /metrics on its own port, 127.0.0.1 by default: operational data (queue depths, error
 * counts, route names) stays off the public port that Lark's callbacks arrive on. Both `serve`
 * and `worker` run one, each exposing its own process's registry.
 */
export async function startMetricsServer(opts: { host: string; port: number; logger: Logger }): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/metrics' || req.url?.startsWith('/metrics?'))) {
      metricsText().then(
        (text) => res.writeHead(200, { 'content-type': metricsContentType }).end(text),
        (e: unknown) => {
          opts.logger.error({ error: (e as Error).message }, 'metrics collection failed');
          res.writeHead(500).end();
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new DubanError('METRICS_PORT_UNAVAILABLE', `无法在 ${opts.host}:${opts.port} 上提供 /metrics（${e.code ?? e.message}）。请换一个 METRICS_PORT，或设为 0 使用任意空闲端口。`, { cause: e }),
      ),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
