// Where a new layer goes when it is one variation of a run: the run's first layer reserves room for the whole
// row, and each later one takes the next free slot, left to right, so a failed variation leaves no hole.
import { freeRowSlot, placeBeside, placeRow } from '../core/layout';
import type { Rect } from '../core/layout';
import type { PlaceTarget } from '../core/generation-record';
import type { PlaceRequest } from '../core/protocol';

interface Row {
  readonly pageId: string;
  readonly origin: { readonly x: number; readonly y: number };
}

function placesNewLayer(target: PlaceTarget): boolean {
  return target.kind === 'new-layer' || target.kind === 'placeholder';
}

/** Top-left corner of the row of run `batchId` on page `pageId`, or null when the run has none there. */
export function rowOrigin(batchId: number, pageId: string): { x: number; y: number } | null {
  const row = rows.get(batchId);
  return row && row.pageId === pageId ? { ...row.origin } : null;
}

/** Runs remembered at once: the panel runs one at a time, so older rows only matter to a late "Place again". */
const MAX_ROWS = 8;
const rows = new Map<number, Row>();

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
    row = { pageId, origin: placeRow(size, batch.count, anchor, center, obstacles) };
    rows.delete(batch.batchId);
    rows.set(batch.batchId, row);
    if (rows.size > MAX_ROWS) rows.delete(rows.keys().next().value as number);
  }
  // A full row (the designer filled a slot, or placed one again after it was deleted elsewhere): beside it.
  return freeRowSlot(row.origin, size, batch.count, obstacles) ?? placeBeside(size, anchor, center, obstacles);
}
