import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_VALUES } from './fixtures/secrets.ts';
import { LOG_DIR } from './fakes/test-logs.ts';

/**
 * Runs after the whole suite (`npm test`): every log the tests wrote is scanned for the
 * suite's fake credentials. A token in a log is a leak, so this fails the run.
 */
function scan(): number {
  if (!existsSync(LOG_DIR)) {
    console.log('log scan: no logs were written by the suite');
    return 0;
  }
  const files = readdirSync(LOG_DIR).filter((f) => f.endsWith('.log'));
  let bytes = 0;
  const leaks: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(LOG_DIR, f), 'utf8');
    bytes += text.length;
    for (const secret of SECRET_VALUES) if (text.includes(secret)) leaks.push(`${f}: ${secret.slice(0, 6)}…`);
  }
  if (leaks.length) {
    console.error(`log scan: ${leaks.length} secret(s) found in the suite's logs:\n${leaks.join('\n')}`);
    return 1;
  }
  console.log(`log scan: ${files.length} log files (${Math.round(bytes / 1024)} KB) scanned, no secret found`);
  rmSync(LOG_DIR, { recursive: true, force: true });
  return 0;
}

process.exitCode = scan();
