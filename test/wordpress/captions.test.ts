import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCaptions } from '../../src/accessibility/captions-files.ts';
import { createPortalPublishers } from '../../src/publish/portal/index.ts';
import type { Publisher } from '../../src/publish/port.ts';
import { fileOf, GOOD_SRT, tinyMp4 } from '../fixtures/accessible-files.ts';
import { byDestination, makeComunicado, makeContext, makeDeps, tempDataDir, uniqueId, writeRaw } from '../integration/portal/helpers.ts';

/*
 * A video with captions on a real WordPress (test/wordpress/start.sh): the video and its
 * WebVTT captions go to the media library, attached to the post, and the page embeds the
 * video with a <track kind="captions">. What the test creates it deletes.
 */
const WP_URL = process.env.WP_TEST_URL;
const USER = process.env.WP_TEST_USER ?? '';
const PASSWORD = process.env.WP_TEST_APP_PASSWORD ?? '';

describe.skipIf(!WP_URL)('portal WordPress: a video with its captions track', () => {
  const wp = axios.create({ baseURL: `${WP_URL}/wp-json/wp/v2/`, auth: { username: USER, password: PASSWORD } });
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let publishers: Publisher[];
  const created: { posts: number[]; media: number[] } = { posts: [], media: [] };

  beforeAll(async () => {
    ({ dir: dataDir, cleanup } = await tempDataDir());
    publishers = createPortalPublishers(makeDeps(dataDir, { type: 'wordpress', name: 'Portal de pruebas', placements: { noticia: { categories: ['noticias'] } } }, { PORTAL_URL: WP_URL ?? '', PORTAL_USER: USER, PORTAL_APP_PASSWORD: PASSWORD }));
  });

  afterAll(async () => {
    for (const id of created.posts) await wp.delete(`posts/${id}`, { params: { force: true } }).catch(() => {});
    for (const id of created.media) await wp.delete(`media/${id}`, { params: { force: true } }).catch(() => {});
    await cleanup?.();
  });

  it('uploads the video and the .vtt, attaches them to the post and embeds <video> with <track kind="captions">', async () => {
    const id = uniqueId();
    const stem = `recorrido-${id.toLowerCase()}`;
    await mkdir(join(dataDir, 'files'), { recursive: true });
    const captions = await ingestCaptions(fileOf(`${stem}.srt`, GOOD_SRT), { dataDir, folder: id });
    const video = await writeRaw(dataDir, `${stem}.mp4`, tinyMp4(8 * 1024), 'video', 'video/mp4', { captions });
    const c = makeComunicado(id, { title: 'Recorrido por las obras del barrio Jordán', lead: 'El alcalde recorrió las obras.', attachments: [video] });
    const result = await byDestination(publishers, 'portal:noticia').publish(c, makeContext(dataDir));
    created.posts.push(Number(result.remoteId));
    const media = result.meta!.media as Array<{ id: number; kind: string; url: string; filename: string }>;
    created.media.push(...media.map((m) => m.id));
    expect(media.map((m) => [m.kind, m.filename])).toEqual([
      ['video', `${stem}.mp4`],
      ['captions', `${stem}.vtt`],
    ]);

    // The .vtt in the library is the WebVTT form of the SRT, as a text/vtt attached to the post.
    const vttItem = (await wp.get(`media/${media[1]!.id}`, { params: { context: 'edit' } })).data as { mime_type: string; post: number; source_url: string };
    expect(vttItem.mime_type).toBe('text/vtt');
    expect(vttItem.post).toBe(Number(result.remoteId));
    const served = (await axios.get<string>(vttItem.source_url, { responseType: 'text' })).data;
    expect(served).toContain('WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\nBuenos días, ibaguereños.');
    const videoItem = (await wp.get(`media/${media[0]!.id}`, { params: { context: 'edit' } })).data as { mime_type: string; post: number };
    expect(videoItem).toMatchObject({ mime_type: 'video/mp4', post: Number(result.remoteId) });

    // The page embeds the video with its captions track.
    const post = (await wp.get(`posts/${result.remoteId}`, { params: { context: 'edit' } })).data as { content: { raw: string; rendered: string } };
    expect(post.content.raw).toContain(`<video controls preload="metadata" src="${media[0]!.url}"><track kind="captions" src="${media[1]!.url}" srclang="es" label="Español" default>`);
    const page = (await axios.get<string>(result.url, { responseType: 'text' })).data;
    expect(page).toMatch(new RegExp(`<track kind="captions" src="${media[1]!.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" srclang="es" label="Español" default\\s*/?>`));
  });
});

