import type { Config } from '../config/schema.ts';
import { waitForRedis } from '../queue/redis-health.ts';
import { createRedis } from '../queue/connection.ts';
import { createOutbox } from '../queue/outbox.ts';
import type { Send } from '../usecases/rounds/ports.ts';

/**
 * For commands that send: queue into the outbox of the running `duban serve` / `duban worker`
 * (which delivers within Lark's limits). Fails with one line when Redis is down.
 */
export async function openOutboxSender(config: Config): Promise<{ send: Send; close(): Promise<void> }> {
  const redis = createRedis(config.redisUrl, 'producer');
  try {
    await waitForRedis(redis, config.redisUrl);
  } catch (e) {
    redis.disconnect();
    throw e;
  }
  const outbox = createOutbox({ connection: redis, prefix: config.queuePrefix });
  return {
    send: (op, meta) => outbox.enqueue(op, meta),
    close: async () => {
      await outbox.close();
      redis.disconnect();
    },
  };
}
