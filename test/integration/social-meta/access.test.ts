import { cuentas } from '../../../commands/cuentas.ts';
import type { ChatEvent } from '../../../src/chat/port.ts';
import { PublisherRegistry } from '../../../src/publish/registry.ts';
import type { Services } from '../../../src/service/extension.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Publisher } from '../../../src/publish/port.ts';
import { createFacebookPublishers } from '../../../src/publish/social/facebook.ts';
import { createInstagramPublishers } from '../../../src/publish/social/instagram.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { makeDeps, tempDataDir } from '../../fakes/graph/fixtures.ts';

const ALCALDIA_PAGE = '104512345678901';
const ALCALDE_PAGE = '204512345678902';
const IG_ALCALDIA = '17841400000000001';
const IG_ALCALDE = '17841400000000002';
const HEALTHY = 'EAAB-healthy-page-token-000000001';
const EXPIRED = 'EAAB-expired-page-token-00000002';
const IG_HEALTHY = 'EAAB-healthy-ig-token-0000000003';
const IG_EXPIRED = 'EAAB-expired-ig-token-0000000004';

// 2026-09-01T05:00:00Z = 1 de septiembre de 2026, 00:00 in Bogotá.
const DATA_ACCESS = Date.UTC(2026, 8, 1, 5) / 1000;
const IG_EXPIRES = Date.UTC(2026, 4, 9, 5) / 1000;

const accounts = {
  alcaldia: {
    name: 'Alcaldía de Ibagué',
    facebook: { pageId: ALCALDIA_PAGE, name: 'Alcaldía de Ibagué', tokenEnv: 'FB_ALCALDIA_TOKEN' },
    instagram: { userId: IG_ALCALDIA, username: 'alcaldiadeibague', tokenEnv: 'IG_ALCALDIA_TOKEN' },
  },
  alcalde: {
    name: 'Alcalde de Ibagué',
    facebook: { pageId: ALCALDE_PAGE, name: 'Alcalde de Ibagué', tokenEnv: 'FB_ALCALDE_TOKEN' },
    instagram: { userId: IG_ALCALDE, username: 'alcaldeibague', tokenEnv: 'IG_ALCALDE_TOKEN' },
  },
};

