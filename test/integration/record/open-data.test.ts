import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { HttpServer } from '../../../src/http/server.ts';
import { OPEN_DATA_CSV, OPEN_DATA_JSON, type OpenItem } from '../../../src/record/open-data.ts';
import { BROWSER_MISSING, launchBrowser } from '../../fakes/browser.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { testLogger } from '../../fakes/test-logs.ts';
import { FORM, JEFE, lastId, startRecordedApp, type RecordedApp } from './harness.ts';

/*
 * Open data (Ley 1712): with publicUrl set, /datos/comunicados.json and .csv list every
 * published comunicado (title, kind, date, portal link, network links, withdrawal), read
 * from the record. A draft, a rejected one, a simulated link and any personal data (the
 * media list's addresses and names, the staff) never appear. Fetched by a real headless
 * Chromium too.
 */

const SECRET = 'secreto-compartido-del-portal-datos-abiertos-01';
const EMAILS = ['ana.perez@radio.example', 'jorge.diaz@diario.example', 'luz.mora@tv.example'];

let r: RecordedApp;
let portal: FakeHttpPortal;
let http: HttpServer;
let base: string;
let browser: Browser | undefined;
const ids = { published: '', withdrawn: '', rejected: '', pending: '' };
let start = 0;
const at = (minutes: number) => new Date(start + minutes * 60_000);

beforeAll(async () => {
  portal = await startFakeHttpPortal(SECRET);
  r = await startRecordedApp({
    dryRunAll: false,
    config: { publicUrl: 'https://bot.ibague.example', portal: { type: 'http' } },
    env: { PORTAL_URL: portal.url, PORTAL_HMAC_SECRET: SECRET },
  });
  for (const [i, email] of EMAILS.entries()) await r.command('medios', `agregar Periodista ${i}; Medio ${i}; ${email}; radio`, JEFE);

  // The portal's fake checks its HMAC timestamp against its own clock: the app's clock
  // starts from it here and moves on by whole minutes.
  start = Date.now();
  r.clock.now = at(0);
  await r.command('comunicado', `${FORM}\ndestinos: portal, facebook, email:todos`);
  ids.published = await lastId(r.app);
  await r.command('aprobar', ids.published, JEFE);

  r.clock.now = at(1);
  await r.command('comunicado', FORM.replace('Feria del empleo', 'Cierre vial temporal'));
  ids.withdrawn = await lastId(r.app);
  await r.command('aprobar', ids.withdrawn, JEFE);
  r.clock.now = at(2);
  await r.command('retirar', `${ids.withdrawn} la fecha cambió`, JEFE);

  await r.command('comunicado', FORM.replace('Feria del empleo', 'Propuesta rechazada'));
  ids.rejected = await lastId(r.app);
  await r.command('rechazar', `${ids.rejected} no procede`, JEFE);
  await r.command('comunicado', FORM.replace('Feria del empleo', 'Borrador pendiente'));
  ids.pending = await lastId(r.app);

  http = new HttpServer(testLogger('datos'));
  for (const ext of r.app.extensions) for (const [path, handler] of Object.entries(ext.routes ?? {})) http.route(path, handler);
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await http?.close();
  await r?.remove();
  await portal?.close();
});

function personalData(text: string): string[] {
  const words = [...EMAILS, ...EMAILS.map((e) => e.split('@')[0]!), 'Periodista', 'Laura', 'Carlos', 'redactora', 'jefe', 'file://'];
  return words.filter((w) => text.toLowerCase().includes(w.toLowerCase()));
}

describe('open data from the record', () => {
  it('JSON: the published and the withdrawn one, with links and dates; no draft, nothing rejected, no personal data', async () => {
    const res = await fetch(`${base}${OPEN_DATA_JSON}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const text = await res.text();
    expect(personalData(text)).toEqual([]);
    const doc = JSON.parse(text) as { entidad: string; total: number; comunicados: OpenItem[] };
    expect(doc.entidad).toBe('Alcaldía de Ibagué');
    expect(doc.comunicados.map((c) => c.id)).toEqual([ids.withdrawn, ids.published]);
    const pub = doc.comunicados.find((c) => c.id === ids.published)!;
    const stored = (await r.app.services.store.get(ids.published))!;
    expect(pub).toEqual({
      id: ids.published,
      titulo: 'Feria del empleo en el Parque Centenario',
      tipo: 'comunicado',
      publicado: stored.deliveries['portal:noticia']!.finishedAt,
      enlacePortal: stored.deliveries['portal:noticia']!.url,
      redes: [], // Facebook went out as a simulation (no credentials): not a public link
      retirado: false,
      fechaRetiro: null,
    });
    expect(pub.enlacePortal).toMatch(/^https?:\/\//);
    expect(doc.comunicados.find((c) => c.id === ids.withdrawn)).toMatchObject({ titulo: 'Cierre vial temporal en el Parque Centenario', retirado: true, fechaRetiro: at(2).toISOString() });
    expect(text).not.toContain(ids.rejected);
    expect(text).not.toContain(ids.pending);
  });

  it('CSV: the same rows, and nothing personal', async () => {
    const res = await fetch(`${base}${OPEN_DATA_CSV}`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    expect(personalData(text)).toEqual([]);
    const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.id, x.retirado])).toEqual([
      [ids.withdrawn, 'sí'],
      [ids.published, 'no'],
    ]);
  });

  it('keeps itself current as the record grows, and answers only GET and HEAD', async () => {
    r.clock.now = at(3);
    await r.command('aprobar', ids.pending, JEFE);
    const doc = (await (await fetch(`${base}${OPEN_DATA_JSON}`)).json()) as { comunicados: OpenItem[] };
    expect(doc.comunicados[0]!.id).toBe(ids.pending);
    const post = await fetch(`${base}${OPEN_DATA_JSON}`, { method: 'POST', body: 'x'.repeat(10_000) });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    // A GET that announces a body is not read: answered 413 at once.
    const withBody = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}${OPEN_DATA_JSON}`, { method: 'GET', headers: { 'content-length': '1000000' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write('x'.repeat(1000));
    });
    expect(withBody).toBe(413);
    const head = await fetch(`${base}${OPEN_DATA_CSV}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.skipIf(BROWSER_MISSING)('a real browser opens both, and a page elsewhere can fetch them (CORS)', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const res = await page.goto(`${base}${OPEN_DATA_JSON}`);
    expect(res?.status()).toBe(200);
    const body = JSON.parse(await res!.text()) as { comunicados: OpenItem[] };
    expect(body.comunicados.map((c) => c.id)).toContain(ids.published);
    // Another origin (a page of the office's portal, on another port) reading the data with fetch().
    const site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>portal</title>'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    let fetched: { status: number; text: string };
    try {
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      fetched = await page.evaluate(async (url) => {
        const res = await fetch(url);
        return { status: res.status, text: await res.text() };
      }, `${base}${OPEN_DATA_CSV}`);
    } finally {
      site.close();
    }
    expect(fetched.status).toBe(200);
    expect(fetched.text).toContain(ids.published);
    expect(personalData(fetched.text)).toEqual([]);
  });

  it('is not served without publicUrl', async () => {
    const plain = await startRecordedApp();
    try {
      expect(plain.app.extensions.find((e) => e.name === 'registro')?.routes).toBeUndefined();
    } finally {
      await plain.remove();
    }
  });
});
