import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

// A Postgres of a test's own (initdb into a temp folder, pg_ctl on a spare port), for tests that
// stop and start the database. The shared service on 5432 is never touched.

const run = promisify(execFile);
const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A TCP port nothing listens on right now. */
export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Postgres refuses to run as root: run its binaries as the postgres user then. */
async function asPostgres(bin: string, args: string[]): Promise<string> {
  const file = path.join(PG_BIN, bin);
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  try {
    const { stdout } = await run(cmd, argv, { timeout: 60_000 });
    return stdout;
  } catch (e) {
    const err = e as Error & { stderr?: string; stdout?: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${err.message}\n${err.stderr ?? ''}${err.stdout ?? ''}`);
  }
}

export interface PgInstance {
  port: number;
  dataDir: string;
  /** Connection string for a database on this instance. */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** pg_ctl stop -m fast: open connections are cut, as in a crash of the server. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it (if running) and deletes the data folder. */
  destroy(): Promise<void>;
}

export async function startPgInstance(): Promise<PgInstance> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-pg-'));
  const port = await sparePort();
  if (isRoot) chownSync(dataDir, uidOf('postgres'), gidOf('postgres'));
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const options = [`-p ${port}`, `-k ${dataDir}`, "-c listen_addresses=127.0.0.1", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'].join(' ');
  let running = false;
  const instance: PgInstance = {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: instance.url() });
      await c.connect();
      try {
        await c.query(`create database "${name}"`);
      } finally {
        await c.end();
      }
      return instance.url(name);
    },
    async start() {
      await asPostgres('pg_ctl', ['start', '-w', '-t', '30', '-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-o', options]);
      running = true;
    },
    async stop() {
      await asPostgres('pg_ctl', ['stop', '-w', '-t', '30', '-m', 'fast', '-D', dataDir]);
      running = false;
    },
    async destroy() {
      if (running) await asPostgres('pg_ctl', ['stop', '-w', '-t', '30', '-m', 'immediate', '-D', dataDir]).catch(() => {});
      running = false;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await instance.start();
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return instance;
}

function idOf(flag: '-u' | '-g', user: string): number {
  const out = execFileSync('id', [flag, user], { encoding: 'utf8' });
  const n = Number(out.trim());
  if (!Number.isInteger(n)) throw new Error(`no ${user} user: run the tests as a non-root user or create it`);
  return n;
}
const uidOf = (u: string) => idOf('-u', u);
const gidOf = (u: string) => idOf('-g', u);
