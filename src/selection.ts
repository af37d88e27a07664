// Sorts the selection into layers that can be sent as references and layers that can't, with the reason's code.
import { NO_TARGET, sizeLabel } from '../core/place-into';
import type { SelectedLayer, SelectionSnapshot, SkippedLayer } from '../core/protocol';
import type { SkipReason } from '../core/skip-reasons';
import { FIGJAM_REFERENCE_TYPES, figJamSkipCode } from './figjam-layers';
import { tagBaseOf } from './generated-layer';
import { placeholderState } from './placeholders';

/** Layer types exported as a reference image, in Figma design and (with FigJam's own types) in FigJam. */
const REFERENCE_TYPES = [
  'FRAME',
  'GROUP',
  'COMPONENT',
  'COMPONENT_SET',
  'INSTANCE',
  'SECTION',
  'RECTANGLE',
  'ELLIPSE',
  'POLYGON',
  'STAR',
  'VECTOR',
  'LINE',
  'BOOLEAN_OPERATION',
  'TEXT',
  'TEXT_PATH',
  ...FIGJAM_REFERENCE_TYPES,
] as const;

/** A selected layer of a type that can be exported as a reference image. */
export type ReferenceNode = Extract<SceneNode, { readonly type: (typeof REFERENCE_TYPES)[number] }>;

/** A snapshot for the UI plus the layers behind its `layers`, in the same order. */
export interface SelectionRead {
  readonly snapshot: SelectionSnapshot;
  readonly nodes: readonly ReferenceNode[];
}

/** Below this a side has nothing worth sending (a straight line is 0 px tall). */
const MIN_LAYER_EDGE_PX = 1;

function isReferenceType(node: SceneNode): node is ReferenceNode {
  return (REFERENCE_TYPES as readonly string[]).includes(node.type);
}

function typeLabel(type: string): string {
  const words = type.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function hasHiddenAncestor(node: SceneNode): boolean {
  for (let parent = node.parent; parent && parent.type !== 'PAGE'; parent = parent.parent) {
    if ('visible' in parent && !parent.visible) return true;
  }
  return false;
}

/** `node` itself when it can be a reference, else why it can't. */
function usableOrReason(node: SceneNode): ReferenceNode | SkipReason {
  if (node.type === 'SLICE') return { code: 'slice' };
  const placeholder = placeholderState(node);
  if (placeholder !== null) return { code: placeholder };
  const figJam = figJamSkipCode(node);
  if (figJam !== null) return { code: figJam };
  if (!isReferenceType(node)) return { code: 'not-exportable', detail: typeLabel(node.type) };
  if (!node.visible) return { code: 'hidden' };
  if (hasHiddenAncestor(node)) return { code: 'hidden-parent' };
  if (Math.min(node.width, node.height) < MIN_LAYER_EDGE_PX) return { code: 'no-area', detail: sizeLabel(node) };
  if ('opacity' in node && node.opacity === 0) return { code: 'transparent' };
  return node;
}

/** `read` with each layer's saved tag from `savedTag`. */
export function withSavedTags(read: SelectionRead, savedTag: (layerId: string) => string | null): SelectionRead {
  const layers = read.snapshot.layers.map((layer) => ({ ...layer, savedTag: savedTag(layer.id) }));
  return { ...read, snapshot: { ...read.snapshot, layers } };
}

/** Splits `selection` into usable and skipped layers, keeping selection order, as snapshot `version`; no saved tags yet. */
export function readSelection(selection: readonly SceneNode[], version: number): SelectionRead {
  const nodes: ReferenceNode[] = [];
  const layers: SelectedLayer[] = [];
  const skipped: SkippedLayer[] = [];
  for (const node of selection) {
    const usable = usableOrReason(node);
    // A reason has no type; every layer has one (a code block also has a `code`).
    if (!('type' in usable)) {
      skipped.push({ id: node.id, name: node.name, reason: usable });
    } else {
      nodes.push(usable);
      layers.push({
        id: usable.id,
        name: usable.name,
        width: usable.width,
        height: usable.height,
        savedTag: null,
        tagBase: tagBaseOf(usable),
      });
    }
  }
  return { snapshot: { version, layers, skipped, ...NO_TARGET }, nodes };
}
