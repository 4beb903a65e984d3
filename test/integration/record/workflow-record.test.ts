import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/record/chain.ts';
import { contentHash } from '../../../src/record/events.ts';
import { verifyRecord } from '../../../src/record/verify.ts';
import { AUTHOR, FORM, JEFE, lastId, startRecordedApp, type RecordedApp } from './harness.ts';

/*
 * Every act of the workflow reaches the record, through the real app on a real DATA_DIR:
 * the start with the config's hash, the submission and each edit with the version's hash,
 * the approval with who and how (a reaction, a button, a command), each delivery with the
 * platform's id and URL, the withdrawal and what each destination did with it. /registro
 * shows one comunicado's history to approvers only.
 */

let r: RecordedApp | undefined;
afterEach(async () => {
  await r?.remove();
  r = undefined;
});

describe('the record of the workflow', () => {
  it('records start, submission, edit, approval by reaction, deliveries and withdrawal, and the chain verifies', async () => {
    r = await startRecordedApp();
    await r.command('comunicado', FORM);
    const id = await lastId(r.app);
    r.clock.now = new Date('2026-11-03T15:05:00Z');
    await r.command('comunicado', `editar ${id}\n${FORM.replace('600', '650')}`);
    const c = (await r.app.services.store.get(id))!;
    expect(c.version).toBe(2);
    const preview = c.messages.preview!;
    r.clock.now = new Date('2026-11-03T15:10:00Z');
    await r.send({ type: 'reaction', emoji: 'white_check_mark', message: preview, actor: JEFE, origin: { platform: 'console', channel: preview.channel, messageId: preview.messageId } });
    const published = (await r.app.services.store.get(id))!;
    expect(published.state).toBe('published');
    r.clock.now = new Date('2026-11-04T09:00:00Z');
    await r.command('retirar', `${id} dato errado en la fecha`, JEFE);

    const lines = await r.lines();
    const about = lines.filter((l) => l.id === id);
    const start = lines.find((l) => l.kind === 'config' && l.action === 'start')!;
    expect(start.configHash).toMatch(/^[a-f0-9]{64}$/);

    const create = about.find((l) => l.action === 'create')!;
    expect(create).toMatchObject({ actor: { userId: 'redactora', name: 'Laura' }, via: 'comando', version: 1, versionHash: contentHash(published.versions[0]!.content) });
    const edit = about.find((l) => l.action === 'edit')!;
    expect(edit).toMatchObject({ version: 2, versionHash: contentHash(published.versions[1]!.content), at: '2026-11-03T15:05:00.000Z' });
    expect(edit.versionHash).not.toBe(create.versionHash);
    const approve = about.find((l) => l.action === 'approve')!;
    expect(approve).toMatchObject({ actor: { userId: 'jefe', name: 'Carlos' }, via: 'reaccion', at: '2026-11-03T15:10:00.000Z', version: 2, versionHash: edit.versionHash });
    const done = about.find((l) => l.action === 'delivery_done')!;
    expect(done).toMatchObject({ destination: 'portal:noticia', remoteId: published.deliveries['portal:noticia']!.remoteId, url: published.deliveries['portal:noticia']!.url, dryRun: true });
    expect(about.find((l) => l.action === 'withdraw')).toMatchObject({ actor: { userId: 'jefe' }, via: 'comando', detail: 'dato errado en la fecha' });
    expect(about.some((l) => l.action.startsWith('withdraw_') && l.destination === 'portal:noticia')).toBe(true);
    // Every entry of the comunicado's own history is in the record, in the same order.
    expect(about.map((l) => l.action)).toEqual((await r.app.services.store.get(id))!.audit.map((a) => a.action));

    const verified = await verifyRecord(join(r.dataDir, 'registro'));
    expect(verified).toMatchObject({ ok: true, count: lines.length });
  });

  it('says how each approval gesture was made: button and command', async () => {
    r = await startRecordedApp();
    await r.command('comunicado', FORM);
    const a = await lastId(r.app);
    await r.command('comunicado', FORM.replace('Feria', 'Segunda feria'));
    const b = await lastId(r.app);
    const preview = (await r.app.services.store.get(a))!.messages.preview!;
    await r.send({ type: 'action', action: 'approve', value: a, message: preview, actor: JEFE, origin: { platform: 'console', channel: preview.channel, messageId: preview.messageId } });
    await r.command('aprobar', b, JEFE);
    const lines = await r.lines();
    expect(lines.find((l) => l.id === a && l.action === 'approve')?.via).toBe('boton');
    expect(lines.find((l) => l.id === b && l.action === 'approve')?.via).toBe('comando');
    // The bot's own acts carry no gesture.
    expect(lines.filter((l) => l.actor?.userId === 'bot').every((l) => l.via === undefined)).toBe(true);
  });

  it('/registro shows one history to an approver, privately, and refuses anyone else', async () => {
    r = await startRecordedApp();
    await r.command('comunicado', FORM);
    const id = await lastId(r.app);
    await r.command('aprobar', id, JEFE);
    await r.command('registro', id, JEFE);
    const shown = r.chat.lastWhisper();
    expect(shown).toContain(`Registro de ${id}`);
    expect(shown).toMatch(/Carlos · aprobado · con un comando · versión 1/);
    expect(shown).toMatch(/destino publicado · portal:noticia · file:\/\//);
    await r.command('registro', id, AUTHOR);
    expect(r.chat.lastWhisper()).toContain('Solo quienes aprueban comunicados pueden consultar el registro');
    // Consulting the record is not itself an act of the workflow.
    const count = (await r.lines()).length;
    await r.command('registro', id, JEFE);
    expect((await r.lines()).length).toBe(count);
  });

  it('records the media list changes with a hash in place of the address', async () => {
    r = await startRecordedApp();
    await r.command('medios', 'agregar Ana Pérez; Radio Ciudad; ana.perez@radio.example; radio', JEFE);
    await r.command('medios', 'baja ana.perez@radio.example', JEFE);
    const media = (await r.lines()).filter((l) => l.kind === 'medios');
    expect(media.map((l) => l.action)).toEqual(['add', 'unsubscribe']);
    expect(media[0]!.person).toBe(sha256('medios:ana.perez@radio.example'));
    expect(JSON.stringify(media)).not.toContain('ana.perez');
  });

  it('the digest carries the record\'s last hash, so a copy outside the server pins it', async () => {
    r = await startRecordedApp();
    await r.command('comunicado', FORM);
    await r.command('digest', '', JEFE);
    const head = r.record.head();
    const lines = await r.lines();
    expect(head.n).toBe(lines.length);
    const text = r.chat.texts().find((x) => x.includes('Última huella del registro'))!;
    expect(text).toContain(`Última huella del registro: ${head.hash} (evento ${head.n})`);
    expect((await verifyRecord(join(r.dataDir, 'registro')))).toMatchObject({ ok: true, lastHash: head.hash });
  });

  it('records a person settling a delivery left unknown by a crash (/confirmar) and a retry (/reintentar)', async () => {
    r = await startRecordedApp();
    await r.command('comunicado', `${FORM}\ndestinos: portal, facebook`);
    const id = await lastId(r.app);
    await r.command('aprobar', id, JEFE);
    // As a restart leaves them: Facebook's create call sent but its answer lost; the portal failed.
    await r.store.update(id, (c) => {
      c.deliveries['facebook:alcaldia']!.state = 'unknown';
      c.deliveries['portal:noticia']!.state = 'failed';
      c.state = 'partially_published';
      return c;
    });
    await r.command('confirmar', `${id} facebook:alcaldia si`, JEFE);
    await r.command('reintentar', id, JEFE);
    const about = (await r.lines()).filter((l) => l.id === id);
    expect(about.find((l) => l.action === 'delivery_confirmed')).toMatchObject({ actor: { userId: 'jefe' }, via: 'comando', destination: 'facebook:alcaldia', state: 'done' });
    expect(about.find((l) => l.action === 'retry')).toMatchObject({ actor: { userId: 'jefe' }, via: 'comando' });
    const redone = about.filter((l) => l.action === 'delivery_done' && l.destination === 'portal:noticia');
    expect(redone).toHaveLength(2);
    expect(about.map((l) => l.action)).toEqual((await r.app.services.store.get(id))!.audit.map((a) => a.action));
  });
});

