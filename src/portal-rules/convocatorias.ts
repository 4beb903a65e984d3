import { DateTime } from 'luxon';
import type { Comunicado, Destination } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { SYSTEM } from '../publish/engine.ts';
import type { PublishContext } from '../publish/port.ts';
import { LIMITS } from '../domain/form.ts';
import { formatWhen } from '../render/time.ts';
import type { Services } from '../service/extension.ts';
import type { ComunicadoSummary } from '../store/port.ts';

const DAY_MS = 86_400_000;
/** Attempts at updating the noticia before a person is asked to. */
const MAX_CLOSE_ATTEMPTS = 5;
const CLOSE_RETRY_MS = 30 * 60_000;
/** Social accounts a reminder can go to without an image or a video (Instagram and YouTube need one). */
const TEXT_NETWORKS = ['facebook:', 'x:'];

/**
 * The instant a comunicado's slider, banner and pop-up come down, and why: the end of the
 * last day of its `vigencia` (office time zone), or a convocatoria's `cierre`, whichever
 * comes first. Undefined when it has neither.
 */
export function placementsEnd(s: Pick<ComunicadoSummary, 'vigenciaHasta' | 'closesAt'>, zone: string): { at: number; reason: 'vigencia' | 'cierre' } | undefined {
  const vig = s.vigenciaHasta ? DateTime.fromISO(s.vigenciaHasta, { zone }).endOf('day').toMillis() : undefined;
  const cierre = s.closesAt ? Date.parse(s.closesAt) : undefined;
  if (cierre !== undefined && (vig === undefined || cierre <= vig)) return { at: cierre, reason: 'cierre' };
  return vig !== undefined ? { at: vig, reason: 'vigencia' } : undefined;
}

/** Whole days left until `closesAt` (the deadline's day counts as one while it lasts). */
export function daysLeft(closesAt: string, now: Date, zone: string): number {
  const end = DateTime.fromISO(closesAt, { zone: 'utc' }).setZone(zone).startOf('day');
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  return Math.max(0, Math.round(end.diff(today, 'days').days));
}

/** The open convocatorias (published, deadline ahead), soonest first, for the digest. */
export function openConvocatorias(summaries: ComunicadoSummary[], now: Date, zone: string): Array<{ id: string; title: string; closesAt: string; daysLeft: number }> {
  return summaries
    .filter((s) => s.kind === 'convocatoria' && s.closesAt && Date.parse(s.closesAt) > now.getTime() && (s.state === 'published' || s.state === 'partially_published'))
    .sort((a, b) => a.closesAt!.localeCompare(b.closesAt!))
    .map((s) => ({ id: s.id, title: s.title, closesAt: s.closesAt!, daysLeft: daysLeft(s.closesAt!, now, zone) }));
}

function done(c: Comunicado, action: string): boolean {
  return c.audit.some((a) => a.action === action);
}

/**
 * The convocatorias' own life, on the scheduler's tick and clock: a configurable number of
 * days before `cierre` the bot prepares the «Últimos días para …» reminder (a new post that
 * goes to approval: nothing goes out without the Jefe), and at `cierre` the noticia gets a
 * «Convocatoria cerrada el …» line as an update of the same post. The placements come down
 * at `cierre` with the vigencia take-down (src/schedule/vigencia.ts). Each step is
 * recorded in the convocatoria's history, so it happens once across restarts.
 */
export async function convocatoriasTick(services: Services): Promise<void> {
  const now = services.now();
  const days = services.config.convocatorias.reminderDaysBefore;
  for (const s of await services.store.list()) {
    if (s.kind !== 'convocatoria' || !s.closesAt || !['published', 'partially_published'].includes(s.state)) continue;
    const closes = Date.parse(s.closesAt);
    const remindFrom = closes - days * DAY_MS;
    if (now.getTime() < remindFrom) continue;
    const c = await services.store.get(s.id);
    if (!c) continue;
    try {
      // A convocatoria published inside the window is announced already: no reminder then.
      const publishedBefore = c.publishedAt ? Date.parse(c.publishedAt) < remindFrom : false;
      if (days > 0 && now.getTime() < closes && publishedBefore && !done(c, 'convocatoria_reminder')) await prepareReminder(services, c);
      if (now.getTime() >= closes && !done(c, 'convocatoria_closed') && !done(c, 'convocatoria_close_manual')) await closeNoticia(services, c);
    } catch (err) {
      services.logger.error({ err, comunicado: c.id }, 'convocatoria step not done');
    }
  }
}

/** The reminder's plain-text form: title, lead with the deadline, where to sign up, its destinations. */
export function reminderText(c: Comunicado, zone: string, noticiaUrl: string | undefined): { text: string; destinations: Destination[] } {
  const when = formatWhen(c.content.closesAt!, zone);
  const title = Array.from(t('kind.reminder.title', { title: c.content.title })).slice(0, LIMITS.title).join('');
  const where = c.content.registrationUrl ?? noticiaUrl;
  const lead = t('kind.reminder.lead', { when, title: c.content.title });
  const body = where ? t('kind.reminder.body', { url: where }) : '';
  let destinations = c.content.destinations.filter((d) => TEXT_NETWORKS.some((n) => d.startsWith(n)));
  if (!destinations.length) destinations = ['facebook:alcaldia', 'x:alcaldia'];
  const text = [title, '', lead, ...(body ? ['', body] : []), `destinos: ${destinations.join(', ')}`, 'tipo: aviso'].join('\n');
  return { text, destinations };
}

