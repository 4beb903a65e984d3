import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import type { ChatEvent, IncomingFile, Origin } from '../../../src/chat/port.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import type { Actor } from '../../../src/domain/comunicado.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { testLogger } from '../../fakes/test-logs.ts';

/*
 * The author's loop on the console platform (in process, with the real HTTP portal
 * publisher against the portal's receiving fake): every outcome reaches the author in the
 * thread they submitted from, with the links; a missing alt text is told at once with the
 * real file names and the message that fixes it; a partial edit changes only its fields.
 */

const SECRET = 'secreto-compartido-del-portal-author-loop-0123';
const AUTHOR: Actor = { platform: 'console', userId: 'redactora', name: 'Laura' };
const JEFE: Actor = { platform: 'console', userId: 'jefe', name: 'Carlos' };
/** Where the author submitted: her own thread in the office's channel. */
const AUTHOR_PLACE: Origin = { platform: 'console', channel: 'redaccion', messageId: 'M-autora' };
const TITLE = 'Feria del empleo en el Parque Centenario';
const FORM = [TITLE, '', 'La Alcaldía ofrece 600 vacantes este viernes.', '', 'Lleve hoja de vida impresa. #Empleo'].join('\n');

let app: App;
let chat: RecordingChat;
let portal: FakeHttpPortal;
let dataDir: string;
let seq = 0;

beforeEach(async () => {
  portal = await startFakeHttpPortal(SECRET);
  dataDir = await mkdtemp(join(tmpdir(), 'author-loop-'));
  chat = new RecordingChat();
  const config = parseConfig({
    office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' },
    approval: { approvers: { console: ['jefe'] } },
    portal: { type: 'http' },
    publishing: { maxAttempts: 1 },
  });
  const env = readEnv({ DATA_DIR: dataDir, PORTAL_URL: portal.url, PORTAL_HMAC_SECRET: SECRET });
  app = createApp({ env, config, store: new MemoryStore(), chats: [chat], logger: testLogger('author-loop', [SECRET]), extensions: () => [] });
  await app.start();
});

