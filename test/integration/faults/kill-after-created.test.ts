import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { BotSession } from '../../fakes/bot-session.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { startKillProxy } from '../../fakes/kill-proxy.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { TEST_SECRETS } from '../../fixtures/secrets.ts';

const CONFIG = `
office: { name: Oficina de Comunicaciones, entity: Alcaldía de Prueba }
approval: { approvers: { console: [jefe] } }
destinations: { default: [portal:noticia, facebook:alcaldia] }
portal: { type: http }
accounts:
  alcaldia:
    facebook: { pageId: "111", tokenEnv: FB_ALCALDIA_TOKEN }
`;

const FORM = ['/comunicado', 'Cierre vial en la carrera Quinta', '', 'Por obras, la carrera Quinta estará cerrada el sábado.', 'destinos: portal, facebook', '.'].join('\n');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function world() {
  const dir = mkdtempSync(join(tmpdir(), 'fault-kill-'));
  writeFileSync(join(dir, 'config.yaml'), CONFIG);
  const graph = new GraphFake();
  await graph.start();
  graph.addPage('111', 'Alcaldía de Prueba').addToken(TEST_SECRETS.facebookPage, { kind: 'PAGE', id: '111', name: 'Alcaldía de Prueba' });
  const portal: FakeHttpPortal = await startFakeHttpPortal(TEST_SECRETS.portalHmac);
  cleanups.push(() => graph.stop(), () => portal.close());
  return { dir, graph, portal };
}

function env(dir: string, portalUrl: string, graphUrl: string): Record<string, string> {
  return {
    CONFIG_FILE: join(dir, 'config.yaml'),
    DATA_DIR: join(dir, 'data'),
    DRY_RUN: '0',
    PORTAL_URL: portalUrl,
    PORTAL_HMAC_SECRET: TEST_SECRETS.portalHmac,
    GRAPH_API_URL: graphUrl,
    FB_ALCALDIA_TOKEN: TEST_SECRETS.facebookPage,
  };
}

async function deliveries(dir: string) {
  const store = await LowdbStore.open(join(dir, 'data'));
  try {
    return (await store.get((await store.list())[0]!.id))!;
  } finally {
    await store.close();
  }
}

describe('fault: SIGKILL after the platform answered "created", before the bot recorded it', { timeout: 180_000 }, () => {
  it('Facebook: on restart the delivery is reconciled or unknown, and there is never a second post', async () => {
    const { dir, graph, portal } = await world();
    let bot: BotSession | undefined;
    const proxy = await startKillProxy(graph.url, (req, status) => req.method === 'POST' && /\/feed/.test(req.url ?? '') && status < 300, () => bot?.child.kill('SIGKILL'));
    cleanups.push(() => proxy.close());
    const portalUrl = `${portal.url}`;
    bot = new BotSession(env(dir, portalUrl, proxy.url));
    bot.send(FORM);
    await bot.waitFor(/Recibido: (C-\d{4}-\d{4})/);
    bot.send('/como jefe\n/aprobar C-2026-0001');
    const exit = await bot.wait();
    expect(exit.signal).toBe('SIGKILL');
    expect(proxy.kills).toBe(1);
    expect(graph.livePosts('111')).toHaveLength(1);

    const before = await deliveries(dir);
    expect(before.deliveries['facebook:alcaldia']!.state).toBe('in_flight'); // the answer was never recorded

    const again = new BotSession(env(dir, portalUrl, graph.url));
    again.send('/estado C-2026-0001');
    await again.waitFor(/C-2026-0001 · (Publicado|Publicado parcialmente)/);
    expect((await again.end()).code).toBe(0);
    const after = await deliveries(dir);
    expect(['done', 'unknown']).toContain(after.deliveries['facebook:alcaldia']!.state);
    expect(after.deliveries['portal:noticia']!.state).toBe('done');
    expect(graph.livePosts('111')).toHaveLength(1); // never a second post
    expect(graph.calls('POST', /feed$/)).toHaveLength(1);
    expect(portal.items).toHaveLength(1);
  });

  it('portal: on restart it is reconciled by slug, the social posts then go out once', async () => {
    const { dir, graph, portal } = await world();
    let bot: BotSession | undefined;
    const proxy = await startKillProxy(portal.url, (req, status) => req.method === 'POST' && status === 201, () => bot?.child.kill('SIGKILL'));
    cleanups.push(() => proxy.close());
    bot = new BotSession(env(dir, proxy.url, graph.url));
    bot.send(FORM);
    await bot.waitFor(/Recibido: C-2026-0001/);
    bot.send('/como jefe\n/aprobar C-2026-0001');
    expect((await bot.wait()).signal).toBe('SIGKILL');
    expect(portal.items).toHaveLength(1);
    expect(graph.livePosts('111')).toHaveLength(0);

    const again = new BotSession(env(dir, proxy.url, graph.url));
    again.send('/estado C-2026-0001');
    await again.waitFor(/📣 C-2026-0001 .*: Publicado\b/);
    expect((await again.end()).code).toBe(0);
    const after = await deliveries(dir);
    expect(after.deliveries['portal:noticia']).toMatchObject({ state: 'done', url: portal.items[0]!.url });
    expect(after.audit.map((a) => a.action)).toContain('delivery_reconciled');
    expect(portal.items).toHaveLength(1);
    expect(graph.livePosts('111')).toHaveLength(1);
  });
});
