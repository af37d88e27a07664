// The picture the Segmind stand-in "generates": a background from the prompt (a vertical gradient between two
// colours hashed from it, and a band of hashed cells along the bottom), with the decoded references laid out
// side by side (stacked for portrait ratios), each fitted into its slot on a white mat (which shows through
// transparent pixels, as in a JPG export). Pure and deterministic: the same prompt, references and size always
// give the same pixels, so a test can redraw what the server sent.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export type Rgb = readonly [number, number, number];

/** RGBA pixels, row by row. */
export interface RgbaPixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A reference as the stand-in draws it: decoded pixels, or a placeholder for what it can't fetch or decode. */
export type DrawnReference = { readonly kind: 'pixels'; readonly pixels: RgbaPixels } | { readonly kind: 'placeholder' };

/** The fill of a reference the stand-in can't show: an https URL (it fetches nothing) or a WebP (no decoder here). */
export const STAND_IN_PLACEHOLDER_RGB: Rgb = [217, 217, 217];
const PLACEHOLDER_EDGE_RGB: Rgb = [150, 150, 150];
const MAT_RGB: Rgb = [255, 255, 255];
/** Cells in the prompt band: enough that two prompts rarely share a band. */
const BAND_CELLS = 24;
/** JPEG quality of the answer, like a typical generation service's. */
export const STAND_IN_JPEG_QUALITY = 85;
/** Margin around each slot, as a share of the picture's shorter side. */
const MARGIN_SHARE = 0.06;
/** The white mat around a reference: a share of the shorter side, at least 2 px. */
const MAT_SHARE = 1 / 180;
const MIN_MAT_PX = 2;
/** The prompt band's height, as a share of the picture's height. */
const BAND_SHARE = 1 / 14;

/** FNV-1a, 32 bits: a stable hash so the same prompt always gives the same picture. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A colour hashed from `text`, each channel in 32..223 so JPEG never clips it at 0 or 255. */
export function hashedColour(text: string): Rgb {
  const hash = fnv1a(text);
  return [32 + ((hash & 0xff) % 192), 32 + (((hash >>> 8) & 0xff) % 192), 32 + (((hash >>> 16) & 0xff) % 192)];
}

/**
 * The text a picture's colours are hashed from: the prompt, plus what tells one variation of it from another (a
 * seed, a repeat number), so variations of one prompt differ visibly. Without one, the prompt alone.
 */
export function paletteText(prompt: string, variation: string | null): string {
  return variation === null ? prompt : `${prompt}\u0000${variation}`;
}

/** The background's top and bottom colours for `prompt`. */
export function gradientColours(prompt: string): { readonly top: Rgb; readonly bottom: Rgb } {
  return { top: hashedColour(prompt), bottom: hashedColour(`bottom:${prompt}`) };
}

/** The sizes that depend only on the picture's size: margin between slots, mat width and band height. */
function standInMetrics(width: number, height: number): { readonly marginPx: number; readonly matPx: number; readonly bandPx: number } {
  const short = Math.min(width, height);
  return {
    marginPx: Math.round(short * MARGIN_SHARE),
    matPx: Math.max(MIN_MAT_PX, Math.round(short * MAT_SHARE)),
    bandPx: Math.round(height * BAND_SHARE),
  };
}

/**
 * Where each of `count` references goes in a `width`×`height` picture: side by side for landscape and square
 * ratios, stacked for portrait ones, with a margin around each and the band kept clear. A reference is fitted
 * into its slot and centred, so the slot's centre always shows the middle of its reference.
 */
export function standInSlots(width: number, height: number, count: number): PixelRect[] {
  if (!Number.isInteger(count) || count < 1 || count > 3) throw new Error(`The stand-in draws 1 to 3 references, not ${count}`);
  const { marginPx, bandPx } = standInMetrics(width, height);
  const area = { width, height: height - bandPx };
  const across = width >= height;
  const length = across ? area.width : area.height;
  const breadth = across ? area.height : area.width;
  const step = (length - marginPx) / count;
  return Array.from({ length: count }, (_, i) => {
    const start = Math.round(marginPx + i * step);
    const end = Math.round(marginPx + (i + 1) * step - marginPx);
    return across
      ? { x: start, y: marginPx, width: end - start, height: breadth - 2 * marginPx }
      : { x: marginPx, y: start, width: breadth - 2 * marginPx, height: end - start };
  });
}