describe('checkAccess (/cuentas) against the Graph fake: one healthy and one expired account', () => {
  let fake: GraphFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let pubs: Map<string, Publisher>;

  beforeEach(async () => {
    fake = new GraphFake();
    await fake.start();
    fake
      .addPage(ALCALDIA_PAGE, 'Alcaldía de Ibagué')
      .addPage(ALCALDE_PAGE, 'Alcalde de Ibagué')
      .addToken(HEALTHY, { kind: 'PAGE', id: ALCALDIA_PAGE, name: 'Alcaldía de Ibagué', expiresAt: 0, dataAccessExpiresAt: DATA_ACCESS })
      .addToken(EXPIRED, { kind: 'PAGE', id: ALCALDE_PAGE, name: 'Alcalde de Ibagué', valid: false })
      .addIgUser(IG_ALCALDIA, 'alcaldiadeibague')
      .addIgUser(IG_ALCALDE, 'alcaldeibague')
      .addToken(IG_HEALTHY, { kind: 'USER', id: '1', name: 'Redes', expiresAt: IG_EXPIRES })
      .addToken(IG_EXPIRED, { kind: 'USER', id: '2', name: 'Redes alcalde', valid: false });
    data = await tempDataDir();
    const deps = makeDeps(data.dir, accounts, {
      GRAPH_API_URL: fake.url,
      FB_ALCALDIA_TOKEN: HEALTHY,
      FB_ALCALDE_TOKEN: EXPIRED,
      IG_ALCALDIA_TOKEN: IG_HEALTHY,
      IG_ALCALDE_TOKEN: IG_EXPIRED,
    });
    pubs = new Map([...createFacebookPublishers(deps), ...createInstagramPublishers(deps)].map((p) => [p.destination, p]));
  });

  afterEach(async () => {
    await fake.stop();
    await data.cleanup();
  });

  it('Facebook: ✅ with expiry facts for the healthy page, ❌ "reconecte" for the expired one', async () => {
    const ok = await pubs.get('facebook:alcaldia')!.checkAccess!();
    expect(ok.ok).toBe(true);
    expect(ok.detail).toBe(
      'Facebook «Alcaldía de Ibagué»: la página «Alcaldía de Ibagué» puede publicar. El token no vence. El acceso a datos vence el 1 de septiembre de 2026.',
    );
    expect(ok.expiresAt).toBe(new Date(DATA_ACCESS * 1000).toISOString());
    expect(fake.calls('GET', /^me$/)[0]!.query['fields']).toBe('id,name');
    expect(fake.calls('GET', /^debug_token$/)).toHaveLength(1);

    const bad = await pubs.get('facebook:alcalde')!.checkAccess!();
    expect(bad.ok).toBe(false);
    expect(bad.detail).toMatch(/^Facebook «Alcalde de Ibagué»: /);
    expect(bad.detail).toContain('Reconecte la cuenta');
    expect(bad.detail).toContain('FB_ALCALDE_TOKEN');
    expect(bad.detail).not.toContain(EXPIRED);
  });

  it('Instagram: ✅ @username with the token expiry date, ❌ for the expired token', async () => {
    const ok = await pubs.get('instagram:alcaldia')!.checkAccess!();
    expect(ok.ok).toBe(true);
    expect(ok.detail).toBe('Instagram «@alcaldiadeibague»: @alcaldiadeibague puede publicar. El token vence el 9 de mayo de 2026.');
    expect(ok.expiresAt).toBe(new Date(IG_EXPIRES * 1000).toISOString());
    expect(fake.calls('GET', new RegExp(`^${IG_ALCALDIA}$`))[0]!.query['fields']).toBe('id,username');

    const bad = await pubs.get('instagram:alcalde')!.checkAccess!();
    expect(bad.ok).toBe(false);
    expect(bad.detail).toMatch(/^Instagram /);
    expect(bad.detail).toContain('IG_ALCALDE_TOKEN');
  });

  it('a token of another page, or without the publishing permission, is reported ❌', async () => {
    fake.tokens.get(HEALTHY)!.id = '999';
    const wrong = await pubs.get('facebook:alcaldia')!.checkAccess!();
    expect(wrong.ok).toBe(false);
    expect(wrong.detail).toContain('no de la página 104512345678901');

    fake.tokens.get(IG_HEALTHY)!.scopes = ['instagram_basic'];
    const scopes = await pubs.get('instagram:alcaldia')!.checkAccess!();
    expect(scopes.ok).toBe(false);
    expect(scopes.detail).toContain('instagram_content_publish');
  });

  it('/cuentas shows each Meta line with one icon and one expiry', async () => {
    const replies: string[] = [];
    const services = { registry: new PublisherRegistry([...pubs.values()]), logger: silentLogger(), store: new MemoryStore(), now: () => new Date(), config: { office: { timezone: 'America/Bogota' } } } as unknown as Services;
    const event = { kind: 'command', name: 'cuentas', args: '', actor: { platform: 'console', userId: 'jefe' }, origin: { platform: 'console', channel: 'c' } } as unknown as ChatEvent;
    // /cuentas answers only the person who asked (issue 14 item 9): its text arrives by whisper.
    const say = async (m: string | { text: string }) => void replies.push(typeof m === 'string' ? m : m.text);
    await cuentas({ event, services, reply: async (m) => void (await say(m)), whisper: say, privately: async (m) => (await say(m), true) }, '');
    const lines = replies[0]!.split('\n');
    const fb = lines.find((l) => l.includes('«Alcaldía de Ibagué» puede publicar'))!;
    const ig = lines.find((l) => l.includes('@alcaldiadeibague puede publicar'))!;
    for (const line of [fb, ig]) {
      expect(line.match(/✅/g)).toHaveLength(1);
      expect(line).not.toContain('(el acceso vence');
    }
    expect(fb.match(/1 de septiembre de 2026/g)).toHaveLength(1);
    expect(ig.match(/9 de mayo de 2026/g)).toHaveLength(1);
    const bad = lines.find((l) => l.includes('Alcalde de Ibagué»:'))!;
    expect(bad.match(/❌/g)).toHaveLength(1);
  });

});
