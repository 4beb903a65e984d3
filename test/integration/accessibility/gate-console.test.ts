import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import type { ChatEvent, IncomingFile, Origin } from '../../../src/chat/port.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import type { Actor } from '../../../src/domain/comunicado.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { fileOf, GOOD_SRT, jpegPhoto, MALFORMED_SRT, scannedPdf, textPdf, tinyMp4 } from '../../fixtures/accessible-files.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { testLogger } from '../../fakes/test-logs.ts';

/*
 * The console chat (in process): a video without captions and an alt text that only says
 * "foto" cannot be approved; the author is told at once what to send; a malformed SRT is
 * refused with its line; captions or `sin voz` let the Jefe approve.
 */

const AUTHOR: Actor = { platform: 'console', userId: 'redactora', name: 'Laura' };
const JEFE: Actor = { platform: 'console', userId: 'jefe', name: 'Carlos' };
const PLACE: Origin = { platform: 'console', channel: 'redaccion', messageId: 'M-autora' };
const FORM = ['Feria del empleo en el Parque Centenario', '', 'La Alcaldía ofrece 600 vacantes este viernes.', '', 'Lleve hoja de vida impresa.', 'destinos: facebook'].join('\n');

let app: App;
let chat: RecordingChat;
let dataDir: string;
let seq = 0;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a11y-console-'));
  chat = new RecordingChat();
  const config = parseConfig({
    office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' },
    approval: { approvers: { console: ['jefe'] } },
    plainLanguage: { minReadability: 90, maxSentenceWords: 25 },
  });
  app = createApp({ env: readEnv({ DATA_DIR: dataDir }), config, store: new MemoryStore(), chats: [chat], logger: testLogger('a11y-console'), extensions: () => [] });
  await app.start();
});

