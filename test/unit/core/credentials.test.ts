import { describe, expect, it } from 'vitest';
import { missingCredentialsMessage, readEnv, resolveCredentials, secretValues } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';

/** Issue 15, item 1: the credentials the config's `*Env` fields name, resolved in one place. */
const office = { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' };

const doc = {
  office,
  destinations: { default: ['portal:noticia', 'email:todos'] },
  portal: { type: 'wordpress', urlEnv: 'WEB_URL', userEnv: 'WEB_USUARIO', passwordEnv: 'WEB_CLAVE' },
  accounts: {
    alcaldia: {
      facebook: { pageId: '1', tokenEnv: 'FB_PAGINA' },
      x: { handle: 'alcaldia', appKeyEnv: 'XA_KEY', appSecretEnv: 'XA_SECRET', accessTokenEnv: 'XA_AT', accessSecretEnv: 'XA_AS' },
    },
    alcalde: {
      instagram: { userId: '2', tokenEnv: 'IG_ALCALDE' },
      youtube: { clientIdEnv: 'YT_ID', clientSecretEnv: 'YT_SECRET', refreshTokenEnv: 'YT_REFRESH' },
    },
  },
};

describe('resolveCredentials', () => {
  it('lists every destination with unset variables together, by the names its *Env fields give', () => {
    const env = readEnv({ WEB_URL: 'https://ibague.gov.co', WEB_USUARIO: '   ', FB_PAGINA: 'EAAG-pagina', XA_KEY: 'k', XA_AT: 'at', YT_ID: 'id', YT_SECRET: 's', YT_REFRESH: 'r' });
    const credentials = resolveCredentials(parseConfig(doc), env);
    expect(credentials.missing).toEqual([
      { destination: 'portal', variables: ['WEB_USUARIO', 'WEB_CLAVE'] },
      { destination: 'x:alcaldia', variables: ['XA_SECRET', 'XA_AS'] },
      { destination: 'instagram:alcalde', variables: ['IG_ALCALDE'] },
      { destination: 'email', variables: ['SMTP_URL'] },
    ]);
    expect(credentials.portal).toEqual({ ok: false, missing: ['WEB_USUARIO', 'WEB_CLAVE'] });
    expect(credentials.accounts.alcaldia.facebook).toEqual({ ok: true, values: { token: 'EAAG-pagina' } });
    expect(credentials.accounts.alcalde.youtube).toEqual({ ok: true, values: { clientId: 'id', clientSecret: 's', refreshToken: 'r' } });
    expect(credentials.accounts.alcaldia.instagram).toBeUndefined();
  });

  it('says all of them in one Spanish message', () => {
    const { missing } = resolveCredentials(parseConfig(doc), readEnv({}));
    const text = missingCredentialsMessage(missing);
    expect(text).toMatch(/^DRY_RUN=0 pide publicar de verdad, pero faltan credenciales:/);
    expect(text).toContain('  - portal: falta WEB_URL, WEB_USUARIO, WEB_CLAVE');
    expect(text).toContain('  - facebook:alcaldia: falta FB_PAGINA');
    expect(text).toContain('  - x:alcaldia: falta XA_KEY, XA_SECRET, XA_AT, XA_AS');
    expect(text).toContain('  - instagram:alcalde: falta IG_ALCALDE');
    expect(text).toContain('  - youtube:alcalde: falta YT_ID, YT_SECRET, YT_REFRESH');
    expect(text).toContain('  - email: falta SMTP_URL');
  });

  it('gives the typed values when everything is set, the http portal included', () => {
    const config = parseConfig({ office, portal: { type: 'http', secretEnv: 'CLAVE_PORTAL' }, accounts: { alcalde: { x: doc.accounts.alcaldia.x } } });
    const env = readEnv({ PORTAL_URL: 'https://receptor.test', CLAVE_PORTAL: 'hmac-123', XA_KEY: 'k', XA_SECRET: 's', XA_AT: 'at', XA_AS: 'as' });
    const credentials = resolveCredentials(config, env);
    expect(credentials.missing).toEqual([]);
    expect(credentials.portal).toEqual({ ok: true, values: { type: 'http', url: 'https://receptor.test', secret: 'hmac-123' } });
    expect(credentials.accounts.alcalde.x).toEqual({ ok: true, values: { appKey: 'k', appSecret: 's', accessToken: 'at', accessSecret: 'as' } });
    expect(resolveCredentials(parseConfig({ office }), readEnv({}))).toMatchObject({ missing: [], accounts: { alcaldia: {}, alcalde: {} } });
  });

  it('masks in logs the values of every variable the config names, even one whose name does not look secret', () => {
    const config = parseConfig(doc);
    const env = readEnv({ FB_PAGINA: 'EAAG-pagina', WEB_USUARIO: 'editor-web', OTRA_COSA: 'no-es-secreto' });
    const credentials = resolveCredentials(config, env);
    expect(credentials.variables).toEqual(expect.arrayContaining(['WEB_URL', 'WEB_USUARIO', 'WEB_CLAVE', 'FB_PAGINA', 'XA_KEY', 'IG_ALCALDE', 'YT_REFRESH']));
    const masked = secretValues(env, credentials);
    expect(masked).toEqual(expect.arrayContaining(['EAAG-pagina', 'editor-web']));
    expect(masked).not.toContain('no-es-secreto');
    expect(secretValues(env)).not.toContain('editor-web');
  });
});
