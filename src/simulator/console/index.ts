import type { FastifyInstance } from 'fastify';
import type { FakeLark } from '../server.ts';
import { ConsoleError } from './act.ts';
import { apiRoutes } from './api.ts';
import type { ConsoleOptions } from './options.ts';
import { staticRoutes } from './static.ts';

export { consolePeople, OUTSIDER, type ConsolePerson } from './people.ts';
export { CONSOLE_STEPS, type ConsoleOptions, type ConsoleStep, type MenuItem } from './options.ts';
export { postBotMenu, postCardAction, postUserMessage, type ActionInput, type ActionResult } from './act.ts';

/**
 * The demo console at `/console` on the fake Lark: chats and their cards, clicks and messages
 * sent to duban as Lark sends them, and buttons for the schedule steps. Call it from
 * `startFakeLark({ mount })` — fastify takes routes only before it listens. The people are
 * registered as fake users so their clicks and messages are accepted.
 */
export function mountConsole(fake: FakeLark, opts: ConsoleOptions): void {
  for (const p of opts.people) {
    if (!fake.state.users.has(p.openId)) fake.addUser({ open_id: p.openId, name: p.name });
  }
  void fake.app.register(
    async (scope: FastifyInstance) => {
      // Its own error handler: console mistakes are answered as such, not recorded as Lark calls.
      scope.setErrorHandler(async (err: Error & { statusCode?: number }, _req, reply) => {
        const status = err instanceof ConsoleError ? err.status : (err.statusCode ?? 500);
        return reply.code(status).send({ error: err.message });
      });
      scope.setNotFoundHandler(async (_req, reply) => reply.code(404).send({ error: 'not found' }));
      staticRoutes(scope);
      apiRoutes(scope, fake, opts);
    },
    { prefix: '/console' },
  );
}

/** Where the console is, once the fake listens. */
export const consoleUrl = (fake: Pick<FakeLark, 'url'>): string => `${fake.url}/console`;
