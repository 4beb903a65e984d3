import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeX, type FakeX, type FakeXAccount } from '../../fakes/x/server.ts';
import { tempDataDir } from './helpers.ts';
import { nodeArgs } from '../../fakes/compiled.ts';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');

const account: FakeXAccount = {
  consumerKey: 'ck-child',
  consumerSecret: 'cs-child',
  accessToken: '3333-at-child',
  accessSecret: 'as-child',
  userId: '3333',
  username: 'AlcaldiaIbague',
  name: 'Alcaldía de Ibagué',
};

let fake: FakeX;
let data: Awaited<ReturnType<typeof tempDataDir>>;

beforeEach(async () => {
  fake = await startFakeX({ accounts: [account] });
  data = await tempDataDir();
});

afterEach(async () => {
  await fake.close();
  await data.cleanup();
});

/** Runs the bot's X publisher in a fresh Node process with exactly this environment. */
async function child(extra: Record<string, string>): Promise<{ ok: boolean; kind?: string; code?: string; remoteId?: string; dryRun?: boolean }> {
  const env = {
    DATA_DIR: data.dir,
    X_API_URL: fake.url,
    X_KEY: account.consumerKey,
    X_SECRET: account.consumerSecret,
    X_TOKEN: account.accessToken,
    X_TOKEN_SECRET: account.accessSecret,
    XYT_ACCOUNTS_JSON: JSON.stringify({
      alcaldia: { x: { handle: 'AlcaldiaIbague', appKeyEnv: 'X_KEY', appSecretEnv: 'X_SECRET', accessTokenEnv: 'X_TOKEN', accessSecretEnv: 'X_TOKEN_SECRET' } },
    }),
    ...extra,
  };
  const { stdout } = await run(process.execPath, nodeArgs('test/integration/social-x-yt/x-child-publish.ts'), { cwd: root, env, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('X over HTTPS with the test certificate trusted through NODE_EXTRA_CA_CERTS', () => {
  it('publishes when the CA is added at process start, with no agent injected', async () => {
    const caFile = join(data.dir, 'test-ca.pem');
    await writeFile(caFile, fake.ca);
    const out = await child({ NODE_EXTRA_CA_CERTS: caFile, XYT_TITLE: 'Prueba por proceso hijo' });
    expect(out).toMatchObject({ ok: true, dryRun: false });
    expect(fake.tweets.get(out.remoteId!)?.text).toBe('Prueba por proceso hijo');
  });

  it('without the CA the TLS handshake is refused (verification is really on) and nothing is posted', async () => {
    const out = await child({ XYT_TITLE: 'No debe salir' });
    expect(out).toMatchObject({ ok: false, kind: 'failed', code: 'tls' });
    expect(fake.tweets.size).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });
});
