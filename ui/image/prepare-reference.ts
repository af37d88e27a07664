// Turns an exported layer into a reference the provider accepts (CONTRACTS §2): aspect ratio brought into
// 0.5–2 by padding, JPEG unless transparency matters, and a data URI under the size target.
import { isComplete, sniffImage } from '../../core/image-bytes';
import type { ExportMime } from '../../core/protocol';
import {
  exportScale,
  letterbox,
  MAX_REFERENCE_DATA_URI_CHARS,
  TARGET_REFERENCE_DATA_URI_CHARS,
  type Letterbox,
} from '../../core/reference-size';
import { canvas2d, decodeImageAsync, encodeCanvas, toDataUri } from './codecs';

/** A reference image ready to send. */
export interface PreparedReference {
  /** `data:image/jpeg;base64,…` or `data:image/png;base64,…` */
  readonly uri: string;
  readonly mime: ExportMime;
  /** Pixel size after padding and any shrinking. */
  readonly width: number;
  readonly height: number;
  /** Length of `uri`: the provider's limit counts the data URI as text. */
  readonly chars: number;
}

/** What a reference may come as: a layer's export, or a file the designer added (which may be WebP). */
export type ReferenceSourceMime = ExportMime | 'image/webp';

export type PrepareOutcome =
  { readonly ok: true; readonly reference: PreparedReference } | { readonly ok: false; readonly message: string };

/** Tried in turn before shrinking: the first keeps the detail a model can use. */
const JPEG_QUALITIES = [0.88, 0.8, 0.7, 0.6] as const;
/** Data size doesn't fall exactly with area, so each shrink aims this much below the target. */
const SHRINK_MARGIN = 0.9;
/** Every shrink takes at least 10% off each side, so the loop below ends well within its bound. */
const MAX_SHRINK_FACTOR = 0.9;
const MAX_ENCODE_ATTEMPTS = 16;
/** Opaque content has no transparency to show, and a JPEG can't hold any: its padding is white. */
const PADDING_COLOUR = '#ffffff';

interface Rendered {
  readonly context: CanvasRenderingContext2D;
  readonly box: Letterbox;
  /** The source's size inside the box. */
  readonly contentWidth: number;
  readonly contentHeight: number;
}

function fail(message: string): PrepareOutcome {
  return { ok: false, message };
}

function success(uri: string, mime: ExportMime, width: number, height: number): PrepareOutcome {
  return { ok: true, reference: { uri, mime, width, height, chars: uri.length } };
}

function noCanvas(width: number, height: number): PrepareOutcome {
  return fail(`the browser couldn't make a ${width}×${height} px canvas for the reference`);
}

/** Draws `source` at `scale` into its letterbox; the padding stays transparent. */
function render(source: ImageBitmap, scale: number): Rendered | null {
  const contentWidth = Math.max(1, Math.round(source.width * scale));
  const contentHeight = Math.max(1, Math.round(source.height * scale));
  const box = letterbox(contentWidth, contentHeight);
  const context = canvas2d(box.width, box.height);
  if (!context) return null;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, box.offsetX, box.offsetY, contentWidth, contentHeight);
  return { context, box, contentWidth, contentHeight };
}

function hasTransparentPixel({ context, box, contentWidth, contentHeight }: Rendered): boolean {
  const { data } = context.getImageData(box.offsetX, box.offsetY, contentWidth, contentHeight);
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}

/** Fills only what is still transparent (the padding), leaving the drawn image as it is. */
function fillPadding({ context, box }: Rendered): void {
  context.globalCompositeOperation = 'destination-over';
  context.fillStyle = PADDING_COLOUR;
  context.fillRect(0, 0, box.width, box.height);
  context.globalCompositeOperation = 'source-over';
}

/** The exported bytes themselves as the reference, when they fit: re-encoding would only cost detail and time. */
function keepAsIs(bytes: Uint8Array, mime: ExportMime, source: ImageBitmap): PrepareOutcome | null {
  const uri = toDataUri(bytes, mime);
  return uri.length <= TARGET_REFERENCE_DATA_URI_CHARS ? success(uri, mime, source.width, source.height) : null;
}

