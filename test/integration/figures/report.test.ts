import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInformeCli } from '../../../src/cli/informe.ts';
import { readEnv } from '../../../src/config/env.ts';
import { buildDigest } from '../../../src/digest/content.ts';
import { chartData } from '../../../src/digest/chart-data.ts';
import { CHART_HEIGHT_WITH_REACH, chartSvg } from '../../../src/digest/chart-svg.ts';
import { svgToPng } from '../../../src/digest/chart.ts';
import type { SendRecord } from '../../../src/media-email/record.ts';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import { linksDoc, type LinksDoc } from '../../../src/figures/links.ts';
import { monthReport } from '../../../src/figures/report/data.ts';
import { REPORT_CHART_WIDTH, reportFiles } from '../../../src/figures/report/render.ts';
import { topOfDay } from '../../../src/figures/summary.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { startBot, tempDir, testConfig } from '../../fakes/handoff/app.ts';
import { RecordingChat, newInbox } from '../../fakes/handoff/recording-chat.ts';
import { handoffRecord, seedAll, seeded } from '../../fakes/handoff/seed.ts';

const CONFIG_FILE = resolve('test/fixtures/config/basic.yaml');

/** A published comunicado with figures on its deliveries (latest reading counts). */
function withFigures(id: string, at: string, deliveries: Array<[string, Record<string, number> | undefined, boolean?]>, kind?: 'aviso'): Comunicado {
  return seeded(id, 'published', {
    createdAt: at,
    content: { title: `Comunicado ${id}`, ...(kind ? { kind } : {}) },
    extra: { publishedAt: at },
    deliveries: deliveries.map(([destination, metrics, dryRun]) => ({
      destination: destination as 'portal:noticia',
      state: 'done' as const,
      url: `https://x.test/${id}/${destination}`,
      remoteId: `${id}-${destination}`,
      finishedAt: at,
      dryRun: !!dryRun,
      ...(metrics ? { figures: { polls: [], readings: [{ at, metrics: { views: 1 } }, { at, metrics }], status: 'active' as const } } : {}),
    })),
  });
}

const NOV = [
  withFigures('C-2026-0001', '2026-11-03T15:00:00Z', [
    ['portal:noticia', { views: 800 }],
    ['facebook:alcaldia', { reach: 1500, views: 2100, reactions: 42 }],
    ['instagram:alcaldia', { views: 900, reach: 640 }],
  ]),
  withFigures('C-2026-0002', '2026-11-20T22:00:00Z', [['facebook:alcaldia', { reach: 300 }], ['youtube:alcalde', { views: 321 }], ['email:todos', undefined]]),
  // A slider with no figures (simulated), and one of the month's last hours in Ibagué (1 Dec UTC).
  withFigures('C-2026-0004', '2026-12-01T04:00:00Z', [['portal:banner_aviso', undefined, true]], 'aviso'),
];
// October: outside the month.
const OCT = withFigures('C-2026-0003', '2026-10-30T15:00:00Z', [['facebook:alcaldia', { reach: 99_999 }]]);

async function seedStore(store: LowdbStore): Promise<void> {
  await seedAll(store, [...NOV, OCT]);
  const links: LinksDoc = {
    id: 'C-2026-0001',
    codes: {
      AAAAAAAAAAAA260001: { network: 'whatsapp', member: 'ana', memberName: 'Ana María Pérez', target: 'https://x.test', createdAt: '2026-11-03T15:00:00Z' },
      BBBBBBBBBBBB260001: { network: 'whatsapp', member: 'luis', memberName: 'Luis Rojas', target: 'https://x.test', createdAt: '2026-11-03T15:00:00Z' },
    },
    clicks: { AAAAAAAAAAAA260001: 37, BBBBBBBBBBBB260001: 5 },
  };
  await store.updateDoc(linksDoc('C-2026-0001'), null, () => links);
  const recipient = (state: string) => ({ email: `${state}@medio.test`, name: 'x', outlet: 'x', segment: 'todos', destination: 'email:todos', state, attempts: 1, queuedAt: '2026-11-20T22:00:00Z' });
  const email = { comunicado: 'C-2026-0002', planned: {}, recipients: { a: recipient('accepted'), b: recipient('accepted'), c: recipient('deferred'), d: recipient('refused') } } as unknown as SendRecord;
  await store.updateDoc('email/C-2026-0002', null, () => email);
  await store.updateDoc('handoff/C-2026-0001', null, () =>
    handoffRecord('C-2026-0001', 'x', '2026-11-03T15:05:00Z', [
      { name: 'Ana María Pérez', slug: 'ana', state: 'sent', confirmed: true },
      { name: 'Luis Rojas', slug: 'luis', state: 'sent' },
      { name: 'Marta Gómez', slug: 'marta', state: 'failed' },
    ]),
  );
}

