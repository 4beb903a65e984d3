import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { Agent } from 'node:https';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../../src/publish/port.ts';
import { createXPublishers } from '../../../src/publish/social/x/factory.ts';
import { createYoutubePublishers } from '../../../src/publish/social/youtube/factory.ts';
import { createLogger, type Logger } from '../../../src/util/logger.ts';
import { startFakeX, type FakeX } from '../../fakes/x/server.ts';
import { startFakeYoutube, type FakeYoutube } from '../../fakes/youtube/server.ts';
import { makeComunicado, makeContext, makeDeps, tempDataDir, writeAttachment } from './helpers.ts';

const x = { consumerKey: 'ck-logscan-1234567', consumerSecret: 'cs-logscan-abcdefg', accessToken: '4444-at-logscan-xyz', accessSecret: 'as-logscan-qwerty', userId: '4444', username: 'AlcaldiaIbague', name: 'Alcaldía' };
const yt = { refreshToken: '1//0refresh-logscan-zzz', channelId: 'UClogscan', title: 'Alcaldía de Ibagué' };
const clientSecret = 'GOCSPX-logscan-secret';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let fx: FakeX;
let fy: FakeYoutube;

beforeEach(async () => {
  data = await tempDataDir();
  fx = await startFakeX({ accounts: [x] });
  fy = await startFakeYoutube({ accounts: [yt], clientId: 'client-logscan', clientSecret });
});

afterEach(async () => {
  await fx.close();
  await fy.close();
  await data.cleanup();
});

describe('logs of the X and YouTube publishers', () => {
  it('hold no credential, even at debug level, with no redaction list, when errors are logged with their causes', async () => {
    const file = join(data.dir, 'debug.log');
    const stream = createWriteStream(file);
    // No secrets handed to the logger: this checks the publishers' own hygiene.
    const logger: Logger = createLogger({ level: 'debug', destination: stream });
    const env = {
      ...fy.env,
      X_API_URL: fx.url,
      XK: x.consumerKey, XS: x.consumerSecret, XT: x.accessToken, XTS: x.accessSecret,
      YC: 'client-logscan', YS: clientSecret, YR: yt.refreshToken,
    };
    const accounts = {
      alcaldia: {
        x: { handle: 'AlcaldiaIbague', appKeyEnv: 'XK', appSecretEnv: 'XS', accessTokenEnv: 'XT', accessSecretEnv: 'XTS' },
        youtube: { clientIdEnv: 'YC', clientSecretEnv: 'YS', refreshTokenEnv: 'YR' },
      },
    };
    const deps = { ...makeDeps(data.dir, accounts, env), logger };
    const [xp] = createXPublishers(deps, { agent: new Agent({ ca: fx.ca }) });
    const [yp] = createYoutubePublishers(deps, { sleep: async () => undefined, maxBrokenInARow: 1 });
    const ctx = { ...makeContext(data.dir), logger };
    const video = await writeAttachment(data.dir, 'v.mp4', randomBytes(300_000), 'video', 'video/mp4');
    const c = makeComunicado({ title: 'Prueba de registros', attachments: [video] });

    const failures: unknown[] = [];
    const attempt = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        failures.push(err);
        // What an engine does with a failed delivery, including a careless look at the cause.
        logger.error({ err, cause: (err as Error).cause }, 'delivery failed');
      }
    };
    await attempt(xp!.publish(c, ctx)); // ok
    fx.script('POST /2/tweets', { status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 } });
    await attempt(xp!.publish(makeComunicado({ title: 'Otra' }), ctx));
    await attempt(yp!.publish(c, ctx)); // ok
    fy.script('token', { status: 500, body: { error: 'internal_failure' } });
    await attempt(createYoutubePublishers(deps)[0]!.publish(c, ctx));
    fy.script('put', { status: 503 });
    fy.script('put', { status: 503 });
    await attempt(createYoutubePublishers(deps, { sleep: async () => undefined, maxBrokenInARow: 1 })[0]!.publish(c, ctx));
    await attempt(createYoutubePublishers({ ...deps, env: makeDeps(data.dir, accounts, { ...env, YOUTUBE_OAUTH_URL: 'http://127.0.0.1:9/token' }).env })[0]!.publish(c, ctx));
    stream.end();
    await once(stream, 'finish');

    expect(failures).toHaveLength(4);
    expect(failures.every((f) => f instanceof PublishError)).toBe(true);
    const log = await readFile(file, 'utf8');
    expect(log).toContain('delivery failed');
    const secrets = [x.consumerSecret, x.accessToken, x.accessSecret, clientSecret, yt.refreshToken, ...fy.accessTokensIssued()];
    expect(fy.accessTokensIssued().length).toBeGreaterThan(0);
    for (const s of secrets) expect(log.includes(s), `secret ${s.slice(0, 8)}… in the log`).toBe(false);
  });
});
