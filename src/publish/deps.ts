import type { Config } from '../config/schema.ts';
import type { Credentials, Env } from '../config/env.ts';
import type { Logger } from '../util/logger.ts';
import type { Store } from '../store/port.ts';

/** What every publisher factory receives from the composition root. */
export interface PublisherDeps {
  config: Config;
  env: Env;
  /** The credentials the config names, resolved from `env` when the config loaded. */
  credentials: Credentials;
  /** Absolute DATA_DIR. */
  dataDir: string;
  logger: Logger;
  store: Store;
  /** Injected clock and sleep so tests can drive time. */
  now(): Date;
}
