import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { byDestination, doneDelivery, uniqueId, makeComunicado, makeContext, makeDeps, sha256, tempDataDir, unknownDelivery, writeImage, writePdf } from './helpers.ts';
import { publishError } from '../../fixtures/publish-error.ts';
import { ManualClock, restartedEngine } from '../../fakes/restart-engine.ts';

const SECRET = 'secreto-compartido-del-portal-0123456789';

describe('generic http portal publisher, against a receiver that checks the signature', () => {
  let fake: FakeHttpPortal;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let publishers: Publisher[];
  const noticia = () => byDestination(publishers, 'portal:noticia');

  beforeAll(async () => {
    fake = await startFakeHttpPortal(SECRET);
    ({ dir: dataDir, cleanup } = await tempDataDir());
    publishers = createPortalPublishers(makeDeps(dataDir, { type: 'http', name: 'Portal Alcaldía' }, { PORTAL_URL: fake.url, PORTAL_HMAC_SECRET: SECRET }));
  });
  afterAll(async () => {
    await fake.close();
    await cleanup();
  });
  beforeEach(() => {
    fake.items.length = 0;
    fake.requests.length = 0;
  });

  it('posts the comunicado as signed JSON plus its files, and returns the {id, url} the portal gives', async () => {
    const img = await writeImage(dataDir, 'rueda-de-prensa.jpg', { r: 100, g: 0, b: 0 }, { alt: 'Rueda de prensa en la alcaldía', caption: 'Foto: Prensa' });
    const pdf = await writePdf(dataDir, 'Decreto número 12.pdf');
    const c = makeComunicado('C-2026-0142', {
      title: 'Ibagué abre <convocatoria> "cultural"',
      lead: 'Hasta el 30 de abril.',
      body: 'Primer párrafo.\n\nSegundo.',
      hashtags: ['Ibagué', 'Cultura'],
      attachments: [img, pdf],
      vigenciaHasta: '2026-04-30',
    });
    const result = await noticia().publish(c, makeContext(dataDir));

    expect(fake.items).toHaveLength(1);
    const item = fake.items[0]!;
    expect(result).toEqual({ remoteId: item.id, url: item.url, meta: { placement: 'noticia', slug: 'c-2026-0142-ibague-abre-convocatoria-cultural' } });
    expect(item.doc).toMatchObject({
      version: 1,
      id: 'C-2026-0142',
      placement: 'noticia',
      slug: 'c-2026-0142-ibague-abre-convocatoria-cultural',
      // Texts as typed: the portal escapes them when it prints them...
      title: 'Ibagué abre <convocatoria> "cultural"',
      lead: 'Hasta el 30 de abril.',
      hashtags: ['Ibagué', 'Cultura'],
      publishAt: null,
      vigenciaHasta: '2026-04-30',
      noticiaUrl: null,
    });
    // ...and the body rendered as safe HTML.
    expect(item.doc.html).toContain('<p>Segundo.</p>');
    expect(item.doc.attachments).toEqual([
      { part: 'file0', kind: 'image', filename: 'rueda-de-prensa.jpg', mime: 'image/jpeg', size: img.size, sha256: img.sha256, alt: 'Rueda de prensa en la alcaldía', caption: 'Foto: Prensa' },
      { part: 'file1', kind: 'document', filename: 'decreto-numero-12.pdf', mime: 'application/pdf', size: pdf.size, sha256: pdf.sha256, alt: null, caption: null },
    ]);
    // The files arrived whole (the receiver checked each against the signed sha256).
    expect(item.files.file0).toMatchObject({ name: 'rueda-de-prensa.jpg', type: 'image/jpeg', sha256: sha256(await readFile(join(dataDir, img.path))) });
    expect(item.files.file1).toMatchObject({ name: 'decreto-numero-12.pdf', type: 'application/pdf', size: pdf.size });
    expect(fake.requests.every((r) => r.signatureOk)).toBe(true);
  });

  it('sends the other placements with the noticia link', async () => {
    const c = makeComunicado('C-2026-0150', { title: 'Slider de la feria', vigenciaHasta: '2026-05-01' });
    const slider = byDestination(publishers, 'portal:slider_principal');
    await slider.publish(c, makeContext(dataDir, { url: 'https://portal.example/noticias/feria', remoteId: '7' }));
    expect(fake.items[0]!.doc).toMatchObject({ placement: 'slider_principal', slug: 'c-2026-0150-slider-principal-slider-de-la-feria', noticiaUrl: 'https://portal.example/noticias/feria' });
  });

  it('never posts twice: a retry or a crash is reconciled by slug', async () => {
    const c = makeComunicado('C-2026-0151', { title: 'Cierre vial' });
    const first = await noticia().publish(c, makeContext(dataDir));
    const found = await noticia().reconcile!(c, unknownDelivery('portal:noticia'), makeContext(dataDir));
    expect(found).toEqual({ remoteId: first.remoteId, url: first.url, meta: { placement: 'noticia', slug: 'c-2026-0151-cierre-vial', reconciled: true } });
    const again = await noticia().publish(c, makeContext(dataDir));
    expect(again.remoteId).toBe(first.remoteId);
    expect(fake.items).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(await noticia().reconcile!(makeComunicado('C-2026-0152', { title: 'Otro' }), unknownDelivery('portal:noticia'), makeContext(dataDir))).toBeNull();
  });

  it('withdraws and takes down by signed DELETE, saying why', async () => {
    const c = makeComunicado('C-2026-0153', { title: 'Aviso temporal' });
    const r = await noticia().publish(c, makeContext(dataDir));
    const w = await noticia().withdraw!(c, doneDelivery('portal:noticia', r), makeContext(dataDir));
    expect(w).toEqual({ outcome: 'removed', detail: `El portal retiró el elemento ${r.remoteId}.` });
    expect(fake.items[0]!.deleted).toEqual({ reason: 'retiro' });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', query: `id=${r.remoteId}&reason=retiro`, signatureOk: true });
    expect((await noticia().withdraw!(c, doneDelivery('portal:noticia', r), makeContext(dataDir))).outcome).toBe('not_found');

    const banner = byDestination(publishers, 'portal:banner_aviso');
    const b = await banner.publish(c, makeContext(dataDir));
    const down = await banner.takeDown!(c, doneDelivery('portal:banner_aviso', b), makeContext(dataDir));
    expect(down).toEqual({ outcome: 'removed', detail: `Fin de vigencia: el portal retiró el elemento ${b.remoteId}.` });
    expect(fake.items.find((i) => i.id === b.remoteId)!.deleted).toEqual({ reason: 'vigencia' });
  });

  it('checks access with a signed request', async () => {
    expect(await noticia().checkAccess!()).toEqual({ destination: 'portal:noticia', ok: true, detail: `Portal Alcaldía: el receptor (${fake.url}) acepta la firma del bot.` });
  });

  it('a wrong secret is refused by the portal: failed, unhealthy, names the variable; nothing created', async () => {
    const wrong = createPortalPublishers(makeDeps(dataDir, { type: 'http' }, { PORTAL_URL: fake.url, PORTAL_HMAC_SECRET: 'otro-secreto-que-no-es-el-del-portal' }));
    const err = await publishError(byDestination(wrong, 'portal:noticia').publish(makeComunicado('C-2026-0154', { title: 'Firma mala' }), makeContext(dataDir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('signature_rejected');
    expect(err.accountUnhealthy).toBe(true);
    expect(err.message).toContain('Revise que PORTAL_HMAC_SECRET tenga el mismo secreto que el portal');
    expect(err.message).not.toContain('otro-secreto');
    expect(fake.items).toHaveLength(0);
    const access = await byDestination(wrong, 'portal:noticia').checkAccess!();
    expect(access.ok).toBe(false);
  });

  it('classifies the portal answers: 500 after the POST is unknown, 503 waits Retry-After', async () => {
    fake.failNext({ method: 'POST', status: 500, body: { error: 'Error interno' } });
    const err = await publishError(noticia().publish(makeComunicado('C-2026-0155', { title: 'Falla del portal' }), makeContext(dataDir)));
    // The POST went out: the item may exist, a person (or the lookup) must decide.
    expect(err.kind).toBe('unknown');
    expect(err.message).toBe('El portal falló (500) mientras creaba la entrada (el portal dijo: «Error interno»). Avise al administrador del portal.');

    fake.failNext({ method: 'GET', status: 503, headers: { 'Retry-After': '120' }, body: { error: 'Mantenimiento' } });
    const busy = await publishError(noticia().publish(makeComunicado('C-2026-0156', { title: 'Mantenimiento' }), makeContext(dataDir)));
    expect(busy.kind).toBe('retryable');
    expect(busy.retryAfterMs).toBe(120_000);
    expect(fake.items).toHaveLength(0);
  });

  it('a refusal with a reason (4xx) is failed and quotes the portal', async () => {
    fake.failNext({ method: 'POST', status: 422, body: { error: 'El título supera 120 caracteres' } });
    const err = await publishError(noticia().publish(makeComunicado('C-2026-0157', { title: 'Título rechazado' }), makeContext(dataDir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('http_refused');
    expect(err.message).toBe('El portal rechazó el comunicado (422): El título supera 120 caracteres. Corrija lo que indica y vuelva a intentar.');
  });

  it('the portal down is retryable: nothing was sent', async () => {
    const down = createPortalPublishers(makeDeps(dataDir, { type: 'http' }, { PORTAL_URL: 'http://127.0.0.1:9/recibir', PORTAL_HMAC_SECRET: SECRET }));
    const err = await publishError(byDestination(down, 'portal:noticia').publish(makeComunicado('C-2026-0158', { title: 'Sin portal' }), makeContext(dataDir)));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('portal_down');
    expect(err.message).toContain('El portal (http://127.0.0.1:9/recibir) no responde (ECONNREFUSED)');
  });

  it('settle window of the slug search after a crash: not found counts only after 30 s; found later is done with its link', async () => {
    const T0 = Date.parse('2026-03-10T15:00:00.000Z');
    const clock = new ManualClock(T0);
    const late = makeComunicado(uniqueId(), { title: 'Publicado con demora' });
    const { engine, store, id } = await restartedEngine({ publishers: [noticia()], comunicado: late, dest: 'portal:noticia', sentAt: new Date(T0), clock, dataDir: dataDir });
    clock.advance(5);
    await engine.recover();
    expect((await store.get(id))!.deliveries['portal:noticia']!.state).toBe('verifying');
    // The create the bot sent lands on the portal late; the next lookup finds it.
    const created = await noticia().publish(late, makeContext(dataDir));
    clock.advance(15);
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['portal:noticia']).toMatchObject({ state: 'done', remoteId: created.remoteId, url: created.url });

    const never = makeComunicado(uniqueId(), { title: 'Nunca llegó' });
    const clock2 = new ManualClock(T0);
    const again = await restartedEngine({ publishers: [noticia()], comunicado: never, dest: 'portal:noticia', sentAt: new Date(T0), clock: clock2, dataDir });
    clock2.advance(29);
    await again.engine.recover();
    expect((await again.store.get(again.id))!.deliveries['portal:noticia']!.state).toBe('verifying');
    clock2.advance(1);
    await again.engine.verifyDue();
    expect((await again.store.get(again.id))!.deliveries['portal:noticia']).toMatchObject({ state: 'failed', error: { code: 'not_created' } });
  });

});
