import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config/load.ts';
import { looksLikeSecret } from '../../../src/config/strict.ts';
import { nodeArgs } from '../../fakes/compiled.ts';

function problems(doc: unknown): string[] {
  try {
    parseConfig(doc);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

// Token-shaped values built here, so no file in the repository looks like a leaked token.
const fake = {
  slackBot: ['xoxb', '1234567890', 'abcdefABCDEF0123'].join('-'),
  slackApp: ['xapp', '1', 'A0123456789', 'abcdef0123456789'].join('-'),
  telegram: `7012345678:${'AAH'}${'k9Qz_x-Lm3Np5Rt7Vw1Yb2Cd4Ef6Gh8J'}`,
  graph: `EAA${'G7xQ2mZk9LpWv4RtYb8NcDe1FhJs3Ua6'}`,
  wp: 'Zq7xK2mP9vL4tR8wY1bN6cD3fH5jS0uA',
};

const base = { office: { name: 'Oficina', entity: 'Alcaldía' }, approval: { approvers: { console: ['jefe'] } } };

describe('strict config: nothing is silently dropped', () => {
  it('a typo, a Spanish section and an unknown nested key are each listed with a «¿quiso decir …?» hint', () => {
    const list = problems({
      ...base,
      approval: { approvers: { console: ['jefe'] }, requiereReview: true },
      aprobacion: { aprobadores: ['jefe'] },
      portal: { placements: { noticia: { categoria: [3] } } },
      accounts: { alcaldia: { facebook: { pageId: '1', tokenEnv: 'FB_TOKEN', hashtag: ['x'] } } },
    });
    expect(list).toContainEqual(expect.stringMatching(/^approval\.requiereReview: clave desconocida.*¿Quiso decir «requireReview»\?/));
    expect(list).toContainEqual(expect.stringMatching(/^aprobacion: clave desconocida.*¿Quiso decir «approval»\?/));
    expect(list).toContainEqual(expect.stringMatching(/^accounts\.alcaldia\.facebook\.hashtag: .*«hashtags»/));
    expect(list.some((p) => p.startsWith('portal.placements.noticia.categoria'))).toBe(true);
    // Reported once (the strict placement schema's own complaint is not repeated).
    expect(list.filter((p) => p.startsWith('portal.placements.noticia.categoria'))).toHaveLength(1);
  });

  it('a pasted token is an error naming the variable it belongs in, never echoing the value', () => {
    const list = problems({
      ...base,
      token: fake.slackBot,
      chats: { slack: { comunicadosChannel: 'C1', appToken: fake.slackApp }, telegram: { chats: ['-100'], token: fake.telegram } },
      accounts: { alcaldia: { facebook: { pageId: '1', tokenEnv: 'FB_ALCALDIA_TOKEN', token: fake.graph } } },
      portal: { password: fake.wp },
    });
    const text = list.join('\n');
    for (const v of Object.values(fake)) expect(text).not.toContain(v);
    expect(list).toContainEqual(expect.stringMatching(/^token: parece una credencial.*SLACK_BOT_TOKEN/));
    expect(list).toContainEqual(expect.stringMatching(/^chats\.slack\.appToken: parece una credencial.*SLACK_APP_TOKEN/));
    expect(list).toContainEqual(expect.stringMatching(/^chats\.telegram\.token: parece una credencial.*TELEGRAM_BOT_TOKEN/));
    expect(list).toContainEqual(expect.stringMatching(/^accounts\.alcaldia\.facebook\.token: parece una credencial.*FB_ALCALDIA_TOKEN/));
    expect(list).toContainEqual(expect.stringMatching(/^portal\.password: parece una credencial.*PORTAL_APP_PASSWORD/));
    // And the unknown key itself is listed too.
    expect(list).toContainEqual(expect.stringMatching(/^accounts\.alcaldia\.facebook\.token: clave desconocida.*«tokenEnv»/));
  });

  it('ordinary text, URLs, emails and variable names are not taken for secrets', () => {
    for (const v of ['Oficina de Comunicaciones de la Alcaldía', 'https://www.ibague.gov.co/portal/seccion/noticias/2026', 'prensa.alcaldia2026@ibague.gov.co', 'FB_ALCALDIA_TOKEN', 'C0123ABCD', 'white_check_mark'])
      expect(looksLikeSecret(v), v).toBeUndefined();
    expect(() => parseConfig(base)).not.toThrow();
  });

  it('npm run config:check fails on them and lists each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, stringify({ ...base, approval: { approvers: { console: ['jefe'] }, requiereReview: true }, token: fake.slackBot }));
    const r = spawnSync(process.execPath, [...nodeArgs('src/cli/config.ts'), 'config:check'], { env: { ...process.env, CONFIG_FILE: file }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/approval\.requiereReview: clave desconocida.*¿Quiso decir «requireReview»\?/);
    expect(r.stderr).toMatch(/token: parece una credencial.*SLACK_BOT_TOKEN/);
    expect(r.stderr).not.toContain(fake.slackBot);
    expect(r.stdout).not.toMatch(/válida/);
  });
});
