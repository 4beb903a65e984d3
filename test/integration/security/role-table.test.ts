import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { handoffExtension } from '../../../src/handoff/extension.ts';
import { handoffDoc, type HandoffRecord } from '../../../src/handoff/record.ts';
import type { MediaEmailExtension } from '../../../src/media-email/extension.ts';
import { MEDIA_DOC } from '../../../src/media-email/directory.ts';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import { newComunicado } from '../../../src/domain/workflow.ts';
import { consoleDriver, ROLES, slackDriver, telegramDriver, type Driver, type Role } from './drivers.ts';

/**
 * Issue 12, item 1: every state-changing command and button, by every role, on every
 * chat (console, Slack through Bolt, Telegram through Telegraf, each against its fake).
 * A role that may not act changes nothing at all (the comunicado, the media list and the
 * hand-off record stay byte for byte the same) and is told why, privately; a role that
 * may, does. docs/seguridad.md «Quién puede hacer qué» is this table in words.
 */

type Seed = 'pending' | 'pending_later' | 'failed' | 'unknown' | 'published' | 'handoff' | 'contact' | 'contact_unsubscribed' | 'none';

interface Case {
  name: string;
  seed: Seed;
  allowed: Role[];
  act(d: Driver, role: Role, id: string, email: string): Promise<void>;
  /** Whether the act took effect. */
  done(d: Driver, id: string, email: string, role: Role): Promise<boolean>;
}

const TEXT = ['Feria del empleo en el Parque Centenario', '', 'La Alcaldía de Ibagué ofrece 600 vacantes este viernes.', '', 'Lleve hoja de vida impresa. #Empleo', 'destinos: portal'].join('\n');

const get = async (d: Driver, id: string) => (await d.store.get(id))!;
const state = async (d: Driver, id: string) => (await get(d, id)).state;
const media = (d: Driver) => d.app.extensions.find((e) => e.name === 'media-email') as MediaEmailExtension;
const contact = async (d: Driver, email: string) => (await media(d).directory.all()).find((c) => c.email === email);

