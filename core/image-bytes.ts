// Recognises image bytes by their magic numbers (a Content-Type header can lie) and reads their
// pixel size from the header, so oversize images can be caught before Figma's createImage refuses them.

export type ImageKind = 'png' | 'jpeg' | 'gif' | 'webp';

export interface ImageInfo {
  readonly kind: ImageKind;
  readonly mime: string;
  /** Pixel size from the header; null when the header is cut short or unusual. */
  readonly width: number | null;
  readonly height: number | null;
}

/** Figma's createImage refuses larger images. */
export const MAX_FIGMA_IMAGE_EDGE_PX = 4096;

const MIME: Readonly<Record<ImageKind, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);
}

function u16be(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}
function u16le(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}
function u24le(b: Uint8Array, i: number): number {
  return u16le(b, i) | ((b[i + 2] ?? 0) << 16);
}
function u32be(b: Uint8Array, i: number): number {
  return u16be(b, i) * 0x10000 + u16be(b, i + 2);
}

function kindOf(bytes: Uint8Array): ImageKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}

function jpegSize(b: Uint8Array): [number, number] | null {
  let i = 2;
  // A SOF segment's size ends at byte i + 8, so the header is complete when i + 9 bytes are there.
  while (i + 9 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [u16be(b, i + 7), u16be(b, i + 5)];
    }
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

function webpSize(b: Uint8Array): [number, number] | null {
  const chunk = String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0);
  if (chunk === 'VP8X' && b.length >= 30) return [u24le(b, 24) + 1, u24le(b, 27) + 1];
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8 ' && b.length >= 30) return [u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff];
  return null;
}

function sizeOf(kind: ImageKind, b: Uint8Array): [number, number] | null {
  switch (kind) {
    case 'png':
      return b.length >= 24 ? [u32be(b, 16), u32be(b, 20)] : null;
    case 'gif':
      return b.length >= 10 ? [u16le(b, 6), u16le(b, 8)] : null;
    case 'jpeg':
      return jpegSize(b);
    case 'webp':
      return webpSize(b);
  }
}

/** What image `bytes` hold, judged by content, or null when they are not PNG, JPEG, GIF or WebP. */
export function sniffImage(bytes: Uint8Array): ImageInfo | null {
  const kind = kindOf(bytes);
  if (!kind) return null;
  const size = sizeOf(kind, bytes);
  const valid = size !== null && size[0] > 0 && size[1] > 0;
  return { kind, mime: MIME[kind], width: valid ? size[0] : null, height: valid ? size[1] : null };
}

/** True when Figma can take `info` as it is: PNG, JPEG or GIF within its size limit. */
export function isFigmaReady(info: ImageInfo): boolean {
  return (
    info.kind !== 'webp' &&
    info.width !== null &&
    info.height !== null &&
    info.width <= MAX_FIGMA_IMAGE_EDGE_PX &&
    info.height <= MAX_FIGMA_IMAGE_EDGE_PX
  );
}

/** How far from the end an end marker may sit: some encoders pad a few bytes after it. */
const END_MARKER_SLACK_BYTES = 32;

function endsWithin(bytes: Uint8Array, marker: readonly number[], slack: number): boolean {
  const from = Math.max(0, bytes.length - marker.length - slack);
  for (let i = bytes.length - marker.length; i >= from; i -= 1) {
    if (marker.every((b, j) => bytes[i + j] === b)) return true;
  }
  return false;
}

/**
 * False when an image of `kind` is cut short: its end marker (PNG's IEND, JPEG's EOI, GIF's trailer) is not at
 * its end, or a WebP is shorter than its RIFF header says. Cheap: it looks at the tail, it decodes nothing.
 */
export function isComplete(kind: ImageKind, bytes: Uint8Array): boolean {
  switch (kind) {
    case 'png':
      return endsWithin(bytes, [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], END_MARKER_SLACK_BYTES);
    case 'jpeg':
      return bytes.length > 4 && endsWithin(bytes, [0xff, 0xd9], END_MARKER_SLACK_BYTES);
    case 'gif':
      return endsWithin(bytes, [0x3b], END_MARKER_SLACK_BYTES);
    case 'webp':
      return bytes.length >= u32le(bytes, 4) + 8;
  }
}

function u32le(b: Uint8Array, i: number): number {
  return u16le(b, i) + u16le(b, i + 2) * 0x10000;
}
