import { DateTime } from 'luxon';
import { t } from '../messages/index.ts';
import { escapeHtml as escapeXml } from '../render/escape.ts';
import { NETWORKS, type ChartData, type Network } from './chart-data.ts';

export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 600;
/** Height with the reach-per-network band (when any delivery has figures). */
export const CHART_HEIGHT_WITH_REACH = 800;

const COLORS: Record<Network, string> = {
  portal: '#1f4e79',
  facebook: '#1877f2',
  instagram: '#c13584',
  x: '#222222',
  youtube: '#e62117',
  email: '#2e8b57',
};
const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" font-family="${FONT}" ${attrs}>${escapeXml(s)}</text>`;
}

/** A round axis maximum: 1, 2, 5, 10, 20, 50... at or above `n`. */
function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/**
 * The weekly picture as SVG: stacked bars (deliveries per day, one colour per network)
 * over 4 weeks, and below, the share of team members who confirmed their WhatsApp
 * hand-off, week by week. Plain shapes and text only, so librsvg (sharp) renders it.
 */
export function chartSvg(d: ChartData, zone: string): string {
  const out: string[] = [];
  const W = CHART_WIDTH;
  const fmt = (day: string, f: string) => DateTime.fromISO(day, { zone }).setLocale('es-CO').toFormat(f);
  const total = NETWORKS.reduce((n, k) => n + d.series[k].reduce((a, b) => a + b, 0), 0);
  const H = d.reach ? CHART_HEIGHT_WITH_REACH : CHART_HEIGHT;
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(text(40, 38, t('chart.title'), 'font-size="22" font-weight="bold" fill="#111"'));
  const range = { from: fmt(d.days[0]!, "d 'de' LLL"), to: fmt(d.days.at(-1)!, "d 'de' LLL"), total };
  out.push(text(40, 62, t(d.simulated ? 'chart.subtitle_simulated' : 'chart.subtitle', range), 'font-size="14" fill="#555"'));

  // Legend.
  let lx = 40;
  for (const n of NETWORKS) {
    out.push(`<rect x="${lx}" y="76" width="14" height="14" fill="${COLORS[n]}"/>`);
    const label = t(`chart.network.${n}`);
    out.push(text(lx + 20, 88, label, 'font-size="13" fill="#333"'));
    lx += 34 + label.length * 8;
  }

  // Stacked bars per day.
  const x0 = 70;
  const x1 = W - 30;
  const top = 110;
  const bottom = 370;
  const perDay = d.days.map((_, i) => NETWORKS.reduce((n, k) => n + d.series[k][i]!, 0));
  const max = niceMax(Math.max(0, ...perDay));
  const scale = (bottom - top) / max;
  for (const v of [0, max / 2, max]) {
    const y = bottom - v * scale;
    out.push(`<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#ddd" stroke-width="1"/>`);
    out.push(text(x0 - 8, y + 4, Number.isInteger(v) ? String(v) : v.toFixed(1), 'font-size="12" fill="#555" text-anchor="end"'));
  }
  const slot = (x1 - x0) / d.days.length;
  d.days.forEach((day, i) => {
    const x = x0 + i * slot + slot * 0.15;
    let y = bottom;
    for (const n of NETWORKS) {
      const h = d.series[n][i]! * scale;
      if (h <= 0) continue;
      y -= h;
      out.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[n]}"/>`);
    }
    out.push(text(x0 + i * slot + slot / 2, bottom + 16, fmt(day, 'd'), 'font-size="11" fill="#555" text-anchor="middle"'));
    if (i % 7 === 0) out.push(`<line x1="${x0 + i * slot}" y1="${top}" x2="${x0 + i * slot}" y2="${bottom + 22}" stroke="#bbb" stroke-dasharray="3,3"/>`);
    // The month under each week's start and under the 1st of a month.
    if (i % 7 === 0 || fmt(day, 'd') === '1') out.push(text(x0 + i * slot + 4, bottom + 34, fmt(day, 'LLL'), 'font-size="11" fill="#777"'));
  });
  out.push(`<line x1="${x0}" y1="${bottom}" x2="${x1}" y2="${bottom}" stroke="#888" stroke-width="1"/>`);

  // Hand-off coverage per week.
  out.push(text(40, 440, t('chart.coverage_title'), 'font-size="17" font-weight="bold" fill="#111"'));
  const bx = 260;
  const bw = 520;
  d.weeks.forEach((w, i) => {
    const y = 458 + i * 34;
    out.push(text(40, y + 16, t('chart.week', { date: fmt(w.start, "d 'de' LLL") }), 'font-size="13" fill="#333"'));
    out.push(`<rect x="${bx}" y="${y}" width="${bw}" height="22" fill="#eef2f6"/>`);
    const pct = w.sent ? Math.round((100 * w.shared) / w.sent) : 0;
    if (w.sent) out.push(`<rect x="${bx}" y="${y}" width="${((bw * pct) / 100).toFixed(1)}" height="22" fill="#25d366"/>`);
    const label = w.sent ? t('chart.coverage_value', { pct, shared: w.shared, sent: w.sent }) : t('chart.coverage_none');
    out.push(text(bx + bw + 12, y + 16, label, 'font-size="13" fill="#333"'));
  });

  // Reach per network (figures read from each network), one bar each.
  if (d.reach) {
    out.push(text(40, 620, t('figures.chart_reach_title'), 'font-size="17" font-weight="bold" fill="#111"'));
    const nets = NETWORKS.filter((n) => n !== 'email');
    const max = Math.max(1, ...nets.map((n) => d.reach![n] ?? 0));
    nets.forEach((n, i) => {
      const y = 636 + i * 30;
      const v = d.reach![n] ?? 0;
      out.push(text(40, y + 16, t(`chart.network.${n}`), 'font-size="13" fill="#333"'));
      out.push(`<rect x="${bx}" y="${y}" width="${bw}" height="20" fill="#eef2f6"/>`);
      if (v) out.push(`<rect x="${bx}" y="${y}" width="${((bw * v) / max).toFixed(1)}" height="20" fill="${COLORS[n]}"/>`);
      out.push(text(bx + bw + 12, y + 15, v ? v.toLocaleString('es-CO') : t('figures.chart_reach_none'), 'font-size="13" fill="#333"'));
    });
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${out.join('')}</svg>`;
}
