// Upscaling a placed image with Runway's upscaler (issue 12), as pure data: the limits of the API and of Figma,
// the scale that fits both, the request body, and an upscale under way. Runway's official SDK 4.20 is the source of
// these facts.
import { asRecord, isText, isWhole } from './guards';

/** Runway's upscaler model. */
export const UPSCALE_MODEL = 'magnific_precision_upscaler_v2';

/** The scale factors Runway takes, smallest first. */
export const UPSCALE_FACTORS = [2, 4, 8, 16] as const;
export type UpscaleFactor = (typeof UPSCALE_FACTORS)[number];

/** What the picture is: a photo, or an illustration (Runway's 'sublime'). */
export type UpscaleFlavor = 'photo' | 'sublime';
export const UPSCALE_FLAVORS: readonly UpscaleFlavor[] = ['photo', 'sublime'];
export const UPSCALE_FLAVOR_LABELS: Readonly<Record<UpscaleFlavor, string>> = { photo: 'Photo', sublime: 'Illustration' };

/** Each side of the input: at least this and at most UPSCALE_MAX_INPUT_SIDE_PX. */
export const UPSCALE_MIN_INPUT_SIDE_PX = 300;
export const UPSCALE_MAX_INPUT_SIDE_PX = 8000;
/** The output's width × height at most. */
export const UPSCALE_MAX_OUTPUT_PIXELS = 25_300_000;
/** The input's data URI at most (5 MB). */
export const UPSCALE_MAX_INPUT_URI_BYTES = 5 * 1024 * 1024;
/** Figma's createImage takes at most this many pixels a side. */
export const FIGMA_MAX_IMAGE_SIDE_PX = 4096;

/** The body of POST /v1/image_upscale. */
export interface UpscaleRequestBody {
  readonly model: typeof UPSCALE_MODEL;
  readonly imageUri: string;
  readonly scaleFactor: UpscaleFactor;
  readonly flavor: UpscaleFlavor;
}

export type UpscalePlan =
  | { readonly ok: true; readonly factor: UpscaleFactor; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly reason: string };

/**
 * The largest scale that makes an image of `width` × `height` px a bigger one Figma can still place (at most 4096 px
 * a side) and Runway can make (each input side 300–8000 px, at most 25.3 million px out); or why there is none.
 */
export function planUpscale(width: number, height: number): UpscalePlan {
  const size = `${width} × ${height} px`;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    return { ok: false, reason: `The image's size (${size}) can't be read.` };
  }
  if (Math.min(width, height) < UPSCALE_MIN_INPUT_SIDE_PX) {
    return { ok: false, reason: `The image is ${size}; Runway upscales images of at least ${UPSCALE_MIN_INPUT_SIDE_PX} px a side.` };
  }
  if (Math.max(width, height) > UPSCALE_MAX_INPUT_SIDE_PX) {
    return { ok: false, reason: `The image is ${size}; Runway upscales images of at most ${UPSCALE_MAX_INPUT_SIDE_PX} px a side.` };
  }
  const fits = (factor: number): boolean =>
    Math.max(width, height) * factor <= FIGMA_MAX_IMAGE_SIDE_PX && width * height * factor * factor <= UPSCALE_MAX_OUTPUT_PIXELS;
  const factor = [...UPSCALE_FACTORS].reverse().find(fits);
  if (factor === undefined) {
    return {
      ok: false,
      reason: `The image is already ${size}: twice that (${width * 2} × ${height * 2} px) is more than Figma places (${FIGMA_MAX_IMAGE_SIDE_PX} px a side).`,
    };
  }
  return { ok: true, factor, width: width * factor, height: height * factor };
}

/** The upscale request for the image `imageUri` (a data URI), or why it can't be sent. */
export function upscaleRequestBody(
  imageUri: string,
  factor: UpscaleFactor,
  flavor: UpscaleFlavor,
): { readonly ok: true; readonly body: UpscaleRequestBody } | { readonly ok: false; readonly reason: string } {
  if (!/^data:image\/(png|jpeg|webp);base64,/.test(imageUri))
    return { ok: false, reason: 'The image to upscale must be a PNG, JPEG or WebP.' };
  if (imageUri.length > UPSCALE_MAX_INPUT_URI_BYTES) {
    const megabytes = (imageUri.length / 1024 / 1024).toFixed(1);
    return { ok: false, reason: `The image is ${megabytes} MB as sent; Runway upscales images of at most 5 MB.` };
  }
  return { ok: true, body: { model: UPSCALE_MODEL, imageUri, scaleFactor: factor, flavor } };
}

/**
 * An upscale whose Runway task goes on without the plugin: enough to put its image in place at the next open. Kept
 * per file in clientStorage (never the key) from the moment Runway takes the task until its image is in place.
 */
export interface PendingUpscale {
  /** The layer, and the image it showed, that the larger image replaces. */
  readonly layerId: string;
  readonly hash: string;
  readonly name: string;
  /** Runway's task id. */
  readonly jobId: string;
  readonly factor: UpscaleFactor;
  /** The larger image's size in px. */
  readonly width: number;
  readonly height: number;
  /** Date.now() when Runway took the task. */
  readonly startedAt: number;
}

/** A finished upscale as the sandbox puts it in place: which layer and image, and what the larger image is called. */
export type UpscaleDone = Pick<PendingUpscale, 'layerId' | 'hash' | 'name' | 'factor'>;

/** The clientStorage key of the pending upscale of the file with `fileId`. */
export const pendingUpscaleStorageKey = (fileId: string): string => `upscale/${fileId}`;

/** `value` when it is an UpscaleDone as sent over the bridge (or the start of a PendingUpscale), else null. */
export function parseUpscaleDone(value: unknown): UpscaleDone | null {
  const record = asRecord(value);
  const { layerId, hash, name, factor } = record ?? {};
  if (!isText(layerId) || layerId === '' || !isText(hash) || !isText(name)) return null;
  return UPSCALE_FACTORS.includes(factor as UpscaleFactor) ? { layerId, hash, name, factor: factor as UpscaleFactor } : null;
}

/** `value` when it is a PendingUpscale as sent over the bridge or stored, else null. */
export function parsePendingUpscale(value: unknown): PendingUpscale | null {
  const done = parseUpscaleDone(value);
  const { jobId, width, height, startedAt } = asRecord(value) ?? {};
  if (!done || !isText(jobId) || jobId === '' || !isWhole(width) || !isWhole(height) || !isWhole(startedAt)) return null;
  return { ...done, jobId, width, height, startedAt };
}
