import type { Command } from './command.ts';
import { askCommand } from './ask.ts';
import { directoryCommand } from './directory.ts';
import { importCommand } from './import.ts';
import { inboundCommand } from './inbound.ts';
import { digestCommand } from './digest.ts';
import { exportCommand } from './export.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';
import { roundCommand } from './round.ts';
import { remindCommand } from './remind.ts';
import { simulatorCommand } from './simulator.ts';
import { demoCommand } from './demo.ts';
import { workerCommand } from './worker.ts';
import { outboxCommand } from './outbox.ts';
import { doctorCommand } from './doctor.ts';
import { backupCommand } from './backup.ts';

/** Every command of `npx duban`, in the order `--help` lists them. */
export const commands: Command[] = [serveCommand, workerCommand, migrateCommand, importCommand, directoryCommand, roundCommand, remindCommand, digestCommand, askCommand, exportCommand, inboundCommand, outboxCommand, doctorCommand, backupCommand, simulatorCommand, demoCommand];
