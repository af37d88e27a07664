// The document's images, as figma.createImage makes them: PNG, JPEG or GIF only, at most 4096 px a side, intact,
// named by the SHA-1 of their bytes. The checks are synchronous like Figma's; the pixels are decoded afterwards
// for drawing.
import { MAX_FIGMA_IMAGE_EDGE_PX, sniffImage } from '../../../core/image-bytes';
import type { ImageInfo } from '../../../core/image-bytes';
import type { Recorder } from './recorder';
import { sha1Hex } from './sha1';

export interface StoredImage {
  readonly hash: string;
  readonly bytes: Uint8Array;
  readonly info: ImageInfo & { readonly width: number; readonly height: number };
  /** Set once decoded; null before, and for ever when the bytes don't decode (`broken` says why). */
  bitmap: ImageBitmap | null;
  broken: string | null;
  /** Settles when decoding has ended either way. */
  readonly decoded: Promise<void>;
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function pngProblem(bytes: Uint8Array): string | null {
  let at = 8;
  let first = true;
  let hasData = false;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (first && type !== 'IHDR') return 'the PNG does not start with its header chunk';
    first = false;
    if (at + 12 + length > bytes.length) break;
    if (type === 'IDAT') hasData = true;
    if (type === 'IEND') return hasData ? null : 'the PNG has no image data';
    at += 12 + length;
  }
  return 'the PNG data is cut short';
}

function jpegProblem(bytes: Uint8Array): string | null {
  // Walk the header segments up to the start of the scan, then expect the end-of-image marker at the end.
  let at = 2;
  for (;;) {
    if (at + 4 > bytes.length) return 'the JPEG data is cut short';
    if (bytes[at] !== 0xff) return 'the JPEG header is damaged';
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xda) break;
    at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
  }
  let end = bytes.length;
  while (end > at && bytes[end - 1] === 0x00) end -= 1;
  return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9 ? null : 'the JPEG data is cut short';
}

function gifProblem(bytes: Uint8Array): string | null {
  return bytes[bytes.length - 1] === 0x3b ? null : 'the GIF data is cut short';
}

/** Why Figma's createImage would refuse `bytes`, or null when it takes them. */
export function createImageProblem(bytes: unknown): string | null {
  if (!(bytes instanceof Uint8Array)) return 'createImage expects a Uint8Array of PNG, JPEG or GIF bytes';
  if (bytes.length === 0) return 'Image is empty (0 bytes)';
  const info = sniffImage(bytes);
  if (!info) return 'Image type is unsupported: only PNG, JPEG and GIF can be used';
  if (info.kind === 'webp') return 'Image type is unsupported: WebP (only PNG, JPEG and GIF can be used)';
  if (info.width === null || info.height === null) return `Image is invalid: the ${info.kind.toUpperCase()} header is damaged`;
  if (info.width > MAX_FIGMA_IMAGE_EDGE_PX || info.height > MAX_FIGMA_IMAGE_EDGE_PX) {
    return `Image is too large: ${info.width}×${info.height} px (at most ${MAX_FIGMA_IMAGE_EDGE_PX} px a side)`;
  }
  const problem = info.kind === 'png' ? pngProblem(bytes) : info.kind === 'jpeg' ? jpegProblem(bytes) : gifProblem(bytes);
  return problem === null ? null : `Image is invalid: ${problem}`;
}

export class ImageStore {
  readonly #images = new Map<string, StoredImage>();

  constructor(
    private readonly recorder: Recorder,
    /** Called when an image has been decoded (or failed to), so views can draw it. */
    private readonly onDecoded: () => void,
  ) {}

  /** Adds `bytes` as figma.createImage does: throws Figma-like errors for what it refuses. */
  add(bytes: unknown): StoredImage {
    const problem = createImageProblem(bytes);
    if (problem !== null) throw new Error(problem);
    // A copy: the caller may reuse its array, and an image is immutable once made.
    const copy = (bytes as Uint8Array).slice();
    const hash = sha1Hex(copy);
    const existing = this.#images.get(hash);
    if (existing) return existing;
    const info = sniffImage(copy) as StoredImage['info'];
    const image: StoredImage = {
      hash,
      bytes: copy,
      info,
      bitmap: null,
      broken: null,
      decoded: createImageBitmap(new Blob([copy], { type: info.mime })).then(
        (bitmap) => {
          image.bitmap = bitmap;
        },
        () => {
          image.broken = `the ${info.kind.toUpperCase()} data does not decode`;
          this.recorder.mark('image-broken', hash);
        },
      ),
    };
    void image.decoded.then(this.onDecoded);
    this.#images.set(hash, image);
    return image;
  }

  get(hash: string): StoredImage | undefined {
    return this.#images.get(hash);
  }
}
