import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { OutMessage } from '../../chat/port.ts';
import { svgToPng } from '../../digest/chart.ts';
import { hasMessage, t } from '../../messages/index.ts';
import { escapeHtml as escapeXml } from '../../render/escape.ts';
import { destinationLabel } from '../../render/chat.ts';
import { networkLabel, num } from '../render.ts';
import type { MonthReport } from './data.ts';

const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
const COLORS: Record<string, string> = {
  portal: '#1f4e79',
  facebook: '#1877f2',
  instagram: '#c13584',
  x: '#222222',
  youtube: '#e62117',
  email: '#2e8b57',
  whatsapp: '#25d366',
};
export const REPORT_CHART_WIDTH = 1000;

/** "noviembre de 2026". */
export function monthName(r: Pick<MonthReport, 'month' | 'zone'>): string {
  return DateTime.fromISO(`${r.month}-01`, { zone: r.zone }).setLocale('es-CO').toFormat("LLLL 'de' yyyy");
}

export function kindLabel(kind: string): string {
  const key = `kind.${kind}`;
  return hasMessage(key) ? t(key) : kind;
}

const text = (x: number, y: number, s: string, attrs = '') => `<text x="${x}" y="${y}" font-family="${FONT}" ${attrs}>${escapeXml(s)}</text>`;

interface Bar {
  label: string;
  value: number;
  /** A second value drawn as a thinner bar under the first (clicks under reach). */
  second?: number;
  color: string;
  note?: string;
}

