// Size rules for reference images (CONTRACTS §2): aspect ratio between 0.5 and 2, data URI at most
// 5 MB as text. We cap the long edge so a photo-like JPEG stays far below that.

export const MAX_REFERENCE_EDGE_PX = 2048;
export const MIN_REFERENCE_ASPECT = 0.5;
export const MAX_REFERENCE_ASPECT = 2;
/** The provider's limit on a data URI, in characters. */
export const MAX_REFERENCE_DATA_URI_CHARS = 5 * 1024 * 1024;
/** What we aim to stay under, leaving room for the JSON around it. */
export const TARGET_REFERENCE_DATA_URI_CHARS = 3 * 1024 * 1024;

/** The export scale that caps the long edge at MAX_REFERENCE_EDGE_PX without upscaling small layers. */
export function exportScale(width: number, height: number): number {
  const longEdge = Math.max(width, height);
  return longEdge > MAX_REFERENCE_EDGE_PX ? MAX_REFERENCE_EDGE_PX / longEdge : 1;
}

/** A padded canvas that brings an image's aspect ratio into 0.5–2, with the image's offset in it. */
export interface Letterbox {
  readonly width: number;
  readonly height: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

/** Pads (never stretches) a width × height image into the allowed aspect range; unchanged when inside it. */
export function letterbox(width: number, height: number): Letterbox {
  let boxWidth = width;
  let boxHeight = height;
  if (width / height > MAX_REFERENCE_ASPECT) boxHeight = Math.ceil(width / MAX_REFERENCE_ASPECT);
  else if (width / height < MIN_REFERENCE_ASPECT) boxWidth = Math.ceil(height * MIN_REFERENCE_ASPECT);
  return {
    width: boxWidth,
    height: boxHeight,
    offsetX: Math.floor((boxWidth - width) / 2),
    offsetY: Math.floor((boxHeight - height) / 2),
  };
}
