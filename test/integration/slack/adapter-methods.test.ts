import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackApiFake } from '../../fakes/slack/web-api-fake.ts';
import { BOT_TOKEN, CHANNELS, startHarness, TEAM, USERS, type Harness } from './harness.ts';

describe('Slack adapter output: post, update, DM, ephemeral, upload, health', () => {
  let h: Harness;
  beforeEach(async () => {
    const fake = new SlackApiFake({
      botToken: BOT_TOKEN,
      teamId: TEAM.teamId,
      users: Object.values(USERS),
      members: { [CHANNELS.aprobaciones]: [USERS.jefe.id, USERS.redactora.id] },
    });
    await fake.start();
    h = await startHarness({ fake });
  });
  afterEach(async () => {
    await h.close();
    await h.fake.stop();
  });

  it('posts in a thread and edits the same message in place', async () => {
    const ref = await h.adapter.post({ channel: CHANNELS.aprobaciones, threadId: '1767000000.000009' }, { text: 'Publicación de C-2026-0007: ⏳ pendiente' });
    expect(ref).toMatchObject({ platform: 'slack', channel: CHANNELS.aprobaciones, threadId: '1767000000.000009' });
    await h.adapter.update(ref, { text: 'Publicación de C-2026-0007: ✅ publicado', links: [{ label: 'Portal · noticia', url: 'https://ibague.gov.co/noticias/c-2026-0007' }] });
    const m = h.fake.message(CHANNELS.aprobaciones, ref.messageId)!;
    expect(m.updates).toBe(1);
    expect(m.text).toBe('Publicación de C-2026-0007: ✅ publicado');
    expect(JSON.stringify(m.blocks)).toContain('<https://ibague.gov.co/noticias/c-2026-0007|Portal · noticia>');
    // Editing a message Slack does not have is an error the core hears about.
    await expect(h.adapter.update({ ...ref, messageId: '1.000000' }, { text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
  });

  it('sends a DM through conversations.open', async () => {
    const ref = await h.adapter.dm(USERS.redactora.id, { text: 'Su comunicado C-2026-0007 quedó publicado.' });
    expect(h.fake.callsTo('conversations.open')[0]!.args.users).toBe(USERS.redactora.id);
    expect(ref.channel).toBe('D00REDACTORA');
    expect(h.fake.message(ref.channel, ref.messageId)?.text).toBe('Su comunicado C-2026-0007 quedó publicado.');
  });

  it('whispers with chat.postEphemeral, and falls back to a DM for someone outside the channel', async () => {
    await h.adapter.ephemeral({ channel: CHANNELS.aprobaciones, threadId: '1767000000.000009' }, USERS.jefe.id, { text: 'Solo para usted' });
    const [eph] = h.fake.callsTo('chat.postEphemeral');
    expect(eph!.args).toMatchObject({ channel: CHANNELS.aprobaciones, user: USERS.jefe.id, text: 'Solo para usted' });
    expect(eph!.args.thread_ts).toBeUndefined();

    await h.adapter.ephemeral({ channel: CHANNELS.aprobaciones }, USERS.intruso.id, { text: 'Usted no está en el canal' });
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(2);
    const dm = h.fake.posted('D00OTRA');
    expect(dm.map((m) => m.text)).toEqual(['Usted no está en el canal']);
  });

  it('uploads the weekly chart with files.uploadV2 (external upload, then complete)', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await h.adapter.upload({ channel: CHANNELS.comunicados }, { filename: 'semana.png', data: png, title: 'Comunicados de las últimas 4 semanas' });
    const [getUrl] = h.fake.callsTo('files.getUploadURLExternal');
    expect(getUrl!.args).toMatchObject({ filename: 'semana.png', length: String(png.length) });
    expect(h.fake.uploads).toEqual([{ fileId: expect.stringMatching(/^F0UP/), bytes: expect.any(Number) }]);
    const [complete] = h.fake.callsTo('files.completeUploadExternal');
    expect(complete!.args.channel_id).toBe(CHANNELS.comunicados);
    expect(JSON.parse(String(complete!.args.files))).toEqual([{ id: h.fake.uploads[0]!.fileId, title: 'Comunicados de las últimas 4 semanas' }]);
  });

  it('waits out a rate limit (429 with Retry-After) and posts once', async () => {
    h.fake.rateLimitNext('chat.postMessage', 1);
    const ref = await h.adapter.post({ channel: CHANNELS.comunicados }, { text: 'Digest del día' });
    // The client said it waited the second Slack asked for (its own words, in our log).
    expect(h.logs.map((l) => String(l.msg))).toContainEqual(expect.stringMatching(/rate limit.*retry in 1 second/i));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(h.fake.posted(CHANNELS.comunicados).map((m) => m.ts)).toEqual([ref.messageId]);
  });

  it('does not resend a post whose answer never came (it was posted: a retry would post it twice)', async () => {
    h.fake.dropNext('chat.postMessage');
    await expect(h.adapter.post({ channel: CHANNELS.comunicados }, { text: 'Hola' })).rejects.toThrow(/request error/);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.posted(CHANNELS.comunicados)).toHaveLength(1);
  });

  it('passes Slack’s refusals through, without retrying them', async () => {
    h.fake.failNext('chat.postMessage', 'channel_not_found');
    await expect(h.adapter.post({ channel: 'C0BORRADO' }, { text: 'Hola' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports its health for /healthz', async () => {
    expect(h.adapter.health()).toEqual({ ok: true, detail: 'Slack (HTTP en /slack/events) como @comunicados' });
    expect(h.app.health().chats).toEqual({ slack: { ok: true, detail: 'Slack (HTTP en /slack/events) como @comunicados' } });
  });
});
