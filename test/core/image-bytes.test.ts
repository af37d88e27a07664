import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { MAX_FIGMA_IMAGE_EDGE_PX, isComplete, isFigmaReady, sniffImage, type ImageInfo } from '../../core/image-bytes';
import { seededRandom } from '../support/seeded-random';

/** A real PNG from pngjs: an opaque gradient, so the encoder has something to do. */
function pngBytes(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = i % 256;
    png.data[i + 1] = (i >> 8) % 256;
    png.data[i + 2] = 128;
    png.data[i + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** A real baseline JPEG from jpeg-js. */
function jpegBytes(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4, 200);
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

const le16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const le24 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const le32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/**
 * A GIF89a by hand: header, logical screen (no colour table), one image descriptor of the same size,
 * a minimal LZW block and the trailer. Only the header matters to the sniffer.
 */
function gifBytes(width: number, height: number): Uint8Array {
  return new Uint8Array([
    ...ascii('GIF89a'),
    ...le16(width),
    ...le16(height),
    0x00, // no global colour table
    0x00, // background colour index
    0x00, // pixel aspect ratio
    0x2c, // image descriptor
    ...le16(0),
    ...le16(0),
    ...le16(width),
    ...le16(height),
    0x00,
    0x02, // LZW minimum code size
    0x02,
    0x44,
    0x01,
    0x00, // end of image data
    0x3b, // trailer
  ]);
}

/** A RIFF/WEBP container holding one chunk (WebP container spec). */
function riff(fourcc: string, payload: number[]): Uint8Array {
  const padded = payload.length % 2 === 1 ? [...payload, 0] : payload;
  const chunk = [...ascii(fourcc), ...le32(payload.length), ...padded];
  return new Uint8Array([...ascii('RIFF'), ...le32(4 + chunk.length), ...ascii('WEBP'), ...chunk]);
}

/** Extended format: VP8X with the canvas size stored as width-1 and height-1 in 24 bits each. */
function webpVp8x(width: number, height: number): Uint8Array {
  return riff('VP8X', [0x10 /* alpha flag */, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)]);
}

/** Lossless: VP8L signature 0x2f, then 14 bits width-1, 14 bits height-1, alpha bit, 3 version bits. */
function webpVp8l(width: number, height: number): Uint8Array {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14) | (1 << 28);
  return riff('VP8L', [0x2f, ...le32(bits), 0x00, 0x00, 0x00]);
}

/** Lossy: VP8 key frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height with 2 scale bits. */
function webpVp8(width: number, height: number, scaleBits = 0): Uint8Array {
  const frameTag = [0x10, 0x00, 0x00]; // bit 0 clear: key frame; version 0; bit 4: shown; partition size 0
  return riff('VP8 ', [...frameTag, 0x9d, 0x01, 0x2a, ...le16(width | (scaleBits << 14)), ...le16(height | (scaleBits << 14)), 0, 0]);
}

/** Where the SOF0 segment starts in a jpeg-js JPEG (its 0xFF byte), found by walking the segments. */
function sofOffset(bytes: Uint8Array): number {
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    if (bytes[i + 1] === 0xc0) return i;
    i += 2 + (((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0));
  }
  throw new Error('no SOF0 segment in the JPEG');
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sniffImage — PNG (pngjs)', () => {
  it.each([
    [1280, 720],
    [1, 1],
    [5000, 10],
    [10, 5000],
    [4097, 3],
  ])('%i × %i', (width, height) => {
    expect(sniffImage(pngBytes(width, height))).toEqual({ kind: 'png', mime: 'image/png', width, height });
  });

  it('reads a PNG with transparency the same way', () => {
    const png = new PNG({ width: 33, height: 17 }); // all transparent black
    expect(sniffImage(new Uint8Array(PNG.sync.write(png)))).toEqual({ kind: 'png', mime: 'image/png', width: 33, height: 17 });
  });
});

describe('sniffImage — JPEG (jpeg-js)', () => {
  it.each([
    [1280, 720],
    [1, 1],
    [5000, 10],
    [10, 5000],
    [333, 777],
  ])('%i × %i', (width, height) => {
    expect(sniffImage(jpegBytes(width, height))).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width, height });
  });

  it('reads a progressive frame header (SOF2)', () => {
    const bytes = jpegBytes(64, 48);
    bytes[sofOffset(bytes) + 1] = 0xc2;
    expect(sniffImage(bytes)).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width: 64, height: 48 });
  });

  it('skips fill bytes (0xFF) before a marker', () => {
    const bytes = jpegBytes(64, 48);
    const at = sofOffset(bytes);
    const padded = new Uint8Array([...bytes.slice(0, at), 0xff, 0xff, 0xff, ...bytes.slice(at)]);
    expect(sniffImage(padded)).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width: 64, height: 48 });
  });

  it('skips a DHT segment (0xC4) that sits in the SOF range of marker numbers', () => {
    const bytes = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xc4,
      0x00,
      0x06,
      0x01,
      0x02,
      0x03,
      0x04, // DHT, length 6 (bytes that would read as a size)
      0xff,
      0xc0,
      0x00,
      0x0b,
      0x08,
      ...[0x01, 0x2c],
      ...[0x02, 0x58],
      0x01,
      0x01,
      0x11,
      0x00, // SOF0 600 × 300
    ]);
    expect(sniffImage(bytes)).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width: 600, height: 300 });
  });
});