async function prepareReminder(services: Services, c: Comunicado): Promise<void> {
  const zone = services.config.office.timezone;
  // Recorded first: a crash after this never prepares a second reminder.
  await services.store.update(c.id, (cur) => {
    cur.audit.push({ at: services.now().toISOString(), actor: SYSTEM, action: 'convocatoria_reminder', detail: t('kind.reminder.preparing') });
    return cur;
  });
  const noticia = c.deliveries['portal:noticia'];
  const { text } = reminderText(c, zone, noticia?.state === 'done' ? noticia.url : undefined);
  const origin = { platform: c.origin.platform, channel: c.origin.channel, ...(c.origin.threadId ? { threadId: c.origin.threadId } : {}) };
  const thread = services.comunicados.previewThread(c);
  try {
    const reminder = await services.comunicados.submit({ text, files: [], actor: c.author, origin });
    const at = services.now().toISOString();
    await services.store.update(reminder.id, (cur) => {
      cur.audit.push({ at, actor: SYSTEM, action: 'reminder_of', detail: t('kind.reminder.of', { id: c.id }) });
      return cur;
    });
    await services.store.update(c.id, (cur) => {
      cur.audit.push({ at, actor: SYSTEM, action: 'convocatoria_reminder_ready', detail: t('kind.reminder.ready_detail', { id: reminder.id }) });
      return cur;
    });
    await services.chats.tryPost(c.origin.platform, thread, { text: t('kind.reminder.thread', { id: c.id, reminder: reminder.id, days: daysLeft(c.content.closesAt!, services.now(), zone) }) });
  } catch (err) {
    services.logger.error({ err, comunicado: c.id }, 'convocatoria reminder not prepared');
    await services.chats.tryPost(c.origin.platform, thread, { text: t('kind.reminder.failed', { id: c.id }) });
  }
}

async function closeNoticia(services: Services, c: Comunicado): Promise<void> {
  const zone = services.config.office.timezone;
  const when = formatWhen(c.content.closesAt!, zone);
  const failures = c.audit.filter((a) => a.action === 'convocatoria_close_failed');
  const last = failures.at(-1);
  if (last && services.now().getTime() - Date.parse(last.at) < CLOSE_RETRY_MS) return;
  const d = c.deliveries['portal:noticia'];
  const thread = services.comunicados.previewThread(c);
  const record = async (action: string, detail: string) =>
    services.store.update(c.id, (cur) => {
      cur.audit.push({ at: services.now().toISOString(), actor: SYSTEM, action, detail });
      return cur;
    });
  if (!d || d.state !== 'done' || d.takenDownAt) {
    await record('convocatoria_closed', t('kind.close.no_noticia'));
    await services.chats.tryPost(c.origin.platform, thread, { text: t('kind.close.thread_no_noticia', { id: c.id, when }) });
    return;
  }
  const publisher = services.registry.get('portal:noticia');
  const line = t('kind.close.line', { when });
  if (!publisher.markClosed) {
    if (publisher.dryRun || d.dryRun) {
      await record('convocatoria_closed', `portal:noticia: ${t('kind.close.simulated')}`);
      await services.chats.tryPost(c.origin.platform, thread, { text: t('kind.close.thread', { id: c.id, when, detail: t('kind.close.simulated') }) });
    } else {
      await record('convocatoria_close_manual', `portal:noticia: ${line}`);
      await services.chats.tryPost(c.origin.platform, thread, { text: t('kind.close.manual', { id: c.id, line }) });
    }
    return;
  }
  const ctx: PublishContext = { dataDir: services.dataDir, logger: services.logger.child({ module: 'convocatorias', comunicado: c.id }), progress: () => {} };
  try {
    const result = await publisher.markClosed(c, d, ctx, line);
    await record('convocatoria_closed', `portal:noticia: ${result.detail}`);
    await services.chats.tryPost(c.origin.platform, thread, { text: t('kind.close.thread', { id: c.id, when, detail: result.detail }) });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const attempt = failures.length + 1;
    await record('convocatoria_close_failed', `portal:noticia: ${detail}`);
    if (attempt >= MAX_CLOSE_ATTEMPTS) {
      await record('convocatoria_close_manual', `portal:noticia: ${line}`);
      await services.chats.tryPost(c.origin.platform, thread, { text: t('kind.close.manual', { id: c.id, line }) });
    } else if (attempt === 1) {
      await services.chats.tryPost(c.origin.platform, thread, { text: t('kind.close.failed', { id: c.id, detail, attempt, max: MAX_CLOSE_ATTEMPTS }) });
    }
  }
}
