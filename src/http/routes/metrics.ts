import type { FastifyPluginAsync } from 'fastify';
import { metricsContentType, metricsText } from '../../metrics.ts';

/** GET /metrics: Prometheus text exposition of the process registry. */
export const metricsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/metrics', async (_req, reply) => reply.type(metricsContentType).send(await metricsText()));
};