describe('sniffImage — GIF (hand-made)', () => {
  it.each([
    [1, 1],
    [1280, 720],
    [65535, 2],
  ])('%i × %i', (width, height) => {
    expect(sniffImage(gifBytes(width, height))).toEqual({ kind: 'gif', mime: 'image/gif', width, height });
  });

  it('reads a GIF87a header too', () => {
    const bytes = gifBytes(20, 30);
    bytes[4] = 0x37; // "7"
    expect(sniffImage(bytes)).toEqual({ kind: 'gif', mime: 'image/gif', width: 20, height: 30 });
  });
});

describe('sniffImage — WebP (hand-made, per the container spec)', () => {
  describe('VP8X (extended)', () => {
    it.each([
      [1, 1],
      [1280, 720],
      [5000, 10],
      [16383, 16383],
    ])('%i × %i', (width, height) => {
      expect(sniffImage(webpVp8x(width, height))).toEqual({ kind: 'webp', mime: 'image/webp', width, height });
    });
  });

  describe('VP8L (lossless)', () => {
    it.each([
      [1, 1],
      [1280, 720],
      [5000, 10],
      [16384, 16384],
    ])('%i × %i', (width, height) => {
      expect(sniffImage(webpVp8l(width, height))).toEqual({ kind: 'webp', mime: 'image/webp', width, height });
    });
  });

  describe("'VP8 ' (lossy)", () => {
    it.each([
      [1, 1],
      [1280, 720],
      [5000, 10],
    ])('%i × %i', (width, height) => {
      expect(sniffImage(webpVp8(width, height))).toEqual({ kind: 'webp', mime: 'image/webp', width, height });
    });
    it('ignores the two scale bits above the 14-bit size', () => {
      expect(sniffImage(webpVp8(640, 480, 3))).toEqual({ kind: 'webp', mime: 'image/webp', width: 640, height: 480 });
    });
  });

  it('knows it is WebP even when the first chunk is one it cannot size', () => {
    expect(sniffImage(riff('ALPH', new Array<number>(20).fill(0)))).toEqual({
      kind: 'webp',
      mime: 'image/webp',
      width: null,
      height: null,
    });
  });
});

describe('sniffImage — truncated headers', () => {
  it('PNG cut before the size in IHDR', () => {
    const bytes = pngBytes(100, 50);
    expect(sniffImage(bytes.slice(0, 24))).toEqual({ kind: 'png', mime: 'image/png', width: 100, height: 50 });
    expect(sniffImage(bytes.slice(0, 23))).toEqual({ kind: 'png', mime: 'image/png', width: null, height: null });
    expect(sniffImage(bytes.slice(0, 8))).toEqual({ kind: 'png', mime: 'image/png', width: null, height: null });
  });

  it('JPEG cut inside its frame header', () => {
    const bytes = jpegBytes(100, 50);
    const end = sofOffset(bytes) + 9; // marker (2) + length (2) + precision (1) + height (2) + width (2)
    expect(sniffImage(bytes.slice(0, end))).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width: 100, height: 50 });
    expect(sniffImage(bytes.slice(0, end - 1))).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width: null, height: null });
    expect(sniffImage(bytes.slice(0, 3))).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width: null, height: null });
  });

  it('GIF cut before the height', () => {
    const bytes = gifBytes(100, 50);
    expect(sniffImage(bytes.slice(0, 10))).toEqual({ kind: 'gif', mime: 'image/gif', width: 100, height: 50 });
    expect(sniffImage(bytes.slice(0, 9))).toEqual({ kind: 'gif', mime: 'image/gif', width: null, height: null });
  });

  it.each([
    ['VP8X', webpVp8x(100, 50), 30],
    ['VP8L', webpVp8l(100, 50), 25],
    ['VP8 ', webpVp8(100, 50), 30],
  ] as const)('WebP %s cut before its size', (_chunk, bytes, need) => {
    expect(sniffImage(bytes.slice(0, need))).toEqual({ kind: 'webp', mime: 'image/webp', width: 100, height: 50 });
    expect(sniffImage(bytes.slice(0, need - 1))).toEqual({ kind: 'webp', mime: 'image/webp', width: null, height: null });
    expect(sniffImage(bytes.slice(0, 12))).toEqual({ kind: 'webp', mime: 'image/webp', width: null, height: null });
  });
});

describe('sniffImage — unusual headers', () => {
  it('gives null sizes for a PNG that claims zero width', () => {
    const bytes = pngBytes(10, 10);
    bytes.set([0, 0, 0, 0], 16);
    expect(sniffImage(bytes)).toEqual({ kind: 'png', mime: 'image/png', width: null, height: null });
  });

  it('gives null sizes for a JPEG whose segments are not markers', () => {
    // An APP0 segment of length 4, then bytes where the next marker should be.
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, ...new Array<number>(16).fill(0x12)]);
    expect(sniffImage(bytes)).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width: null, height: null });
  });
});