afterEach(async () => {
  await app.idle();
  await app.stop();
  await portal.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function send(event: Omit<ChatEvent, 'eventKey'> & Record<string, unknown>): Promise<void> {
  await app.handle({ ...event, eventKey: `e${++seq}` } as ChatEvent);
  await app.idle();
}

function command(name: string, text: string, actor = AUTHOR, files: IncomingFile[] = [], origin = AUTHOR_PLACE): Promise<void> {
  return send({ type: 'command', name, text, files, actor, origin: { ...origin, messageId: `${origin.messageId}-${seq + 1}` } });
}

async function submit(text = FORM, files: IncomingFile[] = []): Promise<string> {
  await command('comunicado', text, AUTHOR, files, AUTHOR_PLACE);
  const ids = (await app.services.store.list()).map((s) => s.id).sort();
  return ids.at(-1)!;
}

/** What reached the author's thread (tagged for her), in order. */
function toAuthor() {
  return chat.posts.filter((p) => p.target.channel === AUTHOR_PLACE.channel && p.message.mentions?.includes(AUTHOR.userId));
}

async function photo(name: string): Promise<IncomingFile> {
  const data = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2e86c1' } }).jpeg().toBuffer();
  return { filename: name, mime: 'image/jpeg', size: data.length, open: async () => Readable.from([data]) };
}

const approve = (id: string) => send({ type: 'action', action: 'approve', value: id, actor: JEFE, origin: { platform: 'console', channel: 'redaccion' } });

describe('the author hears every outcome in her own place, with the links', () => {
  it('published: one sentence and every link', async () => {
    const id = await submit(`${FORM}\ndestinos: portal, facebook`);
    await approve(id);
    const c = (await app.services.store.get(id))!;
    expect(c.state).toBe('published');
    const last = toAuthor().at(-1)!;
    expect(last.message.text.split('\n')[0]).toBe(`✅ Su comunicado ${id} «${TITLE}» quedó publicado en todos sus destinos.`);
    expect(last.message.links!.map((l) => l.url).sort()).toEqual(Object.values(c.deliveries).map((d) => d.url!).sort());
    expect(last.message.text).toContain(`Portal · noticia: ${c.deliveries['portal:noticia']!.url}`);
    expect(last.target).toEqual({ channel: AUTHOR_PLACE.channel, threadId: c.origin.messageId });
    expect(toAuthor().map((p) => p.message.text.split('\n')[0])).toEqual([`Su comunicado ${id} fue aprobado por Carlos. Le avisaré aquí cuando quede publicado.`, last.message.text.split('\n')[0]]);
  });

  it('partially published: the links that exist, and what failed with its reason', async () => {
    const id = await submit(`${FORM}\ndestinos: portal, facebook`);
    portal.failNext({ method: 'POST', status: 422, body: { error: 'La categoría Empleo no existe' } });
    await approve(id);
    const c = (await app.services.store.get(id))!;
    expect(c.state).toBe('partially_published');
    const text = toAuthor().at(-1)!.message.text;
    expect(text).toContain(`⚠️ Su comunicado ${id} «${TITLE}» quedó publicado solo en parte.`);
    expect(text).toContain('No se publicó en:\n• Portal · noticia: El portal rechazó el comunicado (422): La categoría Empleo no existe.');
    expect(text).toContain(`Un aprobador puede volver a intentar los destinos que fallaron con /reintentar ${id}.`);
    expect(toAuthor().at(-1)!.message.links).toEqual([{ label: 'Facebook · Alcaldía (simulación)', url: c.deliveries['facebook:alcaldia']!.url }]);
    expect(text).not.toMatch(/quedó (falló|publicado parcialmente)|hilo de la vista previa|\{|\}/);
  });

  it('failed: the reason, in a sentence of its own', async () => {
    const id = await submit(`${FORM}\ndestinos: portal`);
    portal.failNext({ method: 'POST', status: 422, body: { error: 'El título supera 30 caracteres' } });
    await approve(id);
    expect((await app.services.store.get(id))!.state).toBe('failed');
    const last = toAuthor().at(-1)!.message;
    expect(last.text.split('\n')).toEqual([
      `❌ Su comunicado ${id} «${TITLE}» no se pudo publicar en ningún destino.`,
      'No se publicó en:',
      '• Portal · noticia: El portal rechazó el comunicado (422): El título supera 30 caracteres. Corrija lo que indica y vuelva a intentar.',
      `Un aprobador puede volver a intentar los destinos que fallaron con /reintentar ${id}.`,
    ]);
    expect(last.links).toBeUndefined();
  });

  it('rejected, changes requested and withdrawn: each with who and why', async () => {
    const rejected = await submit();
    await app.services.comunicados.apply(rejected, { type: 'reject', reason: 'Faltan las cifras oficiales' }, JEFE);
    expect(toAuthor().at(-1)!.message.text).toBe(`❌ Su comunicado ${rejected} fue rechazado por Carlos. Motivo: Faltan las cifras oficiales`);

    const changes = await submit();
    await app.services.comunicados.apply(changes, { type: 'request_changes', note: 'Agregue el horario de atención' }, JEFE);
    expect(toAuthor().at(-1)!.message.text.split('\n')).toEqual([
      `✏️ Carlos pidió cambios en su comunicado ${changes}: Agregue el horario de atención`,
      `Para corregirlo, envíe /comunicado editar ${changes} con el texto corregido, o solo con las líneas que cambian (por ejemplo «alt foto-1.jpg: descripción de la imagen»).`,
    ]);

    const withdrawn = await submit(`${FORM}\ndestinos: facebook`);
    await approve(withdrawn);
    await command('retirar', `${withdrawn} La feria se aplazó`, JEFE, [], { platform: 'console', channel: 'aprobaciones', messageId: 'M-jefe' });
    const last = toAuthor().at(-1)!;
    expect(last.message.text.split('\n')[0]).toBe(`🗑️ Su comunicado ${withdrawn} fue retirado por Carlos. Motivo: La feria se aplazó`);
    expect(last.message.text).toContain('Facebook · Alcaldía');
    expect(last.target.channel).toBe(AUTHOR_PLACE.channel);

    // The author who withdraws her own draft is answered where she asked, once.
    const own = await submit();
    const before = toAuthor().length;
    await command('retirar', `${own} Ya no hace falta`);
    expect(toAuthor()).toHaveLength(before);
    expect((await app.services.store.get(own))!.state).toBe('withdrawn');
  });
});

describe('missing alt text is told to the author at once, with the names and the line to send', () => {
  it('answers the submission with each real file name and the exact edit; that edit unblocks approval', async () => {
    // Two photos with the name the platform gave (Telegram calls every photo foto-1.jpg): the core numbers them.
    const id = await submit(FORM, [await photo('foto-1.jpg'), await photo('foto-1.jpg')]);
    const c = (await app.services.store.get(id))!;
    expect(c.content.attachments.map((a) => a.filename)).toEqual(['foto-1.jpg', 'foto-2.jpg']);
    const receipt = chat.posts.find((p) => p.message.text.startsWith(`✅ Recibido: ${id}`))!;
    expect(receipt.target).toEqual({ channel: AUTHOR_PLACE.channel, threadId: c.origin.messageId });
    expect(receipt.message.text.split('\n').slice(2)).toEqual([
      '⚠️ Estas imágenes no tienen texto alternativo (la descripción que escuchan quienes no pueden verlas): «foto-1.jpg», «foto-2.jpg». No se puede aprobar hasta que cada una la tenga. Envíe este mensaje, con sus propias descripciones:',
      `/comunicado editar ${id}`,
      'alt foto-1.jpg: descripción de la imagen',
      'alt foto-2.jpg: descripción de la imagen',
    ]);

    // The line, as the notice gives it, with the descriptions filled in.
    await command('comunicado', `editar ${id}\nalt foto-1.jpg: Personas en fila frente a la feria\nalt foto-2.jpg: Stand de la Secretaría`);
    const edited = (await app.services.store.get(id))!;
    expect(edited.content.attachments.map((a) => a.alt)).toEqual(['Personas en fila frente a la feria', 'Stand de la Secretaría']);
    expect(chat.posts.at(-1)!.message.text).toBe(`📝 ${id} actualizado a la versión 2.`);
    await approve(id);
    expect((await app.services.store.get(id))!.state).toBe('published');
  });

  it('a single photo is named in one sentence; an edit that adds a photo numbers it on', async () => {
    const id = await submit(`${FORM}\nalt: Fila de personas`, [await photo('foto-1.jpg')]);
    expect(chat.posts.find((p) => p.message.text.startsWith(`✅ Recibido: ${id}`))!.message.text).not.toContain('texto alternativo');
    await command('comunicado', `editar ${id}`, AUTHOR, [await photo('foto-1.jpg')]);
    const c = (await app.services.store.get(id))!;
    expect(c.content.attachments.map((a) => a.filename)).toEqual(['foto-1.jpg', 'foto-2.jpg']);
    expect(c.content.title).toBe(TITLE);
    expect(chat.posts.at(-1)!.message.text.split('\n').slice(2)).toEqual([
      '⚠️ La imagen «foto-2.jpg» no tiene texto alternativo (la descripción que escuchan quienes no pueden verla). No se puede aprobar hasta que la tenga. Envíe este mensaje, con su propia descripción:',
      `/comunicado editar ${id}`,
      'alt foto-2.jpg: descripción de la imagen',
    ]);
  });
});

describe('a partial edit changes only the fields it names', () => {
  it('destinos, programar and vigencia lines alone keep the title, lead and body', async () => {
    const id = await submit(`${FORM}\ndestinos: portal\nvigencia: 2099-12-31`);
    const before = (await app.services.store.get(id))!.content;

    await command('comunicado', `editar ${id}\ndestinos: portal, facebook, x:alcalde`);
    let c = (await app.services.store.get(id))!;
    expect(c.version).toBe(2);
    expect(c.content).toMatchObject({ title: before.title, lead: before.lead, body: before.body, hashtags: ['Empleo'], vigenciaHasta: '2099-12-31' });
    expect(c.content.destinations).toEqual(['portal:noticia', 'facebook:alcaldia', 'x:alcalde']);
    expect(chat.texts().join('\n')).not.toContain('El comunicado está vacío');

    await command('comunicado', `editar ${id}\nprogramar: 2099-01-15 08:30`);
    c = (await app.services.store.get(id))!;
    expect(c.content).toMatchObject({ title: TITLE, publishAt: '2099-01-15T13:30:00Z', vigenciaHasta: '2099-12-31', destinations: ['portal:noticia', 'facebook:alcaldia', 'x:alcalde'] });

    await command('comunicado', `editar ${id}\nvigencia: 2099-06-30`);
    c = (await app.services.store.get(id))!;
    expect(c.content).toMatchObject({ title: TITLE, lead: before.lead, publishAt: '2099-01-15T13:30:00Z', vigenciaHasta: '2099-06-30' });

    // An empty line takes the field away: no embargo, publish on approval.
    await command('comunicado', `editar ${id}\nprogramar:`);
    c = (await app.services.store.get(id))!;
    expect(c.content.publishAt).toBeUndefined();
    expect(c.content.vigenciaHasta).toBe('2099-06-30');
    expect(c.version).toBe(5);
  });

  it('an edit that changes nothing says so, and a full form still replaces the text', async () => {
    const id = await submit();
    await command('comunicado', `editar ${id}`);
    expect(chat.lastWhisper()).toBe(
      `El mensaje no cambia nada de ${id}. Envíe el texto corregido, o solo las líneas que cambian, por ejemplo «alt foto-1.jpg: descripción de la imagen», «destinos: portal, facebook», «programar: 2026-12-01 08:30» o «vigencia: 2026-12-31».`,
    );
    expect((await app.services.store.get(id))!.version).toBe(1);

    await command('comunicado', `editar ${id}\nOtro título\n\nOtra entradilla.`);
    const c = (await app.services.store.get(id))!;
    expect(c.content).toMatchObject({ title: 'Otro título', lead: 'Otra entradilla.', body: '', hashtags: [] });
  });
});
