// Makes a provider's answer placeable: Figma's createImage takes only PNG, JPEG or GIF, at most 4096 px a
// side (CONTRACTS §3), so anything else that decodes is re-encoded as PNG here, where a canvas exists.
import { isComplete, isFigmaReady, MAX_FIGMA_IMAGE_EDGE_PX, sniffImage } from '../../core/image-bytes';
import { canvas2d, dataUriBytes, decodeImageAsync, encodeCanvas } from './codecs';

export type FigmaImageOutcome =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      readonly width: number;
      readonly height: number;
      /** False when `bytes` are the provider's own, untouched. */
      readonly transcoded: boolean;
    }
  | { readonly ok: false; readonly message: string };

function fail(message: string): FigmaImageOutcome {
  return { ok: false, message };
}

/** The provider's image bytes as Figma can take them: as they are when possible, else re-encoded as PNG. */
export async function toFigmaImageAsync(bytes: Uint8Array): Promise<FigmaImageOutcome> {
  const info = sniffImage(bytes);
  if (!info) return fail("the provider's answer is not an image");
  // A cut-off download must not reach the canvas as a grey band; the tail tells without a decode.
  if (!isComplete(info.kind, bytes)) return fail('the image from the provider is damaged (truncated)');
  // Placeable as it is: no decode, no re-encode (Figma decodes it anyway), so the answer is placed at once.
  if (isFigmaReady(info) && info.width !== null && info.height !== null) {
    return { ok: true, bytes, width: info.width, height: info.height, transcoded: false };
  }
  const bitmap = await decodeImageAsync(bytes, info.mime);
  if (!bitmap) return fail('the image from the provider is damaged (truncated)');
  try {
    const scale = Math.min(1, MAX_FIGMA_IMAGE_EDGE_PX / Math.max(bitmap.width, bitmap.height));
    const width = Math.min(MAX_FIGMA_IMAGE_EDGE_PX, Math.max(1, Math.round(bitmap.width * scale)));
    const height = Math.min(MAX_FIGMA_IMAGE_EDGE_PX, Math.max(1, Math.round(bitmap.height * scale)));
    const context = canvas2d(width, height);
    if (!context) return fail(`the browser couldn't make a ${width}×${height} px canvas to convert the image`);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const uri = encodeCanvas(context.canvas, 'image/png');
    const png = uri && dataUriBytes(uri);
    if (!png) return fail("the browser couldn't convert the provider's image to PNG");
    return { ok: true, bytes: png, width, height, transcoded: true };
  } finally {
    bitmap.close();
  }
}
