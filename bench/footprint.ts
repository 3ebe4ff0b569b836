// `npm run bench:footprint [-- memory | startup]` (also part of `npm run bench`): idle resident
// memory of `duban serve` and `duban serve --no-workers`, start-up time of `npx duban --help` and
// of `duban serve` to its first /readyz 200 — each from the build (dist/) and from the sources
// (tsx), beside baselines run in the same minute: a bare fastify process, `node -e 0`. Writes the
// section "## Footprint" of bench/results.md (`--out` for another page) and its figures as JSON.
// Needs the local Postgres and Redis; builds dist/ first when it is not current.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { distIsCurrent } from '../bin/build-state.js';
import { migrateDb, openDb } from '../src/db/client.ts';
import { startFakeLark } from '../src/simulator/index.ts';
import { dubanEnv } from '../test/support/duban-process.ts';
import { cleanRedisPrefix } from '../test/support/redis.ts';
import { SEED_KEYS } from '../test/support/seeded-round.ts';
import { renderFootprint, type FootprintFigures, type MemoryFigures, type StartupFigures } from './lib/footprint-render.ts';
import { BIN, freePort, idleRss, importRss, load1, loadedModules, median, modeEnv, packageOf, ROOT, startUntilReady, timeToExit, type Mode } from './lib/footprint-measure.ts';
import { replaceSection } from './lib/kept-sections.ts';
import { adminQuery, REDIS_URL, scratchDatabase } from './lib/setup.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, runs: { type: 'string' } } });
const which = new Set(positionals.length ? positionals : ['memory', 'startup']);
const runs = Number(values.runs ?? 5);
const out = values.out ?? 'bench/results.md';
const log = (l: string) => process.stderr.write(`${l}\n`);
const MODES: Mode[] = ['dist', 'source'];
const WORKERS_UP = /队列处理已启动/;

