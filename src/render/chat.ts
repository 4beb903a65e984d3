import type { OutButton, OutMessage } from '../chat/port.ts';
import { actorName, type AuditEntry, type Comunicado, type Delivery } from '../domain/comunicado.ts';
import { imagesWithoutAlt } from '../domain/workflow.ts';
import { stripServerPaths } from '../util/safe-text.ts';
import { hasMessage, t } from '../messages/index.ts';
import type { DestinationPreview } from '../publish/port.ts';
import type { ComunicadoSummary } from '../store/port.ts';
import { formatDay, formatWhen } from './time.ts';
import { accessibilityLines } from './accessibility.ts';
import { kindEstadoLines, titleWithKind } from './kinds.ts';
import { kindFacts } from './kinds.ts';

/** The Spanish name of an audit action; an action without one shows as itself. */
function auditLabel(action: string): string {
  const key = `audit.${action}`;
  return hasMessage(key) ? t(key) : action;
}

/**
 * An audit detail as a person reads it. The history stores destinations as keys
 * (`portal:noticia: rate_limited`) and the closing state as a state name: shown as their
 * Spanish names, with the internal error code left out (the delivery line has the message).
 */
function auditDetail(action: string, detail: string): string {
  const state = `state.${detail}`;
  if (action === 'finish_publishing' && hasMessage(state)) return t(state);
  if (!/^(delivery|withdraw|vigencia)_/.test(action)) return detail;
  const m = /^([a-z]+:[a-z0-9_-]+)(?:: ([\s\S]*))?$/.exec(detail);
  if (!m) return detail;
  const rest = (m[2] ?? '').replace(/^[a-z0-9]+(?:_[a-z0-9]+)*(?= — |$)/, '').replace(/^ — /, '');
  return rest ? `${destinationLabel(m[1]!)}: ${rest}` : destinationLabel(m[1]!);
}

/** "Facebook · Alcaldía", "X · Alcalde", "Correo · radio". */
export function destinationLabel(dest: string): string {
  const known = `destination.${dest}`;
  if (hasMessage(known)) return t(known);
  const [net, acct] = dest.split(':') as [string, string];
  const name = (key: string, fallback: string) => (hasMessage(key) ? t(key) : fallback);
  return `${name(`network.${net}`, net)} · ${name(`account.${acct}`, acct)}`;
}