/** Horizontal bars with their values: plain shapes and text, rendered by sharp (librsvg). */
export function barsSvg(title: string, subtitle: string, bars: Bar[], legend?: { first: string; second: string }): string {
  const W = REPORT_CHART_WIDTH;
  const rowH = legend ? 40 : 30;
  const top = legend ? 110 : 90;
  const H = Math.max(220, top + bars.length * rowH + 40);
  const out = [`<rect width="${W}" height="${H}" fill="#ffffff"/>`];
  out.push(text(40, 38, title, 'font-size="22" font-weight="bold" fill="#111"'));
  out.push(text(40, 62, subtitle, 'font-size="14" fill="#555"'));
  if (legend) {
    out.push(`<rect x="40" y="76" width="14" height="14" fill="#555"/>`, text(60, 88, legend.first, 'font-size="13" fill="#333"'));
    out.push(`<rect x="240" y="80" width="14" height="6" fill="#f4a261"/>`, text(260, 88, legend.second, 'font-size="13" fill="#333"'));
  }
  const bx = 260;
  const bw = 420;
  // Each measure on its own scale: clicks are not drawn against reach.
  const max = Math.max(1, ...bars.map((b) => b.value));
  const max2 = Math.max(1, ...bars.map((b) => b.second ?? 0));
  if (!bars.length) out.push(text(40, top + 20, t('report.empty'), 'font-size="15" fill="#555"'));
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    out.push(text(40, y + 16, b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label, 'font-size="13" fill="#333"'));
    out.push(`<rect x="${bx}" y="${y}" width="${bw}" height="22" fill="#eef2f6"/>`);
    if (b.value) out.push(`<rect x="${bx}" y="${y}" width="${((bw * b.value) / max).toFixed(1)}" height="22" fill="${b.color}"/>`);
    if (legend && b.second) out.push(`<rect x="${bx}" y="${y + 25}" width="${((bw * b.second) / max2).toFixed(1)}" height="8" fill="#f4a261"/>`);
    out.push(text(bx + bw + 12, y + 16, b.note ?? num(b.value), 'font-size="13" fill="#333"'));
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${out.join('')}</svg>`;
}

export interface ReportFiles {
  charts: Array<{ filename: string; data: Buffer; title: string }>;
  csv: { filename: string; data: Buffer; title: string };
}

/** The monthly report's PNG charts (the digest's chart stack) and its CSV, in Spanish. */
export async function reportFiles(r: MonthReport): Promise<ReportFiles> {
  const month = monthName(r);
  const subtitle = t('report.subtitle', { from: r.from, to: r.to, count: r.comunicados.length });
  const kinds = barsSvg(
    t('report.chart.kinds', { month }),
    subtitle,
    Object.entries(r.byKind).map(([k, n]) => ({ label: kindLabel(k), value: n, color: '#1f4e79' })),
  );
  const channels = barsSvg(
    t('report.chart.channels', { month }),
    subtitle,
    Object.entries(r.publications)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([d, p]) => ({ label: destinationLabel(d), value: p.done + p.simulated, color: COLORS[d.split(':')[0]!] ?? '#555', ...(p.simulated ? { note: t('report.simulated', { n: num(p.done + p.simulated), s: num(p.simulated) }) } : {}) })),
  );
  const networks = barsSvg(
    t('report.chart.networks', { month }),
    subtitle,
    Object.entries(r.networks).map(([n, v]) => ({ label: networkLabel(n), value: v.reach, second: v.clicks, color: COLORS[n] ?? '#555', note: t('report.reach_clicks', { reach: num(v.reach), clicks: num(v.clicks) }) })),
    { first: t('report.legend.reach'), second: t('report.legend.clicks') },
  );
  const members = barsSvg(
    t('report.chart.members', { month }),
    t('report.members_subtitle', { accepted: num(r.email.accepted), deferred: num(r.email.deferred), refused: num(r.email.refused) }),
    Object.entries(r.members)
      .sort((a, b) => b[1].clicks - a[1].clicks || a[0].localeCompare(b[0]))
      .map(([name, m]) => ({ label: name, value: m.shared, second: m.clicks, color: COLORS['whatsapp']!, note: t('report.member_note', { shared: num(m.shared), sent: num(m.sent), clicks: num(m.clicks) }) })),
    { first: t('report.legend.shared'), second: t('report.legend.clicks') },
  );
  const charts = [];
  for (const [name, svg] of [['tipos', kinds], ['canales', channels], ['redes', networks], ['difusion', members]] as const) {
    charts.push({ filename: `informe-${r.month}-${name}.png`, data: await svgToPng(svg), title: t(`report.file.${name}`, { month }) });
  }
  return { charts, csv: { filename: `informe-${r.month}.csv`, data: Buffer.from(reportCsv(r), 'utf8'), title: t('report.file.csv', { month }) } };
}

/** One CSV (semicolon, BOM: opens in a Spanish-locale spreadsheet): section, item, measure, value. */
export function reportCsv(r: MonthReport): string {
  const rows: Array<Array<string | number>> = [[t('report.csv.section'), t('report.csv.item'), t('report.csv.measure'), t('report.csv.value')]];
  const when = (iso?: string) => (iso ? DateTime.fromISO(iso, { zone: 'utc' }).setZone(r.zone).toFormat('yyyy-MM-dd HH:mm') : '');
  for (const c of r.comunicados) {
    const item = `${c.id} «${c.title}»`;
    rows.push([t('report.csv.comunicados'), item, t('report.csv.kind'), kindLabel(c.kind)]);
    const state = `state.${c.state}`;
    rows.push([t('report.csv.comunicados'), item, t('report.csv.state'), hasMessage(state) ? t(state) : c.state]);
    if (c.publishedAt) rows.push([t('report.csv.comunicados'), item, t('report.csv.published'), when(c.publishedAt)]);
    rows.push([t('report.csv.comunicados'), item, t('report.legend.reach'), c.reach], [t('report.csv.comunicados'), item, t('report.legend.clicks'), c.clicks]);
  }
  for (const [k, n] of Object.entries(r.byKind)) rows.push([t('report.csv.by_kind'), kindLabel(k), t('report.csv.count'), n]);
  for (const [d, p] of Object.entries(r.publications)) {
    rows.push([t('report.csv.channels'), destinationLabel(d), t('report.csv.done'), p.done]);
    if (p.simulated) rows.push([t('report.csv.channels'), destinationLabel(d), t('report.csv.simulated'), p.simulated]);
  }
  for (const [n, v] of Object.entries(r.networks)) {
    rows.push([t('report.csv.networks'), networkLabel(n), t('report.legend.reach'), v.reach], [t('report.csv.networks'), networkLabel(n), t('report.legend.clicks'), v.clicks]);
  }
  for (const k of ['accepted', 'deferred', 'refused'] as const) rows.push([t('report.csv.email'), t('report.csv.email_all'), t(`report.csv.email_${k}`), r.email[k]]);
  for (const [name, m] of Object.entries(r.members)) {
    rows.push([t('report.csv.members'), name, t('report.csv.sent'), m.sent], [t('report.csv.members'), name, t('report.legend.shared'), m.shared], [t('report.csv.members'), name, t('report.legend.clicks'), m.clicks]);
  }
  return `\uFEFF${stringify(rows, { delimiter: ';', record_delimiter: 'windows' })}`;
}

/** The chat message that goes with the files: the month in a few lines. */
export function reportMessage(r: MonthReport): OutMessage {
  const month = monthName(r);
  const heading = t('report.heading', { month });
  const reach = Object.values(r.networks).reduce((a, v) => a + v.reach, 0);
  const clicks = Object.values(r.networks).reduce((a, v) => a + v.clicks, 0);
  const published = Object.values(r.publications).reduce((a, p) => a + p.done, 0);
  const members = Object.values(r.members);
  const lines = [
    t('report.line.comunicados', { count: num(r.comunicados.length), kinds: Object.entries(r.byKind).map(([k, n]) => `${kindLabel(k)} ${num(n)}`).join(', ') || '—' }),
    t('report.line.publications', { count: num(published) }),
    t('report.line.reach', { reach: num(reach), clicks: num(clicks) }),
    t('report.line.email', { accepted: num(r.email.accepted), deferred: num(r.email.deferred), refused: num(r.email.refused) }),
    t('report.line.handoff', { shared: num(members.reduce((a, m) => a + m.shared, 0)), sent: num(members.reduce((a, m) => a + m.sent, 0)), members: num(members.length) }),
    t('report.line.files'),
  ];
  return { text: [heading, ...lines].join('\n'), sections: [{ heading, body: lines.join('\n') }] };
}
