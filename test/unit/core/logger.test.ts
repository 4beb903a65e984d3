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

describe('log masking: every encoding of a secret, and credential fields by key', () => {
  function capture(secrets: string[]) {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk;
        cb();
      },
    });
    return { log: createLogger({ level: 'debug', secrets, destination: sink }), out: () => out };
  }

  // A password with characters that JSON and URLs escape.
  const password = 'p@ss "w0rd"\\ñ/7&x=ü';
  const smtpUrl = `smtps://prensa%40ibague.test:${encodeURIComponent('Sm7p!Pa$$ w:rd')}@mail.test:465`;

  it('exact, JSON-escaped, URL-encoded, URL-decoded and base64 forms are all masked', () => {
    const { log, out } = capture([password, TEST_SECRETS.portalHmac, smtpUrl]);
    log.info({ body: JSON.stringify({ password }) }, 'json inside a string');
    log.info(`GET /login?pw=${encodeURIComponent(password)}`);
    log.info(`form: pw=${encodeURIComponent(password).replace(/%20/g, '+')}`);
    log.info({ header: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` }, 'basic auth');
    log.info({ header: `Basic ${Buffer.from(`editor1:${TEST_SECRETS.portalHmac}`).toString('base64')}` }, 'basic auth, other user length');
    log.info({ sig: Buffer.from(TEST_SECRETS.portalHmac).toString('base64url') }, 'base64url');
    log.warn({ err: new Error(`login failed for Sm7p!Pa$$ w:rd at ${smtpUrl}`) }, 'smtp');
    log.info(`AUTH PLAIN ${Buffer.from('\u0000prensa@ibague.test\u0000Sm7p!Pa$$ w:rd').toString('base64')}`);
    const text = out();
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(8);
    const leaks = [
      password,
      JSON.stringify(password).slice(1, -1),
      JSON.stringify(JSON.stringify(password).slice(1, -1)).slice(1, -1),
      encodeURIComponent(password),
      Buffer.from(`admin:${password}`).toString('base64').slice(8, -4),
      Buffer.from(`editor1:${TEST_SECRETS.portalHmac}`).toString('base64').slice(12, -4),
      Buffer.from(TEST_SECRETS.portalHmac).toString('base64url'),
      'Sm7p!Pa$$ w:rd',
      encodeURIComponent('Sm7p!Pa$$ w:rd'),
      Buffer.from('\u0000prensa@ibague.test\u0000Sm7p!Pa$$ w:rd').toString('base64'),
    ];
    for (const leak of leaks) expect(text, leak).not.toContain(leak);
    expect(lines[6].err.type).toBe('Error');
    expect(lines[6].err.message).toContain('[REDACTED]');
  });

  it('credential fields are redacted by key at any depth, whatever their value', () => {
    const { log, out } = capture([]);
    log.info(
      {
        token: 'not-in-env-1',
        account: { accessToken: 'not-in-env-2', nested: { clientSecret: 'not-in-env-3' } },
        config: { headers: { Authorization: 'Bearer not-in-env-4' } },
        headers: { authorization: 'Basic bm90LWluLWVudg==', 'x-telegram-bot-api-secret-token': 'not-in-env-5' },
        smtp: { auth: { user: 'prensa', pass: 'not-in-env-6' } },
      },
      'request',
    );
    const text = out();
    for (const v of ['not-in-env-1', 'not-in-env-2', 'not-in-env-3', 'not-in-env-4', 'bm90LWluLWVudg', 'not-in-env-5', 'not-in-env-6']) expect(text).not.toContain(v);
    const line = JSON.parse(text);
    expect(line.smtp.auth.user).toBe('prensa');
    expect(line.account.nested.clientSecret).toBe('[REDACTED]');
  });

  it('ordinary text is left alone', () => {
    const { log, out } = capture([TEST_SECRETS.portalHmac]);
    log.info({ title: 'Vacunación en Ibagué', url: 'https://portal.test/noticias/vacunacion' }, 'publicado');
    expect(JSON.parse(out())).toMatchObject({ title: 'Vacunación en Ibagué', url: 'https://portal.test/noticias/vacunacion', msg: 'publicado' });
  });
});