/** The approval preview: what each destination will get, its warnings, and the buttons. */
export function previewMessage(
  c: Comunicado,
  previews: DestinationPreview[],
  options: { approverMentions: string[]; requireReview: boolean; dryRunReasons: Record<string, string | undefined>; edited?: boolean; zone: string; hints?: string[]; approvalLines?: string[] },
): OutMessage {
  const heading = options.edited
    ? t('preview.edited_heading', { id: c.id, version: c.version })
    : t('preview.heading', { id: c.id });
  const sections: NonNullable<OutMessage['sections']> = [];
  sections.push({ heading: c.content.title, body: c.content.lead || undefined });
  const facts: Array<[string, string]> = [[t('preview.by', { author: actorName(c.author) }), '']];
  if (c.content.publishAt) facts.push([t('preview.schedule', { when: formatWhen(c.content.publishAt, options.zone) }), '']);
  if (c.content.vigenciaHasta) facts.push([t('preview.vigencia', { date: formatDay(c.content.vigenciaHasta) }), '']);
  for (const line of kindFacts(c, options.zone)) facts.push([line, '']);
  if (c.content.attachments.length) {
    facts.push([t('preview.attachments', { list: c.content.attachments.map((a) => a.filename).join(', ') }), '']);
  }
  sections.push({ body: facts.map(([l]) => l).join('\n') });
  for (const file of imagesWithoutAlt(c.content)) sections.push({ body: t('preview.alt_missing', { file }) });
  // Accessibility (captions, alt text that describes) and the service's hints (plain language, documents).
  const a11y = accessibilityLines(c);
  if (a11y.length) sections.push({ body: a11y.join('\n') });
  for (const hint of options.hints ?? []) sections.push({ body: hint });
  // The photos themselves, where the chat can show them (files uploaded to that same chat).
  for (const a of c.content.attachments) {
    if (a.kind !== 'image' || a.sourceRef?.platform !== c.origin.platform) continue;
    sections.push({ image: { url: '', alt: a.alt ?? a.filename, fileRef: a.sourceRef } });
  }
  for (const p of previews) {
    const bits = [destinationLabel(p.destination)];
    if (p.limit !== undefined && p.length !== undefined) bits.push(t('preview.length', { length: p.length, limit: p.limit }));
    if (p.dryRun) bits.push(t('preview.dry_run', { reason: options.dryRunReasons[p.destination] ?? t('dryrun.no_credentials') }));
    const warnings = p.warnings.map((w) => `⚠️ ${w}`).join('\n');
    sections.push({ heading: bits.join(' · '), body: [p.text, warnings].filter(Boolean).join('\n') });
  }
  // Who must approve what, when the rules ask for more than one Jefe (src/approval/render.ts).
  if (options.approvalLines?.length) sections.push({ body: options.approvalLines.join('\n') });
  // Each chat may say how to react in its own terms (Telegram has no ✅ or ❌ reactions).
  const how = `preview.how.${c.origin.platform}`;
  const footer = [t(hasMessage(how) ? how : 'preview.how')];
  if (options.requireReview) footer.push(t('preview.review_needed'));
  sections.push({ body: footer.join('\n') });
  const buttons: OutButton[] = [
    { id: 'approve', label: t('button.approve'), value: c.id, style: 'primary' },
    { id: 'reject', label: t('button.reject'), value: c.id, style: 'danger' },
    { id: 'request_changes', label: t('button.changes'), value: c.id },
  ];
  if (options.requireReview) buttons.push({ id: 'review', label: t('button.review'), value: c.id });
  const text = [heading, c.content.title, c.content.lead].filter(Boolean).join('\n');
  return { text, sections: [{ heading }, ...sections], buttons, mentions: options.approverMentions };
}

/** A placement taken down at the end of its vigencia (recorded by src/schedule/vigencia.ts). */
export function takenDown(d: Delivery): boolean {
  return d.state === 'done' && !!d.takenDownAt;
}

/**
 * The link a reader can still open: a done delivery's URL, except a placement taken down
 * at the end of its vigencia (a draft or a deleted item answers 404). A placement that only
 * left its categories (`takeDown: uncategorize`) is still online and keeps its link.
 */
export function liveUrl(d: Delivery): string | undefined {
  if (d.state !== 'done' || !d.url) return undefined;
  if (takenDown(d) && (d.meta?.takeDown as { outcome?: string } | undefined)?.outcome !== 'uncategorized') return undefined;
  return d.url;
}

export function deliveryLine(d: Delivery): string {
  const label = destinationLabel(d.destination);
  const replacedBy = (d.meta?.takeDown as { replacedBy?: string } | undefined)?.replacedBy;
  const state = takenDown(d) && replacedBy ? t('kind.popup.delivery_replaced', { id: replacedBy }) : t(takenDown(d) ? 'delivery.taken_down' : `delivery.${d.state}`);
  const parts = [`${label}: ${state}`];
  const url = liveUrl(d);
  if (url) parts.push(url);
  if (d.dryRun && d.state === 'done') parts.push(t('status.dry_run_note'));
  const progress = d.meta?.progress;
  const working = d.state === 'in_flight' || d.state === 'preparing';
  if (working && typeof progress === 'string') parts.push(progress);
  if ((d.state === 'failed' || d.state === 'unknown' || d.state === 'pending' || d.state === 'verifying') && d.error) parts.push(`— ${stripServerPaths(d.error.message)}`);
  // Counts a publisher keeps on the delivery (media email: accepted · deferred · refused).
  const summary = d.meta?.summary;
  if (!working && typeof summary === 'string' && summary) parts.push(`— ${summary}`);
  return parts.join(' ');
}

