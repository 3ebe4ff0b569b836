#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx duban` needs no build step.
import { register } from 'tsx/esm/api';
register();
// A .env beside the project configures the CLI like the environment would (see .env.example).
import { existsSync } from 'node:fs';
if (existsSync('.env')) process.loadEnvFile('.env');
// `duban import … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
const { runCli } = await import('../src/cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
