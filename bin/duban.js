#!/usr/bin/env node
// `npx duban`: runs the compiled build (dist/, from `npm run build`, which `npm install` runs too)
// while it is current — no file in src/ newer than it (bin/build-state.js) —, else the TypeScript
// sources through tsx, so an edit takes effect without a build. DUBAN_FROM_SOURCE=1 always runs
// the sources.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distIsCurrent } from './build-state.js';

const fromDist = process.env.DUBAN_FROM_SOURCE !== '1' && distIsCurrent(fileURLToPath(new URL('../', import.meta.url)));
if (!fromDist) (await import('tsx/esm/api')).register();
// A .env beside the project configures the CLI like the environment would (see .env.example).
if (existsSync('.env')) process.loadEnvFile('.env');
// `duban import … | head -1` closes stdout early. The command still runs to its end (the plan is
// stored) and exits with its own code; only the lines nobody reads are dropped.
process.stdout.on('error', (e) => { if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e; });
const { runCli } = await import(fromDist ? '../dist/cli/index.js' : '../src/cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
