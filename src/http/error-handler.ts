import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * One error handler for every route: a 4xx says what was wrong with the request; a 5xx says
 * nothing about the inside (the details go to the log).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ error: { message: err.message, code: err.code } }, 'request failed');
      return reply.code(status).send({ error: '服务器内部错误' });
    }
    req.log.info({ status, code: err.code }, `request refused: ${err.message}`);
    return reply.code(status).send({ error: err.message, code: err.code });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `没有这个地址：${req.method} ${req.url.split('?')[0]}` }));
}