if (!distIsCurrent(ROOT)) {
  log('dist/ is missing or older than src/: npm run build');
  if (spawnSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const started = new Date();
const dbName = 'duban_bench_footprint';
const url = await scratchDatabase(dbName);
const handle = await openDb({ databaseUrl: url, dataDir: '' });
await migrateDb(handle);
await handle.close();
// serve's workers ask Lark who the bot is at start: a fake one answers.
const fake = await startFakeLark({ appId: SEED_KEYS.appId, appSecret: SEED_KEYS.appSecret });
const prefix = `dubanfoot-${process.pid}`;
const env = dubanEnv({
  DATABASE_URL: url,
  REDIS_URL,
  QUEUE_PREFIX: prefix,
  LARK_DOMAIN: fake.url,
  LARK_APP_ID: SEED_KEYS.appId,
  LARK_APP_SECRET: SEED_KEYS.appSecret,
  LARK_ENCRYPT_KEY: SEED_KEYS.encryptKey,
  LARK_VERIFICATION_TOKEN: SEED_KEYS.verificationToken,
  LOG_LEVEL: 'error',
});
const serveArgs = (noWorkers: boolean) => [BIN, 'serve', ...(noWorkers ? ['--no-workers'] : [])];

let memory: MemoryFigures | null = null;
let startup: StartupFigures | null = null;
try {
  if (which.has('memory')) {
    log('idle memory');
    const load = [load1()];
    const bareProc = await startUntilReady(['bench/bare-fastify.js'], {}, await freePort());
    const bare = await idleRss(bareProc.pid).finally(() => bareProc.stop());
    const duban: MemoryFigures['duban'] = [];
    for (const mode of MODES) {
      for (const noWorkers of [true, false]) {
        const p = await startUntilReady(serveArgs(noWorkers), { ...env, ...modeEnv(mode) }, await freePort());
        try {
          if (!noWorkers) await p.line(WORKERS_UP);
          duban.push({ mode, noWorkers, rss: await idleRss(p.pid) });
        } finally {
          await p.stop();
        }
        log(`  ${mode} serve${noWorkers ? ' --no-workers' : ''}: ${(duban.at(-1)!.rss / 2 ** 20).toFixed(0)} MB (bare fastify ${(bare / 2 ** 20).toFixed(0)} MB)`);
      }
    }
    load.push(load1());
    log('  modules loaded, and what each package costs alone');
    const modules: MemoryFigures['modules'] = [];
    for (const noWorkers of [true, false]) {
      const urls = await loadedModules(serveArgs(noWorkers), { ...env, ...modeEnv('dist') }, await freePort(), noWorkers ? undefined : WORKERS_UP);
      const perPackage = new Map<string, number>();
      for (const u of urls) {
        const p = packageOf(u);
        if (p) perPackage.set(p, (perPackage.get(p) ?? 0) + 1);
      }
      modules.push({ noWorkers, larkClient: urls.some((u) => u.endsWith('/dist/lark/client.js')), files: urls.filter((u) => u.startsWith('file:')).length, own: urls.filter((u) => u.startsWith(`file://${ROOT}dist/`)).length, packages: Object.fromEntries(perPackage) });
    }
    const deps = Object.keys((JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    const loaded = new Set(modules.flatMap((m) => Object.keys(m.packages)));
    const node = importRss(null);
    const packageRss = deps.filter((d) => loaded.has(d)).map((d) => ({ name: d, rss: importRss(d) - node }));
    memory = { bare, node, duban, modules, packageRss: packageRss.sort((a, b) => b.rss - a.rss), load };
  }

  if (which.has('startup')) {
    log(`start-up (${runs} runs of node -e 0 and node bin/duban.js --help, ${Math.min(runs, 3)} of npx duban --help, ${Math.ceil(runs / 2)} of each serve, interleaved)`);
    const load = [load1()];
    const times: Record<string, number[]> = {};
    const add = (k: string, ms: number) => (times[k] ??= []).push(ms);
    for (let i = 0; i < runs; i++) {
      add('node -e 0', timeToExit(process.execPath, ['-e', '0']));
      // What npx costs before it runs anything.
      if (i < 3) add('npx --version', timeToExit('npx', ['--version']));
      for (const mode of MODES) {
        // npx itself takes most of a second or more (npm starting up): fewer runs of it.
        if (i < 3) add(`npx duban --help (${mode})`, timeToExit('npx', ['duban', '--help'], modeEnv(mode)));
        add(`node bin/duban.js --help (${mode})`, timeToExit(process.execPath, [BIN, '--help'], modeEnv(mode)));
      }
    }
    for (let i = 0; i < Math.ceil(runs / 2); i++) {
      const bare = await startUntilReady(['bench/bare-fastify.js'], {}, await freePort());
      add('bare fastify to /readyz 200', bare.readyMs);
      await bare.stop();
      for (const mode of MODES) {
        const p = await startUntilReady(serveArgs(false), { ...env, ...modeEnv(mode) }, await freePort());
        add(`duban serve to /readyz 200 (${mode})`, p.readyMs);
        await p.line(WORKERS_UP).finally(() => p.stop());
      }
    }
    load.push(load1());
    startup = { medians: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])), runs: times, load };
    for (const [k, v] of Object.entries(startup.medians)) log(`  ${k}: ${v.toFixed(0)} ms`);
  }
} finally {
  await fake.stop();
  await adminQuery(`drop database if exists "${dbName}" with (force)`);
  await cleanRedisPrefix(prefix);
}

const jsonFile = out.replace(/\.md$/, '-footprint.json');
// A partial run (memory or startup alone) keeps the other half from the last run.
const previous = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as FootprintFigures) : null;
const figures: FootprintFigures = {
  startedAt: started.toISOString(),
  node: process.version,
  memory: memory ?? previous?.memory ?? null,
  startup: startup ?? previous?.startup ?? null,
};
writeFileSync(jsonFile, `${JSON.stringify(figures, null, 1)}\n`);
const section = renderFootprint(figures);
writeFileSync(out, existsSync(out) ? replaceSection(readFileSync(out, 'utf8'), '## Footprint', section) : `# duban benchmarks\n\n${section}\n`);
log(`wrote ${out} (section "## Footprint") and ${jsonFile} in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);
process.exit(0);
