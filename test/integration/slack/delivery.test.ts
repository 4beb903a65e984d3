import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { eventCallback, messageEvent, sendEvent, signature } from '../../fakes/slack/requests.ts';
import { SlackApiFake } from '../../fakes/slack/web-api-fake.ts';
import { BOT_TOKEN, CHANNELS, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.ts';

const FORM = 'comunicado: Jornada de limpieza del río Combeima\n\nVoluntarios y la Alcaldía limpiarán la ribera este sábado.';

describe('Slack requests: signatures, redeliveries and restarts', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function harness(...args: Parameters<typeof startHarness>): Promise<Harness> {
    const h = await startHarness(...args);
    cleanups.push(() => h.close());
    return h;
  }

  it('refuses forged and stale signatures with 401 and does nothing', async () => {
    const h = await harness();
    const envelope = eventCallback(TEAM, messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, text: FORM }));
    const body = JSON.stringify(envelope);

    const forged = await sendEvent(h.url, envelope, { secret: SIGNING_SECRET, signature: signature('not-the-signing-secret', Math.floor(Date.now() / 1000), body) });
    expect(forged.status).toBe(401);
    const tampered = await sendEvent(h.url, { ...envelope, event_id: 'Ev0TAMPERED' }, { secret: SIGNING_SECRET, signature: signature(SIGNING_SECRET, Math.floor(Date.now() / 1000), body) });
    expect(tampered.status).toBe(401);
    // Signed with the right secret, but ten minutes old: a replay.
    const stale = await sendEvent(h.url, envelope, { secret: SIGNING_SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);

    await h.settle();
    expect(await h.store.list()).toEqual([]);
    expect(h.fake.calls.map((c) => c.method)).toEqual(['auth.test']);

    // The same request, properly signed and fresh, is accepted.
    const good = await sendEvent(h.url, envelope, { secret: SIGNING_SECRET });
    expect(good.status).toBe(200);
    await h.settle();
    expect(await h.store.list()).toHaveLength(1);
  });

  it('processes an event Slack delivers twice (X-Slack-Retry-Num, same event_id) once', async () => {
    const h = await harness();
    const event = messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, text: FORM });
    const first = await h.event(event, { eventId: 'Ev0DUPLICADO' });
    const retry = await h.event(event, { eventId: 'Ev0DUPLICADO', retryNum: 1, retryReason: 'http_timeout' });
    const again = await h.event(event, { eventId: 'Ev0DUPLICADO', retryNum: 2, retryReason: 'http_error' });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await h.settle();

    expect(await h.store.list()).toHaveLength(1);
    expect(h.fake.posted(CHANNELS.aprobaciones)).toHaveLength(1);
    expect(h.logs.filter((l) => l.msg === 'ignored: event already processed')).toHaveLength(2);
  });

  it('still processes it once when the redelivery arrives after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'slack-restart-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const fake = new SlackApiFake({ botToken: BOT_TOKEN, teamId: TEAM.teamId, users: Object.values(USERS) });
    await fake.start();
    cleanups.push(() => fake.stop());
    const event = messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, text: FORM });

    const before = await startHarness({ fake, dataDir, store: await LowdbStore.open(dataDir) });
    await before.event(event, { eventId: 'Ev0REINICIO' });
    await before.settle();
    await before.close();

    const after = await harness({ fake, dataDir, store: await LowdbStore.open(dataDir) });
    const retry = await after.event(event, { eventId: 'Ev0REINICIO', retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    await after.settle();
    expect(await after.store.list()).toHaveLength(1);
    expect(fake.posted(CHANNELS.aprobaciones)).toHaveLength(1);
    expect(after.logs.some((l) => l.msg === 'ignored: event already processed')).toBe(true);
  });

  it('keeps the tokens out of the logs', async () => {
    const h = await harness();
    await h.event(messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, text: FORM }));
    await h.settle();
    const all = h.rawLogs.join('');
    expect(all.length).toBeGreaterThan(1000); // debug logs of Bolt and the Web API client are on
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
  });

  it('answers only POST at /slack/events', async () => {
    const h = await harness();
    expect((await fetch(h.url)).status).toBe(404);
    expect((await fetch(`${h.url}/otra-cosa`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
