import { createWriteStream, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '../../src/util/logger.ts';

/** Where the suites keep the logs they produce; `npm test` scans them for secrets afterwards. */
export const LOG_DIR = fileURLToPath(new URL('../.tmp/logs/', import.meta.url));

export function logFile(name: string): string {
  mkdirSync(LOG_DIR, { recursive: true });
  return join(LOG_DIR, `${name.replace(/[^a-z0-9-]/gi, '_')}-${randomUUID().slice(0, 8)}.log`);
}

/** A debug-level logger writing into the scanned log folder (with the app's own redaction). */
export function testLogger(name: string, secrets: string[] = []): Logger {
  const stream = createWriteStream(logFile(name));
  return createLogger({ level: 'debug', secrets, destination: stream });
}
