// Where a new layer goes when it is one variation of a run: the run's first layer reserves room for the whole
// row (and the section that holds it), and each later one takes the next free slot, left to right, so a failed
// variation leaves no hole. The row's layers are grouped in a Section titled for the run, in Figma and FigJam.
import { freeRowSlot, placeBeside, placeRow, rowBounds, SECTION_PADDING_PX } from '../core/layout';
import type { Rect } from '../core/layout';
import type { PlaceTarget } from '../core/generation-record';
import type { BatchSlot, PlaceRequest } from '../core/protocol';

interface Row {
  readonly pageId: string;
  readonly origin: { readonly x: number; readonly y: number };
  /** The section holding the row's layers, made with its first one; null until then. */
  section: SectionNode | null;
}

function placesNewLayer(target: PlaceTarget): boolean {
  return target.kind === 'new-layer' || target.kind === 'placeholder';
}

/** Runs remembered at once: the panel runs one at a time, so older rows only matter to a late "Place again". */
const MAX_ROWS = 8;
const rows = new Map<number, Row>();

/** Top-left corner of the row of run `batchId` on page `pageId`, or null when the run has none there. */
export function rowOrigin(batchId: number, pageId: string): { x: number; y: number } | null {
  const row = rows.get(batchId);
  return row && row.pageId === pageId ? { ...row.origin } : null;
}

/** The section of run `batchId` on page `pageId` while it exists: its layers, not the section, are in the row's way. */
export function rowSection(batchId: number, pageId: string): SectionNode | null {
  const row = rows.get(batchId);
  return row && row.pageId === pageId && row.section && !row.section.removed ? row.section : null;
}

/**
 * Top-left corner for the new layer of `request` (of `size`, on the page `pageId`): its run's row when it is
 * one of several new layers, else beside the references like a single layer.
 */
export function rowPosition(
  request: Pick<PlaceRequest, 'target' | 'batch'>,
  size: { readonly width: number; readonly height: number },
  pageId: string,
  anchor: Rect | null,
  center: { readonly x: number; readonly y: number },
  obstacles: readonly Rect[],
): { x: number; y: number } {
  const { batch } = request;
  if (!placesNewLayer(request.target) || batch.count < 2) return placeBeside(size, anchor, center, obstacles);
  let row = rows.get(batch.batchId);
  // On another page the remembered row means nothing: start the row again here.
  if (!row || row.pageId !== pageId) {
    const origin = placeRow(size, batch.count, anchor, center, obstacles, undefined, SECTION_PADDING_PX);
    row = { pageId, origin, section: null };
    rows.delete(batch.batchId);
    rows.set(batch.batchId, row);
    if (rows.size > MAX_ROWS) rows.delete(rows.keys().next().value as number);
  }
  // A full row (the designer filled a slot, or placed one again after it was deleted elsewhere): beside it.
  return freeRowSlot(row.origin, size, batch.count, obstacles) ?? placeBeside(size, anchor, center, obstacles);
}

/** Moves `node` into `section`, where it stands on the canvas now. */
function moveInto(section: SectionNode, node: SceneNode): void {
  const box = node.absoluteBoundingBox;
  section.appendChild(node);
  if (!box) return;
  const origin = section.absoluteBoundingBox ?? { x: section.x, y: section.y };
  node.x = box.x - origin.x;
  node.y = box.y - origin.y;
}

/**
 * Puts `node`, just placed in its run's row as variation `batch`, into the run's section (made now, titled
 * `title`, when the row has none); nothing for a single image or a layer of its own page.
 */
export function groupInRow(node: SceneNode, batch: BatchSlot, title: string): void {
  const row = rows.get(batch.batchId);
  if (batch.count < 2 || !row || node.parent?.type !== 'PAGE' || node.parent.id !== row.pageId) return;
  let section = rowSection(batch.batchId, row.pageId);
  if (!section) {
    const bounds = rowBounds(row.origin, node, batch.count, undefined, SECTION_PADDING_PX);
    section = figma.createSection();
    section.name = title;
    section.x = bounds.x;
    section.y = bounds.y;
    section.resizeWithoutConstraints(bounds.width, bounds.height);
    node.parent.appendChild(section);
    row.section = section;
  }
  moveInto(section, node);
  fitRowSection(batch.batchId);
}

/**
 * Fits run `batchId`'s section to the layers left in it (a failed variation leaves no empty slot inside), or
 * removes it when none is left.
 */
export function fitRowSection(batchId: number): void {
  const row = rows.get(batchId);
  const section = row ? rowSection(batchId, row.pageId) : null;
  if (!section) return;
  if (section.children.length === 0) {
    section.remove();
    return;
  }
  // Its layers stand where the row began: only the right edge follows them.
  const right = Math.max(...section.children.map((child) => child.x + child.width));
  section.resizeWithoutConstraints(right + SECTION_PADDING_PX, section.height);
}
