// Small previews for the reference cards. A card showing the reference itself put its whole data URI (0.6–0.8 MB for
// a photo) into an <img>: the panel parsed that string and decoded a 2048 px picture on its main thread for a
// 56 px square, which made Generate wait on the cards being drawn. The preview is made from the same bytes,
// decoded off the main thread straight to a small size, and encoded as a few-kB JPEG or PNG.
import { sniffImage } from '../../core/image-bytes';
import { canvas2d, dataUriBytes, encodeCanvas } from './codecs';

/** The card shows 56 px squares; twice that stays sharp on a 2× display. */
export const THUMBNAIL_EDGE_PX = 112;
/** Previews kept for reuse: enough for every card of a selection and a few more. */
const MAX_KEPT = 16;

/** The width and height that fit `width`×`height` within `edge` px on its long side (never enlarged). */
export function thumbnailSize(width: number, height: number, edge = THUMBNAIL_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A small data URI of the image in data URI `uri` (PNG kept PNG, for its transparency), or null when it can't be made. */
export async function makeThumbnailAsync(uri: string): Promise<string | null> {
  const mime = /^data:(image\/(?:png|jpeg));base64,/.exec(uri)?.[1];
  const bytes = mime ? dataUriBytes(uri) : null;
  if (!mime || !bytes) return null;
  try {
    // The header gives the size, so the decoder can make the small picture at once.
    const info = sniffImage(bytes);
    if (!info?.width || !info.height) return null;
    const size = thumbnailSize(info.width, info.height);
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
    const small = await createImageBitmap(blob, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'medium' });
    const context = canvas2d(size.width, size.height);
    if (!context) {
      small.close();
      return null;
    }
    context.drawImage(small, 0, 0);
    small.close();
    return encodeCanvas(context.canvas, mime, mime === 'image/jpeg' ? 0.85 : undefined);
  } catch {
    return null;
  }
}

const kept = new Map<string, Promise<string | null>>();

/** makeThumbnailAsync, answered from the previews made lately when `uri` was seen before (a reselected layer). */
export function thumbnailAsync(uri: string): Promise<string | null> {
  const found = kept.get(uri);
  if (found) {
    kept.delete(uri);
    kept.set(uri, found);
    return found;
  }
  const made = makeThumbnailAsync(uri);
  kept.set(uri, made);
  for (const oldest of kept.keys()) {
    if (kept.size <= MAX_KEPT) break;
    kept.delete(oldest);
  }
  return made;
}
