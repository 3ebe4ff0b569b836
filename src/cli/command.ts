import type { Config } from '../config/schema.ts';

/** What every command gets: validated config, and streams to write to (tests capture them). */
export interface CliContext {
  config: Config;
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  /** Full help text: usage line, options, examples. */
  help: string;
  run(args: string[], ctx: CliContext): Promise<number>;
  /** Answers an invalid configuration itself (doctor's checklist) instead of the one error line. */
  onBadConfig?(message: string, ctx: Omit<CliContext, 'config'>): number;
}