const CASES: Case[] = [
  { name: 'botón Aprobar', seed: 'pending', allowed: ['approver'], act: (d, r, id) => d.button(r, 'approve', id), done: async (d, id) => (await state(d, id)) !== 'pending_approval' },
  { name: '/aprobar', seed: 'pending', allowed: ['approver'], act: (d, r, id) => d.command(r, 'aprobar', id), done: async (d, id) => (await state(d, id)) !== 'pending_approval' },
  { name: 'programar (aprobar con programar:)', seed: 'pending_later', allowed: ['approver'], act: (d, r, id) => d.button(r, 'approve', id), done: async (d, id) => (await state(d, id)) === 'scheduled' },
  { name: 'botón Rechazar', seed: 'pending', allowed: ['approver'], act: (d, r, id) => d.button(r, 'reject', id), done: async (d, id) => !!(await get(d, id)).awaitingReason },
  { name: '/rechazar con motivo', seed: 'pending', allowed: ['approver'], act: (d, r, id) => d.command(r, 'rechazar', `${id} fuera de tiempo`), done: async (d, id) => (await state(d, id)) === 'rejected' },
  { name: 'botón Pedir cambios', seed: 'pending', allowed: ['approver'], act: (d, r, id) => d.button(r, 'request_changes', id), done: async (d, id) => (await state(d, id)) === 'changes_requested' },
  { name: '/cambios', seed: 'pending', allowed: ['approver'], act: (d, r, id) => d.command(r, 'cambios', `${id} revise la cifra`), done: async (d, id) => (await state(d, id)) === 'changes_requested' },
  { name: 'botón Revisado', seed: 'pending', allowed: ['approver'], act: (d, r, id) => d.button(r, 'review', id), done: async (d, id) => (await get(d, id)).approvals.some((a) => a.kind === 'review') },
  { name: '/revisado', seed: 'pending', allowed: ['approver'], act: (d, r, id) => d.command(r, 'revisado', id), done: async (d, id) => (await get(d, id)).approvals.some((a) => a.kind === 'review') },
  { name: 'botón Sí quedó publicado', seed: 'unknown', allowed: ['approver'], act: (d, r, id) => d.button(r, 'confirm_published', `${id}|portal:noticia`), done: async (d, id) => (await get(d, id)).deliveries['portal:noticia']!.state === 'done' },
  { name: 'botón No quedó publicado', seed: 'unknown', allowed: ['approver'], act: (d, r, id) => d.button(r, 'confirm_not_published', `${id}|portal:noticia`), done: async (d, id) => (await get(d, id)).deliveries['portal:noticia']!.state === 'failed' },
  { name: '/confirmar … si', seed: 'unknown', allowed: ['approver'], act: (d, r, id) => d.command(r, 'confirmar', `${id} portal:noticia si`), done: async (d, id) => (await get(d, id)).deliveries['portal:noticia']!.state === 'done' },
  { name: '/confirmar … no', seed: 'unknown', allowed: ['approver'], act: (d, r, id) => d.command(r, 'confirmar', `${id} portal:noticia no`), done: async (d, id) => (await get(d, id)).deliveries['portal:noticia']!.state === 'failed' },
  { name: 'botón Reintentar', seed: 'failed', allowed: ['approver'], act: (d, r, id) => d.button(r, 'retry', id), done: async (d, id) => (await get(d, id)).audit.some((a) => a.action === 'retry') },
  { name: '/reintentar', seed: 'failed', allowed: ['approver'], act: (d, r, id) => d.command(r, 'reintentar', id), done: async (d, id) => (await get(d, id)).audit.some((a) => a.action === 'retry') },
  { name: '/retirar (sin publicar: cancelar)', seed: 'pending', allowed: ['approver', 'author'], act: (d, r, id) => d.command(r, 'retirar', `${id} se aplazó la feria`), done: async (d, id) => (await state(d, id)) === 'withdrawn' },
  { name: '/retirar (publicado)', seed: 'published', allowed: ['approver'], act: (d, r, id) => d.command(r, 'retirar', `${id} dato errado`), done: async (d, id) => (await state(d, id)) === 'withdrawn' },
  { name: '/comunicado editar', seed: 'pending', allowed: ['approver', 'author'], act: (d, r, id) => d.command(r, 'comunicado', `editar ${id} ${TEXT}`), done: async (d, id) => (await get(d, id)).version === 2 },
  { name: '/medios agregar', seed: 'none', allowed: ['approver'], act: (d, r, _id, email) => d.command(r, 'medios', `agregar Sara Díaz; El Nuevo Día; ${email}; prensa`), done: async (d, _id, email) => !!(await contact(d, email)) },
  { name: '/medios quitar', seed: 'contact', allowed: ['approver'], act: (d, r, _id, email) => d.command(r, 'medios', `quitar ${email}`), done: async (d, _id, email) => !(await contact(d, email)) },
  { name: '/medios baja', seed: 'contact', allowed: ['approver'], act: (d, r, _id, email) => d.command(r, 'medios', `baja ${email}`), done: async (d, _id, email) => (await contact(d, email))?.status === 'unsubscribed' },
  { name: '/medios reactivar', seed: 'contact_unsubscribed', allowed: ['approver'], act: (d, r, _id, email) => d.command(r, 'medios', `reactivar ${email}`), done: async (d, _id, email) => (await contact(d, email))?.status === 'active' },
  {
    name: '/medios exportar',
    seed: 'contact',
    allowed: ['approver'],
    act: (d, r) => d.command(r, 'medios', 'exportar'),
    // The console writes the file on the operator's disk; the chats send it by DM only.
    done: async (d, _id, _email, r) => (d.platform === 'console' ? d.privateTo(r).some((t) => t.includes('exportada')) : d.dmUploads(r) === 1),
  },
  {
    name: 'botón Ya lo compartí (de la autora)',
    seed: 'handoff',
    allowed: ['author'],
    act: (d, r, id) => d.button(r, 'handoff_shared', `${id}|laura-perez`),
    done: async (d, id) => !!(await d.store.readDoc<HandoffRecord | null>(handoffDoc(id), null))?.members['laura-perez']?.confirmedAt,
  },
];

/** Everything an act could change: the comunicado, the media list, the hand-off, the count. */
async function snapshot(d: Driver, id: string): Promise<string> {
  return JSON.stringify({
    c: id ? await d.store.get(id) : null,
    medios: await d.store.readDoc(MEDIA_DOC, null),
    handoff: id ? await d.store.readDoc(handoffDoc(id), null) : null,
    count: (await d.store.list()).length,
  });
}

let emails = 0;

