// The browser's image codecs, wrapped so that every failure comes back as null instead of a throw or a
// silently wrong result.

/** The decoded pixels of `bytes`, or null when the browser can't decode them completely. */
export async function decodeImageAsync(bytes: Uint8Array, mime: string): Promise<ImageBitmap | null> {
  // createImageBitmap, not an <img>: Chromium's <img> shows a cut-off JPEG or PNG as if it were whole,
  // while createImageBitmap rejects it. It also decodes off the main thread.
  try {
    return await createImageBitmap(toBlob(bytes, mime));
  } catch {
    return null;
  }
}

/** `bytes` as a Blob of type `mime`. */
export function toBlob(bytes: Uint8Array, mime: string): Blob {
  // The cast only narrows the buffer type for Blob's typing: bytes from fetch or Figma's bridge sit on a
  // plain ArrayBuffer, never a SharedArrayBuffer.
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
}

/** A canvas of the given size with its 2D context, or null when the browser refuses one. */
export function canvas2d(width: number, height: number): CanvasRenderingContext2D | null {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas.getContext('2d');
}

/** The canvas encoded as `mime` (quality 0–1 for JPEG), or null when the browser can't. */
export async function encodeCanvasAsync(canvas: HTMLCanvasElement, mime: string, quality?: number): Promise<Blob | null> {
  // toBlob rather than toDataURL: it encodes faster and keeps the main thread freer. It hands over null
  // when it can't encode (e.g. a canvas too large), and a PNG for a type it can't write.
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, mime, quality));
  return blob && blob.type === mime ? blob : null;
}

/** The blob as a base64 data URI carrying its type, or null when it can't be read. */
export function dataUriAsync(blob: Blob): Promise<string | null> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(blob);
  });
}
