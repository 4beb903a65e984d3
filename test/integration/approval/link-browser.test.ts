import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalExtension, type ApprovalExtension } from '../../../src/approval/extension.ts';
import { HttpServer } from '../../../src/http/server.ts';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import { createLogger, silentLogger } from '../../../src/util/logger.ts';
import { BROWSER_MISSING, launchBrowser } from '../../fakes/browser.js';
import { mediaFiles, ORIGIN, startPlatforms, type Platforms } from '../../fakes/platforms.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { Clock, MAIL_FROM } from '../media-email/helpers.ts';

/**
 * Issue 17, done when: a comunicado for the mayor's accounts publishes only after the Jefe
 * (by reaction) and the Despacho (by link, from a real headless Chromium) both approved.
 * The link travels by email through the media email's SMTP transport to a real SMTP server.
 */

const DESPACHO_EMAIL = 'despacho@ibague.gov.co';
/** `APPROVAL_SCREENSHOT=1 npx vitest run test/integration/approval` refreshes the one in docs/. */
const SCREENSHOT = resolve(import.meta.dirname, process.env.APPROVAL_SCREENSHOT ? '../../../docs/aprobacion-enlace.png' : '../../.tmp/aprobacion-enlace.png');

let dir: string;
let smtp: SmtpFake;
let http: HttpServer;
let publicUrl: string;
let p: Platforms;
let approval: ApprovalExtension;
let browser: Browser;
// The portal fake checks its HMAC timestamp against the machine's time: the clock starts there and moves only forward.
const clock = new Clock(Date.now());
let seq = 0;
/** Every line the app logged (debug level): no link token may ever be in it. */
const logged: string[] = [];
const tokensSeen = new Set<string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'approval-link-'));
  smtp = new SmtpFake();
  await smtp.start();
  http = new HttpServer(silentLogger());
  const port = await http.listen(0, '127.0.0.1');
  publicUrl = `http://127.0.0.1:${port}`;
  p = await startPlatforms(dir, {
    config: {
      publicUrl,
      approval: {
        approvers: { console: ['jefe'] },
        groups: { despacho: { label: 'Despacho del Alcalde', members: [{ name: 'Secretaría de Despacho', email: DESPACHO_EMAIL }] } },
        rules: [{ destinations: ['*:alcalde'], require: [{ group: 'despacho', count: 1 }] }],
      },
    },
    env: { SMTP_URL: smtp.url, MAIL_FROM },
    now: clock.now,
    logger: createLogger({ level: 'debug', destination: { write: (line: string) => void logged.push(line) } }),
    extensions: (s) => [(approval = approvalExtension(s))],
  });
  for (const [path, handler] of Object.entries(approval.routes ?? {})) http.route(path, handler);
  if (!BROWSER_MISSING) browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await p?.close();
  await http?.close();
  await smtp?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function submit(destinations: string[], withPhoto = true): Promise<Comunicado> {
  const folder = join(dir, `files-${++seq}`);
  await mkdir(folder, { recursive: true });
  const files = withPhoto ? (await mediaFiles(folder)).slice(0, 1) : [];
  const before = p.chat.posts.length;
  await p.app.handle({
    type: 'command',
    name: 'comunicado',
    text: ['El alcalde inaugura el parque del barrio Jordán', '', 'El nuevo parque tiene juegos para 400 niños.', '', 'La obra costó 900 millones de pesos. #IbaguéCrece', `destinos: ${destinations.join(', ')}`].join('\n'),
    files,
    eventKey: `submit-${seq}-${clock.ms}`,
    actor: { platform: 'console', userId: 'redactora', name: 'Redactora' },
    origin: { ...ORIGIN, messageId: `u-${seq}-${clock.ms}` },
  });
  const said = p.chat.posts.slice(before).map((x) => x.message.text).join('\n');
  const id = /(C-\d{4}-\d{4})/.exec(said)?.[1];
  expect(id, `${said}\n${p.chat.lastWhisper()}`).toBeDefined();
  return (await p.app.services.store.get(id!))!;
}

/** The link of the newest email to the Despacho (waits for the n-th). */
async function linkFromEmail(n: number): Promise<string> {
  await smtp.waitFor(n);
  const mails = smtp.to(DESPACHO_EMAIL);
  const text = mails.at(-1)!.parsed.text ?? '';
  const m = new RegExp(`${publicUrl.replace(/[.]/g, '\\.')}/aprobacion/[A-Za-z0-9_-]{43}`).exec(text);
  expect(m, text).not.toBeNull();
  tokensSeen.add(m![0].split('/').pop()!);
  return m![0];
}

async function reactAsJefe(c: Comunicado): Promise<void> {
  const preview = (await p.app.services.store.get(c.id))!.messages.preview!;
  await p.app.handle({ type: 'reaction', emoji: '✅', message: preview, eventKey: `react-${c.id}-${c.version}`, actor: { platform: 'console', userId: 'jefe', name: 'Jefe' }, origin: { platform: 'console', channel: preview.channel } });
}

