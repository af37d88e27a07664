// Where a generated layer goes on the page: beside its references, never on top of other layers.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Space between the references and the new layer, and between the new layer and its neighbours. */
export const PLACEMENT_GAP_PX = 80;

/** The smallest rectangle holding all of `rects`, or null for none. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

/**
 * Top-left corner for a `size` layer: to the right of `anchor` (the references) top-aligned with it,
 * or centred on `center` when there is no anchor; then moved right past any of `obstacles` it would touch.
 */
export function placeBeside(
  size: { readonly width: number; readonly height: number },
  anchor: Rect | null,
  center: { readonly x: number; readonly y: number },
  obstacles: readonly Rect[],
  gap: number = PLACEMENT_GAP_PX,
): { x: number; y: number } {
  let x = anchor ? anchor.x + anchor.width + gap : Math.round(center.x - size.width / 2);
  const y = anchor ? anchor.y : Math.round(center.y - size.height / 2);
  // Each step moves strictly right past one obstacle, so this ends after at most obstacles.length steps.
  for (;;) {
    const candidate = { x, y, width: size.width, height: size.height };
    const hit = obstacles.filter((o) => overlaps(candidate, o, gap));
    if (hit.length === 0) return { x, y };
    x = Math.max(...hit.map((o) => o.x + o.width)) + gap;
  }
}

/** A layer name from the prompt: whitespace (newlines too) folded, at most `max` characters with an ellipsis. */
export function layerNameFromPrompt(prompt: string, max = 48): string {
  const text = prompt.replace(/\s+/g, ' ').trim();
  if (text === '') return 'Generated image';
  if (text.length <= max) return text;
  // A space right at the cut still ends a whole word, so look one character past the kept text.
  const atWord = text.lastIndexOf(' ', max - 1);
  let cut = text.slice(0, atWord > max / 2 ? atWord : max - 1);
  // A cut between the halves of a surrogate pair (an emoji) would leave a broken character.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The layer name of a generated image: the prompt's name, then " · seed <n>" when the provider reported a seed. */
export function generatedLayerName(prompt: string, seed: string | null): string {
  // Only a plain number: the name must not carry whatever else a provider might send in its seed header.
  return seed !== null && /^\d{1,12}$/.test(seed) ? `${layerNameFromPrompt(prompt)} · seed ${seed}` : layerNameFromPrompt(prompt);
}

/**
 * Top-left corner of a row of `count` layers of `size`, `gap` apart: placed as one layer as wide as the whole
 * row, so every later layer of the row has room too.
 */
export function placeRow(
  size: { readonly width: number; readonly height: number },
  count: number,
  anchor: Rect | null,
  center: { readonly x: number; readonly y: number },
  obstacles: readonly Rect[],
  gap: number = PLACEMENT_GAP_PX,
): { x: number; y: number } {
  const width = count * size.width + (count - 1) * gap;
  return placeBeside({ width, height: size.height }, anchor, center, obstacles, gap);
}

/** The first slot, left to right, of the row at `origin` that none of `obstacles` overlaps; null when all are taken. */
export function freeRowSlot(
  origin: { readonly x: number; readonly y: number },
  size: { readonly width: number; readonly height: number },
  count: number,
  obstacles: readonly Rect[],
  gap: number = PLACEMENT_GAP_PX,
): { x: number; y: number } | null {
  for (let index = 0; index < count; index += 1) {
    const slot = { x: origin.x + index * (size.width + gap), y: origin.y, width: size.width, height: size.height };
    // Touching is not taking: the slots of one row are `gap` apart, the layers in them exactly slot-sized.
    if (!obstacles.some((o) => overlaps(slot, o, 0))) return { x: slot.x, y: slot.y };
  }
  return null;
}
