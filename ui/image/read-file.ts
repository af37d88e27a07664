// Reads an image file the designer dropped, pasted or picked, and judges it by its bytes (a name or a MIME type
// can lie) before any decoding: only PNG, JPEG or WebP of a size the provider takes gets through.
import { isComplete, sniffImage } from '../../core/image-bytes';

/** Reading more than this would only be refused later; Runway takes reference files of at most 16 MB. */
export const MAX_REFERENCE_FILE_BYTES = 16 * 1024 * 1024;
/** Runway takes reference images under 8000 px a side; larger ones would also cost the panel a huge decode. */
export const MAX_REFERENCE_FILE_EDGE_PX = 7999;

/** The formats a reference file may have; the panel re-encodes it as PNG or JPEG for the provider. */
export type ReferenceFileMime = 'image/png' | 'image/jpeg' | 'image/webp';

/** An image file that passed the checks. */
export interface ImageFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mime: ReferenceFileMime;
}

export type ImageFileOutcome = { readonly ok: true; readonly file: ImageFile } | { readonly ok: false; readonly message: string };

const ASK = 'drop a PNG, JPEG or WebP';
const FILE_MIME: Readonly<Record<'png' | 'jpeg' | 'webp', ReferenceFileMime>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a file of `size` bytes can't be a reference, or null; checked before its bytes are read. */
export function fileSizeProblem(name: string, size: number): string | null {
  if (size === 0) return `“${name}” is empty (0 bytes): ${ASK}`;
  if (size > MAX_REFERENCE_FILE_BYTES) {
    return `“${name}” is ${megabytes(size)}: a reference file can be at most ${megabytes(MAX_REFERENCE_FILE_BYTES)}`;
  }
  return null;
}

/** The file as a reference image, or why it can't be one, judged by its bytes. */
export function checkImageFile(name: string, bytes: Uint8Array): ImageFileOutcome {
  const fail = (message: string) => ({ ok: false as const, message });
  const sizeProblem = fileSizeProblem(name, bytes.length);
  if (sizeProblem) return fail(sizeProblem);
  const info = sniffImage(bytes);
  if (!info) return fail(`“${name}” isn't an image: ${ASK}`);
  if (info.kind === 'gif') return fail(`“${name}” is a GIF, which the model doesn't take: ${ASK}`);
  if (info.width === null || info.height === null || !isComplete(info.kind, bytes)) {
    return fail(`“${name}” is damaged or cut short: ${ASK} that opens in other apps`);
  }
  if (info.width > MAX_REFERENCE_FILE_EDGE_PX || info.height > MAX_REFERENCE_FILE_EDGE_PX) {
    return fail(`“${name}” is ${info.width}×${info.height} px: a reference must be under ${MAX_REFERENCE_FILE_EDGE_PX + 1} px a side`);
  }
  return { ok: true, file: { name, bytes, mime: FILE_MIME[info.kind] } };
}

/** Reads `file` and checks it as a reference image; never throws. */
export async function readImageFileAsync(file: File): Promise<ImageFileOutcome> {
  const sizeProblem = fileSizeProblem(file.name, file.size);
  if (sizeProblem) return { ok: false, message: sizeProblem };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    // E.g. the file was moved or deleted between the drop and the read.
    return { ok: false, message: `Couldn't read “${file.name}”: ${error instanceof Error ? error.message : String(error)}` };
  }
  return checkImageFile(file.name, bytes);
}
