import sharp from 'sharp';
import { readHandoff, type HandoffRecord } from '../handoff/record.ts';
import type { Comunicado } from '../domain/comunicado.ts';
import type { Services } from '../service/extension.ts';
import { chartData } from './chart-data.ts';
import { chartSvg } from './chart-svg.ts';

/** SVG to PNG with sharp (librsvg): no browser, no canvas, fonts from the system. */
export function svgToPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

/** The weekly picture for the 28 days ending on `lastDay`, as PNG. */
export async function renderWeeklyChart(services: Services, lastDay: string): Promise<Buffer> {
  const comunicados: Comunicado[] = [];
  const handoffs: HandoffRecord[] = [];
  for (const s of await services.store.list()) {
    const c = await services.store.get(s.id);
    if (!c || Object.keys(c.deliveries).length === 0) continue;
    comunicados.push(c);
    const h = await readHandoff(services.store, s.id);
    if (h) handoffs.push(h);
  }
  const zone = services.config.office.timezone;
  return svgToPng(chartSvg(chartData(comunicados, handoffs, lastDay, zone), zone));
}