/** A phone without JavaScript. */
async function phone() {
  return browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true, locale: 'es-CO' });
}

describe.skipIf(BROWSER_MISSING)('approval by signed link (issue 17)', () => {
  it('the mayor’s accounts publish only after the Jefe (reaction) and the Despacho (link, in a browser) approved', async () => {
    const c = await submit(['portal:noticia', 'facebook:alcalde', 'x:alcalde']);
    const now0 = () => c;
    // The email reached the SMTP server with the link; the thread says it went, without the link.
    const url = await linkFromEmail(1);
    const mail = smtp.to(DESPACHO_EMAIL)[0]!;
    expect(mail.parsed.subject).toContain(c.id);
    expect(mail.parsed.html).toContain(`href="${url}"`);
    const thread = p.chat.texts().join('\n');
    expect(thread).toContain(`Se envió el enlace de aprobación de ${c.id} a Secretaría de Despacho (correo)`);
    expect(thread).not.toContain(url.split('/').pop()!);
    // The preview says who still has to approve, for which destinations.
    const preview = p.chat.posts.find((x) => x.ref.messageId === (now0() as Comunicado).messages.preview?.messageId)!;
    expect(preview.message.sections?.map((s) => s.body ?? '').join('\n')).toContain('Despacho del Alcalde: falta 1 de 1 (Secretaría de Despacho) para Facebook · Alcalde, X · Alcalde');

    await reactAsJefe(c);
    await p.app.idle();
    let now = (await p.app.services.store.get(c.id))!;
    expect(now.state).toBe('pending_approval');
    expect(now.deliveries).toEqual({});
    expect(p.chat.texts().join('\n')).toContain(`Jefe aprobó ${c.id}. Todavía falta: Despacho del Alcalde (Secretaría de Despacho) para Facebook · Alcalde, X · Alcalde`);

    const ctx = await phone();
    const first = await ctx.newPage();
    const second = await ctx.newPage(); // the same link opened twice: only one decision counts
    const response = await first.goto(url);
    await second.goto(url);
    expect(response!.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).not.toContain('script-src');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cache-control']).toBe('no-store');
    await expect(first.locator('h1').textContent()).resolves.toBe(`Aprobación del comunicado ${c.id}`);
    const body = await first.locator('main').innerText();
    expect(body).toContain('Secretaría de Despacho, la Oficina de Comunicaciones le pide revisar este comunicado. Se requiere su aprobación para: Facebook · Alcalde, X · Alcalde.');
    for (const label of ['Portal · noticia', 'Facebook · Alcalde', 'X · Alcalde']) await expect(first.locator('section.dest h3', { hasText: label }).count()).resolves.toBe(1);
    expect(body).toContain('Texto alternativo: Foto 1 de la entrega de luminarias');
    // The image loads (same origin, allowed by the CSP) and carries its alt text.
    const img = first.locator('figure img');
    await expect(img.getAttribute('alt')).resolves.toBe('Foto 1 de la entrega de luminarias');
    await expect(img.evaluate((el) => (el as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0)).resolves.toBe(true);
    // Fits the phone: nothing wider than the screen.
    await expect(first.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await first.screenshot({ path: SCREENSHOT, fullPage: true });

    await first.getByRole('button', { name: 'Aprobar' }).click();
    await expect(first.locator('h1').textContent()).resolves.toBe('Aprobación registrada');
    await p.app.idle();
    now = (await p.app.services.store.get(c.id))!;
    expect(now.state, JSON.stringify(Object.values(now.deliveries).map((d) => [d.destination, d.state, d.error]))).toBe('published');
    expect(Object.values(now.deliveries).map((d) => [d.destination, d.state])).toEqual([
      ['portal:noticia', 'done'],
      ['facebook:alcalde', 'done'],
      ['x:alcalde', 'done'],
    ]);
    expect(now.approvals.map((a) => [a.actor.name, a.channel ?? 'chat'])).toEqual([
      ['Jefe', 'chat'],
      ['Secretaría de Despacho', 'enlace'],
    ]);
    expect(now.audit.find((a) => a.action === 'approve' && a.detail === 'enlace')?.actor?.name).toBe('Secretaría de Despacho');
    expect(p.chat.texts().join('\n')).toContain(`${c.id} aprobado por Secretaría de Despacho (por enlace).`);

    // Second use: the other tab's form, and the link itself, are refused with a clear page.
    await second.getByRole('button', { name: 'Aprobar' }).click();
    await expect(second.locator('h1').textContent()).resolves.toBe('Enlace ya usado');
    const again = await first.goto(url);
    expect(again!.status()).toBe(410);
    await expect(first.locator('main').innerText()).resolves.toContain('sirve una sola vez');
    await ctx.close();
  }, 120_000);

  it('an expired link shows a clear page', async () => {
    const c = await submit(['x:alcalde'], false);
    const url = await linkFromEmail(smtp.received.length);
    expect(smtp.to(DESPACHO_EMAIL).at(-1)!.parsed.subject).toContain(c.id);
    clock.advance(24 * 3600 + 1);
    const ctx = await phone();
    const page = await ctx.newPage();
    const res = await page.goto(url);
    expect(res!.status()).toBe(410);
    await expect(page.locator('h1').textContent()).resolves.toBe('Enlace vencido');
    expect(await page.content()).not.toMatch(/\bat \w+ \(|Error:|node:/);
    await ctx.close();
  }, 60_000);

  it('an edit voids the link (a page already open cannot decide), and a new link goes out', async () => {
    const c = await submit(['facebook:alcalde'], false);
    const oldUrl = await linkFromEmail(smtp.received.length);
    const ctx = await phone();
    const page = await ctx.newPage();
    await page.goto(oldUrl);
    const sent = smtp.received.length;
    await p.app.services.comunicados.edit(c.id, { text: 'El alcalde inaugura el parque del barrio Jordán este sábado', files: [], actor: c.author, origin: ORIGIN });
    const newUrl = await linkFromEmail(sent + 1);
    expect(newUrl).not.toBe(oldUrl);
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('El comunicado cambió');
    const res = await page.goto(oldUrl);
    expect(res!.status()).toBe(410);
    const fresh = await ctx.newPage();
    expect((await fresh.goto(newUrl))!.status()).toBe(200);
    await expect(fresh.locator('main').innerText()).resolves.toContain('Versión 2');
    expect((await p.app.services.store.get(c.id))!.approvals).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('a forged token, and a POST without the CSRF token, fail', async () => {
    const ctx = await phone();
    const page = await ctx.newPage();
    for (const forged of [`${publicUrl}/aprobacion/${'A'.repeat(43)}`, `${publicUrl}/aprobacion/nada`, `${publicUrl}/aprobacion/${'A'.repeat(43)}/imagen/0`]) {
      const res = await page.goto(forged);
      expect(res!.status()).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Enlace no válido');
    }
    const c = await submit(['x:alcalde'], false);
    const url = await linkFromEmail(smtp.received.length);
    // No CSRF token at all; a made-up one; a real one posted by a form on another site.
    const html = await (await fetch(url)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const posts: Array<[string, Record<string, string>]> = [
      ['decision=approve', {}],
      [`decision=approve&csrf=${'B'.repeat(43)}`, {}],
      [`decision=approve&csrf=${csrf}`, { origin: 'https://otro-sitio.example' }],
    ];
    for (const [body, headers] of posts) {
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      await expect(res.text()).resolves.toContain('Solicitud rechazada');
    }
    // Nothing was decided and the link still works.
    expect((await p.app.services.store.get(c.id))!.approvals).toEqual([]);
    expect((await page.goto(url))!.status()).toBe(200);
    await ctx.close();
  }, 60_000);

  it('no link token ever reached the log or a channel message', () => {
    expect(tokensSeen.size).toBeGreaterThanOrEqual(5);
    expect(logged.some((l) => l.includes('decision by link'))).toBe(true);
    const channel = p.chat.posts.filter((x) => !x.target.channel.startsWith('@')).map((x) => JSON.stringify(x.message));
    for (const token of tokensSeen) {
      expect(logged.filter((l) => l.includes(token))).toEqual([]);
      expect(channel.filter((m) => m.includes(token))).toEqual([]);
    }
  });

  it('Rechazar needs the reason; with it the comunicado is rejected and the author hears why', async () => {
    const c = await submit(['x:alcalde'], false);
    const url = await linkFromEmail(smtp.received.length);
    // The browser will not send an empty reason (required field); the server refuses it too.
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await fetch(url)).text())![1]!;
    const empty = await fetch(url, { method: 'POST', body: `decision=reject&text=%20&csrf=${csrf}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(empty.status).toBe(400);
    await expect(empty.text()).resolves.toContain('Para rechazar escriba el motivo.');
    expect((await p.app.services.store.get(c.id))!.state).toBe('pending_approval');
    const ctx = await phone();
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByLabel('Motivo del rechazo').fill('Falta la cifra oficial de beneficiarios.');
    await page.getByRole('button', { name: 'Rechazar' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Rechazo registrado');
    const now = (await p.app.services.store.get(c.id))!;
    expect(now.state).toBe('rejected');
    expect(now.rejection?.reason).toBe('Falta la cifra oficial de beneficiarios.');
    expect(p.chat.texts().join('\n')).toContain('Falta la cifra oficial de beneficiarios.');
    await ctx.close();
  }, 60_000);
});
