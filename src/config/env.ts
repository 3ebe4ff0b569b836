import { parseConfig, type Config } from './schema.ts';

/** The one place that reads process.env. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  return parseConfig({ ...process.env, ...overrides });
}
