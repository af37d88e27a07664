// Small questions the sandbox asks of Figma's layers, in one place: where a layer is, whether it still exists,
// what stands on a page, and how to word what Figma threw.
import { boundsOf } from '../core/layout';
import type { Rect } from '../core/layout';
import type { ReferenceRecord } from '../core/generation-record';

/** The page `node` is on, or null when it is on none. */
export function pageOf(node: BaseNode): PageNode | null {
  for (let current: BaseNode | null = node; current; current = current.parent) {
    if (current.type === 'PAGE') return current;
  }
  return null;
}

/** The layer with `id` when it still exists, wherever it is; null for a deleted one (or a page or the document). */
export async function sceneNodeAsync(id: string): Promise<SceneNode | null> {
  // An id that no longer resolves, or that Figma refuses, just means the layer is gone.
  const node = await figma.getNodeByIdAsync(id).catch(() => null);
  return node && node.type !== 'PAGE' && node.type !== 'DOCUMENT' ? (node as SceneNode) : null;
}

/**
 * The bounds of `page`'s top-level layers: what a new layer must not cover. A section `open` to the new layer (its
 * run's) counts by the layers in it instead.
 */
export function pageObstacles(page: PageNode, open: SectionNode | null = null): Rect[] {
  const layers = page.children.flatMap((child) => (child === open ? [...child.children] : [child]));
  return layers.map((layer) => layer.absoluteBoundingBox).filter((box): box is Rect => box !== null);
}

/** The bounds of the reference layers that still exist on the current page (where a new layer goes beside), or null. */
export async function referenceAnchorAsync(references: readonly ReferenceRecord[]): Promise<Rect | null> {
  const nodes = await Promise.all(references.map((reference) => sceneNodeAsync(reference.layerId)));
  const rects: Rect[] = [];
  for (const node of nodes) {
    if (node && pageOf(node) === figma.currentPage && node.absoluteBoundingBox) rects.push(node.absoluteBoundingBox);
  }
  return boundsOf(rects);
}

/** What Figma threw, as a sentence part; Figma sometimes throws without a message. */
export function figmaReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim() === '' ? 'Figma gave no reason' : text;
}
