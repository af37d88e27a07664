// What a new result is placed beside: its references, or, when the plugin was opened with Iterate from a layer,
// that layer, since it is what the designer is working from (its references may lie far away).
import type { Rect } from '../core/layout';
import type { ReferenceRecord } from '../core/generation-record';
import { pageOf, referenceAnchorAsync, sceneNodeAsync } from './figma-nodes';

interface Iterated {
  readonly nodeId: string;
  /** The iterated layer and its record's references: a run sharing none of them iterates on something else. */
  readonly related: ReadonlySet<string>;
}

let iterated: Iterated | null = null;

/** The plugin was opened with Iterate from `node`, made from `references`: later runs on them go beside it. */
export function rememberIterated(node: SceneNode, references: readonly ReferenceRecord[]): void {
  iterated = { nodeId: node.id, related: new Set([node.id, ...references.map((reference) => reference.layerId)]) };
}

/**
 * The bounds a new result of a run with `references` goes beside: the layer Iterate was opened from while it is on
 * the current page and the run shares a reference with it (or neither has any), else the references on this page.
 */
export async function placementAnchorAsync(references: readonly ReferenceRecord[]): Promise<Rect | null> {
  const source = iterated;
  const related =
    source !== null &&
    (references.some((reference) => source.related.has(reference.layerId)) || (references.length === 0 && source.related.size === 1));
  if (source && related) {
    const node = await sceneNodeAsync(source.nodeId);
    if (node && pageOf(node) === figma.currentPage && node.absoluteBoundingBox) return node.absoluteBoundingBox;
  }
  return referenceAnchorAsync(references);
}
