import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fitForInstagram, fittedSize, IG_MAX_RATIO, IG_MIN_RATIO } from '../../../src/publish/social/graph/instagram-image.ts';
import { makeImage, tempDataDir } from '../../fakes/graph/fixtures.ts';

describe('fittedSize: padding into 4:5..1.91:1, width 320..1440', () => {
  const cases: Array<[string, number, number, number, number, string]> = [
    ['square stays', 1080, 1080, 1080, 1080, 'none'],
    ['4:5 stays', 1080, 1350, 1080, 1350, 'none'],
    ['9:16 story padded on the sides', 1080, 1920, 1440, 1800, 'sides'],
    ['3:1 panorama padded top and bottom', 3000, 1000, 1440, 754, 'top_bottom'],
    ['tiny image scaled up to 320', 100, 100, 320, 320, 'none'],
    ['huge 4:3 scaled down to 1440', 4000, 3000, 1440, 1080, 'none'],
  ];
  for (const [name, w, h, ew, eh, padding] of cases) {
    it(name, () => {
      expect(fittedSize(w, h)).toEqual({ width: ew, height: eh, padding });
    });
  }

  it('never leaves the allowed ratio, whatever the input', () => {
    for (let w = 1; w < 5000; w += 97) {
      for (let h = 1; h < 5000; h += 89) {
        const s = fittedSize(w, h);
        expect(s.width / s.height).toBeGreaterThanOrEqual(IG_MIN_RATIO);
        expect(s.width / s.height).toBeLessThanOrEqual(IG_MAX_RATIO);
        expect(s.width).toBeLessThanOrEqual(1440);
        expect(s.width).toBeGreaterThanOrEqual(320);
      }
    }
  });
});

describe('fitForInstagram with sharp on generated images', () => {
  let data: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    data = await tempDataDir();
  });
  afterEach(async () => {
    await data.cleanup();
  });

  it('a tall PNG (1:3) becomes a 4:5 JPEG padded with white on the sides, nothing cropped', async () => {
    const img = await makeImage(data.dir, 'alta', 600, 1800);
    const out = await fitForInstagram(join(data.dir, img.path), join(data.dir, 'out', 'alta.jpg'));
    const meta = await sharp(out.path).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([out.width, out.height]);
    expect(meta.width! / meta.height!).toBeCloseTo(0.8, 2);
    expect(out.padding).toBe('sides');
    // Left edge is padding (white), the centre is the picture (red).
    const { data: px, info } = await sharp(out.path).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => Array.from(px.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(at(2, Math.floor(info.height / 2)).every((v) => v > 240)).toBe(true);
    const [r, g] = at(Math.floor(info.width / 2), Math.floor(info.height / 2));
    expect(r).toBeGreaterThan(170);
    expect(g).toBeLessThan(80);
  });

  it('a wide PNG (4:1) becomes a 1.91:1 JPEG at most 1440 px wide, padded top and bottom', async () => {
    const img = await makeImage(data.dir, 'ancha', 4000, 1000);
    const out = await fitForInstagram(join(data.dir, img.path), join(data.dir, 'out', 'ancha.jpg'));
    const meta = await sharp(out.path).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(1440);
    expect(meta.width! / meta.height!).toBeLessThanOrEqual(IG_MAX_RATIO);
    expect(meta.width! / meta.height!).toBeGreaterThan(1.9);
    expect(out.padding).toBe('top_bottom');
    expect(out.bytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('applies EXIF orientation before measuring, and strips the metadata', async () => {
    // Stored 1200x600 landscape, EXIF 6 = displayed rotated 90°: a 600x1200 portrait.
    const input = join(data.dir, 'rotada.jpg');
    await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#336699' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(input);
    const out = await fitForInstagram(input, join(data.dir, 'out', 'rotada.jpg'));
    const meta = await sharp(out.path).metadata();
    expect(meta.height).toBeGreaterThan(meta.width!);
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });
});
