import type { Command } from './command.ts';
import { directoryCommand } from './directory.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';
import { workerCommand } from './worker.ts';

/** Every command of `npx duban`, in the order `--help` lists them. */
export const commands: Command[] = [serveCommand, workerCommand, migrateCommand, directoryCommand];
