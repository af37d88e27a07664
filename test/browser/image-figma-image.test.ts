// toFigmaImageAsync in real Chromium: what Figma's createImage can take passes through byte for byte,
// WebP and oversize images become PNG, damaged or non-image answers get a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FIGMA_IMAGE_EDGE_PX } from '../../core/image-bytes';
import { openImagePageAsync, type ImagePage } from './fixtures/image-page';
import type { FigmaImageResult } from './fixtures/image-entry';
import { decode, encodeJpeg, encodePng, GIF_1X1, halves, near, photoLike, pixelAt, type Pixels, type Rgba } from './fixtures/image-samples';

const GREEN: Rgba = [20, 180, 60, 255];
const ORANGE: Rgba = [240, 140, 20, 255];
const HEAVY_TEST_MS = 60_000;
const DAMAGED = { ok: false, message: 'the image from the provider is damaged (truncated)' };
const NOT_IMAGE = { ok: false, message: "the provider's answer is not an image" };

let lab: ImagePage;
beforeAll(async () => {
  lab = await openImagePageAsync();
});
afterAll(async () => {
  await lab?.close();
});

type Converted = Extract<FigmaImageResult, { ok: true }>;

async function convertAsync(bytes: Uint8Array): Promise<Converted & { bytes: Uint8Array }> {
  const outcome = await lab.toFigmaImageAsync(bytes);
  if (!outcome.ok) throw new Error(`expected an image, got: ${outcome.message}`);
  return { ...outcome, bytes: new Uint8Array(Buffer.from(outcome.base64, 'base64')) };
}

function expectColour(pixels: Pixels, x: number, y: number, expected: Rgba, tolerance = 8): void {
  expect(pixelAt(pixels, x, y), `pixel at ${x},${y}`).toSatisfy((actual: Rgba) => near(actual, expected, tolerance));
}

describe('images Figma takes as they are', () => {
  const cases: readonly [string, Uint8Array, number, number][] = [
    ['PNG', encodePng(halves(120, 80, GREEN, ORANGE)), 120, 80],
    ['JPEG', encodeJpeg(photoLike(300, 200, 5)), 300, 200],
    ['GIF', GIF_1X1, 1, 1],
    ['PNG of exactly 4096 px', encodePng(halves(MAX_FIGMA_IMAGE_EDGE_PX, 16, GREEN, ORANGE)), 4096, 16],
  ];
  for (const [name, bytes, width, height] of cases) {
    it(`passes a ${name} through byte for byte`, async () => {
      const result = await convertAsync(bytes);
      expect(result).toMatchObject({ width, height, transcoded: false });
      expect(Buffer.from(result.bytes).equals(Buffer.from(bytes))).toBe(true);
    });
  }
});

describe('images Figma would refuse', () => {
  it('re-encodes a WebP as a PNG of the same size and colours', async () => {
    const webp = await lab.makeWebpAsync(64, 48, 'rgb(20,180,60)', 'rgb(240,140,20)');
    expect(Buffer.from(webp.subarray(8, 12)).toString('latin1')).toBe('WEBP');
    const result = await convertAsync(webp);
    expect(result).toMatchObject({ width: 64, height: 48, transcoded: true });
    const pixels = decode(result.bytes);
    expect(pixels).toMatchObject({ kind: 'png', width: 64, height: 48 });
    expectColour(pixels, 10, 24, GREEN);
    expectColour(pixels, 54, 24, ORANGE);
  });

  it(
    'scales a 5000×100 PNG down to 4096 px wide, keeping its aspect ratio',
    async () => {
      const result = await convertAsync(encodePng(halves(5000, 100, GREEN, ORANGE)));
      expect(result).toMatchObject({ width: 4096, height: 82, transcoded: true });
      const pixels = decode(result.bytes);
      expect(pixels).toMatchObject({ kind: 'png', width: 4096, height: 82 });
      expectColour(pixels, 100, 41, GREEN);
      expectColour(pixels, 4000, 41, ORANGE);
    },
    HEAVY_TEST_MS,
  );

  it(
    'scales a 120×4500 JPEG down to 4096 px tall and makes it a PNG',
    async () => {
      const result = await convertAsync(encodeJpeg(halves(120, 4500, GREEN, ORANGE)));
      expect(result).toMatchObject({ width: 109, height: 4096, transcoded: true });
      const pixels = decode(result.bytes);
      expect(pixels).toMatchObject({ kind: 'png', width: 109, height: 4096 });
      expectColour(pixels, 10, 2000, GREEN);
      expectColour(pixels, 100, 2000, ORANGE);
    },
    HEAVY_TEST_MS,
  );
});

describe('answers that are not a usable image', () => {
  const png = encodePng(photoLike(200, 200, 9));
  const jpeg = encodeJpeg(photoLike(200, 200, 9));
  const damaged: readonly [string, Uint8Array][] = [
    ['a JPEG cut in half', jpeg.subarray(0, Math.floor(jpeg.length / 2))],
    ['a JPEG missing its last tenth', jpeg.subarray(0, Math.floor(jpeg.length * 0.9))],
    ['a PNG cut in half', png.subarray(0, Math.floor(png.length / 2))],
    ['a PNG header with nothing after it', png.subarray(0, 33)],
  ];
  for (const [name, bytes] of damaged) {
    it(`calls ${name} damaged`, async () => {
      expect(await lab.toFigmaImageAsync(bytes)).toEqual(DAMAGED);
    });
  }

  const notImages: readonly [string, Uint8Array][] = [
    ['a JSON error body', new TextEncoder().encode('{"error":"Internal server error"}')],
    ['an HTML page', new TextEncoder().encode('<html><body>405 Not Allowed</body></html>')],
    ['no bytes', new Uint8Array(0)],
  ];
  for (const [name, bytes] of notImages) {
    it(`says ${name} is not an image`, async () => {
      expect(await lab.toFigmaImageAsync(bytes)).toEqual(NOT_IMAGE);
    });
  }
});