async function expectPng(data: Buffer): Promise<void> {
  const meta = await sharp(data).metadata();
  expect(meta.format).toBe('png');
  expect(meta.width).toBe(REPORT_CHART_WIDTH);
  expect(data.length).toBeGreaterThan(5_000);
  expect(data.length).toBeLessThan(500_000);
  // Not blank: bars and text make the pixels vary.
  const stats = await sharp(data).stats();
  expect(stats.channels.some((c) => c.stdev > 10)).toBe(true);
}

describe('the monthly report (rendición de cuentas)', { timeout: 60_000 }, () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir('informe-');
  });
  afterEach(() => dir.cleanup());

  it('counts the month from a seeded store: kinds, channels, reach and clicks, media email, hand-off by member', async () => {
    const store = await LowdbStore.open(join(dir.dir, 'data'), { now: () => new Date('2026-12-02T12:00:00Z') });
    try {
      await seedStore(store);
      const r = await monthReport(store, { office: { timezone: 'America/Bogota', name: 'x', entity: 'x', boilerplate: '' } }, '2026-11');
      expect(r.comunicados.map((c) => c.id)).toEqual(['C-2026-0001', 'C-2026-0002', 'C-2026-0004']);
      expect(r.byKind).toEqual({ comunicado: 2, aviso: 1 });
      expect(r.publications).toEqual({
        'portal:noticia': { done: 1, simulated: 0 },
        'facebook:alcaldia': { done: 2, simulated: 0 },
        'instagram:alcaldia': { done: 1, simulated: 0 },
        'youtube:alcalde': { done: 1, simulated: 0 },
        'email:todos': { done: 1, simulated: 0 },
        'portal:banner_aviso': { done: 0, simulated: 1 },
      });
      expect(r.networks).toEqual({ portal: { reach: 800, clicks: 0 }, facebook: { reach: 1800, clicks: 0 }, instagram: { reach: 640, clicks: 0 }, youtube: { reach: 321, clicks: 0 }, whatsapp: { reach: 0, clicks: 42 } });
      expect(r.email).toEqual({ accepted: 2, deferred: 1, refused: 1 });
      expect(r.members).toEqual({ 'Ana María Pérez': { sent: 1, shared: 1, clicks: 37 }, 'Luis Rojas': { sent: 1, shared: 0, clicks: 5 }, 'Marta Gómez': { sent: 0, shared: 0, clicks: 0 } });

      const files = await reportFiles(r);
      expect(files.charts.map((f) => f.filename)).toEqual(['informe-2026-11-tipos.png', 'informe-2026-11-canales.png', 'informe-2026-11-redes.png', 'informe-2026-11-difusion.png']);
      for (const f of files.charts) await expectPng(f.data);
      const csv = files.csv.data.toString('utf8');
      expect(csv.startsWith('\uFEFFsección;elemento;indicador;valor\r\n')).toBe(true);
      expect(csv).toContain('alcance y clics por red;Facebook;alcance;1800');
      expect(csv).toContain('difusión por WhatsApp;Ana María Pérez;clics;37');
      expect(csv).toContain('correo a medios;todos los envíos;diferidos;1');
      expect(csv).toContain('comunicados por tipo;Aviso;cantidad;1');
      // Dates in Ibagué's time: 04:00 UTC on 1 December is 23:00 on 30 November.
      expect(csv).toContain('comunicado;C-2026-0004 «Comunicado C-2026-0004»;publicado;2026-11-30 23:00');
    } finally {
      await store.close();
    }
  });

  it('npm run informe -- 2026-11 writes the PNG charts and the CSV', async () => {
    const data = join(dir.dir, 'data');
    const store = await LowdbStore.open(data);
    await seedStore(store);
    await store.close();
    const out: string[] = [];
    const code = await runInformeCli(['2026-11', '--salida', join(dir.dir, 'salida')], {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
      env: readEnv({ DATA_DIR: data, CONFIG_FILE }),
      cwd: dir.dir,
    });
    expect(code).toBe(0);
    expect(out.join('')).toContain('📊 Informe de noviembre de 2026');
    for (const name of ['tipos', 'canales', 'redes', 'difusion']) await expectPng(readFileSync(join(dir.dir, 'salida', `informe-2026-11-${name}.png`)));
    expect(existsSync(join(dir.dir, 'salida', 'informe-2026-11.csv'))).toBe(true);
    const bad = await runInformeCli(['noviembre'], { stdout: { write: () => 0 }, stderr: { write: (s: string) => out.push(s) }, env: readEnv({ DATA_DIR: data, CONFIG_FILE }), cwd: dir.dir });
    expect(bad).toBe(2);
    expect(out.join('')).toContain('Uso: npm run informe -- AAAA-MM');
  });

  it('/informe 2026-11 in chat posts the summary and uploads the charts and the CSV in the thread', async () => {
    const inbox = newInbox();
    const store = await LowdbStore.open(join(dir.dir, 'data'));
    await seedStore(store);
    const bot = await startBot({ dataDir: join(dir.dir, 'data'), store, config: testConfig(), chats: [new RecordingChat({ inbox })] });
    try {
      await bot.app.handle({ type: 'command', name: 'informe', text: '2026-11', files: [], eventKey: 'inf-1', actor: { platform: 'slack', userId: 'UJEFE' }, origin: { platform: 'slack', channel: 'CCOM', messageId: 'M9' } });
      const post = inbox.posts.find((p) => p.message.text.startsWith('📊 Informe de noviembre de 2026'))!;
      expect(post.message.text).toContain('Comunicados: 3 (Comunicado de prensa 2, Aviso 1)');
      expect(post.message.text).toContain('Correo a medios: 2 aceptados, 1 diferidos, 1 rechazados');
      expect(post.target.threadId).toBe('M9');
      expect(inbox.uploads.map((u) => u.file.filename)).toEqual(['informe-2026-11-tipos.png', 'informe-2026-11-canales.png', 'informe-2026-11-redes.png', 'informe-2026-11-difusion.png', 'informe-2026-11.csv']);
      expect(inbox.uploads.every((u) => u.target.threadId === 'M9')).toBe(true);
    } finally {
      await bot.stop();
    }
  });
});

