#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx duban` needs no build step.
import { register } from 'tsx/esm/api';
register();
// A .env beside the project configures the CLI like the environment would (see .env.example).
import { existsSync } from 'node:fs';
if (existsSync('.env')) process.loadEnvFile('.env');
// `duban import … | head -1` closes stdout early. The command still runs to its end (the plan is
// stored) and exits with its own code; only the lines nobody reads are dropped.
process.stdout.on('error', (e) => { if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e; });
const { runCli } = await import('../src/cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
