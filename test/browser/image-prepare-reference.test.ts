// prepareReferenceAsync in real Chromium: encoding choice, letterboxing and the size target, checked by
// decoding its data URIs in Node with pngjs/jpeg-js (a decoder independent of the browser's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterbox, MAX_REFERENCE_DATA_URI_CHARS, TARGET_REFERENCE_DATA_URI_CHARS } from '../../core/reference-size';
import type { ExportMime } from '../../core/protocol';
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
  paintPixels,
  photoLike,
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

async function prepareAsync(bytes: Uint8Array, mime: ExportMime): Promise<PreparedReference> {
  const outcome = await lab.prepareReferenceAsync(bytes, mime);
  if (!outcome.ok) throw new Error(`expected a reference, got: ${outcome.message}`);
  return outcome.reference;
}

/** Decodes the reference's data URI, checking that its mime, size and char count are what it claims. */
function decodeReference(reference: PreparedReference): Pixels {
  expect(reference.chars).toBe(reference.uri.length);
  const pixels = decode(dataUriBytes(reference.uri, reference.mime));
  expect(pixels.kind).toBe(reference.mime === 'image/png' ? 'png' : 'jpeg');
  expect([pixels.width, pixels.height]).toEqual([reference.width, reference.height]);
  return pixels;
}

function expectColour(pixels: Pixels, x: number, y: number, expected: Rgba, tolerance = 8): void {
  expect(pixelAt(pixels, x, y), `pixel at ${x},${y}`).toSatisfy((actual: Rgba) => near(actual, expected, tolerance));
}

