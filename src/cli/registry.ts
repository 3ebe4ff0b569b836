import type { Command } from './command.ts';
import { migrateCommand } from './migrate.ts';

/** Every command of `npx duban`, in the order `--help` lists them. */
export const commands: Command[] = [migrateCommand];
