import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../src/http/error-handler.ts';

describe('the error handler', () => {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.get('/boom', async () => {
    throw new Error('password=hunter2 at db.internal:5432');
  });
  app.get('/bad', async () => {
    throw Object.assign(new Error('参数 x 不合法'), { statusCode: 422, code: 'BAD_X' });
  });

  it('hides the message of a 5xx', async () => {
    const res = await app.inject({ url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: '服务器内部错误' });
  });

  it('shows the message of a 4xx', async () => {
    const res = await app.inject({ url: '/bad' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ error: '参数 x 不合法', code: 'BAD_X' });
  });

  it('answers an unknown path with 404', async () => {
    expect((await app.inject({ url: '/nope' })).statusCode).toBe(404);
  });
});
