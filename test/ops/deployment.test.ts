import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createShutdown } from '../../src/app/lifecycle.ts';
import { commands } from '../../src/cli/registry.ts';

// Files that cannot run here (no Docker, no systemd): parsed, and every duban command they run
// must exist in the CLI with the options they pass.

const read = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');

/** Checks `node bin/duban.js <command> [--flags]` against the registry; returns the command. */
async function expectDubanCommand(argv: string[]): Promise<string> {
  const i = argv.indexOf('bin/duban.js');
  expect(i, `runs bin/duban.js: ${argv.join(' ')}`).toBeGreaterThanOrEqual(0);
  const [name, ...rest] = argv.slice(i + 1);
  const entry = commands.find((c) => c.name === name);
  expect(entry, `duban ${name} exists`).toBeDefined();
  const command = await entry!.load();
  for (const flag of rest.filter((a) => a.startsWith('--'))) expect(command.help, `duban ${name} knows ${flag}`).toContain(flag);
  return name!;
}

describe('deployment files', () => {
  it('Dockerfile: multi-stage, non-root, a health check on the operational port, runs duban serve', async () => {
    const text = read('Dockerfile');
    expect(text.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n\s+CMD .*\/healthz/m);
    expect(text).toContain('--ignore-scripts');
    // The image runs the compiled build: dist/ from the build stage, no sources (bin/duban.js then never needs tsx).
    expect(text).toMatch(/^RUN .*node scripts\/build\.js$/m);
    expect(text).toMatch(/^COPY --from=build --chown=node:node \/app\/dist \.\/dist$/m);
    expect(text).not.toMatch(/^COPY --chown=node:node src /m);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(text)![1]!) as string[];
    expect(await expectDubanCommand(cmd)).toBe('serve');
    // Every path the runtime stage copies exists in the repository.
    for (const [, src] of text.matchAll(/^COPY --chown=node:node (\S+) /gm)) expect(() => readFileSync(new URL(`../../${src}`, import.meta.url))).not.toThrow(/ENOENT/);
  });

  it('compose.yaml: Postgres, Redis with AOF and no eviction, a web and a worker service running duban commands', async () => {
    const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, { command?: string[]; image?: string; stop_grace_period?: string; environment?: Record<string, string> }> };
    const s = compose.services;
    expect(Object.keys(s).sort()).toEqual(['postgres', 'redis', 'web', 'worker']);
    expect(s.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    expect(await expectDubanCommand(s.web!.command!)).toBe('serve');
    expect(s.web!.command).toContain('--no-workers');
    expect(await expectDubanCommand(s.worker!.command!)).toBe('worker');
    for (const name of ['web', 'worker']) {
      expect(s[name]!.environment).toMatchObject({ DATABASE_URL: expect.stringContaining('@postgres:5432/'), REDIS_URL: 'redis://redis:6379', METRICS_PORT: '9464' });
      expect(parseInt(s[name]!.stop_grace_period!, 10)).toBeGreaterThanOrEqual(35);
    }
  });

  it('systemd units: each ExecStart runs a duban command and gives shutdown more time than it needs', async () => {
    for (const unit of ['deploy/duban-web.service', 'deploy/duban-worker@.service']) {
      const text = read(unit);
      const execs = [...text.matchAll(/^Exec(?:Start|StartPre)=(.+)$/gm)].map((m) => m[1]!.split(/\s+/));
      expect(execs.length).toBeGreaterThan(0);
      for (const argv of execs) await expectDubanCommand(argv);
      expect(text).toMatch(/^KillSignal=SIGTERM$/m);
      expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(text)![1])).toBeGreaterThanOrEqual(35);
      expect(text).toMatch(/^User=duban$/m);
    }
  });

  it('a shutdown whose steps all hang still ends within its total bound (inside the 45 s grace)', async () => {
    const shutdown = createShutdown(pino({ level: 'silent' }), 200, 500);
    const ran: number[] = [];
    for (let i = 0; i < 6; i++) shutdown.closer(() => (ran.push(i), new Promise(() => {})));
    const started = Date.now();
    await shutdown.close();
    expect(Date.now() - started).toBeLessThan(900);
    expect(ran).toEqual([5, 4, 3, 2, 1, 0]); // every step still ran, the late ones without waiting
  });
});
