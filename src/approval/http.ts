import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { approvalProgress, memberFor, pendingMembers } from '../domain/approval-rules.ts';
import type { Actor, Comunicado } from '../domain/comunicado.ts';
import { UserFacingError } from '../domain/errors.ts';
import { policyOf, type WorkflowEvent } from '../domain/workflow.ts';
import { chatErrorText } from '../messages/errors.ts';
import { t } from '../messages/index.ts';
import { formatWhen } from '../render/time.ts';
import type { Services } from '../service/extension.ts';
import type { ApprovalLinks, LinkRecord } from './links.ts';
import { decisionPage, messagePage, send, SECURITY_HEADERS, type PageOffice } from './page.ts';

/** Where the approval pages live on the bot's HTTP server (PORT, behind `publicUrl`). */
export const APPROVAL_PATH = '/aprobacion';

const MAX_BODY = 8192;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BodyTooLarge('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The chat actor a link decision is recorded under: the member's id on the comunicado's chat, else the link itself. */
export function linkActor(c: Comunicado, member: { key: string; name: string; chat: Partial<Record<Actor['platform'], string>> }): Actor {
  const chatId = member.chat[c.origin.platform];
  return { platform: c.origin.platform, userId: chatId ?? `enlace:${member.key}`, name: member.name };
}

/**
 * GET shows the comunicado (a page that changes nothing: mail scanners open links), POST
 * records one decision with the CSRF token of a page this link showed. Every answer is a
 * Spanish page with strict headers; an unexpected failure is logged, never shown.
 */
export function createApprovalHandler(deps: { services: Services; links: ApprovalLinks; origin: string | undefined }) {
  const { services, links } = deps;
  const log = services.logger.child({ module: 'approval-http' });
  const office: PageOffice = { name: services.config.office.name, entity: services.config.office.entity };
  const zone = services.config.office.timezone;
  const page = (res: ServerResponse, status: number, title: string, text: string) => send(res, status, messagePage(title, text, office));

  /** The page for a link that cannot be used (or for a comunicado no longer waiting). */
  async function unusable(res: ServerResponse, state: { kind: string; link?: LinkRecord }, c?: Comunicado): Promise<boolean> {
    switch (state.kind) {
      case 'invalid':
        page(res, 404, t('approval.page.invalid_title'), t('approval.page.invalid'));
        return true;
      case 'expired':
        page(res, 410, t('approval.page.expired_title'), t('approval.page.expired', { until: formatWhen(state.link!.expiresAt, zone) }));
        return true;
      case 'used':
        page(res, 410, t('approval.page.used_title'), t('approval.page.used', { when: formatWhen(state.link!.usedAt!, zone) }));
        return true;
      case 'csrf':
        page(res, 403, t('approval.page.forbidden_title'), t('approval.page.forbidden'));
        return true;
    }
    if (!c) {
      page(res, 404, t('approval.page.invalid_title'), t('approval.page.invalid'));
      return true;
    }
    if (c.version !== state.link!.version) {
      page(res, 410, t('approval.page.voided_title'), t('approval.page.voided', { id: c.id }));
      return true;
    }
    if (c.state !== 'pending_approval') {
      page(res, 410, t('approval.page.closed_title'), t('approval.page.closed', { id: c.id, state: t(`state.${c.state}`).toLowerCase() }));
      return true;
    }
    return false;
  }

  async function showPage(res: ServerResponse, token: string, link: LinkRecord, c: Comunicado, notice?: string): Promise<void> {
    const policy = policyOf(services.rules);
    const progress = approvalProgress(policy, c, services.now());
    const mine = pendingMembers(progress).find((p) => p.member.key === link.member);
    const csrf = await links.newCsrf(token);
    const html = decisionPage({
      c,
      previews: services.comunicados.previews(c),
      neededFor: mine?.destinations ?? c.content.destinations,
      memberName: link.memberName,
      token,
      csrf,
      expiresAt: link.expiresAt,
      zone,
      office,
      ...(notice ? { notice } : {}),
    });
    send(res, notice ? 400 : 200, html);
  }

  async function serveImage(res: ServerResponse, c: Comunicado, index: number): Promise<void> {
    const att = c.content.attachments[index];
    if (!att || att.kind !== 'image') {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    const root = resolve(services.dataDir);
    const path = resolve(join(root, att.path));
    if (!path.startsWith(root + sep)) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    const mime = /^image\/(jpeg|png|gif|webp)$/.test(att.mime) ? att.mime : 'application/octet-stream';
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': mime, 'content-length': String(info.size) });
    createReadStream(path).pipe(res);
  }

  async function decide(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(await readBody(req));
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      page(res, 413, t('approval.page.forbidden_title'), t('approval.page.forbidden'));
      return;
    }
    const decision = form.get('decision');
    const text = (form.get('text') ?? '').trim().slice(0, 2000);
    const csrf = form.get('csrf') ?? '';
    // An expired, used, voided or closed link says so first (and stays as it was).
    const before = await links.lookup(token);
    const current = before.kind === 'valid' ? await services.store.get(before.link.comunicado) : undefined;
    if (await unusable(res, before, current)) return;
    // Synchronizer token: the form must carry a CSRF token a page of this very link was given
    // (checked against its stored hash in links.use); a form posted from another site is refused.
    const origin = req.headers.origin;
    const foreign = !!origin && origin !== 'null' && !!deps.origin && origin !== deps.origin;
    if (!csrf || foreign || (decision !== 'approve' && decision !== 'reject' && decision !== 'changes')) {
      await unusable(res, { kind: 'csrf' });
      return;
    }
    if (decision === 'reject' && !text) {
      await showPage(res, token, (before as { link: LinkRecord }).link, current!, t('approval.page.reason_required'));
      return;
    }
    const used = await links.use(token, csrf, decision as LinkRecord['decision']);
    if (used.kind !== 'valid') {
      await unusable(res, used);
      return;
    }
    const link = used.link;
    const policy = policyOf(services.rules);
    const member = memberFor(policy, { actor: { platform: 'console', userId: '' }, member: link.member });
    const c = current!;
    if (!member) {
      await links.release(token);
      page(res, 403, t('approval.page.invalid_title'), t('approval.page.invalid'));
      return;
    }
    const actor = linkActor(c, member);
    // The version travels with the decision: an edit that lands in between voids it in the same write.
    const via = { channel: 'enlace' as const, member: member.key, version: link.version };
    const event: WorkflowEvent =
      decision === 'approve' ? { type: 'approve', via } : decision === 'reject' ? { type: 'reject', reason: text, via } : { type: 'request_changes', note: text, via };
    let after: Comunicado;
    try {
      after = await services.comunicados.apply(c.id, event, actor);
    } catch (err) {
      await links.release(token);
      if (err instanceof UserFacingError) {
        log.info({ code: err.code, comunicado: c.id }, 'link decision refused');
        page(res, 409, t('approval.page.refused_title'), chatErrorText(err));
        return;
      }
      throw err;
    }
    log.info({ comunicado: c.id, decision, member: member.key }, 'decision by link');
    const thread = services.comunicados.previewThread(after);
    const name = `${member.name} (${t('approval.by_link')})`;
    if (decision === 'approve') {
      if (after.state !== 'pending_approval' && after.state !== 'scheduled') {
        await services.chats.tryPost(after.origin.platform, thread, { text: t('reply.approved_by', { id: after.id, name }) });
      }
      page(res, 200, t('approval.page.approved_title'), t('approval.page.approved', { name: member.name, id: after.id }));
    } else if (decision === 'reject') {
      await services.chats.tryPost(after.origin.platform, thread, { text: t('reply.rejected', { id: after.id, name, reason: text }) });
      page(res, 200, t('approval.page.rejected_title'), t('approval.page.rejected', { id: after.id }));
    } else {
      page(res, 200, t('approval.page.changes_title'), t('approval.page.changes_done', { id: after.id }));
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const m = /^\/aprobacion\/([^/]+)(?:\/imagen\/(\d{1,2}))?\/?$/.exec(path);
      if (!m) {
        page(res, 404, t('approval.page.invalid_title'), t('approval.page.invalid'));
        return;
      }
      const token = m[1]!;
      if (req.method === 'POST' && m[2] === undefined) {
        await decide(req, res, token);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, POST' }).end();
        return;
      }
      const state = await links.lookup(token);
      const c = state.kind === 'valid' ? await services.store.get(state.link.comunicado) : undefined;
      if (await unusable(res, state, c)) return;
      if (state.kind !== 'valid' || !c) return;
      if (m[2] !== undefined) await serveImage(res, c, Number(m[2]));
      else await showPage(res, token, state.link, c);
    } catch (err) {
      log.error({ err }, 'approval page failed');
      if (!res.headersSent) page(res, 500, t('approval.page.error_title'), t('approval.page.error'));
      else res.end();
    }
  };
}
