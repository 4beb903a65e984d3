import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { HandoffRecord } from '../../../src/handoff/record.ts';
import { chartData } from '../../../src/digest/chart-data.ts';
import { chartSvg, CHART_HEIGHT, CHART_WIDTH } from '../../../src/digest/chart-svg.ts';
import { svgToPng } from '../../../src/digest/chart.ts';
import { handoffRecord, seeded } from '../../fakes/handoff/seed.ts';

const ZONE = 'America/Bogota';

function published(id: string, finishedAt: string, destinations: string[], dryRun = false) {
  return seeded(id, 'published', {
    createdAt: finishedAt,
    content: { title: id },
    deliveries: destinations.map((destination) => ({ destination: destination as 'portal:noticia', state: 'done' as const, url: `https://x.test/${id}`, finishedAt, dryRun })),
  });
}

describe('weekly chart', () => {
  // The 4 weeks ending Sunday 1 March 2026 (days in Ibagué).
  const comunicados = [
    published('C-2026-0001', '2026-02-02T15:00:00Z', ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia']),
    published('C-2026-0002', '2026-02-02T23:30:00Z', ['portal:noticia', 'instagram:alcalde']),
    // 03:00 UTC on 3 Feb is still 2 Feb in Ibagué.
    published('C-2026-0003', '2026-02-03T03:00:00Z', ['facebook:alcalde']),
    published('C-2026-0004', '2026-03-01T20:00:00Z', ['portal:noticia', 'youtube:alcaldia', 'email:todos']),
    // Outside the window.
    published('C-2026-0005', '2026-03-02T14:00:00Z', ['portal:noticia']),
    published('C-2026-0006', '2026-02-01T14:00:00Z', ['portal:noticia']),
  ];
  const handoffs: HandoffRecord[] = [
    handoffRecord('C-2026-0001', 'x', '2026-02-02T15:05:00Z', [
      { name: 'A', slug: 'a', state: 'sent', confirmed: true },
      { name: 'B', slug: 'b', state: 'sent' },
      { name: 'C', slug: 'c', state: 'failed' },
    ]),
    handoffRecord('C-2026-0004', 'x', '2026-03-01T20:05:00Z', [
      { name: 'A', slug: 'a', state: 'sent', confirmed: true },
      { name: 'B', slug: 'b', state: 'unknown', confirmed: true },
    ]),
  ];

  it('counts deliveries per day (office time zone) and per network, and coverage per week', () => {
    const d = chartData(comunicados, handoffs, '2026-03-01', ZONE);
    expect(d.days).toHaveLength(28);
    expect(d.days[0]).toBe('2026-02-02');
    expect(d.days.at(-1)).toBe('2026-03-01');
    expect(d.series.portal[0]).toBe(2);
    expect(d.series.facebook[0]).toBe(2);
    expect(d.series.x[0]).toBe(1);
    expect(d.series.instagram[0]).toBe(1);
    expect(d.series.portal[1]).toBe(0);
    expect(d.series.portal[27]).toBe(1);
    expect(d.series.youtube[27]).toBe(1);
    expect(d.series.email[27]).toBe(1);
    const total = Object.values(d.series).flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(9);
    expect(d.weeks).toEqual([
      { start: '2026-02-02', sent: 2, shared: 1 },
      { start: '2026-02-09', sent: 0, shared: 0 },
      { start: '2026-02-16', sent: 0, shared: 0 },
      { start: '2026-02-23', sent: 2, shared: 2 },
    ]);
    expect(d.simulated).toBe(false);
  });

  it('renders a PNG of sensible size from the SVG with sharp', async () => {
    const svg = chartSvg(chartData(comunicados, handoffs, '2026-03-01', ZONE), ZONE);
    expect(svg).toContain('Publicaciones por día y destino');
    expect(svg).toContain('50 % (1 de 2)');
    const png = await svgToPng(svg);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(CHART_WIDTH);
    expect(meta.height).toBe(CHART_HEIGHT);
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(500_000);
    // Not a blank picture: the bars and text vary the pixels.
    const stats = await sharp(png).stats();
    expect(stats.channels.some((c) => c.stdev > 10)).toBe(true);
  });

  it('says when simulated deliveries are counted, and escapes nothing it should not', () => {
    const svg = chartSvg(chartData([published('C-2026-0010', '2026-02-10T15:00:00Z', ['portal:noticia'], true)], [], '2026-03-01', ZONE), ZONE);
    expect(svg).toContain('(incluye simulaciones)');
    expect(svg).toContain('sin envíos');
  });
});
