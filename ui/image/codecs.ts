// The browser's image codecs, wrapped so that every failure comes back as null instead of a throw or a
// silently wrong result.
import { base64ToBytes, bytesToBase64 } from './base64';

/** The decoded pixels of `bytes`, or null when the browser can't decode them completely. */
export async function decodeImageAsync(bytes: Uint8Array, mime: string): Promise<ImageBitmap | null> {
  // createImageBitmap, not an <img>: Chromium's <img> shows a cut-off JPEG or PNG as if it were whole,
  // while createImageBitmap rejects it. It also decodes off the main thread. The cast only narrows the buffer
  // type for Blob's typing: bytes from fetch or Figma's bridge sit on a plain ArrayBuffer, never a shared one.
  try {
    return await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
  } catch {
    return null;
  }
}

/** A canvas of the given size with its 2D context, or null when the browser refuses one. */
export function canvas2d(width: number, height: number): CanvasRenderingContext2D | null {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas.getContext('2d');
}

/** The canvas encoded as a base64 data URI of type `mime` (quality 0–1 for JPEG), or null when the browser can't. */
export function encodeCanvas(canvas: HTMLCanvasElement, mime: string, quality?: number): string | null {
  // toDataURL, not toBlob: Chromium runs a toBlob (and an OffscreenCanvas.convertToBlob) only in an idle period
  // of the main thread, else after a 1 s timer, and the plugin's sandboxed iframe may get no idle period at all,
  // so every encode waited a second or more. toDataURL encodes at once. It answers "data:," when it can't encode
  // (e.g. a canvas too large) and a PNG for a type it can't write; a tainted canvas would make it throw.
  let uri: string;
  try {
    uri = canvas.toDataURL(mime, quality);
  } catch {
    return null;
  }
  return uri.startsWith(`data:${mime};base64,`) ? uri : null;
}

/** `bytes` as a base64 data URI of type `mime`. */
export function toDataUri(bytes: Uint8Array, mime: string): string {
  return `data:${mime};base64,${bytesToBase64(bytes)}`;
}

/** The bytes a base64 data URI carries, or null when it isn't one. */
export function dataUriBytes(uri: string): Uint8Array | null {
  const comma = uri.indexOf(',');
  if (comma < 0 || !uri.startsWith('data:') || !uri.slice(0, comma).endsWith(';base64')) return null;
  return base64ToBytes(uri.slice(comma + 1));
}
