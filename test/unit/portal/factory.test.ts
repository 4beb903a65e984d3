import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { DryRunPublisher } from '../../../src/publish/dry-run.ts';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import { makeComunicado, makeContext, makeDeps, tempDataDir } from '../../integration/portal/helpers.ts';

describe('createPortalPublishers', () => {
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir: dataDir, cleanup } = await tempDataDir()));
  afterAll(async () => cleanup());

  it('is a dry run, one per placement, with the shipped example config', () => {
    const deps = makeDeps(dataDir, loadConfig('config/comunicados.example.yaml').portal, {});
    const pubs = createPortalPublishers(deps);
    expect(pubs.map((p) => p.destination)).toEqual(['portal:noticia', 'portal:slider_principal', 'portal:slider_contacto', 'portal:banner_aviso', 'portal:popup']);
    expect(pubs.every((p) => p instanceof DryRunPublisher && p.dryRunReason === 'portal en modo simulación (portal.type: dry-run)')).toBe(true);
  });

  it('falls back to dry-run naming the missing variables when WordPress has no credentials', () => {
    const pubs = createPortalPublishers(makeDeps(dataDir, { type: 'wordpress' }, { PORTAL_URL: 'https://ibague.gov.co' }));
    expect(pubs.every((p) => p.dryRun)).toBe(true);
    expect((pubs[0] as DryRunPublisher).dryRunReason).toBe('portal sin credenciales: faltan las variables PORTAL_USER, PORTAL_APP_PASSWORD');
    const http = createPortalPublishers(makeDeps(dataDir, { type: 'http', secretEnv: 'CLAVE_PORTAL' }, {}));
    expect((http[0] as DryRunPublisher).dryRunReason).toBe('portal sin credenciales: faltan las variables PORTAL_URL, CLAVE_PORTAL');
  });

  it('reads credentials from the variables the config names', () => {
    const pubs = createPortalPublishers(
      makeDeps(dataDir, { type: 'wordpress', urlEnv: 'WEB_URL', userEnv: 'WEB_USER', passwordEnv: 'WEB_PASS' }, { WEB_URL: 'http://127.0.0.1:9', WEB_USER: 'u', WEB_PASS: 'p' }),
    );
    expect(pubs.every((p) => !p.dryRun && p.mediaHost)).toBe(true);
  });

  it('the dry run writes the portal HTML with the title escaped', async () => {
    const pubs = createPortalPublishers(makeDeps(dataDir, { type: 'dry-run' }, {}));
    const c = makeComunicado('C-2026-0142', { title: '<script>alert(1)</script>' });
    const result = await pubs[0]!.publish(c, makeContext(dataDir));
    const html = await readFile(fileURLToPath(result.url), 'utf8');
    expect(html.startsWith('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>')).toBe(true);
  });

  it('rejects unknown placements and bad mappings with the setting named', () => {
    const bad = configSchema.safeParse({ office: {}, portal: { type: 'wordpress', placements: { carrusel: {} }, withdraw: 'borrar' } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['portal.placements', 'portal.withdraw']));
    const ok = configSchema.parse({ office: {}, portal: { type: 'wordpress', placements: { banner_aviso: { categories: [12, 'Avisos'], takeDown: 'uncategorize' } } } });
    expect(ok.portal.placements.banner_aviso).toMatchObject({ type: 'posts', categories: [12, 'Avisos'], takeDown: 'uncategorize', sticky: false });
    expect(ok.portal.placements.noticia).toMatchObject({ type: 'posts', categories: [], hashtagsAsTags: true });
    expect(ok.portal).toMatchObject({ withdraw: 'trash', urlEnv: 'PORTAL_URL', userEnv: 'PORTAL_USER', passwordEnv: 'PORTAL_APP_PASSWORD' });
  });
});