describe('encoding', () => {
  it('turns an opaque PNG into a JPEG data URI of the same size', async () => {
    const reference = await prepareAsync(encodePng(halves(640, 480, RED, BLUE)), 'image/png');
    expect(reference).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(reference.uri.startsWith('data:image/jpeg;base64,')).toBe(true);
    const pixels = decodeReference(reference);
    expectColour(pixels, 160, 240, RED);
    expectColour(pixels, 480, 240, BLUE);
  });

  it('sends a JPEG within the aspect range as it is, byte for byte', async () => {
    const bytes = encodeJpeg(halves(320, 200, BLUE, RED));
    const reference = await prepareAsync(bytes, 'image/jpeg');
    expect(reference).toMatchObject({ mime: 'image/jpeg', width: 320, height: 200 });
    decodeReference(reference);
    expect(Buffer.from(dataUriBytes(reference.uri, 'image/jpeg')).equals(Buffer.from(bytes))).toBe(true);
  });

  it(
    're-encodes a JPEG whose data URI would be over the target, keeping it a JPEG',
    async () => {
      const bytes = encodeJpeg(noise(1200, 900, 17), 100);
      expect(Buffer.from(bytes).toString('base64').length).toBeGreaterThan(TARGET_REFERENCE_DATA_URI_CHARS);
      const reference = await prepareAsync(bytes, 'image/jpeg');
      expect(reference.mime).toBe('image/jpeg');
      expect(reference.chars).toBeLessThanOrEqual(TARGET_REFERENCE_DATA_URI_CHARS);
      expect(reference.width / reference.height).toBeCloseTo(1200 / 900, 2);
      decodeReference(reference);
    },
    HEAVY_TEST_MS,
  );

  it('sends a PNG with transparency within the aspect range as it is, byte for byte', async () => {
    const halfClear: Rgba = [30, 60, 210, 128];
    const bytes = encodePng(halves(200, 150, RED, halfClear));
    const reference = await prepareAsync(bytes, 'image/png');
    expect(reference).toMatchObject({ mime: 'image/png', width: 200, height: 150 });
    decodeReference(reference);
    expect(Buffer.from(dataUriBytes(reference.uri, 'image/png')).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps a PNG as PNG when a single pixel is slightly see-through', async () => {
    const pixels = paintPixels(300, 300, (x, y) => (x === 297 && y === 298 ? [10, 200, 10, 254] : [10, 200, 10, 255]));
    const reference = await prepareAsync(encodePng(pixels), 'image/png');
    expect(reference.mime).toBe('image/png');
    expect(pixelAt(decodeReference(reference), 297, 298)[3]).toBe(254);
  });
});

describe('aspect ratio', () => {
  it(
    'letterboxes 4000×1000 into 4000×2000 with the original centred and white padding',
    async () => {
      const reference = await prepareAsync(encodePng(halves(4000, 1000, RED, BLUE)), 'image/png');
      expect(reference).toMatchObject({ mime: 'image/jpeg', width: 4000, height: 2000 });
      const pixels = decodeReference(reference);
      // Content spans rows 500–1499; the sample rows keep clear of the 8×8 JPEG blocks that straddle an edge.
      for (const x of [10, 1000, 3000, 3990]) {
        expectColour(pixels, x, 5, WHITE);
        expectColour(pixels, x, 490, WHITE);
        expectColour(pixels, x, 1510, WHITE);
        expectColour(pixels, x, 1995, WHITE);
      }
      for (const y of [510, 1000, 1490]) {
        expectColour(pixels, 10, y, RED);
        expectColour(pixels, 1990, y, RED);
        expectColour(pixels, 2010, y, BLUE);
        expectColour(pixels, 3990, y, BLUE);
      }
    },
    HEAVY_TEST_MS,
  );

  it(
    'letterboxes 500×2000 into 1000×2000 with white side bars',
    async () => {
      const reference = await prepareAsync(encodeJpeg(halves(500, 2000, RED, BLUE)), 'image/jpeg');
      expect(reference).toMatchObject({ mime: 'image/jpeg', width: 1000, height: 2000 });
      const pixels = decodeReference(reference);
      // Content spans columns 250–749.
      for (const y of [10, 1000, 1990]) {
        expectColour(pixels, 5, y, WHITE);
        expectColour(pixels, 240, y, WHITE);
        expectColour(pixels, 260, y, RED);
        expectColour(pixels, 490, y, RED);
        expectColour(pixels, 510, y, BLUE);
        expectColour(pixels, 740, y, BLUE);
        expectColour(pixels, 760, y, WHITE);
        expectColour(pixels, 995, y, WHITE);
      }
    },
    HEAVY_TEST_MS,
  );

  it('pads a transparent PNG with transparency, not white, and keeps its alpha', async () => {
    const halfClear: Rgba = [200, 20, 20, 128];
    const reference = await prepareAsync(encodePng(halves(300, 100, RED, halfClear)), 'image/png');
    expect(reference).toMatchObject({ mime: 'image/png', width: 300, height: 150 });
    const pixels = decodeReference(reference);
    // Content spans rows 25–124.
    for (const x of [10, 290]) {
      expect(pixelAt(pixels, x, 10)[3]).toBe(0);
      expect(pixelAt(pixels, x, 24)[3]).toBe(0);
      expect(pixelAt(pixels, x, 125)[3]).toBe(0);
      expect(pixelAt(pixels, x, 140)[3]).toBe(0);
    }
    expectColour(pixels, 10, 25, RED, 0);
    expectColour(pixels, 10, 124, RED, 0);
    // The canvas stores premultiplied colour, so a half-clear pixel's colour may move by a unit or two.
    expectColour(pixels, 290, 75, halfClear, 2);
    expect(pixelAt(pixels, 290, 75)[3]).toBe(128);
  });

  it('leaves sizes at the edges of the allowed range unpadded and pads just past them', async () => {
    for (const [width, height] of [
      [400, 200],
      [200, 400],
      [401, 200],
      [200, 401],
      [3, 1],
    ] as const) {
      const reference = await prepareAsync(encodePng(halves(width, height, RED, BLUE)), 'image/png');
      const expected = letterbox(width, height);
      expect([reference.width, reference.height], `${width}×${height}`).toEqual([expected.width, expected.height]);
      expect(reference.width / reference.height).toBeLessThanOrEqual(2);
      expect(reference.width / reference.height).toBeGreaterThanOrEqual(0.5);
    }
    expect(letterbox(400, 200)).toMatchObject({ width: 400, height: 200 });
    expect(letterbox(401, 200)).toMatchObject({ width: 401, height: 201 });
  });
});

describe('size target', () => {
  it(
    'keeps a 2048×1536 photo-like export at full size and under the target',
    async () => {
      const reference = await prepareAsync(encodePng(photoLike(2048, 1536, 7)), 'image/png');
      expect(reference).toMatchObject({ mime: 'image/jpeg', width: 2048, height: 1536 });
      expect(reference.chars).toBeLessThanOrEqual(TARGET_REFERENCE_DATA_URI_CHARS);
      decodeReference(reference);
    },
    HEAVY_TEST_MS,
  );

  it(
    'brings 2048×1536 of pure noise, which a plain JPEG can not fit, under the target at its aspect ratio',
    async () => {
      const bytes = encodePng(noise(2048, 1536, 11));
      // The case only means something if the first encode is too big and the pipeline had to work.
      expect(await lab.plainJpegCharsAsync(bytes)).toBeGreaterThan(TARGET_REFERENCE_DATA_URI_CHARS);
      const reference = await prepareAsync(bytes, 'image/png');
      expect(reference.mime).toBe('image/jpeg');
      expect(reference.chars).toBeLessThanOrEqual(TARGET_REFERENCE_DATA_URI_CHARS);
      expect(reference.chars).toBeLessThanOrEqual(MAX_REFERENCE_DATA_URI_CHARS);
      expect(reference.width / reference.height).toBeCloseTo(2048 / 1536, 2);
      decodeReference(reference);
    },
    HEAVY_TEST_MS,
  );

  it(
    'shrinks a see-through PNG that is too big and keeps it PNG with its alpha',
    async () => {
      const bytes = encodePng(noise(1200, 1000, 13, null));
      expect(Buffer.from(bytes).toString('base64').length).toBeGreaterThan(TARGET_REFERENCE_DATA_URI_CHARS);
      const reference = await prepareAsync(bytes, 'image/png');
      expect(reference.mime).toBe('image/png');
      expect(reference.chars).toBeLessThanOrEqual(TARGET_REFERENCE_DATA_URI_CHARS);
      expect(reference.width).toBeLessThan(1200);
      expect(reference.width / reference.height).toBeCloseTo(1.2, 2);
      const pixels = decodeReference(reference);
      expect(pixelAt(pixels, 5, 5)[3]).toBeLessThan(255);
    },
    HEAVY_TEST_MS,
  );
});

describe('bad input', () => {
  const firstHalf = (bytes: Uint8Array): Uint8Array => bytes.subarray(0, Math.floor(bytes.length / 2));
  const cases: readonly [string, Uint8Array, ExportMime][] = [
    ['random bytes', new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256)), 'image/png'],
    ['no bytes', new Uint8Array(0), 'image/jpeg'],
    ['a PNG cut in half', firstHalf(encodePng(photoLike(64, 64, 3))), 'image/png'],
    ['a JPEG cut in half', firstHalf(encodeJpeg(photoLike(64, 64, 3))), 'image/jpeg'],
  ];
  for (const [name, bytes, mime] of cases) {
    it(`says it couldn't read ${name}`, async () => {
      expect(await lab.prepareReferenceAsync(bytes, mime)).toEqual({
        ok: false,
        message: "couldn't decode the image",
      });
    });
  }
});
