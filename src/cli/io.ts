import type { Config } from '../config/schema.ts';
import type { Env } from '../config/env.ts';
import { ConfigError, loadConfig, resolveConfigPath } from '../config/load.ts';

/** What a shell CLI (medios, informe, registro) reads and writes; tests pass their own. */
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: Env;
  cwd: string;
  /** The clock (default: the wall clock). */
  now?: () => Date;
}

/** The office's config, or undefined after saying on stderr why it cannot be read (the CLI exits 2). */
export function loadConfigOrSay(io: CliIo): Config | undefined {
  try {
    return loadConfig(resolveConfigPath(io.env.configFile, io.cwd));
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return undefined;
    }
    throw err;
  }
}