/** The status message in the thread, edited in place while the deliveries move. */
export function statusMessage(c: Comunicado): OutMessage {
  const heading = t('status.heading', { id: c.id, state: t(`state.${c.state}`) });
  const deliveries = Object.values(c.deliveries);
  const lines = deliveries.map(deliveryLine);
  const buttons: OutButton[] = [];
  for (const d of deliveries.filter((x) => x.state === 'unknown')) {
    buttons.push({ id: 'confirm_published', label: `${t('button.confirm_yes')} (${destinationLabel(d.destination)})`, value: `${c.id}|${d.destination}`, style: 'primary' });
    buttons.push({ id: 'confirm_not_published', label: `${t('button.confirm_no')} (${destinationLabel(d.destination)})`, value: `${c.id}|${d.destination}` });
  }
  if (deliveries.some((d) => d.state === 'failed') && !['publishing'].includes(c.state)) {
    buttons.push({ id: 'retry', label: t('button.retry'), value: c.id });
  }
  const body = [...lines, ...(buttons.some((b) => b.id.startsWith('confirm')) ? [t('status.unknown_hint')] : [])].join('\n');
  return { text: `${heading}\n${body}`, sections: [{ heading, body }], ...(buttons.length ? { buttons } : {}) };
}

/**
 * Every public link of a comunicado's deliveries, labelled by destination. A placement taken
 * down at the end of its vigencia has none (its line says «retirado (fin de vigencia)»).
 */
export function deliveryLinks(c: Comunicado): Array<{ label: string; url: string }> {
  return Object.values(c.deliveries)
    .filter((d) => liveUrl(d) && !takenDown(d))
    .map((d) => ({ label: `${destinationLabel(d.destination)}${d.dryRun ? ` ${t('status.dry_run_note')}` : ''}`, url: d.url! }));
}

/** The final message with every link. */
export function finalMessage(c: Comunicado): OutMessage {
  const heading = t('status.final', { id: c.id, title: c.content.title, state: t(`state.${c.state}`) });
  const links = deliveryLinks(c);
  // A done delivery with no public link (media email) is listed with its counts; a placement
  // taken down at the end of its vigencia says so.
  const others = Object.values(c.deliveries).filter((d) => !liveUrl(d) || takenDown(d)).map(deliveryLine);
  const text = [heading, ...links.map((l) => `• ${l.label}: ${l.url}`), ...others].join('\n');
  return { text, sections: [{ heading, body: others.join('\n') || undefined }], links };
}

/**
 * What the author hears when the publication settled, in their own place: one sentence
 * for the outcome, what did not go out and why, and every link itself.
 */
export function authorOutcomeMessage(c: Comunicado): OutMessage {
  const all = Object.values(c.deliveries);
  const key = c.state === 'published' ? 'reply.author_published' : c.state === 'failed' ? 'reply.author_failed' : 'reply.author_partial';
  const heading = t(key, { id: c.id, title: c.content.title });
  const links = deliveryLinks(c);
  const problems = all
    .filter((d) => d.state !== 'done' && d.state !== 'withdrawn')
    .map((d) =>
      d.state === 'failed' && d.error
        ? t('reply.author_failed_line', { destination: destinationLabel(d.destination), reason: stripServerPaths(d.error.message) })
        : d.state === 'failed'
          ? deliveryLine(d)
          : t('reply.author_unknown_line', { destination: destinationLabel(d.destination) }),
    );
  // A done delivery without a public link (media email) says what happened, with its counts.
  const unlinked = all.filter((d) => (d.state === 'done' && !d.url) || d.state === 'withdrawn').map(deliveryLine);
  const sections: NonNullable<OutMessage['sections']> = [{ body: heading }];
  const text = [heading];
  if (problems.length) {
    sections.push({ heading: t('reply.author_not_published'), body: problems.map((p) => `• ${p}`).join('\n') });
    text.push(`${t('reply.author_not_published')}:`, ...problems.map((p) => `• ${p}`));
  }
  if (unlinked.length) {
    sections.push({ body: unlinked.join('\n') });
    text.push(...unlinked);
  }
  if (all.some((d) => d.state === 'failed')) {
    sections.push({ body: t('reply.author_retry_hint', { id: c.id }) });
    text.push(t('reply.author_retry_hint', { id: c.id }));
  }
  if (links.length) {
    sections.push({ heading: t('reply.author_links') });
    text.push(`${t('reply.author_links')}:`, ...links.map((l) => `• ${l.label}: ${l.url}`));
  }
  return { text: text.join('\n'), sections, ...(links.length ? { links } : {}), mentions: [c.author.userId] };
}

