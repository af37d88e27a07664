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

export type Size = { readonly width: number; readonly height: number };
type Point = { readonly x: number; readonly y: number };

/** The first spot from `start`, stepping right (or down) past whatever of `obstacles` it would touch. */
function scan(size: Size, start: Point, direction: 'right' | 'down', obstacles: readonly Rect[], gap: number): { x: number; y: number } {
  let { x, y } = start;
  // Each step moves strictly past one obstacle, so this ends after at most obstacles.length steps.
  for (;;) {
    const candidate = { x, y, width: size.width, height: size.height };
    const hit = obstacles.filter((o) => overlaps(candidate, o, gap));
    if (hit.length === 0) return { x, y };
    if (direction === 'right') x = Math.max(...hit.map((o) => o.x + o.width)) + gap;
    else y = Math.max(...hit.map((o) => o.y + o.height)) + gap;
  }
}

/**
 * Top-left corner for a `size` layer at the nearest free spot beside `anchor` (the references): right of it,
 * top-aligned, else below it, left-aligned; centred on `center` when there is no anchor. A spot in the way of
 * `obstacles` slides right or down past them, and the shortest slide wins (right first when equal), so a
 * result never lands past everything on the page when there is room nearer by.
 */
export function placeBeside(
  size: Size,
  anchor: Rect | null,
  center: Point,
  obstacles: readonly Rect[],
  gap: number = PLACEMENT_GAP_PX,
): { x: number; y: number } {
  const starts: Point[] = anchor
    ? [
        { x: anchor.x + anchor.width + gap, y: anchor.y },
        { x: anchor.x, y: anchor.y + anchor.height + gap },
      ]
    : [{ x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2) }];
  let best: { spot: { x: number; y: number }; slide: number } | null = null;
  for (const start of starts) {
    for (const direction of ['right', 'down'] as const) {
      const spot = scan(size, start, direction, obstacles, gap);
      const slide = Math.abs(spot.x - start.x) + Math.abs(spot.y - start.y);
      if (!best || slide < best.slide) best = { spot, slide };
    }
  }
  // There is always at least one start.
  return (best as { spot: { x: number; y: number } }).spot;
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

/** The longest short title of a result: a layer name that still leaves room for " · 2 of 3 · seed …". */
export const SHORT_TITLE_MAX = 32;

/** A short title from the prompt: what a section and its layers are called; mentions read without their "@". */
export function shortTitle(prompt: string): string {
  return layerNameFromPrompt(prompt.replace(/(^|\s)@(?=[A-Za-z])/g, '$1'), SHORT_TITLE_MAX);
}

/** The longest title a run may bring (a preset's label); a longer one, or one that is not text, is not used. */
export const MAX_RUN_TITLE = 40;

/**
 * What a run's section, layers and notification are called: the title the panel sent with it (a preset's label,
 * where the prompt is still the preset's starter) when it is short text, else the prompt's short title.
 */
export function runTitle(title: unknown, prompt: string): string {
  const text = typeof title === 'string' ? title.trim() : '';
  return text && text.length <= MAX_RUN_TITLE ? text : shortTitle(prompt);
}

/**
 * The layer name of a generated image, short and distinct within its run: the run's `title` (runTitle), then
 * " · 2 of 3" for a variation of several, then " · seed <n>" when the provider reported a plain-number seed (a name
 * must not carry whatever else a provider might send in its seed header).
 */
export function resultLayerName(title: string, batch: { readonly index: number; readonly count: number }, seed: string | null): string {
  const parts = [title];
  if (batch.count > 1) parts.push(`${batch.index + 1} of ${batch.count}`);
  if (seed !== null && /^\d{1,12}$/.test(seed)) parts.push(`seed ${seed}`);
  return parts.join(' · ');
}

/**
 * True when `name` is one the plugin gives a result of `prompt` (now, or as earlier versions did): the designer kept
 * it. A run titled otherwise (a preset's label, which the record does not keep) is known by its " · 2 of 3" or seed.
 */
export function isResultLayerName(name: string, prompt: string): boolean {
  const rest = (title: string): string | null => (name.startsWith(title) ? name.slice(title.length) : null);
  const tail = rest(shortTitle(prompt)) ?? rest(layerNameFromPrompt(prompt));
  return (tail !== null && /^( · \d+ of \d+)?( · seed \d{1,12})?$/.test(tail)) || / · (\d+ of \d+|seed \d{1,12})$/.test(name);
}

/** Room between a run's section and the layers in it: Figma draws the section's title in its top-left corner. */
export const SECTION_PADDING_PX = 80;

/**
 * Top-left corner of a row of `count` layers of `size`, `gap` apart: placed as one layer as wide as the whole
 * row (and `padding` round it, for the section that holds it), so every later layer of the row has room too.
 */
export function placeRow(
  size: { readonly width: number; readonly height: number },
  count: number,
  anchor: Rect | null,
  center: { readonly x: number; readonly y: number },
  obstacles: readonly Rect[],
  gap: number = PLACEMENT_GAP_PX,
  padding = 0,
): { x: number; y: number } {
  const block = rowBounds({ x: 0, y: 0 }, size, count, gap, padding);
  const corner = placeBeside(block, anchor, center, obstacles, gap);
  return { x: corner.x + padding, y: corner.y + padding };
}

/** The rectangle of a row of `count` layers of `size` at `origin`, `gap` apart, with `padding` all round. */
export function rowBounds(origin: Point, size: Size, count: number, gap: number = PLACEMENT_GAP_PX, padding = 0): Rect {
  return {
    x: origin.x - padding,
    y: origin.y - padding,
    width: count * size.width + (count - 1) * gap + 2 * padding,
    height: size.height + 2 * padding,
  };
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
