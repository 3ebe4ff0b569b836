#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ (tsconfig.build.json) and copies the files the code
// reads beside itself at run time (the simulator console's static files). `bin/duban.js` runs
// dist/ while it is newer than every file in src/, so the build ends by stamping dist/.built with
// the time it started: a source saved during the build counts as newer.
//
// `--if-possible` (the `prepare` script, run by `npm install` / `npm ci`): without TypeScript
// (`npm ci --omit=dev`) it says so and succeeds; bin/duban.js then runs the sources through tsx.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const at = (p) => `${ROOT}${p}`;
const ifPossible = process.argv.includes('--if-possible');

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  if (!ifPossible) {
    console.error('build: TypeScript is not installed (npm install, without --omit=dev)');
    process.exit(1);
  }
  console.log('build: TypeScript is not installed; skipped (bin/duban.js runs the sources through tsx)');
  process.exit(0);
}

const started = new Date();
// A file removed from src/ must not linger in dist/.
rmSync(at('dist'), { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', at('tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(at('dist'), { recursive: true, force: true });
  console.error('build: tsc failed; dist/ removed');
  process.exit(r.status ?? 1);
}
mkdirSync(at('dist/simulator/console'), { recursive: true });
cpSync(at('src/simulator/console/public'), at('dist/simulator/console/public'), { recursive: true });
writeFileSync(at('dist/.built'), `${started.toISOString()}\n`);
utimesSync(at('dist/.built'), started, started);
console.log(`build: dist/ in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s`);
