// What the designer is shown when a run's images land: one notification per run, and its images selected and
// zoomed to once, when the last variation has landed or ended. Moving the view and the selection at every image
// would pull the canvas away from the designer three times in a minute while they work; the placeholders already
// show where each image lands, so the view moves once, to the whole batch, when there is nothing left to wait for.
import { shortTitle } from '../core/layout';
import type { BatchSlot } from '../core/protocol';
import { pageOf } from './figma-nodes';

/** What landing tells the rest of the sandbox. */
export interface LandingHooks {
  /** Called just before the run's images are selected. */
  beforeSelect?(nodeIds: readonly string[]): void;
}

/**
 * A run whose end never comes (a variation without a placeholder fails unseen by the sandbox) is shown this long
 * after its last image anyway: Runway may queue a variation for minutes, so it is generous.
 */
export const BATCH_SHOW_AFTER_MS = 5 * 60_000;

interface Batch {
  readonly count: number;
  readonly title: string;
  readonly placed: SceneNode[];
  ended: number;
  hooks: LandingHooks;
  timer: ReturnType<typeof setTimeout> | null;
}

const batches = new Map<number, Batch>();
/** Runs already shown, the latest few: an image of one that comes later still is shown on its own. */
const shown = new Set<number>();
const MAX_SHOWN = 16;

function batchOf(slot: Pick<BatchSlot, 'batchId' | 'count'>, prompt: string): Batch {
  let batch = batches.get(slot.batchId);
  if (!batch) {
    batch = { count: slot.count, title: shortTitle(prompt), placed: [], ended: 0, hooks: {}, timer: null };
    batches.set(slot.batchId, batch);
  }
  return batch;
}

function noticeText(batch: Batch, placed: readonly SceneNode[], here: readonly SceneNode[]): string {
  const away = here.length === 0 && placed[0] ? ` on the page “${pageOf(placed[0])?.name ?? ''}”` : '';
  if (batch.count === 1) return `Placed “${placed[0]?.name ?? ''}”${away}`;
  const made = placed.length === batch.count ? `${batch.count} images` : `${placed.length} of ${batch.count} images`;
  return `Placed ${made} of “${batch.title}”${away}`;
}

/** Top to bottom, then left to right: the selection reads like the row on the canvas, not in order of arrival. */
function byPosition(a: SceneNode, b: SceneNode): number {
  const boxA = a.absoluteBoundingBox;
  const boxB = b.absoluteBoundingBox;
  return boxA && boxB ? boxA.y - boxB.y || boxA.x - boxB.x : 0;
}

function show(batchId: number): void {
  const batch = batches.get(batchId);
  if (!batch) return;
  batches.delete(batchId);
  shown.add(batchId);
  if (shown.size > MAX_SHOWN) shown.delete(shown.values().next().value as number);
  if (batch.timer !== null) clearTimeout(batch.timer);
  const placed = batch.placed.filter((node) => !node.removed);
  if (placed.length === 0) return;
  // Images moved to another page (with their placeholders) leave the designer's page and selection alone.
  const here = placed.filter((node) => pageOf(node) === figma.currentPage).sort(byPosition);
  if (here.length > 0) {
    batch.hooks.beforeSelect?.(here.map((node) => node.id));
    figma.currentPage.selection = here;
    // The whole batch in view: its section when it is in one.
    const section = here[0]?.parent;
    const view = section?.type === 'SECTION' && here.every((node) => node.parent === section) ? [section] : here;
    figma.viewport.scrollAndZoomIntoView(view);
  }
  figma.notify(noticeText(batch, placed, here));
}

function settle(batchId: number): void {
  const batch = batches.get(batchId);
  if (!batch) return;
  if (batch.placed.length + batch.ended >= batch.count) {
    show(batchId);
    return;
  }
  if (batch.timer !== null) clearTimeout(batch.timer);
  batch.timer = batch.placed.length > 0 ? setTimeout(() => show(batchId), BATCH_SHOW_AFTER_MS) : null;
}

/** Variation `slot` of a run from `prompt` placed `node`: the run is shown once every variation has landed or ended. */
export function landed(node: SceneNode, slot: BatchSlot, prompt: string, hooks: LandingHooks): void {
  if (shown.has(slot.batchId)) {
    batches.delete(slot.batchId);
    shown.delete(slot.batchId);
    const late = batchOf({ batchId: slot.batchId, count: 1 }, prompt);
    late.placed.push(node);
    late.hooks = hooks;
    show(slot.batchId);
    return;
  }
  const batch = batchOf(slot, prompt);
  batch.placed.push(node);
  batch.hooks = hooks;
  settle(slot.batchId);
}

/** A variation of run `slot.batchId` ended without an image (failed or cancelled). */
export function endedWithoutImage(slot: Pick<BatchSlot, 'batchId' | 'count'>, prompt: string): void {
  if (shown.has(slot.batchId)) return;
  batchOf(slot, prompt).ended += 1;
  settle(slot.batchId);
}
