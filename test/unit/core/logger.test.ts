import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/util/logger.ts';
import { TEST_SECRETS } from '../../fixtures/secrets.ts';

describe('structured logs', () => {
  it('mask every known secret wherever it appears, and redact credential fields', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk;
        cb();
      },
    });
    const log = createLogger({ level: 'debug', secrets: [TEST_SECRETS.slackBot, TEST_SECRETS.facebookPage], destination: sink });
    log.info({ url: `https://graph.test/me?access_token=${TEST_SECRETS.facebookPage}` }, `calling with ${TEST_SECRETS.slackBot}`);
    log.error({ err: new Error(`401 for token ${TEST_SECRETS.slackBot}`) }, 'failed');
    log.info({ headers: { authorization: 'Bearer abc' }, password: 'hunter22' }, 'request');
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(out).not.toContain(TEST_SECRETS.slackBot);
    expect(out).not.toContain(TEST_SECRETS.facebookPage);
    expect(out).not.toContain('hunter22');
    expect(out).not.toContain('Bearer abc');
    expect(lines[0].url).toBe('https://graph.test/me?access_token=[REDACTED]');
    expect(lines[1].err.message).toBe('401 for token [REDACTED]');
  });
});
