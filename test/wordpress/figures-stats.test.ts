import { describe, expect, it } from 'vitest';
import { WordPressFigures } from '../../src/figures/readers/portal.ts';

/*
 * The optional WordPress stats route (docs/portal-wordpress.md) against the real test
 * WordPress, which does not offer it: WordPress answers `rest_no_route` and the reader
 * gives no views (the bot's own clicks stand in), without failing.
 */
const WP_URL = process.env.WP_TEST_URL;

describe.skipIf(!WP_URL)('WordPress without the comunicados/v1/stats route', () => {
  it('answers rest_no_route, and the figures reader falls back to no views without failing', async () => {
    const res = await fetch(`${WP_URL}/wp-json/comunicados/v1/stats/1`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code?: string }).code).toBe('rest_no_route');
    const reader = new WordPressFigures('portal:noticia', WP_URL!, process.env.WP_TEST_USER ?? '', process.env.WP_TEST_APP_PASSWORD ?? '');
    expect(await reader.read({ comunicadoId: 'C-2026-0001', destination: 'portal:noticia', remoteId: '1' })).toEqual({ kind: 'ok', metrics: {} });
  });
});
