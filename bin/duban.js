#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx duban` needs no build step.
import { register } from 'tsx/esm/api';
register();
const { runCli } = await import('../src/cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
