// What the designer is shown when a run's images land: one notification per run, and its images selected and
// zoomed to once, when every variation has landed or ended. Moving the view and the selection at every image
// would pull the canvas away from the designer three times in a minute while they work; the placeholders already
// show where each image lands, so the view moves once, to the whole batch, when there is nothing left to wait for.
// The panel reports every variation that ends without an image ('ended'), and a placement that fails counts as
// ended, so a run always comes to its end. Then the seed leaves the names of a run's layers when it tells them apart
// no better than "2 of 3" does (the provider gave them all one seed, or only one of them landed); it stays in their
// records.
import { isWhole as whole } from '../core/guards';
import type { BatchSlot } from '../core/protocol';
import { pageOf } from './figma-nodes';

/** What landing tells the rest of the sandbox. */
export interface LandingHooks {
  /** Called just before the run's images are selected. */
  beforeSelect?(nodeIds: readonly string[]): void;
}

interface Batch {
  readonly count: number;
  title: string;
  /** The layers placed, each with the seed the provider reported for it. */
  readonly placed: [SceneNode, string | null][];
  /** Variations that have landed or ended, by index. */
  readonly done: Set<number>;
  hooks: LandingHooks;
}

const batches = new Map<number, Batch>();
/** Runs already shown, the latest few: an image of one that comes later still (Place again) is shown on its own. */
const shown = new Set<number>();
const MAX_SHOWN = 16;

/** True for a well-formed variation slot: whole numbers, index below count. */
export function isBatchSlot(value: unknown): value is BatchSlot {
  if (typeof value !== 'object' || value === null) return false;
  const { batchId, index, count } = value as Record<string, unknown>;
  return whole(batchId) && whole(index) && whole(count) && index < count;
}

function batchOf(slot: BatchSlot): Batch {
  let batch = batches.get(slot.batchId);
  if (!batch) {
    batch = { count: slot.count, title: '', placed: [], done: new Set(), hooks: {} };
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

function show(batchId: number, batch: Batch): void {
  batches.delete(batchId);
  shown.add(batchId);
  if (shown.size > MAX_SHOWN) shown.delete(shown.values().next().value as number);
  const landed = batch.placed.filter(([node]) => !node.removed);
  if (landed.length === 0) return;
  if (batch.count > 1 && new Set(landed.map(([, seed]) => seed)).size < Math.max(2, landed.length)) {
    // core/layout.ts resultLayerName ends a name with its seed; a filled layer keeps its own name, without one.
    for (const [node, seed] of landed) node.name = node.name.replace(` · seed ${seed}`, '');
  }
  const placed = landed.map(([node]) => node);
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

function settle(batchId: number, batch: Batch): void {
  if (batch.done.size >= batch.count) show(batchId, batch);
}

/**
 * Variation `slot` of a run titled `title` placed `node`, with `seed` in its name: the run is shown once every
 * variation has landed or ended.
 */
export function landed(node: SceneNode, slot: BatchSlot, seed: string | null, title: string, hooks: LandingHooks): void {
  // A late image of a run already shown (placed again after its placement failed) is shown on its own.
  const late = shown.delete(slot.batchId);
  const batch = batchOf(late ? { batchId: slot.batchId, index: 0, count: 1 } : slot);
  batch.title = title;
  batch.placed.push([node, seed]);
  batch.done.add(late ? 0 : slot.index);
  batch.hooks = hooks;
  settle(slot.batchId, batch);
}

/** Variation `slot` ended without an image: failed, cancelled, or its placement failed. */
export function endedWithoutImage(slot: BatchSlot): void {
  if (shown.has(slot.batchId)) return;
  const batch = batchOf(slot);
  batch.done.add(slot.index);
  settle(slot.batchId, batch);
}
