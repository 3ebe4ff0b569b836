import { describe, expect, it } from 'vitest';
import { createShutdown } from '../../src/app/lifecycle.ts';
import { createLogger } from '../../src/logging.ts';

const logger = createLogger({ level: 'silent' });

describe('shutdown', () => {
  it('stops intake first, in order, then closes the rest in reverse order of opening', async () => {
    const done: string[] = [];
    const s = createShutdown(logger);
    s.closer(() => done.push('redis'));
    s.intake(() => done.push('server'));
    s.closer(() => done.push('db'));
    s.intake(() => done.push('ws'));
    s.closer(async () => void done.push('workers'));
    await s.close();
    expect(done).toEqual(['server', 'ws', 'workers', 'db', 'redis']);
  });

  it('goes on past a step that fails or hangs, and runs each step once', async () => {
    const done: string[] = [];
    const s = createShutdown(logger, 50);
    s.closer(() => done.push('last'));
    s.closer(() => new Promise(() => {}));
    s.closer(() => {
      throw new Error('already closed');
    });
    const started = Date.now();
    await s.close();
    expect(done).toEqual(['last']);
    expect(Date.now() - started).toBeLessThan(2000);
    await s.close();
    expect(done).toEqual(['last']);
  });
});
