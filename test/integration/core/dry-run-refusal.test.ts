import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readEnv, resolveCredentials } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { runBot } from '../../fakes/run-bot.ts';

const doc = {
  office: { name: 'Oficina', entity: 'Alcaldía' },
  approval: { approvers: { console: ['jefe'] } },
  portal: { type: 'wordpress' },
  accounts: {
    alcaldia: { facebook: { pageId: '1', tokenEnv: 'FB_ALCALDIA_TOKEN' } },
    alcalde: { x: { handle: 'alcalde', appKeyEnv: 'X_KEY', appSecretEnv: 'X_SECRET', accessTokenEnv: 'X_AT', accessSecretEnv: 'X_AS' } },
  },
};

function configFile(d: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dryrun-')), 'c.yaml');
  writeFileSync(file, stringify(d));
  return file;
}

describe('DRY_RUN=0 with missing credentials', () => {
  it('lists each configured destination whose variables are unset, from its *Env fields', () => {
    const config = parseConfig(doc);
    const env = readEnv({ PORTAL_URL: 'https://portal.test', X_KEY: 'k', X_SECRET: 's' });
    expect(resolveCredentials(config, env).missing).toEqual([
      { destination: 'portal', variables: ['PORTAL_USER', 'PORTAL_APP_PASSWORD'] },
      { destination: 'facebook:alcaldia', variables: ['FB_ALCALDIA_TOKEN'] },
      { destination: 'x:alcalde', variables: ['X_AT', 'X_AS'] },
    ]);
    expect(resolveCredentials(parseConfig({ office: doc.office }), readEnv({})).missing).toEqual([]);
  });

  it('refuses to start (exit 2) naming the variables, instead of publishing «(simulación)»', { timeout: 120_000 }, async () => {
    const run = await runBot('/ayuda\n', { DRY_RUN: '0', CONFIG_FILE: configFile(doc), DATA_DIR: mkdtempSync(join(tmpdir(), 'dryrun-data-')), PORTAL_URL: 'https://portal.test', PORTAL_USER: 'u', PORTAL_APP_PASSWORD: 'p', X_KEY: 'k', X_SECRET: 's', X_AT: 'a', X_AS: 'b' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/DRY_RUN=0 pide publicar de verdad/);
    expect(run.stderr).toMatch(/facebook:alcaldia: falta FB_ALCALDIA_TOKEN/);
    expect(run.stderr).not.toMatch(/x:alcalde|portal:/);
    expect(run.stdout).not.toMatch(/simulación/);
  });

  it('without DRY_RUN=0 the same config starts (in simulation, as before)', { timeout: 120_000 }, async () => {
    const run = await runBot('', { CONFIG_FILE: configFile(doc), DATA_DIR: mkdtempSync(join(tmpdir(), 'dryrun-data-')) });
    expect(run.code).toBe(0);
  });
});