/**
 * A layer's JPEG export sent as it is, checked by its header and end marker instead of a full decode: Figma made
 * it at the capped size, so only a cut-off or mislabelled one is to be caught, and decoding a 2048 px photo only to
 * send the same bytes costs more than anything else here. Null when anything needs a closer look (a file, another
 * type, a size outside the aspect range, a header it can't read, or a data URI over the target).
 */
function trustedJpegExport(bytes: Uint8Array, mime: ReferenceSourceMime, capEdge: boolean): PrepareOutcome | null {
  if (capEdge || mime !== 'image/jpeg') return null;
  const info = sniffImage(bytes);
  if (info?.kind !== 'jpeg' || info.width === null || info.height === null || !isComplete('jpeg', bytes)) return null;
  const box = letterbox(info.width, info.height);
  if (box.width !== info.width || box.height !== info.height) return null;
  const uri = toDataUri(bytes, mime);
  return uri.length <= TARGET_REFERENCE_DATA_URI_CHARS ? success(uri, mime, info.width, info.height) : null;
}

/**
 * Encodes `first` (the source at `firstScale`), stepping the JPEG quality down and then shrinking until the
 * data URI fits the target.
 */
function encodeWithinTarget(source: ImageBitmap, first: Rendered, firstScale: number, transparent: boolean): PrepareOutcome {
  const mime: ExportMime = transparent ? 'image/png' : 'image/jpeg';
  const qualities: readonly (number | undefined)[] = transparent ? [undefined] : JPEG_QUALITIES;
  let rendered = first;
  let qualityIndex = 0;
  let scale = firstScale;
  for (let attempt = 1; attempt <= MAX_ENCODE_ATTEMPTS; attempt++) {
    const { canvas } = rendered.context;
    const uri = encodeCanvas(canvas, mime, qualities[qualityIndex]);
    if (!uri) return fail(`the browser couldn't encode the reference as ${transparent ? 'PNG' : 'JPEG'}`);
    if (uri.length <= TARGET_REFERENCE_DATA_URI_CHARS) return success(uri, mime, canvas.width, canvas.height);
    if (qualityIndex < qualities.length - 1) {
      qualityIndex += 1;
      continue;
    }
    scale *= Math.min(MAX_SHRINK_FACTOR, Math.sqrt(TARGET_REFERENCE_DATA_URI_CHARS / uri.length) * SHRINK_MARGIN);
    const next = render(source, scale);
    if (!next) return noCanvas(Math.round(source.width * scale), Math.round(source.height * scale));
    if (!transparent) fillPadding(next);
    rendered = next;
  }
  return fail(`the reference stays over ${MAX_REFERENCE_DATA_URI_CHARS / 1024 / 1024} MB even when shrunk`);
}

/**
 * Decodes an exported layer (or an added file) and makes it a reference within the provider's limits, or says
 * why it can't. Layers come already capped by their export scale; a file's long edge is capped here, as
 * `capEdge` asks, so it meets the same size rule.
 */
export async function prepareReferenceAsync(bytes: Uint8Array, mime: ReferenceSourceMime, capEdge = false): Promise<PrepareOutcome> {
  const trusted = trustedJpegExport(bytes, mime, capEdge);
  if (trusted) return trusted;
  // Decoded even when the bytes may be sent as they are, so damaged bytes never reach the provider.
  const source = await decodeImageAsync(bytes, mime);
  if (!source) return fail("couldn't decode the image");
  try {
    const scale = capEdge ? exportScale(source.width, source.height) : 1;
    const box = letterbox(source.width, source.height);
    const inRange = scale === 1 && box.width === source.width && box.height === source.height;
    if (inRange && mime === 'image/jpeg') {
      const kept = keepAsIs(bytes, mime, source);
      if (kept) return kept;
    }
    const first = render(source, scale);
    if (!first) return noCanvas(Math.round(box.width * scale), Math.round(box.height * scale));
    // Only a PNG or WebP can carry transparency; reading a JPEG's pixels back would only cost time.
    const transparent = mime !== 'image/jpeg' && hasTransparentPixel(first);
    // A WebP is always re-encoded, to the PNG or JPEG that layer references already send to every provider.
    if (transparent && inRange && mime === 'image/png') {
      const kept = keepAsIs(bytes, mime, source);
      if (kept) return kept;
    }
    if (!transparent) fillPadding(first);
    return encodeWithinTarget(source, first, scale, transparent);
  } finally {
    source.close();
  }
}
