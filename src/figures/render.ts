import type { OutMessage } from '../chat/port.ts';
import type { Comunicado } from '../domain/comunicado.ts';
import { latestReading } from '../domain/figures.ts';
import { hasMessage, t } from '../messages/index.ts';
import { destinationLabel } from '../render/chat.ts';
import { formatWhen } from '../render/time.ts';
import { clicksByChannel, countClicks, type LinksDoc } from './links.ts';
import type { FiguresState } from './state.ts';

/** The order metrics are told in, every network alike. */
const ORDER = ['reach', 'views', 'reactions', 'likes', 'comments', 'shares', 'saved', 'quotes', 'clicks'];

/** "1.500", the way Colombia writes numbers. */
export const num = (n: number) => n.toLocaleString('es-CO');

export function metricLabel(name: string): string {
  const key = `figures.metric.${name}`;
  return hasMessage(key) ? t(key) : name;
}

export function networkLabel(network: string): string {
  const key = network === 'whatsapp' ? 'figures.network.whatsapp' : `chart.network.${network}`;
  return hasMessage(key) ? t(key) : network;
}

/** "alcance 1.500 · vistas 2.100 · reacciones 42". */
export function metricsText(metrics: Record<string, number>): string {
  const names = Object.keys(metrics).sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  return names.map((n) => `${metricLabel(n)} ${num(metrics[n]!)}`).join(' · ');
}

/** The figures of every destination and the bot's clicks, for `/estado ID`. */
export function figuresLines(c: Comunicado, links: LinksDoc | null, zone: string): string[] {
  const lines: string[] = [];
  for (const d of Object.values(c.deliveries)) {
    const f = d.figures;
    if (!f) continue;
    const destination = destinationLabel(d.destination);
    const last = latestReading(f);
    const next = f.polls.find((p) => p.state === 'pending' || p.state === 'claimed');
    if (f.status === 'gone') lines.push(t('figures.gone', { destination }));
    else if (f.status === 'no_permission' && !last) lines.push(t('figures.no_permission', { destination, permission: f.note ?? '?' }));
    else if (last) {
      const empty = !Object.keys(last.metrics).length;
      if (empty && d.destination.startsWith('portal:')) lines.push(t('figures.portal_no_views', { destination }));
      else lines.push(t('figures.line', { destination, metrics: metricsText(last.metrics) || '—', when: formatWhen(last.at, zone) }));
      if (f.note) lines.push(t('figures.partial_permission', { permission: f.note }));
    } else if (next) lines.push(t('figures.none_yet', { destination, when: formatWhen(next.retryAt ?? next.at, zone) }));
    if (f.missing?.length) lines.push(t('figures.missing_metrics', { metrics: f.missing.join(', ') }));
    if (last && next && f.status !== 'gone') lines.push(t('figures.next', { when: formatWhen(next.retryAt ?? next.at, zone) }));
  }
  const clicks = countClicks(links);
  if (links && Object.keys(links.codes).length) {
    lines.push(t('figures.clicks', { total: num(clicks.total) }));
    for (const [channel, count] of Object.entries(clicksByChannel(links))) {
      lines.push(t('figures.clicks_network', { network: channel.includes(':') ? destinationLabel(channel) : networkLabel(channel), count: num(count) }));
    }
    const members = Object.entries(clicks.byMember).sort((a, b) => b[1] - a[1]);
    if (members.length) lines.push(t('figures.clicks_members', { list: members.map(([name, n]) => `${name} ${num(n)}`).join(', ') }));
  }
  return lines;
}

/** `/estado ID` with the figures appended as their own section (nothing when there are none). */
export function withFigures(message: OutMessage, lines: string[]): OutMessage {
  if (!lines.length) return message;
  const heading = t('figures.heading');
  const body = lines.join('\n');
  return { ...message, text: `${message.text}\n${heading}\n${body}`, sections: [...(message.sections ?? [{ body: message.text }]), { heading, body }] };
}

/** What /cuentas says about figures: missing permissions, waits, retired metrics. */
export function cuentasLines(state: FiguresState, now: Date, zone: string): string[] {
  const lines: string[] = [];
  for (const [dest, p] of Object.entries(state.permissions)) {
    lines.push(t('figures.cuentas_permission', { destination: destinationLabel(dest), permission: p.permission, detail: p.detail }));
  }
  for (const [dest, until] of Object.entries(state.waits)) {
    if (Date.parse(until) > now.getTime()) lines.push(t('figures.cuentas_wait', { destination: destinationLabel(dest), when: formatWhen(until, zone) }));
  }
  for (const [dest, metrics] of Object.entries(state.gone)) {
    if (metrics.length) lines.push(t('figures.cuentas_gone_metrics', { destination: destinationLabel(dest), metrics: metrics.join(', ') }));
  }
  return lines;
}
