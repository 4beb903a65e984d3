/**
 * b) Fan-out: one comunicado published to the portal plus 8 social destinations (Facebook,
 * Instagram, X and YouTube, for the Alcaldía and the Alcalde), with the REAL publishers
 * against the local fakes, every fake answering each request after 300 ms (a delaying
 * proxy in front of each). The engine publishes the portal first (the social posts link
 * to it, Instagram needs its hosted image), then the 8 social deliveries concurrently.
 *
 * Figures: the total time of the fan-out (median of 3), and each destination published
 * alone (a comunicado with only that destination, plus the portal a social post links to).
 * Ratio: total over the slowest single destination; goal ≤ 1.3, and never serial (the sum
 * of the singles is printed beside it). The per-delivery durations inside the fan-out and
 * the peak number of requests in flight at the fakes are printed as evidence.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createApp } from '../../src/app.ts';
import type { Attachment, Comunicado, Destination } from '../../src/domain/comunicado.ts';
import { newComunicado, transition } from '../../src/domain/workflow.ts';
import { LowdbStore } from '../../src/store/lowdb-store.ts';
import { silentLogger } from '../../src/util/logger.ts';
import { Cleanup } from './lib/cleanup.ts';
import { startPublishFakes } from './lib/publish-fakes.ts';
import { detail, finish, median, ms, ratio, runMain, verdict } from './lib/report.ts';
import { AUTHOR, benchConfig, benchEnv, CHANNEL, JEFE, NullChat } from './lib/setup.ts';

const DELAY_MS = 300;
const FANOUT_RUNS = 3;
const GOAL = 1.3;
const SOCIAL: Destination[] = [
  'facebook:alcaldia',
  'facebook:alcalde',
  'instagram:alcaldia',
  'instagram:alcalde',
  'x:alcaldia',
  'x:alcalde',
  'youtube:alcaldia',
  'youtube:alcalde',
];

async function attachments(dataDir: string, folder: string): Promise<Attachment[]> {
  const dir = join(dataDir, 'files', folder);
  await mkdir(dir, { recursive: true });
  const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 20, g: 90, b: 160 } } }).jpeg({ quality: 80 }).toBuffer();
  // A small MP4-looking file: the fakes only count and hash the bytes of a video.
  const video = Buffer.alloc(1024 * 1024, 7);
  Buffer.from('\0\0\0\x18ftypmp42\0\0\0\0mp42isom', 'binary').copy(video);
  const out: Attachment[] = [];
  for (const [name, data, kind, mime] of [
    ['foto.jpg', jpeg, 'image', 'image/jpeg'],
    ['video.mp4', video, 'video', 'video/mp4'],
  ] as const) {
    await writeFile(join(dir, name), data);
    const a: Attachment = { kind, filename: name, mime, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), path: join('files', folder, name) };
    if (kind === 'image') a.alt = 'Obreros pavimentando una calle del barrio Jordán';
    // Declared without speech so it may be approved without captions (issue 20): the timed
    // publication stays the upload alone, with no captions.insert added to it.
    if (kind === 'video') a.noSpeech = true;
    out.push(a);
  }
  return out;
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    finish(await fanout(cleanup));
  } finally {
    await cleanup.run();
  }
}

async function fanout(cleanup: Cleanup): Promise<boolean> {
  const fakes = cleanup.add(await startPublishFakes(DELAY_MS), (f) => f.close());
  const dataDir = cleanup.add(await mkdtemp(join(tmpdir(), 'bench-fanout-')), (d) => rm(d, { recursive: true, force: true }));
  const store = cleanup.add(await LowdbStore.open(dataDir), (s) => s.close());
  const config = benchConfig({ portal: fakes.portalConfig, accounts: fakes.accounts });
  const app = createApp({ env: benchEnv(dataDir, fakes.env), config, store, chats: [new NullChat()], logger: silentLogger(), publisherFactories: fakes.factories, extensions: () => [] });
  cleanup.add(app, (a) => a.stop());
  await app.start();
  const rules = app.services.rules;
  let n = 0;

  /** An approved comunicado with these destinations; returns its publication's wall time. */
  async function publish(destinations: Destination[]): Promise<{ ms: number; c: Comunicado }> {
    n += 1;
    const now = new Date();
    const id = await store.nextId(now);
    const content = {
      title: `Avanza la pavimentación del barrio Jordán, frente ${n}`,
      lead: 'La obra beneficia a más de 3.000 familias de la comuna 7.',
      body: 'La Secretaría de Infraestructura informó que el frente de obra avanza según el cronograma.',
      hashtags: ['Ibagué'],
      attachments: await attachments(dataDir, id),
      destinations,
    };
    let c = newComunicado({ id, content, author: AUTHOR, origin: { platform: 'slack', channel: CHANNEL, messageId: `1764000000.${String(n).padStart(6, '0')}` }, now });
    c = transition(c, { type: 'submit' }, AUTHOR, rules, now).comunicado;
    c = transition(c, { type: 'approve' }, JEFE, rules, now).comunicado;
    await store.create(c);
    const t0 = performance.now();
    const done = await app.services.comunicados.publishNow(id);
    const took = performance.now() - t0;
    await app.idle();
    const bad = Object.values(done.deliveries).filter((d) => d.state !== 'done');
    if (done.state !== 'published' || bad.length) {
      throw new Error(`${id} ended ${done.state}: ${bad.map((d) => `${d.destination} ${d.state} ${d.error?.code ?? ''} ${d.error?.message ?? ''}`).join('; ')}`);
    }
    return { ms: took, c: done };
  }

  const span = (c: Comunicado, d: string) => Date.parse(c.deliveries[d]!.finishedAt!) - Date.parse(c.deliveries[d]!.startedAt!);
  // Warm-up (TLS, token caches, JIT) so the first measured run is not the cold one.
  await publish(['portal:noticia', ...SOCIAL]);
  const before = Object.fromEntries(Object.entries(fakes.proxies).map(([k, p]) => [k, p.maxInFlight]));
  for (const p of Object.values(fakes.proxies)) p.maxInFlight = 0;
  const fanout: Array<{ ms: number; c: Comunicado }> = [];
  for (let i = 0; i < FANOUT_RUNS; i++) fanout.push(await publish(['portal:noticia', ...SOCIAL]));
  const inFlight = Object.fromEntries(Object.entries(fakes.proxies).map(([k, p]) => [k, p.maxInFlight]));

  const singles: Array<{ dest: string; ms: number }> = [];
  singles.push({ dest: 'portal:noticia', ms: (await publish(['portal:noticia'])).ms });
  for (const d of SOCIAL) singles.push({ dest: `${d} (+portal)`, ms: (await publish(['portal:noticia', d])).ms });

  const total = median(fanout.map((f) => f.ms));
  const slowest = singles.reduce((a, b) => (b.ms > a.ms ? b : a));
  const serial = singles.reduce((s, x) => s + x.ms, 0);
  const mid = fanout.map((f) => f.ms).indexOf(total);
  const run = fanout[mid >= 0 ? mid : 0]!.c;
  const socialSpans = SOCIAL.map((d) => ({ d, ms: span(run, d) }));
  const slowestDelivery = socialSpans.reduce((a, b) => (b.ms > a.ms ? b : a));
  const portalMs = span(run, 'portal:noticia');

  detail(`fan-out runs: ${fanout.map((f) => ms(f.ms)).join(', ')} (median ${ms(total)})`);
  detail(`each alone: ${singles.map((s) => `${s.dest} ${ms(s.ms)}`).join(', ')}`);
  detail(`inside the median fan-out: portal ${ms(portalMs)}, then ${socialSpans.map((s) => `${s.d} ${ms(s.ms)}`).join(', ')}`);
  detail(`total over portal + slowest delivery (${slowestDelivery.d}): ${ratio(total / (portalMs + slowestDelivery.ms))}; over the slowest delivery alone: ${ratio(total / slowestDelivery.ms)} (the portal goes first by design)`);
  detail(`peak requests in flight at the fakes: ${Object.entries(inFlight).map(([k, v]) => `${k} ${v}`).join(', ')} (warm-up ${Object.values(before).join('/')})`);
  detail(`real publishers: http portal, Facebook and Instagram (Graph fake), X (HTTPS fake), YouTube (resumable upload fake); each fake behind a ${DELAY_MS} ms proxy`);
  const r = total / slowest.ms;
  return verdict(
    'b fan-out',
    `portal + 8 social in ${ms(total)}; slowest single destination ${slowest.dest} ${ms(slowest.ms)}; serial would be ${ms(serial)} → ratio ${ratio(r)}`,
    r <= GOAL && total < serial / 2,
    `≤ ${GOAL}, never serial`,
  );
}

await runMain(main);
