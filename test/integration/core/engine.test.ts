import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Comunicado, Destination } from '../../../src/domain/comunicado.ts';
import { newComunicado, transition } from '../../../src/domain/workflow.ts';
import { PublishingEngine } from '../../../src/publish/engine.ts';
import { messageKeys, t } from '../../../src/messages/index.ts';
import { PublishError, type Publisher } from '../../../src/publish/port.ts';
import { PublisherRegistry } from '../../../src/publish/registry.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { Store } from '../../../src/store/port.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { AUTHOR, JEFE, NOW, RULES, comunicadoIn, content } from '../../fixtures/comunicados.ts';
import { ManualClock, restartedEngine } from '../../fakes/restart-engine.ts';
import { InFlight, ScriptedPublisher, duplicate, expired, rateLimited, refused } from '../../fakes/scripted-publisher.ts';

const stores: LowdbStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

function setup(publishers: Publisher[], store: Store = new MemoryStore(() => NOW)) {
  const sleeps: number[] = [];
  const engine = new PublishingEngine({
    store,
    registry: new PublisherRegistry(publishers),
    rules: RULES,
    dataDir: mkdtempSync(join(tmpdir(), 'engine-')),
    logger: silentLogger(),
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    maxAttempts: 4,
    maxWaitMs: 60_000,
    timeZone: 'America/Bogota',
  });
  return { engine, store, sleeps };
}

/** An approved comunicado moved to `publishing`, as the service does before engine.run. */
async function approved(store: Store, destinations: Destination[]): Promise<string> {
  const id = await store.nextId(NOW);
  let c = newComunicado({ id, content: content({ destinations }), author: AUTHOR, origin: { platform: 'slack', channel: 'C1' }, now: NOW });
  c = transition(c, { type: 'submit' }, AUTHOR, RULES, NOW).comunicado;
  c = transition(c, { type: 'approve' }, JEFE, RULES, NOW).comunicado;
  c = transition(c, { type: 'start_publishing' }, JEFE, RULES, NOW).comunicado;
  await store.create(c);
  return id;
}