describe('figures in the digest and the Monday chart', () => {
  it("the morning digest lists yesterday's top comunicados by reach, then clicks", async () => {
    const d = await tempDir('top-');
    const store = await LowdbStore.open(d.dir, { now: () => new Date('2026-11-04T12:00:00Z') });
    try {
      await seedAll(store, [
        NOV[0]!,
        withFigures('C-2026-0009', '2026-11-03T20:00:00Z', [['facebook:alcalde', { reach: 5000 }]]),
        withFigures('C-2026-0010', '2026-11-03T21:00:00Z', [['portal:noticia', undefined]]),
        withFigures('C-2026-0011', '2026-11-02T21:00:00Z', [['facebook:alcalde', { reach: 9000 }]]),
      ]);
      const top = await topOfDay({ store, config: testConfig() }, '2026-11-03');
      expect(top).toEqual([
        { id: 'C-2026-0009', title: 'Comunicado C-2026-0009', reach: 5000, clicks: 0 },
        { id: 'C-2026-0001', title: 'Comunicado C-2026-0001', reach: 2940, clicks: 0 },
      ]);
      const text = buildDigest({ now: new Date('2026-11-04T12:00:00Z'), since: new Date('2026-11-03T12:00:00Z'), zone: 'America/Bogota', published: [], pending: [], attention: [], scheduledToday: [], vigencias: [], accounts: [], coverage: [], top }).text;
      expect(text).toContain('Lo más visto de ayer\n• C-2026-0009 «Comunicado C-2026-0009»: alcance 5.000 · clics 0\n• C-2026-0001');
    } finally {
      await store.close();
      await d.cleanup();
    }
  });

  it('the weekly chart adds reach per network when deliveries have figures', async () => {
    const data = chartData(NOV.slice(0, 2), [], '2026-11-29', 'America/Bogota');
    expect(data.reach).toEqual({ portal: 800, facebook: 1800, instagram: 640, youtube: 321 });
    const svg = chartSvg(data, 'America/Bogota');
    expect(svg).toContain('Alcance por red');
    expect(svg).toContain('1.800');
    const png = await svgToPng(svg);
    expect((await sharp(png).metadata()).height).toBe(CHART_HEIGHT_WITH_REACH);
    expect((await sharp(png).stats()).channels.some((c) => c.stdev > 10)).toBe(true);
  });
});
