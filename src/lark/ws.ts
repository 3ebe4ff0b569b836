import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { DubanError } from '../errors.ts';
import { sdkLogger } from '../logging.ts';
import { larkDomain } from './client.ts';
import type { EventRouter } from './inbound/event-router.ts';

export interface WsOptions {
  appId: string;
  appSecret: string;
  /** `feishu`, `lark` or a base URL (the simulator). */
  domain: string;
  /** The same dispatcher the webhook uses (createInboundDispatcher). */
  dispatcher: EventRouter;
  logger: Logger;
  /** Seconds without any frame after a ping before the socket is presumed dead; off in the SDK by default. */
  pingTimeoutSec?: number;
}

export interface WsHandle {
  client: lark.WSClient;
  close(): void;
}

/**
 * LARK_EVENT_MODE=ws: the SDK's long connection feeds the same dispatcher. Run exactly one per
 * app: Lark spreads events across connections (docs/lark.md#long-connection-ws). The transport is
 * authenticated by the app secret, so events arrive decrypted and unsigned.
 */
export async function startWsClient(opts: WsOptions): Promise<WsHandle> {
  // The SDK silently does nothing for an app id of another shape; say so instead.
  if (!/^cli_[0-9a-fA-F]{16}$/.test(opts.appId)) {
    throw new DubanError('LARK_APP_ID_INVALID', `LARK_APP_ID 格式不对（应为 cli_ 加 16 位十六进制）：${opts.appId}`);
  }
  const log = opts.logger.child({ component: 'lark-ws' });
  const client = new lark.WSClient({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: larkDomain(opts.domain),
    logger: sdkLogger(opts.logger),
    loggerLevel: lark.LoggerLevel.warn,
    autoReconnect: true,
    handshakeTimeoutMs: 10_000,
    wsConfig: { pingTimeout: opts.pingTimeoutSec ?? 30 },
    onReady: () => log.info('long connection ready'),
    onReconnecting: () => log.warn('long connection lost; reconnecting'),
    onReconnected: () => log.info('long connection re-established'),
    onError: (err) => log.error({ error: err.message }, 'long connection failed'),
  });
  // The WS client calls only invoke(data, {needCheck: false}) of its dispatcher: the router has it.
  await client.start({ eventDispatcher: opts.dispatcher as unknown as lark.EventDispatcher });
  return { client, close: () => client.close({ force: true }) };
}
