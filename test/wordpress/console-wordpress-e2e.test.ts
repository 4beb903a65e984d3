import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import axios from 'axios';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { ConsoleAdapter } from '../../src/chat/console/adapter.ts';
import { readEnv } from '../../src/config/env.ts';
import { loadConfig } from '../../src/config/load.ts';
import { portalConfigSchema } from '../../src/publish/portal/config.ts';
import { LowdbStore } from '../../src/store/lowdb-store.ts';
import { silentLogger } from '../../src/util/logger.ts';
import { tempDataDir } from '../integration/portal/helpers.ts';

/*
 * The "done when": a comunicado approved in the console chat appears on the real
 * WordPress with its image, alt text and placements, its permalink comes back to the chat,
 * and /retirar takes it off again. The app is the real composition root (createApp) with
 * the console adapter on in-memory streams and the real portal publishers (not dry-run).
 */
const raw = readEnv().raw;
const WP_URL = raw.WP_TEST_URL;
const USER = raw.WP_TEST_USER ?? '';
const PASSWORD = raw.WP_TEST_APP_PASSWORD ?? '';

// Without WP_TEST_URL this is skipped; wordpress-publisher.test.ts prints the one line saying so.

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = read().match(pattern);
    if (m) return m;
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; console output:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!WP_URL)('console chat → real WordPress, end to end', () => {
  const wp = axios.create({ baseURL: `${WP_URL}/wp-json/wp/v2/`, auth: { username: USER, password: PASSWORD } });
  let dir: string;
  let cleanup: () => Promise<void>;
  let app: App;
  let store: LowdbStore;
  let input: PassThrough;
  let output = '';

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDataDir());
    const example = loadConfig('config/comunicados.example.yaml');
    const config = {
      ...example,
      destinations: { default: ['portal:noticia' as const] },
      portal: portalConfigSchema.parse({
        type: 'wordpress',
        name: 'Portal de pruebas',
        placements: {
          noticia: { categories: ['Noticias'] },
          slider_principal: { type: 'sliders', categories: ['Slider principal'], meta: { enlace_noticia: '{noticiaUrl}' } },
        },
      }),
    };
    const dataDir = join(dir, 'data');
    const env = readEnv({ DATA_DIR: dataDir, PORTAL_URL: WP_URL!, PORTAL_USER: USER, PORTAL_APP_PASSWORD: PASSWORD });
    store = await LowdbStore.open(dataDir);
    input = new PassThrough();
    const out = new PassThrough();
    out.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const chat = new ConsoleAdapter({ input, output: out, user: 'redactora', channel: 'comunicados' });
    app = createApp({ env, config, store, chats: [chat], logger: silentLogger() });
    await app.start();
  });

  afterAll(async () => {
    input?.end();
    await app?.stop();
    await store?.close();
    await cleanup?.();
  });

  it('approve in the console → on WordPress with image, alt text and placements → permalink in the chat → /retirar', { timeout: 90_000 }, async () => {
    const token = randomBytes(3).toString('hex');
    const photo = join(dir, 'luminarias.jpg');
    await sharp({ create: { width: 400, height: 240, channels: 3, background: '#ffcc00' } }).jpeg().toFile(photo);
    const nextYear = new Date().getUTCFullYear() + 1;
    input.write(
      [
        '/comunicado',
        `Luminarias LED en el barrio Jordán ${token}`,
        '',
        'La Secretaría de Infraestructura instaló 120 luminarias.',
        '',
        'Las obras terminaron en seis semanas. #IbaguéBrilla',
        'destinos: portal, slider',
        `vigencia: ${nextYear}-01-31`,
        `adjunto: ${photo} | Operarios instalan una luminaria en el barrio Jordán`,
        '.',
        '/como jefe',
        '/reaccionar m1 ✅',
        '',
      ].join('\n'),
    );

    const id = (await waitFor(() => output, /Recibido: (C-\d{4}-\d{4,})/))[1]!;
    await waitFor(() => output, new RegExp(`📣 ${id} .*: Publicado`));
    const noticiaUrl = (await waitFor(() => output, /• Portal · noticia: (http\S+)/))[1]!;
    const sliderUrl = (await waitFor(() => output, /• Portal · slider principal: (http\S+)/))[1]!;
    expect(output).not.toContain('(simulación)');

    // The noticia is on WordPress, in its category, with the image as featured and its alt text.
    const slug = `${id.toLowerCase()}-luminarias-led-en-el-barrio-jordan-${token}`;
    const [post] = (await wp.get<Array<{ id: number; link: string; status: string; categories: number[]; featured_media: number }>>('posts', { params: { slug, context: 'edit' } })).data;
    expect(post).toBeDefined();
    expect(post!.status).toBe('publish');
    expect(noticiaUrl).toBe(post!.link);
    const [cat] = (await wp.get<Array<{ id: number }>>('categories', { params: { slug: 'noticias' } })).data;
    expect(post!.categories).toEqual([cat!.id]);
    const media = (await wp.get<{ alt_text: string; source_url: string }>(`media/${post!.featured_media}`, { params: { context: 'edit' } })).data;
    expect(media.alt_text).toBe('Operarios instalan una luminaria en el barrio Jordán');
    expect((await axios.get(media.source_url)).status).toBe(200);
    expect((await axios.get<string>(noticiaUrl, { responseType: 'text' })).data).toContain(`Luminarias LED en el barrio Jordán ${token}`);

    // The slider placement: the theme's post type, linking the noticia, same image.
    const [slide] = (await wp.get<Array<{ link: string; featured_media: number; meta: Record<string, string> }>>('sliders', { params: { slug: `${id.toLowerCase()}-slider-principal-luminarias-led-en-el-barrio-jordan-${token}`, context: 'edit' } })).data;
    expect(slide!.link).toBe(sliderUrl);
    expect(slide!.meta.enlace_noticia).toBe(noticiaUrl);
    expect(slide!.featured_media).toBe(post!.featured_media);

    // The delivery records the permalink and the media for the social publishers.
    const c = (await store.get(id))!;
    expect(c.deliveries['portal:noticia']).toMatchObject({ state: 'done', url: noticiaUrl, remoteId: String(post!.id) });

    // Withdraw from the chat: both items leave the portal, and the chat says so.
    input.write(`/retirar ${id} Error en la cifra de luminarias\n`);
    await waitFor(() => output, new RegExp(`🗑️ ${id} retirado por jefe\\. Motivo: Error en la cifra de luminarias`));
    await waitFor(() => output, /Portal · slider principal: Entrada \d+ enviada a la papelera del portal\./);
    expect(output).toMatch(/Portal · noticia: Entrada \d+ enviada a la papelera del portal\./);
    expect((await wp.get<{ status: string }>(`posts/${post!.id}`, { params: { context: 'edit' } })).data.status).toBe('trash');
    expect((await store.get(id))!.deliveries['portal:noticia']!.state).toBe('withdrawn');
  });
});