/**
 * The author's note when images have no alt text: the real file names and the exact
 * message to send (a partial edit with one `alt` line per image).
 */
export function altMissingNotice(c: Comunicado): string | undefined {
  const files = imagesWithoutAlt(c.content);
  if (files.length === 0) return undefined;
  const intro =
    files.length === 1
      ? t('reply.alt_missing_one', { file: files[0]! })
      : t('reply.alt_missing_many', { files: files.map((f) => `«${f}»`).join(', ') });
  return [intro, t('reply.alt_edit_command', { id: c.id }), ...files.map((file) => t('reply.alt_line', { file }))].join('\n');
}

export function estadoDetail(c: Comunicado, zone: string): OutMessage {
  const heading = t('estado.detail_heading', { id: c.id, state: t(`state.${c.state}`) });
  const lines = [
    `«${c.content.title}»`,
    t('estado.version', { version: c.version, author: actorName(c.author), created: formatWhen(c.createdAt, zone) }),
  ];
  if (c.state === 'scheduled' && c.scheduledFor) lines.push(t('estado.scheduled', { when: formatWhen(c.scheduledFor, zone) }));
  if (c.rejection) lines.push(t('estado.rejection', { reason: c.rejection.reason }));
  lines.push(...kindEstadoLines(c, zone));
  lines.push(...Object.values(c.deliveries).map(deliveryLine));
  const history = c.audit.slice(-5).map((a) => `${formatWhen(a.at, zone)} · ${a.actor ? actorName(a.actor) : 'bot'} · ${auditLabel(a.action)}${auditNote(a)}`);
  const body = lines.join('\n');
  return {
    text: [heading, body, t('estado.history'), ...history].join('\n'),
    sections: [{ heading, body }, { heading: t('estado.history'), body: history.join('\n') }],
  };
}

/** Closed: nothing left to do (published with every delivery settled, rejected, withdrawn). */
/** Deliveries someone or something still has to settle (a lookup, a confirmation, a retry). */
const OPEN_DELIVERIES: readonly string[] = ['pending', 'preparing', 'in_flight', 'verifying', 'unknown'];

export function isClosed(s: ComunicadoSummary): boolean {
  if (!['published', 'rejected', 'withdrawn'].includes(s.state)) return false;
  return !Object.values(s.deliveries).some((d) => OPEN_DELIVERIES.includes(d));
}

function summaryList(items: ComunicadoSummary[], limit: number): string {
  const sorted = [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit);
  return sorted.map((s) => t('estado.item', { id: s.id, state: t(`state.${s.state}`), title: titleWithKind(s.title, s.kind) })).join('\n');
}

/** `/estado`: what is still in progress (waiting, scheduled, publishing, partial, unknown). */
export function estadoList(items: ComunicadoSummary[]): OutMessage {
  const open = items.filter((s) => !isClosed(s));
  if (open.length === 0) return { text: t('estado.none') };
  const heading = t('estado.list_heading');
  const body = summaryList(open, 30);
  return { text: `${heading}\n${body}`, sections: [{ heading, body }] };
}

/** `/estado recientes`: the last closed ones. */
export function estadoRecent(items: ComunicadoSummary[], limit = 10): OutMessage {
  const closed = items.filter(isClosed);
  if (closed.length === 0) return { text: t('estado.recent_none') };
  const heading = t('estado.recent_heading');
  const body = summaryList(closed, limit);
  return { text: `${heading}\n${body}`, sections: [{ heading, body }] };
}

/** The parenthesis after an audit line: its detail, or the content version it was about. */
function auditNote(a: AuditEntry): string {
  if (a.detail) return ` (${auditDetail(a.action, a.detail)})`;
  return a.version !== undefined ? ` (${t('audit.version', { version: a.version })})` : '';
}