/** A comunicado by the author in the state the case needs (or a media contact), straight in the store. */
async function seed(d: Driver, kind: Seed): Promise<{ id: string; email: string }> {
  const email = `periodista${++emails}@medio.example.co`;
  if (kind === 'none') return { id: '', email };
  if (kind === 'contact' || kind === 'contact_unsubscribed') {
    await media(d).directory.add({ name: 'Sara Díaz', outlet: 'El Nuevo Día', email, segment: 'prensa' }, 'prueba');
    if (kind === 'contact_unsubscribed') await media(d).directory.unsubscribe(email, 'chat', 'prueba');
    return { id: '', email };
  }
  const now = d.app.services.now();
  const id = await d.store.nextId(now);
  const c: Comunicado = newComunicado({
    id,
    content: {
      title: 'Feria del empleo en el Parque Centenario',
      lead: 'La Alcaldía de Ibagué ofrece 600 vacantes este viernes.',
      body: 'Lleve hoja de vida impresa.',
      hashtags: ['Empleo'],
      attachments: [],
      destinations: ['portal:noticia'],
      ...(kind === 'pending_later' ? { publishAt: new Date(now.getTime() + 2 * 86_400_000).toISOString() } : {}),
    },
    author: d.people.author,
    origin: { platform: d.platform, channel: d.channel },
    now,
  });
  const at = now.toISOString();
  const portal = (s: 'failed' | 'unknown' | 'done') => ({
    destination: 'portal:noticia' as const,
    state: s,
    attempts: 1,
    dryRun: true,
    ...(s === 'done' ? { url: 'https://www.ibague.gov.co/noticias/feria-del-empleo', remoteId: '41' } : {}),
  });
  if (kind === 'pending' || kind === 'pending_later') c.state = 'pending_approval';
  else {
    c.approvals.push({ kind: 'approve', actor: d.people.approver, at, version: 1 });
    if (kind === 'failed') {
      c.state = 'failed';
      c.deliveries['portal:noticia'] = portal('failed');
    } else if (kind === 'unknown') {
      c.state = 'partially_published';
      c.deliveries['portal:noticia'] = portal('unknown');
    } else {
      c.state = 'published';
      c.publishedAt = at;
      c.deliveries['portal:noticia'] = portal('done');
    }
  }
  await d.store.create(c);
  if (kind === 'handoff') {
    await (d.app.extensions.find((e) => e.name === 'handoff') as ReturnType<typeof handoffExtension>).handoff.begin(c);
    await d.app.idle();
  }
  return { id, email };
}

const DRIVERS: Array<[string, () => Promise<Driver>]> = [
  ['consola', consoleDriver],
  ['Slack (Bolt)', slackDriver],
  ['Telegram (Telegraf)', telegramDriver],
];

describe.each(DRIVERS)('who may do what, on %s', { timeout: 60_000 }, (_name, start) => {
  let d: Driver;
  beforeAll(async () => {
    d = await start();
  }, 60_000);
  afterAll(async () => {
    await d?.close();
  });

  const rows = CASES.flatMap((c) => ROLES.map((role) => [c.name, role, c] as const));
  it.each(rows)('%s, by the %s', async (_label, role, c) => {
    const { id, email } = await seed(d, c.seed);
    const before = await snapshot(d, id);
    d.mark();
    await c.act(d, role, id, email);
    if (c.allowed.includes(role)) {
      expect(await c.done(d, id, email, role), `${c.name} by the ${role} took effect`).toBe(true);
    } else {
      expect(await snapshot(d, id), `${c.name} by the ${role} changed nothing`).toBe(before);
      expect(await c.done(d, id, email, role)).toBe(false);
      // Told privately why (ephemeral on Slack, a reply that tags them on Telegram, a
      // «solo para» line in the console), and nothing landed in the channel.
      expect(d.privateTo(role).join('\n'), `${c.name} by the ${role}: a private refusal`).toMatch(/aprobador|aprueban|revisor|equipo de difusión|otra persona|autor/i);
      // Nobody else reads it: a pressed button is answered privately on every chat (issue 14
      // item 6); a Telegram command can only be answered with a reply that tags the person.
      if (d.platform !== 'telegram' || c.name.startsWith('botón')) {
        expect(d.publicTexts().join('\n'), `${c.name} by the ${role}: no public refusal`).not.toMatch(/aprobador|aprueban|revisor|equipo de difusión|otra persona|autor/i);
      }
      expect(d.channelUploads()).toBe(0);
      expect(d.dmUploads(role)).toBe(0);
    }
  });

  it('/medios exportar never puts the file in the channel, only in the approver\'s DM', async () => {
    await seed(d, 'contact');
    d.mark();
    await d.command('approver', 'medios', 'exportar');
    expect(d.channelUploads()).toBe(0);
    expect(d.privateTo('approver').join('\n')).toMatch(d.platform === 'console' ? /exportada/ : /mensaje directo/);
  });
});