afterEach(async () => {
  await app.idle();
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function send(event: Omit<ChatEvent, 'eventKey'> & Record<string, unknown>): Promise<void> {
  await app.handle({ ...event, eventKey: `e${++seq}` } as ChatEvent);
  await app.idle();
}

const command = (name: string, text: string, actor = AUTHOR, files: IncomingFile[] = []) =>
  send({ type: 'command', name, text, files, actor, origin: { ...PLACE, messageId: `${PLACE.messageId}-${seq + 1}` } });

async function submit(text: string, files: IncomingFile[]): Promise<string | undefined> {
  const before = new Set((await app.services.store.list()).map((s) => s.id));
  await command('comunicado', text, AUTHOR, files);
  return (await app.services.store.list()).map((s) => s.id).find((id) => !before.has(id));
}

const approve = (id: string) => send({ type: 'action', action: 'approve', value: id, actor: JEFE, origin: { platform: 'console', channel: 'aprobaciones' } });
const allText = () => chat.texts().join('\n');

describe('console: the accessibility gate', () => {
  it('a video without captions and an alt text "foto" block approval; the author is told what to send; captions then approve', async () => {
    const id = (await submit(`${FORM}\nalt foto-1.jpg: foto`, [fileOf('foto-1.jpg', await jpegPhoto()), fileOf('recorrido.mp4', tinyMp4())]))!;
    expect(id).toBeDefined();
    const receipt = chat.posts.find((p) => p.message.text.startsWith(`✅ Recibido: ${id}`))!.message.text;
    expect(receipt).toContain('⚠️ Estas imágenes tienen un texto alternativo que no las describe: «foto-1.jpg».');
    expect(receipt).toContain(`⚠️ Estos videos no tienen subtítulos: «recorrido.mp4».`);
    expect(receipt).toContain(`/comunicado editar ${id}\nsubtítulos recorrido.mp4: recorrido.srt`);
    const preview = chat.posts.find((p) => p.message.text.includes(`Nuevo comunicado para aprobación: ${id}`))!;
    const bodies = preview.message.sections!.map((s) => s.body ?? '').join('\n');
    expect(bodies).toContain('⚠️ La imagen «foto-1.jpg» tiene un texto alternativo que no la describe («foto»)');
    expect(bodies).toContain('⚠️ El video «recorrido.mp4» no tiene subtítulos');

    await approve(id);
    expect((await app.services.store.get(id))!.state).toBe('pending_approval');
    expect(allText()).toContain('El texto alternativo de «foto-1.jpg» («foto») solo dice que es una imagen.');

    // The alt text fixed, the video still without captions: still blocked, now for the video.
    await command('comunicado', `editar ${id}\nalt foto-1.jpg: Personas en fila frente a la feria`);
    await approve(id);
    expect((await app.services.store.get(id))!.state).toBe('pending_approval');
    expect(allText()).toContain('El video «recorrido.mp4» no tiene subtítulos. Por accesibilidad (Resolución 1519 de 2020)');

    // The captions file with the same base name: kept with its WebVTT form, named in the preview.
    await command('comunicado', `editar ${id}`, AUTHOR, [fileOf('recorrido.srt', GOOD_SRT)]);
    const c = (await app.services.store.get(id))!;
    const video = c.content.attachments.find((a) => a.kind === 'video')!;
    expect(video.captions).toMatchObject({ filename: 'recorrido.srt', format: 'srt', cues: 2 });
    expect(c.content.attachments.map((a) => a.filename)).toEqual(['foto-1.jpg', 'recorrido.mp4']);
    expect(await readFile(join(dataDir, video.captions!.path), 'utf8')).toBe(GOOD_SRT);
    expect(await readFile(join(dataDir, video.captions!.vttPath), 'utf8')).toContain('WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\nBuenos días, ibaguereños.');
    expect(video.captions!.path.startsWith(`files/${id}/`)).toBe(true);
    const latest = chat.posts.filter((p) => p.message.text.includes(id) && p.message.sections?.some((s) => s.body?.includes('💬'))).at(-1)!;
    expect(latest.message.sections!.map((s) => s.body ?? '').join('\n')).toContain('💬 El video «recorrido.mp4» tiene subtítulos: «recorrido.srt» (2 líneas).');
    await approve(id);
    expect((await app.services.store.get(id))!.state).toBe('published');
    // The simulated Facebook post (no credentials) records the video's captions too.
    const record = JSON.parse(await readFile(join(dataDir, 'outbox', 'facebook-alcaldia', `${id}.json`), 'utf8')) as { attachments: unknown[] };
    expect(record.attachments).toContainEqual(expect.objectContaining({ kind: 'video', filename: 'recorrido.mp4', captions: 'recorrido.srt', noSpeech: false }));
  });

  it('a malformed SRT is refused with the line that is wrong, and nothing is kept', async () => {
    const id = await submit(FORM, [fileOf('recorrido.mp4', tinyMp4()), fileOf('recorrido.srt', MALFORMED_SRT)]);
    expect(id).toBeUndefined();
    expect(allText()).toContain('Los subtítulos «recorrido.srt» tienen un tiempo mal escrito en la línea 6: «00:00:03,500 --> 00:00:0x,000».');
  });

  it('«subtítulos video: archivo» names a file of another name; «sin voz» lets a silent video through', async () => {
    const named = (await submit(`${FORM}\nsubtítulos recorrido.mp4: feria-es.vtt`, [fileOf('recorrido.mp4', tinyMp4()), fileOf('feria-es.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola.\n')]))!;
    expect((await app.services.store.get(named))!.content.attachments[0]!.captions).toMatchObject({ filename: 'feria-es.vtt', format: 'vtt', cues: 1 });
    await approve(named);
    expect((await app.services.store.get(named))!.state).not.toBe('pending_approval');

    const silent = (await submit(`${FORM}\nsin voz timelapse.mp4`, [fileOf('timelapse.mp4', tinyMp4())]))!;
    expect((await app.services.store.get(silent))!.content.attachments[0]!.noSpeech).toBe(true);
    const preview = chat.posts.find((p) => p.message.text.includes(`Nuevo comunicado para aprobación: ${silent}`))!;
    expect(preview.message.sections!.map((s) => s.body ?? '').join('\n')).toContain('🔇 El video «timelapse.mp4» se declaró sin voz');
    await approve(silent);
    expect((await app.services.store.get(silent))!.state).not.toBe('pending_approval');

    // A partial edit of only a «sin voz» line keeps the text and unblocks the video.
    const later = (await submit(FORM, [fileOf('ambiente.mp4', tinyMp4())]))!;
    await command('comunicado', `editar ${later}\nsin voz ambiente.mp4`);
    const edited = (await app.services.store.get(later))!;
    expect(edited.content.title).toBe('Feria del empleo en el Parque Centenario');
    expect(edited.content.attachments[0]!.noSpeech).toBe(true);
    await approve(later);
    expect((await app.services.store.get(later))!.state).toBe('published');

    // A captions file that belongs to no video is refused.
    expect(await submit(FORM, [fileOf('otro.srt', GOOD_SRT)])).toBeUndefined();
    expect(allText()).toContain('Los subtítulos «otro.srt» no corresponden a ningún video');
  });
});

describe('console: plain-language hints in the preview (warnings, thresholds from config)', () => {
  it('names INFLESZ with the score, quotes long sentences, passives, capitals, acronyms, long paragraphs; approval is not blocked', async () => {
    const text = [
      'ATENCIÓN: cierre de vías en el centro',
      '',
      'El cierre fue ordenado por la Secretaría de Movilidad para las obras del acueducto que adelanta el IBAL en la carrera tercera entre calles diez y quince desde el lunes.',
      '',
      'Uno. Dos. Tres. Cuatro. Cinco. Seis.',
      'destinos: facebook',
    ].join('\n');
    const id = (await submit(text, []))!;
    const preview = chat.posts.find((p) => p.message.text.includes(`Nuevo comunicado para aprobación: ${id}`))!;
    const block = preview.message.sections!.map((s) => s.body ?? '').find((b) => b.startsWith('Lenguaje claro'))!;
    expect(block.split('\n')).toEqual([
      'Lenguaje claro (Circular DAFP 100-010 de 2021): sugerencias, no impiden aprobar.',
      expect.stringMatching(/^⚠️ Legibilidad INFLESZ \(fórmula de Szigriszt-Pazos\): \d+ de 100, «[a-zá ]+», por debajo de 90\./),
      '⚠️ Frase de 30 palabras (más de 25): «El cierre fue ordenado por la…». Divídala en frases más cortas.',
      '⚠️ Voz pasiva: «fue ordenado por». Diga quién hace qué (por ejemplo «La Universidad realizó el estudio»).',
      '⚠️ Mayúsculas sostenidas: «ATENCIÓN». Cuestan más de leer y suenan a grito: escríbalas en minúscula.',
      '⚠️ Sigla sin explicar la primera vez: «IBAL». Escriba el nombre completo y la sigla entre paréntesis.',
      '⚠️ Párrafo de 6 frases (más de 5): «Uno. Dos. Tres. Cuatro. Cinco. Seis.». Divídalo.',
    ]);
    await approve(id);
    expect((await app.services.store.get(id))!.state).not.toBe('pending_approval');
  });
});

describe('console: accessible documents in the preview', () => {
  it('a scanned PDF gets a warning, a PDF without title a hint, a good PDF nothing; approval is not blocked', async () => {
    const id = (await submit(FORM, [fileOf('resolucion.pdf', await scannedPdf()), fileOf('anexo.pdf', await textPdf(null)), fileOf('informe.pdf', await textPdf())]))!;
    const preview = chat.posts.find((p) => p.message.text.includes(`Nuevo comunicado para aprobación: ${id}`))!;
    const bodies = preview.message.sections!.map((s) => s.body ?? '').join('\n');
    expect(bodies).toContain('⚠️ El documento «resolucion.pdf» no tiene texto, solo imágenes de páginas (parece escaneado): un lector de pantalla no puede leerlo.');
    expect(bodies).toContain('💡 El documento «anexo.pdf» no tiene título en sus propiedades');
    expect(bodies).not.toContain('«informe.pdf» no tiene');
    expect(bodies).not.toContain('«resolucion.pdf» no tiene título');
    await approve(id);
    expect((await app.services.store.get(id))!.state).not.toBe('pending_approval');
  });
});
