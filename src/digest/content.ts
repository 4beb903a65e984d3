import { DateTime } from 'luxon';
import type { OutMessage } from '../chat/port.ts';
import type { State } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { destinationLabel } from '../render/chat.ts';
import { formatWhen } from '../render/time.ts';

/** Everything the digest says, gathered from the store (collect.ts); rendering is pure. */
export interface DigestData {
  now: Date;
  since: Date;
  zone: string;
  published: Array<{
    id: string;
    title: string;
    state: State;
    links: Array<{ destination: string; url: string; dryRun: boolean }>;
    /** Deliveries told by counts rather than a link (media email: accepted, deferred, refused). */
    summaries?: Array<{ destination: string; summary: string }>;
    /** Placements already taken down at the end of their vigencia (a link only if still online). */
    takenDown?: Array<{ destination: string; url?: string }>;
  }>;
  pending: Array<{ id: string; title: string; author: string; since: string }>;
  attention: Array<{ id: string; destination: string; state: 'failed' | 'unknown'; message: string }>;
  scheduledToday: Array<{ id: string; title: string; at: string }>;
  vigencias: Array<{ id: string; title: string; day: string; when: 'today' | 'tomorrow'; placements: string[] }>;
  accounts: Array<{ destination: string; kind: 'failed' | 'expires'; at: string; message?: string }>;
  coverage: Array<{ id: string; title: string; shared: string[]; missing: string[]; notSent: string[]; total: number }>;
  /** Convocatorias still open (published, deadline ahead), soonest first. */
  convocatorias?: Array<{ id: string; title: string; closesAt: string; daysLeft: number }>;
}

export interface DigestOptions {
  onDemand?: boolean;
  /** The digest's due time when it is sent late (the bot was down at that hour). */
  missedAt?: Date;
}

/** "3 h", "45 min", "2 d 4 h": how long something has been waiting. */
export function formatAge(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 60) return t('digest.age.minutes', { m: min });
  const h = Math.floor(min / 60);
  if (h < 24) return t('digest.age.hours', { h });
  return t('digest.age.days', { d: Math.floor(h / 24), h: h % 24 });
}

function names(list: string[]): string {
  return list.join(', ');
}

/**
 * The digest as a chat message: one section per kind of news, empty ones left out, in the
 * order a Jefe de Oficina reads them in the morning (what went out, what waits for them,
 * what broke, what comes today, what ends, accounts, and who shared on WhatsApp).
 */
export function buildDigest(d: DigestData, options: DigestOptions = {}): OutMessage {
  const date = DateTime.fromJSDate(d.now, { zone: d.zone }).setLocale('es-CO').toFormat("cccc d 'de' LLLL");
  const heading = t(options.onDemand ? 'digest.heading_on_demand' : 'digest.heading', { date });
  const sections: NonNullable<OutMessage['sections']> = [];
  const add = (title: string, lines: string[]) => {
    if (lines.length) sections.push({ heading: title, body: lines.join('\n') });
  };
  const when = (iso: string) => formatWhen(iso, d.zone);

  add(
    t('digest.published', { since: when(d.since.toISOString()) }),
    d.published.flatMap((p) => [
      t('digest.published_item', { id: p.id, title: p.title, state: t(`state.${p.state}`).toLowerCase() }),
      ...p.links.map((l) => t('digest.link', { destination: destinationLabel(l.destination), url: l.dryRun ? `${l.url} ${t('digest.simulated')}` : l.url })),
      ...(p.summaries ?? []).map((s) => t('digest.link', { destination: destinationLabel(s.destination), url: s.summary })),
      ...(p.takenDown ?? []).map((x) => t('digest.link', { destination: destinationLabel(x.destination), url: [t('delivery.taken_down'), x.url].filter(Boolean).join(' ') })),
    ]),
  );
  add(
    t('digest.pending'),
    d.pending.map((p) => t('digest.pending_item', { id: p.id, title: p.title, author: p.author, age: formatAge(d.now.getTime() - Date.parse(p.since)) })),
  );
  const attention = d.attention.map((a) =>
    t('digest.attention_item', { id: a.id, destination: destinationLabel(a.destination), state: t(`delivery.${a.state}`), message: a.message }),
  );
  add(t('digest.attention'), attention.length ? [...attention, t('digest.attention_hint')] : []);
  add(
    t('digest.scheduled'),
    d.scheduledToday.map((s) => t('digest.scheduled_item', { time: DateTime.fromISO(s.at, { zone: 'utc' }).setZone(d.zone).toFormat('HH:mm'), id: s.id, title: s.title })),
  );
  add(
    t('digest.vigencia'),
    d.vigencias.map((v) =>
      t('digest.vigencia_item', { id: v.id, title: v.title, placements: v.placements.map(destinationLabel).join(', '), day: t(v.when === 'today' ? 'digest.today' : 'digest.tomorrow') }),
    ),
  );
  add(
    t('digest.convocatorias'),
    (d.convocatorias ?? []).map((c) =>
      t('digest.convocatoria_item', {
        id: c.id,
        title: c.title,
        when: when(c.closesAt),
        left: c.daysLeft === 0 ? t('digest.last_day') : c.daysLeft === 1 ? t('digest.day_left') : t('digest.days_left', { n: c.daysLeft }),
      }),
    ),
  );
  add(
    t('digest.accounts'),
    d.accounts.map((a) =>
      a.kind === 'failed'
        ? t('digest.account_failed', { destination: destinationLabel(a.destination), when: when(a.at), message: a.message ?? '' })
        : t('digest.account_expires', { destination: destinationLabel(a.destination), when: when(a.at) }),
    ),
  );
  add(
    t('digest.coverage'),
    d.coverage.flatMap((c) => {
      const lines = [t('digest.coverage_item', { id: c.id, title: c.title, shared: c.shared.length, total: c.total })];
      if (c.shared.length) lines.push(t('digest.coverage_shared', { names: names(c.shared) }));
      if (c.missing.length) lines.push(t('digest.coverage_missing', { names: names(c.missing) }));
      if (c.notSent.length) lines.push(t('digest.coverage_not_sent', { names: names(c.notSent) }));
      return lines;
    }),
  );

  const intro: string[] = [];
  if (options.missedAt) intro.push(t('digest.missed_note', { when: when(options.missedAt.toISOString()) }));
  if (!sections.length) intro.push(t('digest.all_clear'));
  const all = [{ heading, ...(intro.length ? { body: intro.join('\n') } : {}) }, ...sections];
  const text = all.map((s) => [s.heading, s.body].filter(Boolean).join('\n')).join('\n\n');
  return { text, sections: all };
}