/** Decodes a reference's data URI (PNG or JPEG); https URLs and WebP become placeholders. Throws for bytes that don't decode. */
export function decodeReference(uri: string): DrawnReference {
  const match = /^data:image\/(png|jpeg|webp);base64,(.*)$/.exec(uri);
  if (!match) return { kind: 'placeholder' };
  const bytes = Buffer.from(match[2] ?? '', 'base64');
  if (match[1] === 'png') {
    const png = PNG.sync.read(bytes);
    return {
      kind: 'pixels',
      pixels: { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) },
    };
  }
  if (match[1] === 'jpeg') {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { kind: 'pixels', pixels: { width: image.width, height: image.height, data: image.data } };
  }
  return { kind: 'placeholder' };
}

/** The stand-in's picture as RGBA pixels. */
export function drawStandInPixels(prompt: string, references: readonly DrawnReference[], width: number, height: number): RgbaPixels {
  const data = new Uint8Array(width * height * 4);
  const canvas = { width, height, data };
  const { top, bottom } = gradientColours(prompt);
  const { matPx, bandPx } = standInMetrics(width, height);
  const last = Math.max(1, height - 1);
  for (let y = 0; y < height; y += 1) {
    const t = y / last;
    fillRect(canvas, { x: 0, y, width, height: 1 }, mixRgb(top, bottom, t));
  }
  for (let i = 0; i < BAND_CELLS; i += 1) {
    const x = Math.round((i * width) / BAND_CELLS);
    const next = Math.round(((i + 1) * width) / BAND_CELLS);
    // Half the background's colour, so the band reads as part of the picture rather than a test pattern.
    fillRect(canvas, { x, y: height - bandPx, width: next - x, height: bandPx }, mixRgb(hashedColour(`band:${i}:${prompt}`), bottom, 0.5));
  }

  const slots = references.length === 0 ? [] : standInSlots(width, height, references.length);
  references.forEach((reference, i) => {
    const slot = slots[i]!;
    if (reference.kind === 'placeholder') {
      fillRect(canvas, slot, PLACEHOLDER_EDGE_RGB);
      fillRect(canvas, inset(slot, matPx), STAND_IN_PLACEHOLDER_RGB);
      return;
    }
    const inner = inset(slot, matPx);
    const placed = fitRect(reference.pixels, inner);
    fillRect(canvas, inset(placed, -matPx), MAT_RGB);
    drawScaled(canvas, reference.pixels, placed);
  });
  return canvas;
}

/** The stand-in's picture as the JPEG it answers with. */
export function encodeStandInJpeg(pixels: RgbaPixels): Uint8Array {
  return new Uint8Array(jpeg.encode({ data: pixels.data, width: pixels.width, height: pixels.height }, STAND_IN_JPEG_QUALITY).data);
}

/** `from` moved a fraction `t` of the way to `to`, rounded. */
function mixRgb(from: Rgb, to: Rgb, t: number): Rgb {
  return [
    Math.round(from[0] + (to[0] - from[0]) * t),
    Math.round(from[1] + (to[1] - from[1]) * t),
    Math.round(from[2] + (to[2] - from[2]) * t),
  ];
}

function inset(rect: PixelRect, by: number): PixelRect {
  return { x: rect.x + by, y: rect.y + by, width: Math.max(1, rect.width - 2 * by), height: Math.max(1, rect.height - 2 * by) };
}

/** `image` scaled to fit `slot` keeping its aspect ratio, centred. */
function fitRect(image: RgbaPixels, slot: PixelRect): PixelRect {
  const scale = Math.min(slot.width / image.width, slot.height / image.height);
  const width = Math.max(1, Math.min(slot.width, Math.round(image.width * scale)));
  const height = Math.max(1, Math.min(slot.height, Math.round(image.height * scale)));
  return { x: slot.x + Math.floor((slot.width - width) / 2), y: slot.y + Math.floor((slot.height - height) / 2), width, height };
}

function fillRect(canvas: RgbaPixels, rect: PixelRect, [r, g, b]: Rgb): void {
  const left = Math.max(0, rect.x);
  const right = Math.min(canvas.width, rect.x + rect.width);
  if (right <= left) return;
  const pattern = new Uint8Array((right - left) * 4);
  for (let i = 0; i < pattern.length; i += 4) {
    pattern[i] = r;
    pattern[i + 1] = g;
    pattern[i + 2] = b;
    pattern[i + 3] = 255;
  }
  for (let y = Math.max(0, rect.y); y < Math.min(canvas.height, rect.y + rect.height); y += 1) {
    canvas.data.set(pattern, (y * canvas.width + left) * 4);
  }
}