describe('publishing engine', () => {
  it('publishes every destination once, portal first, the social ones concurrently with the portal link', async () => {
    const flight = new InFlight();
    const portal = new ScriptedPublisher('portal:noticia', [{ ok: true, delayMs: 30 }], undefined, flight);
    const socialDestinations = ['facebook:alcaldia', 'x:alcaldia', 'instagram:alcalde'] as const;
    const social = socialDestinations.map((d) => new ScriptedPublisher(d, [{ ok: true, delayMs: 300 }], undefined, flight));
    const { engine, store } = setup([portal, ...social]);
    const id = await approved(store, ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia', 'instagram:alcalde']);
    const c = await engine.run(id);
    expect(c.state).toBe('published');
    for (const p of [portal, ...social]) expect(p.created).toHaveLength(1);
    // Portal first: it ended before any social call started...
    expect(flight.log.slice(0, 2)).toEqual(['start portal:noticia', 'end portal:noticia']);
    for (const s of social) expect(s.calls[0]!.portalUrl).toBe('https://example.test/portal%3Anoticia-C-2026-0001-1');
    // ...then the three social calls were in flight together (concurrent, not serial).
    expect(flight.log.slice(2, 5).sort()).toEqual(socialDestinations.map((d) => `start ${d}`).sort());
    expect(flight.max).toBe(3);
    expect(c.deliveries['x:alcaldia']).toMatchObject({ state: 'done', remoteId: 'x:alcaldia-C-2026-0001-1' });
  });

  it('one failure never fails the others; the comunicado is partially published', async () => {
    const { engine, store } = setup([
      new ScriptedPublisher('portal:noticia'),
      new ScriptedPublisher('facebook:alcaldia', [{ error: refused() }]),
      new ScriptedPublisher('x:alcaldia'),
    ]);
    const id = await approved(store, ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia']);
    const c = await engine.run(id);
    expect(c.state).toBe('partially_published');
    expect(c.deliveries['facebook:alcaldia']).toMatchObject({ state: 'failed', error: { code: 'bad_request', message: 'La plataforma rechazó el contenido.' } });
    expect(c.deliveries['x:alcaldia']!.state).toBe('done');
  });

  it('waits out a 429 with the wait the platform asked for, then publishes once', async () => {
    const x = new ScriptedPublisher('x:alcaldia', [{ error: rateLimited(7_000) }, { error: rateLimited(3_000) }, { ok: true }]);
    const { engine, store, sleeps } = setup([x]);
    const id = await approved(store, ['x:alcaldia']);
    const c = await engine.run(id);
    expect(sleeps).toEqual([7_000, 3_000]);
    expect(x.calls).toHaveLength(3);
    expect(x.created).toHaveLength(1);
    expect(c.deliveries['x:alcaldia']).toMatchObject({ state: 'done', attempts: 3 });
  });

  it('a 429 storm gives up after maxAttempts without a hot loop; a too-long wait is not taken', async () => {
    const storm = new ScriptedPublisher('facebook:alcaldia', [{ error: rateLimited(1_000) }]);
    const far = new ScriptedPublisher('x:alcaldia', [{ error: rateLimited(3_600_000) }]);
    const { engine, store, sleeps } = setup([storm, far]);
    const id = await approved(store, ['facebook:alcaldia', 'x:alcaldia']);
    const c = await engine.run(id);
    expect(storm.calls).toHaveLength(4);
    expect(far.calls).toHaveLength(1);
    expect(sleeps).toEqual([1_000, 1_000, 1_000]);
    expect(c.deliveries['facebook:alcaldia']!.error!.message).toMatch(/Se intentó 4 veces.*\/reintentar/);
    expect(c.deliveries['x:alcaldia']!.error!.message).toMatch(/esperar 60 min/);
    expect(c.state).toBe('failed');
  });

  it('duplicate content and unexpected errors become unknown, never retried', async () => {
    const fb = new ScriptedPublisher('facebook:alcaldia', [{ error: duplicate() }]);
    const x = new ScriptedPublisher('x:alcaldia', [{ throw: new TypeError('boom') }]);
    const { engine, store } = setup([fb, x]);
    const id = await approved(store, ['facebook:alcaldia', 'x:alcaldia']);
    const c = await engine.run(id);
    expect(c.deliveries['facebook:alcaldia']!.state).toBe('unknown');
    expect(c.deliveries['x:alcaldia']!.state).toBe('unknown');
    expect(fb.calls).toHaveLength(1);
    expect(x.calls).toHaveLength(1);
    expect(c.state).toBe('partially_published');
  });

  it('an expired token fails only its own delivery and marks the account unhealthy', async () => {
    const { engine, store } = setup([new ScriptedPublisher('facebook:alcalde', [{ error: expired() }]), new ScriptedPublisher('facebook:alcaldia')]);
    const id = await approved(store, ['facebook:alcalde', 'facebook:alcaldia']);
    const c = await engine.run(id);
    expect(c.deliveries['facebook:alcaldia']!.state).toBe('done');
    expect(c.deliveries['facebook:alcalde']!.state).toBe('failed');
    const health = await store.readDoc<Record<string, { ok: boolean }>>('account-health', {});
    expect(health['facebook:alcalde']!.ok).toBe(false);
    expect(health['facebook:alcaldia']!.ok).toBe(true);
  });

  it('a retry touches only the failed deliveries', async () => {
    const portal = new ScriptedPublisher('portal:noticia');
    const fb = new ScriptedPublisher('facebook:alcaldia', [{ error: refused() }, { ok: true }]);
    const x = new ScriptedPublisher('x:alcaldia');
    const { engine, store } = setup([portal, fb, x]);
    const id = await approved(store, ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia']);
    expect((await engine.run(id)).state).toBe('partially_published');
    await store.update(id, (c) => transition(c, { type: 'retry' }, JEFE, RULES, NOW).comunicado);
    const c = await engine.run(id);
    expect(c.state).toBe('published');
    expect(portal.calls).toHaveLength(1);
    expect(x.calls).toHaveLength(1);
    expect(fb.calls).toHaveLength(2);
    expect(fb.calls[1]!.portalUrl).toBe('https://example.test/portal%3Anoticia-C-2026-0001-1');
  });

  it('in_flight found after a restart becomes unknown, or is reconciled where a lookup exists; never re-posted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-restart-'));
    const first = await LowdbStore.open(dir, { now: () => NOW });
    const id = await approved(first, ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia']);
    // The process died after these calls went out and before their answers were recorded.
    await first.update(id, (c) => {
      for (const d of ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia'] as const) {
        c.deliveries[d] = { destination: d, state: 'in_flight', attempts: 1, dryRun: false };
      }
      return c;
    });
    await first.close();

    const store = await LowdbStore.open(dir, { now: () => NOW });
    stores.push(store);
    const portal = new ScriptedPublisher('portal:noticia');
    portal.reconcileAnswer = { remoteId: '42', url: 'https://portal.test/c-2026-0001' };
    const fb = new ScriptedPublisher('facebook:alcaldia');
    const x = new ScriptedPublisher('x:alcaldia');
    x.reconcileAnswer = null; // the lookup proves it was never created
    const { engine } = setup([portal, fb, x], store);
    const result = await engine.recover();
    expect(result.reconciled).toEqual([`${id} portal:noticia`]);
    const c = (await store.get(id))!;
    expect(c.deliveries['portal:noticia']).toMatchObject({ state: 'done', url: 'https://portal.test/c-2026-0001' });
    expect(c.deliveries['facebook:alcaldia']!.state).toBe('unknown');
    expect(c.deliveries['x:alcaldia']!.state).toBe('failed');
    expect(portal.calls.length + fb.calls.length + x.calls.length).toBe(0);
    expect(c.state).toBe('partially_published');

    // A person confirms the unknown one; a retry then only touches the proven-absent one.
    await engine.confirm(id, 'facebook:alcaldia', true, JEFE);
    await store.update(id, (cur) => transition(cur, { type: 'retry' }, JEFE, RULES, NOW).comunicado);
    const after = await engine.run(id);
    expect(fb.calls).toHaveLength(0);
    expect(x.created).toHaveLength(1);
    expect(after.state).toBe('published');
  });

  it('two runs of the same comunicado at once: the second is refused, nothing posts twice', async () => {
    const fb = new ScriptedPublisher('facebook:alcaldia', [{ ok: true, delayMs: 50 }]);
    const { engine, store } = setup([fb]);
    const id = await approved(store, ['facebook:alcaldia']);
    const [a, b] = await Promise.allSettled([engine.run(id), engine.run(id)]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(fb.created).toHaveLength(1);
    await engine.run(id); // and running again later publishes nothing new
    expect(fb.created).toHaveLength(1);
  });

  it('marks in_flight only around the create call; a delivery that never reached it resumes after a restart with no question', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-phases-'));
    const store = await LowdbStore.open(dir, { now: () => NOW });
    stores.push(store);
    const fb = new ScriptedPublisher('facebook:alcaldia');
    fb.marksCreate = true;
    const seen: string[] = [];
    fb.prepare = async () => void seen.push((await store.get(id))!.deliveries['facebook:alcaldia']!.state);
    const { engine } = setup([fb], store);
    const id = await approved(store, ['facebook:alcaldia']);
    await engine.run(id);
    expect(seen).toEqual(['preparing']);
    const done = (await store.get(id))!.deliveries['facebook:alcaldia']!;
    expect(done).toMatchObject({ state: 'done', sentAt: NOW.toISOString() });

    // A crash while preparing (fitting images, uploads nobody sees): nothing can exist yet.
    const id2 = await approved(store, ['facebook:alcaldia']);
    await store.update(id2, (c) => {
      c.deliveries['facebook:alcaldia'] = { destination: 'facebook:alcaldia', state: 'preparing', attempts: 1, dryRun: false, startedAt: NOW.toISOString() };
      return c;
    });
    const recovered = await engine.recover();
    expect(recovered.resumed).toEqual([`${id2} facebook:alcaldia`]);
    expect(recovered.resume).toEqual([id2]);
    expect(recovered.unknown).toEqual([]);
    const after = await engine.run(id2);
    expect(after.state).toBe('published');
    expect(after.audit.map((a) => a.action)).toContain('delivery_resumed');
    expect(fb.created).toHaveLength(2);
  });

  it('an unexpected error while preparing is a plain failure (nothing was sent), not a question', async () => {
    const fb = new ScriptedPublisher('facebook:alcaldia', [{ throw: new Error('sharp crashed') }]);
    fb.marksCreate = true;
    const { engine, store } = setup([fb]);
    const id = await approved(store, ['facebook:alcaldia']);
    const c = await engine.run(id);
    expect(c.deliveries['facebook:alcaldia']).toMatchObject({ state: 'failed', error: { code: 'unexpected' } });
    expect(c.deliveries['facebook:alcaldia']!.sentAt).toBeUndefined();
  });

});

/** A store that keeps every delivery message the engine wrote, in order (the waits in between included). */
class WatchedStore extends MemoryStore {
  readonly said: Array<{ destination: string; state: string; message: string }> = [];
  override async update(id: string, fn: (c: Comunicado) => Comunicado | Promise<Comunicado>): Promise<Comunicado> {
    const c = await super.update(id, fn);
    for (const d of Object.values(c.deliveries)) {
      const last = this.said.findLast((s) => s.destination === d.destination);
      if (d.error && (last?.message !== d.error.message || last.state !== d.state)) this.said.push({ destination: d.destination, state: d.state, message: d.error.message });
    }
    return c;
  }
}

/** Words that promise the bot will try again by itself. */
const PROMISE = /reintentará|volverá a intentar|(?<!no lo )intentará de nuevo por su cuenta|puede reintentar desde/;

describe('retry words agree with what happens (issue 14 item 15)', () => {
  const refusedConnection = () =>
    new PublishError('retryable', 'network_unreachable', t('social_meta.error.unreachable', { network: 'Facebook', code: 'ECONNREFUSED' }));
  const portalDown = () => new PublishError('retryable', 'portal_down', t('portal.error.down', { url: 'https://ibague.gov.co', code: 'ECONNREFUSED', urlEnv: 'PORTAL_URL' }));

  it('a final failure says the bot stopped trying, never that it will retry', async () => {
    const portal = new ScriptedPublisher('portal:noticia', [{ error: portalDown() }]);
    const { engine, store } = setup([portal]);
    const id = await approved(store, ['portal:noticia']);
    const c = await engine.run(id);
    const message = c.deliveries['portal:noticia']!.error!.message;
    expect(portal.calls).toHaveLength(4);
    expect(message).toMatch(/Se intentó 4 veces sin éxito/);
    expect(message).toMatch(/ya no lo intentará por su cuenta\. Use \/reintentar C-\d{4}-\d{4}/);
    expect(message).not.toMatch(PROMISE);
  });

  it('"La plataforma pidió esperar" only after a Retry-After; a refused connection gets the bot\'s own wait', async () => {
    const store = new WatchedStore(() => NOW);
    const fb = new ScriptedPublisher('facebook:alcaldia', [{ error: refusedConnection() }, { ok: true }]);
    const x = new ScriptedPublisher('x:alcaldia', [{ error: rateLimited(7_000) }, { ok: true }]);
    const { engine, sleeps } = setup([fb, x], store);
    const id = await approved(store, ['facebook:alcaldia', 'x:alcaldia']);
    expect((await engine.run(id)).state).toBe('published');
    const waitFb = store.said.find((s) => s.destination === 'facebook:alcaldia' && s.state === 'pending')!.message;
    const waitX = store.said.find((s) => s.destination === 'x:alcaldia' && s.state === 'pending')!.message;
    expect(waitFb).toMatch(/^No se pudo conectar con Facebook \(ECONNREFUSED\); no se envió nada\. El bot lo intentará de nuevo por su cuenta en \d+ s \(intento 2 de 4\)\.$/);
    expect(waitFb).not.toMatch(/pidió esperar/);
    expect(waitX).toMatch(/La plataforma pidió esperar 7 s; el bot lo intentará de nuevo por su cuenta \(intento 2 de 4\)\.$/);
    expect(sleeps).toContain(7_000);
  });

  it('a wait the bot chose that is too long is not called the platform\'s', async () => {
    const quota = new PublishError('retryable', 'ig_quota', t('social_meta.error.ig_quota_refused', { account: '«Alcaldía»' }), { retryInMs: 3_600_000 });
    const asked = new PublishError('retryable', 'rate_limited', t('portal.error.rate_limited'), { retryAfterMs: 3_600_000 });
    const ig = new ScriptedPublisher('instagram:alcaldia', [{ error: quota }]);
    const portal = new ScriptedPublisher('portal:noticia', [{ error: asked }]);
    const { engine, store } = setup([ig, portal]);
    const id = await approved(store, ['instagram:alcaldia', 'portal:noticia']);
    const c = await engine.run(id);
    expect(c.deliveries['instagram:alcaldia']!.error!.message).toMatch(/El bot no lo intentará de nuevo por su cuenta\. Use \/reintentar .* más tarde\.$/);
    expect(c.deliveries['instagram:alcaldia']!.error!.message).not.toMatch(/pide esperar|pidió esperar/);
    expect(c.deliveries['instagram:alcaldia']!.error!.message.match(/\/reintentar/g)).toHaveLength(1); // said once, by the engine
    expect(c.deliveries['portal:noticia']!.error!.message).toMatch(/La plataforma pide esperar 60 min.*no lo intentará solo/);
    for (const d of Object.values(c.deliveries)) expect(d.error!.message).not.toMatch(PROMISE);
  });

  it('after a restart, a lookup that finds nothing says where it looked, not that it proved absence', async () => {
    const portal = new ScriptedPublisher('portal:noticia');
    const x = new ScriptedPublisher('x:alcaldia');
    portal.reconcileAnswer = null;
    x.reconcileAnswer = null;
    const { engine, store } = setup([portal, x]);
    const id = await approved(store, ['portal:noticia', 'x:alcaldia']);
    await store.update(id, (c) => {
      for (const d of ['portal:noticia', 'x:alcaldia'] as const) {
        c.deliveries[d] = { destination: d, state: 'in_flight', attempts: 1, dryRun: false, startedAt: NOW.toISOString(), sentAt: NOW.toISOString() };
      }
      return c;
    });
    await engine.recover();
    const c = (await store.get(id))!;
    const said = (d: string) => c.deliveries[d]!.error!.message;
    expect(said('portal:noticia')).toBe(`El bot se reinició mientras publicaba aquí y, al buscarlo, no se encontró en el portal. Revise el portal y, si no está, use /reintentar ${id}.`);
    expect(said('x:alcaldia')).toMatch(/no se encontró en X\. Revise X y, si no está, use \/reintentar/);
    for (const d of ['portal:noticia', 'x:alcaldia']) expect(said(d)).not.toMatch(/se verificó|no quedó publicado/);
  });

  it('while the settle window runs, the lookup says it is not in the portal yet, naming the portal', async () => {
    const clock = new ManualClock(NOW.getTime());
    const portal = new ScriptedPublisher('portal:noticia');
    portal.reconcileAnswer = null;
    const { engine, store, id } = await restartedEngine({
      publishers: [portal],
      comunicado: comunicadoIn('publishing', { content: content({ destinations: ['portal:noticia'] }) }),
      dest: 'portal:noticia',
      sentAt: NOW,
      clock,
      dataDir: mkdtempSync(join(tmpdir(), 'engine-settle-')),
    });
    await engine.recover();
    expect((await store.get(id))!.deliveries['portal:noticia']!.error!.message).toMatch(/^El bot se reinició mientras publicaba aquí\. Todavía no aparece en el portal, que puede tardar/);
  });

  it('no publisher error text promises a retry: the engine says what comes next', () => {
    const families = ['portal.error.', 'social_meta.error.', 'x.error.', 'youtube.error.'];
    const promising = messageKeys()
      .filter((k) => families.some((f) => k.startsWith(f)))
      .filter((k) => PROMISE.test(t(k)));
    expect(promising).toEqual([]);
  });
});
