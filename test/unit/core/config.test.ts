import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readEnv, secretValues } from '../../../src/config/env.ts';
import { ConfigError, loadConfig, resolveConfigPath } from '../../../src/config/load.ts';
import { nodeArgs } from '../../fakes/compiled.ts';

const F = 'test/fixtures/config';

function problems(file: string): string[] {
  try {
    loadConfig(file);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('basic: loads with defaults filled in', () => {
    const c = loadConfig(`${F}/basic.yaml`);
    expect(c.approval.approvers.telegram).toEqual(['1001']); // numbers become ids
    expect(c.approval.authorMayApprove).toBe(false);
    expect(c.attachments.maxBytes).toBe(100 * 1024 * 1024);
    expect(c.digest.time).toBe('07:00');
    expect(c.office.timezone).toBe('America/Bogota');
    expect(c.chats.slack?.approvalsChannel).toBe('C_APROBACION');
  });

  it('empty: says so in Spanish', () => {
    expect(problems(`${F}/empty.yaml`)).toEqual([expect.stringMatching(/vacío/)]);
  });

  it('malformed YAML: one clear problem', () => {
    expect(problems(`${F}/malformed.yaml`)[0]).toMatch(/YAML mal formado/);
  });

  it('missing file: names it', () => {
    expect(() => loadConfig(`${F}/no-existe.yaml`)).toThrowError(/no-existe\.yaml[\s\S]*no existe/);
  });

  it('evil values: every problem listed by path, none silently accepted', () => {
    const list = problems(`${F}/evil.yaml`);
    const paths = list.map((p) => p.split(':')[0]);
    for (const expected of [
      'office.name',
      'office.pressContact.email',
      'approval.approvers.slack',
      'approval.requireReview',
      'chats.slack.comunicadosChannel',
      'destinations.default[0]',
      'destinations.default[1]',
      'destinations.default[2]',
      'attachments.maxBytes',
      'publishing.maxAttempts',
      'digest.time',
      'publicUrl',
    ]) {
      expect(paths, `missing problem for ${expected}: ${list.join(' | ')}`).toContain(expected);
    }
    expect(list.length).toBeGreaterThanOrEqual(12);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('CONFIG_FILE wins; otherwise the example is the fallback', () => {
    expect(resolveConfigPath('x/y.yaml', '/srv')).toBe('/srv/x/y.yaml');
    expect(resolveConfigPath(undefined, '/nonexistent')).toMatch(/config\/comunicados\.(example\.)?yaml$/);
  });

  it('npm run config:check reports the problems and fails', () => {
    const bad = spawnSync(process.execPath, [...nodeArgs('src/cli/config.ts'), 'config:check'], { env: { ...process.env, CONFIG_FILE: `${F}/evil.yaml` }, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/digest\.time/);
    const good = spawnSync(process.execPath, [...nodeArgs('src/cli/config.ts'), 'config:check'], { env: { ...process.env, CONFIG_FILE: `${F}/basic.yaml` }, encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/válida/);
  });
});

describe('environment', () => {
  it('reads only from the given source, with defaults', () => {
    const env = readEnv({ SLACK_BOT_TOKEN: ' xoxb-1 ', PORT: 'abc', FB_TOKEN: 'secreto-123', MAIL_FROM: ' prensa@ibague.gov.co ', SMTP_URL: '', X_API_URL: 'https://x.test' });
    expect(env.slack.botToken).toBe('xoxb-1');
    expect(env.port).toBe(3000);
    expect(env.dataDir).toBe('./data');
    expect(env.logLevel).toBeUndefined();
    expect(env.slack.apiUrl).toBe('https://slack.com/api/');
    expect(env.mail).toEqual({ from: 'prensa@ibague.gov.co' });
    expect(env.apis).toEqual({ x: 'https://x.test' });
    expect(secretValues(env)).toEqual(expect.arrayContaining(['xoxb-1', 'secreto-123']));
  });
});