/**
 * Draws `image` into `target` (bilinear, alpha over what is there). Bilinear alone skips most source pixels when
 * shrinking a lot, so a large reference is first box-averaged down by a whole factor.
 */
function drawScaled(canvas: RgbaPixels, original: RgbaPixels, target: PixelRect): void {
  const factor = Math.floor(Math.min(original.width / target.width, original.height / target.height));
  const image = factor >= 2 ? boxShrink(original, factor) : original;
  const { width: sw, height: sh, data: src } = image;
  const columns = sampleTable(target.width, sw);
  const rows = sampleTable(target.height, sh);
  const out = canvas.data;
  for (let dy = 0; dy < target.height; dy += 1) {
    const y = target.y + dy;
    if (y < 0 || y >= canvas.height) continue;
    const r0 = rows.low[dy]! * sw;
    const r1 = rows.high[dy]! * sw;
    const fy = rows.weight[dy]!;
    for (let dx = 0; dx < target.width; dx += 1) {
      const x = target.x + dx;
      if (x < 0 || x >= canvas.width) continue;
      const c0 = columns.low[dx]!;
      const c1 = columns.high[dx]!;
      const fx = columns.weight[dx]!;
      const a = (r0 + c0) * 4;
      const b = (r0 + c1) * 4;
      const c = (r1 + c0) * 4;
      const d = (r1 + c1) * 4;
      const o = (y * canvas.width + x) * 4;
      // Bilinear on alpha-weighted colours, then over the background: transparent pixels lend no colour.
      const wa = (1 - fx) * (1 - fy) * src[a + 3]!;
      const wb = fx * (1 - fy) * src[b + 3]!;
      const wc = (1 - fx) * fy * src[c + 3]!;
      const wd = fx * fy * src[d + 3]!;
      const keep = 1 - (wa + wb + wc + wd) / 255;
      for (let k = 0; k < 3; k += 1) {
        out[o + k] = Math.round((src[a + k]! * wa + src[b + k]! * wb + src[c + k]! * wc + src[d + k]! * wd) / 255 + out[o + k]! * keep);
      }
    }
  }
}

/** For each of `size` destination pixels, the two source pixels around its centre and the second one's weight. */
function sampleTable(size: number, sourceSize: number): { low: Int32Array; high: Int32Array; weight: Float64Array } {
  const low = new Int32Array(size);
  const high = new Int32Array(size);
  const weight = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    const at = Math.min(sourceSize - 1, Math.max(0, ((i + 0.5) * sourceSize) / size - 0.5));
    low[i] = Math.floor(at);
    high[i] = Math.min(sourceSize - 1, low[i]! + 1);
    weight[i] = at - low[i]!;
  }
  return { low, high, weight };
}

/** `image` shrunk by a whole `factor`, each pixel the average of a factor×factor block (alpha-weighted). */
function boxShrink(image: RgbaPixels, factor: number): RgbaPixels {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height * 4);
  const sums = new Float64Array(width * 4);
  for (let y = 0; y < height; y += 1) {
    sums.fill(0);
    for (let sy = y * factor; sy < (y + 1) * factor; sy += 1) {
      let i = sy * image.width * 4;
      for (let x = 0; x < width; x += 1) {
        const s = x * 4;
        for (let k = 0; k < factor; k += 1, i += 4) {
          const alpha = image.data[i + 3]!;
          sums[s] += image.data[i]! * alpha;
          sums[s + 1] += image.data[i + 1]! * alpha;
          sums[s + 2] += image.data[i + 2]! * alpha;
          sums[s + 3] += alpha;
        }
      }
    }
    const area = factor * factor;
    for (let x = 0; x < width; x += 1) {
      const s = x * 4;
      const o = (y * width + x) * 4;
      const alpha = sums[s + 3]!;
      if (alpha > 0) {
        data[o] = Math.round(sums[s]! / alpha);
        data[o + 1] = Math.round(sums[s + 1]! / alpha);
        data[o + 2] = Math.round(sums[s + 2]! / alpha);
      }
      data[o + 3] = Math.round(alpha / area);
    }
  }
  return { width, height, data };
}
