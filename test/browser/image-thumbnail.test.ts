// The reference cards' previews in real Chromium: small, of the right shape and colours, PNG kept PNG (its
// transparency), and none for what is not an image. Decoded in Node with pngjs/jpeg-js to check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THUMBNAIL_EDGE_PX } from '../../ui/image/thumbnail';
import { openImagePageAsync, type ImagePage } from './fixtures/image-page';
import { dataUriBytes, decode, encodeJpeg, encodePng, halves, near, paintPixels, pixelAt, type Rgba } from './fixtures/image-samples';

const RED: Rgba = [220, 30, 40, 255];
const BLUE: Rgba = [30, 60, 210, 255];

let lab: ImagePage;
beforeAll(async () => {
  lab = await openImagePageAsync();
});
afterAll(async () => {
  await lab?.close();
});

const uriOf = (bytes: Uint8Array, mime: string): string => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

describe('card previews', () => {
  it('makes a 2048×1536 JPEG reference a JPEG of at most 112 px a side, with its picture', async () => {
    const reference = uriOf(encodeJpeg(halves(2048, 1536, RED, BLUE)), 'image/jpeg');
    const thumbnail = await lab.makeThumbnailAsync(reference);
    expect(thumbnail?.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(thumbnail?.length).toBeLessThan(reference.length / 50);
    const pixels = decode(dataUriBytes(thumbnail ?? '', 'image/jpeg'));
    expect([pixels.width, pixels.height]).toEqual([THUMBNAIL_EDGE_PX, 84]);
    expect(near(pixelAt(pixels, 10, 40), RED, 12)).toBe(true);
    expect(near(pixelAt(pixels, 100, 40), BLUE, 12)).toBe(true);
  });

  it('keeps a PNG a PNG with its transparency, and never enlarges a small one', async () => {
    const seeThrough = paintPixels(60, 40, (x) => (x < 30 ? [0, 0, 0, 0] : RED));
    const thumbnail = await lab.makeThumbnailAsync(uriOf(encodePng(seeThrough), 'image/png'));
    const pixels = decode(dataUriBytes(thumbnail ?? '', 'image/png'));
    expect([pixels.kind, pixels.width, pixels.height]).toEqual(['png', 60, 40]);
    expect(pixelAt(pixels, 5, 20)[3]).toBe(0);
    expect(near(pixelAt(pixels, 50, 20), RED, 6)).toBe(true);
  });

  it('makes none for what is not a PNG or JPEG data URI, or is damaged', async () => {
    const jpeg = encodeJpeg(halves(64, 64, RED, BLUE));
    for (const uri of ['', 'data:,', uriOf(jpeg, 'image/webp'), 'data:image/jpeg;base64,@@@', uriOf(jpeg.subarray(0, 10), 'image/jpeg')]) {
      expect(await lab.makeThumbnailAsync(uri), uri.slice(0, 30)).toBeNull();
    }
  });
});
