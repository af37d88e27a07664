// prepareReferenceAsync for files the designer adds, in real Chromium: WebP is re-encoded to what layers send,
// and a file's long edge is capped as a layer's export is, checked by decoding in Node (pngjs/jpeg-js).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REFERENCE_EDGE_PX } from '../../core/reference-size';
import type { PreparedReference } from '../../ui/image/prepare-reference';
import { openImagePageAsync, type ImagePage } from './fixtures/image-page';
import {
  dataUriBytes,
  decode,
  encodeJpeg,
  encodePng,
  halves,
  near,
  noise,
  pixelAt,
  type Pixels,
  type Rgba,
} from './fixtures/image-samples';

const RED: Rgba = [220, 30, 40, 255];
const BLUE: Rgba = [30, 60, 210, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const HEAVY_TEST_MS = 90_000;

let lab: ImagePage;
beforeAll(async () => {
  lab = await openImagePageAsync();
});
afterAll(async () => {
  await lab?.close();
});

function decodeReference(reference: PreparedReference): Pixels {
  const pixels = decode(dataUriBytes(reference.uri, reference.mime));
  expect([pixels.width, pixels.height]).toEqual([reference.width, reference.height]);
  return pixels;
}

function expectColour(pixels: Pixels, x: number, y: number, expected: Rgba): void {
  expect(pixelAt(pixels, x, y), `pixel at ${x},${y}`).toSatisfy((actual: Rgba) => near(actual, expected, 10));
}

async function prepareFileAsync(...args: Parameters<ImagePage['prepareReferenceAsync']>): Promise<PreparedReference> {
  const outcome = await lab.prepareReferenceAsync(...args);
  if (!outcome.ok) throw new Error(`expected a reference, got: ${outcome.message}`);
  return outcome.reference;
}

describe('WebP files', () => {
  it('turns an opaque WebP into a JPEG of the same size and colours', async () => {
    const webp = await lab.makeWebpAsync(320, 200, 'rgb(220,30,40)', 'rgb(30,60,210)');
    const reference = await prepareFileAsync(webp, 'image/webp', true);
    expect(reference).toMatchObject({ mime: 'image/jpeg', width: 320, height: 200 });
    const pixels = decodeReference(reference);
    expectColour(pixels, 60, 100, RED);
    expectColour(pixels, 260, 100, BLUE);
  });

  it('letterboxes a wide WebP like any reference', async () => {
    const webp = await lab.makeWebpAsync(600, 100, 'rgb(220,30,40)', 'rgb(30,60,210)');
    const reference = await prepareFileAsync(webp, 'image/webp', true);
    expect(reference).toMatchObject({ mime: 'image/jpeg', width: 600, height: 300 });
    const pixels = decodeReference(reference);
    expectColour(pixels, 300, 20, WHITE);
    expectColour(pixels, 100, 150, RED);
  });
});

describe('the long-edge cap', () => {
  it(
    `shrinks a 3000×1500 file to ${MAX_REFERENCE_EDGE_PX} px on its long edge`,
    async () => {
      const reference = await prepareFileAsync(encodePng(halves(3000, 1500, RED, BLUE)), 'image/png', true);
      expect(reference).toMatchObject({ mime: 'image/jpeg', width: MAX_REFERENCE_EDGE_PX, height: MAX_REFERENCE_EDGE_PX / 2 });
      const pixels = decodeReference(reference);
      expectColour(pixels, 200, 512, RED);
      expectColour(pixels, 1800, 512, BLUE);
    },
    HEAVY_TEST_MS,
  );

  it(
    're-encodes a large JPEG it would otherwise have sent as it is',
    async () => {
      const reference = await prepareFileAsync(encodeJpeg(halves(2600, 1300, RED, BLUE)), 'image/jpeg', true);
      expect(reference).toMatchObject({ mime: 'image/jpeg', width: MAX_REFERENCE_EDGE_PX, height: MAX_REFERENCE_EDGE_PX / 2 });
    },
    HEAVY_TEST_MS,
  );

  it(
    'keeps a see-through file PNG with its alpha when capping it',
    async () => {
      const reference = await prepareFileAsync(encodePng(noise(2200, 1100, 5, 128)), 'image/png', true);
      expect(reference.mime).toBe('image/png');
      expect(Math.max(reference.width, reference.height)).toBeLessThanOrEqual(MAX_REFERENCE_EDGE_PX);
      expect(pixelAt(decodeReference(reference), 100, 100)[3]).toBeLessThan(255);
    },
    HEAVY_TEST_MS,
  );

  it(
    'leaves layer exports (no cap asked) at their size',
    async () => {
      const reference = await prepareFileAsync(encodeJpeg(halves(2600, 1300, RED, BLUE)), 'image/jpeg');
      expect(reference).toMatchObject({ width: 2600, height: 1300 });
    },
    HEAVY_TEST_MS,
  );
});
