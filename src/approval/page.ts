import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Comunicado } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import type { DestinationPreview } from '../publish/port.ts';
import { destinationLabel } from '../render/chat.ts';
import { escapeHtml } from '../render/escape.ts';
import { formatWhen } from '../render/time.ts';

/**
 * The approval page: plain HTML and one inline stylesheet allowed by its hash, no script,
 * readable on a phone. Every response carries the same strict headers.
 */

const CSS = [
  'body{font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5;color:#1a1a1a;background:#f6f6f4;margin:0}',
  'main{max-width:680px;margin:0 auto;padding:16px}',
  'h1{font-size:24px;line-height:1.25;margin:8px 0 12px}',
  'h2{font-size:20px;margin:24px 0 8px}',
  'section.dest{background:#fff;border:1px solid #d0d0c8;border-radius:8px;padding:12px 14px;margin:12px 0}',
  'section.dest h3{font-size:17px;margin:0 0 6px;color:#004884}',
  '.text{white-space:pre-wrap;word-wrap:break-word}',
  '.warn{color:#8a4b00}',
  'figure{margin:12px 0;background:#fff;border:1px solid #d0d0c8;border-radius:8px;padding:8px}',
  'img{max-width:100%;height:auto;display:block}',
  'figcaption{font-size:16px;color:#333;margin-top:6px}',
  'form{background:#fff;border:1px solid #d0d0c8;border-radius:8px;padding:12px 14px;margin:12px 0}',
  'label{display:block;font-weight:bold;margin-bottom:6px}',
  'textarea{width:100%;box-sizing:border-box;font-size:18px;min-height:90px;padding:8px}',
  'button{font-size:18px;padding:12px 20px;margin-top:10px;border-radius:6px;border:1px solid #333;background:#fff;min-width:48%}',
  'button.approve{background:#0b6e2f;color:#fff;border-color:#0b6e2f}',
  'button.reject{background:#a3161a;color:#fff;border-color:#a3161a}',
  '.meta{color:#444;font-size:16px}',
  'footer{color:#555;font-size:14px;margin:24px 0}',
].join('\n');

const CSS_HASH = createHash('sha256').update(CSS, 'utf8').digest('base64');

/** Strict headers of every approval response: no script, no framing, no referrer, no caching. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `default-src 'none'; img-src 'self'; style-src 'sha256-${CSS_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export interface PageOffice {
  name: string;
  entity: string;
}

function layout(title: string, body: string, office: PageOffice): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="es-CO"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head><body><main>',
    `<h1>${escapeHtml(title)}</h1>`,
    body,
    `<footer>${escapeHtml(t('approval.page.footer', { office: office.name, entity: office.entity }))}</footer>`,
    '</main></body></html>',
  ].join('\n');
}

export function send(res: ServerResponse, status: number, html: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...extra });
  res.end(html);
}

/** A page with a title and one paragraph: the outcome, or why the link cannot be used. */
export function messagePage(title: string, text: string, office: PageOffice): string {
  return layout(title, `<p>${escapeHtml(text)}</p>`, office);
}

export interface DecisionPageArgs {
  c: Comunicado;
  previews: DestinationPreview[];
  /** Destinations this member's approval is needed for. */
  neededFor: string[];
  memberName: string;
  token: string;
  csrf: string;
  expiresAt: string;
  zone: string;
  office: PageOffice;
  /** Shown above the forms (e.g. «escriba el motivo»). */
  notice?: string;
}

/** The page an approver opens from the link: the comunicado per destination, its images, three decisions. */
export function decisionPage(a: DecisionPageArgs): string {
  const { c } = a;
  const action = `/aprobacion/${a.token}`;
  const hidden = `<input type="hidden" name="csrf" value="${escapeHtml(a.csrf)}">`;
  const until = formatWhen(a.expiresAt, a.zone);
  const parts: string[] = [];
  parts.push(`<p>${escapeHtml(t('approval.page.intro', { name: a.memberName, office: a.office.name, destinations: a.neededFor.map(destinationLabel).join(', ') }))}</p>`);
  parts.push(`<p class="meta">${escapeHtml(t('approval.page.version', { version: c.version, author: c.author.name ?? c.author.userId }))}</p>`);
  if (c.content.publishAt) parts.push(`<p class="meta">${escapeHtml(t('approval.page.schedule', { when: formatWhen(c.content.publishAt, a.zone) }))}</p>`);
  if (a.notice) parts.push(`<p class="warn"><strong>${escapeHtml(a.notice)}</strong></p>`);
  parts.push(`<h2>${escapeHtml(c.content.title)}</h2>`);
  if (c.content.lead) parts.push(`<p><strong>${escapeHtml(c.content.lead)}</strong></p>`);
  const images = c.content.attachments.map((att, i) => ({ att, i })).filter(({ att }) => att.kind === 'image');
  if (images.length) {
    parts.push(`<h2>${escapeHtml(t('approval.page.images'))}</h2>`);
    for (const { att, i } of images) {
      const alt = att.alt?.trim();
      parts.push(
        `<figure><img src="${escapeHtml(`${action}/imagen/${i}`)}" alt="${escapeHtml(alt ?? '')}">` +
          `<figcaption>${escapeHtml(alt ? t('approval.page.alt', { alt }) : t('approval.page.no_alt'))}</figcaption></figure>`,
      );
    }
  }
  parts.push(`<h2>${escapeHtml(t('approval.page.destinations'))}</h2>`);
  for (const p of a.previews) {
    const warnings = p.warnings.map((w) => `<p class="warn">⚠️ ${escapeHtml(w)}</p>`).join('');
    parts.push(`<section class="dest"><h3>${escapeHtml(destinationLabel(p.destination))}</h3><div class="text">${escapeHtml(p.text || c.content.body)}</div>${warnings}</section>`);
  }
  parts.push(
    `<form method="post" action="${escapeHtml(action)}">${hidden}<input type="hidden" name="decision" value="approve">` +
      `<button type="submit" class="approve">${escapeHtml(t('approval.page.approve'))}</button></form>`,
  );
  parts.push(
    `<form method="post" action="${escapeHtml(action)}">${hidden}<input type="hidden" name="decision" value="reject">` +
      `<label for="reason">${escapeHtml(t('approval.page.reject_label'))}</label>` +
      `<textarea id="reason" name="text" required maxlength="2000"></textarea>` +
      `<button type="submit" class="reject">${escapeHtml(t('approval.page.reject'))}</button></form>`,
  );
  parts.push(
    `<form method="post" action="${escapeHtml(action)}">${hidden}<input type="hidden" name="decision" value="changes">` +
      `<label for="changes">${escapeHtml(t('approval.page.changes_label'))}</label>` +
      `<textarea id="changes" name="text" maxlength="2000"></textarea>` +
      `<button type="submit">${escapeHtml(t('approval.page.changes'))}</button></form>`,
  );
  parts.push(`<p class="meta">${escapeHtml(t('approval.page.once', { until }))}</p>`);
  return layout(t('approval.page.title', { id: c.id }), parts.join('\n'), a.office);
}