describe('sniffImage — not images', () => {
  it.each([
    ['a JSON error body', utf8('{"error": "Invalid API key"}')],
    ['an HTML 405 page', utf8('<!DOCTYPE html><html><head><title>405 Not Allowed</title></head></html>')],
    ['empty bytes', new Uint8Array(0)],
    ['one byte', new Uint8Array([0x89])],
    ['half a PNG signature', new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
    ['a RIFF that is not WebP (WAVE)', new Uint8Array([...ascii('RIFF'), ...le32(36), ...ascii('WAVEfmt '), 0, 0, 0, 0])],
    ['a BMP', new Uint8Array([...ascii('BM'), ...le32(70), 0, 0, 0, 0, ...le32(54)])],
    ['plain text that starts with "GIF"', utf8('GIFs are fun')],
  ])('%s → null', (_kind, bytes) => {
    expect(sniffImage(bytes)).toBeNull();
  });

  it('random bytes → null', () => {
    const random = seededRandom(314);
    for (let n = 0; n < 200; n += 1) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 300));
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(random() * 256);
      // No image magic number starts with 0x00; the rest stays random.
      bytes[0] = 0x00;
      expect(sniffImage(bytes)).toBeNull();
    }
  });
});

describe('isFigmaReady', () => {
  const info = (kind: ImageInfo['kind'], width: number | null, height: number | null): ImageInfo => ({
    kind,
    mime: `image/${kind}`,
    width,
    height,
  });

  describe('by kind', () => {
    it('takes real PNG, JPEG and GIF bytes of an ordinary size', () => {
      for (const bytes of [pngBytes(1280, 720), jpegBytes(1280, 720), gifBytes(1280, 720)]) {
        const sniffed = sniffImage(bytes);
        expect(sniffed).not.toBeNull();
        expect(sniffed && isFigmaReady(sniffed)).toBe(true);
      }
    });
    it('refuses WebP of any size (Figma cannot decode it)', () => {
      for (const bytes of [webpVp8x(10, 10), webpVp8l(1280, 720), webpVp8(1, 1)]) {
        const sniffed = sniffImage(bytes);
        expect(sniffed?.kind).toBe('webp');
        expect(sniffed && isFigmaReady(sniffed)).toBe(false);
      }
    });
  });

  describe('the 4096 px limit', () => {
    it('is 4096', () => {
      expect(MAX_FIGMA_IMAGE_EDGE_PX).toBe(4096);
    });
    it.each(['png', 'jpeg', 'gif'] as const)('%s: 4096 on both sides is fine, 4097 on either is not', (kind) => {
      expect(isFigmaReady(info(kind, 4096, 4096))).toBe(true);
      expect(isFigmaReady(info(kind, 4097, 10))).toBe(false);
      expect(isFigmaReady(info(kind, 10, 4097))).toBe(false);
    });
    it('refuses a real 4097 px wide PNG and a 5000 px JPEG', () => {
      const png = sniffImage(pngBytes(4097, 3));
      const jpg = sniffImage(jpegBytes(5000, 10));
      expect(png && isFigmaReady(png)).toBe(false);
      expect(jpg && isFigmaReady(jpg)).toBe(false);
    });
  });

  describe('unknown size', () => {
    it.each(['png', 'jpeg', 'gif'] as const)('%s without a readable size is not ready', (kind) => {
      expect(isFigmaReady(info(kind, null, null))).toBe(false);
      expect(isFigmaReady(info(kind, 100, null))).toBe(false);
      expect(isFigmaReady(info(kind, null, 100))).toBe(false);
    });
  });
});

describe('isComplete', () => {
  it('accepts whole PNG, JPEG and GIF files', () => {
    expect(isComplete('png', pngBytes(64, 48))).toBe(true);
    expect(isComplete('jpeg', jpegBytes(64, 48))).toBe(true);
    expect(isComplete('gif', gifBytes(64, 48))).toBe(true);
  });

  it('tolerates a few padding bytes after the end marker', () => {
    const jpegWithPadding = new Uint8Array([...jpegBytes(32, 32), 0, 0, 0, 0]);
    expect(isComplete('jpeg', jpegWithPadding)).toBe(true);
  });

  it.each([0.25, 0.5, 0.9, 0.99])('refuses files cut at %s of their length', (fraction) => {
    for (const [kind, bytes] of [
      ['png', pngBytes(200, 150)],
      ['jpeg', jpegBytes(200, 150)],
    ] as const) {
      expect(isComplete(kind, bytes.subarray(0, Math.floor(bytes.length * fraction)))).toBe(false);
    }
  });

  it('checks a WebP against the length its RIFF header declares', () => {
    const webp = new Uint8Array(40);
    webp.set([0x52, 0x49, 0x46, 0x46, 32, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);
    expect(isComplete('webp', webp)).toBe(true);
    expect(isComplete('webp', webp.subarray(0, 30))).toBe(false);
  });
});
