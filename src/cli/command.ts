import type { Config } from '../config/schema.ts';

/** What every command gets: validated config, and streams to write to (tests capture them). */
export interface CliContext {
  config: Config;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** What a command's module exports (imported when the command runs; src/cli/registry.ts). */
export interface Command {
  name: string;
  /** Full help text: usage line, options, examples. */
  help: string;
  run(args: string[], ctx: CliContext): Promise<number>;
  /** Answers an invalid configuration itself (doctor's checklist) instead of the one error line. */
  onBadConfig?(message: string, ctx: Omit<CliContext, 'config'>): number;
}

/** A line of `duban --help`: the name and summary without the command's module, and how to load it. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}
