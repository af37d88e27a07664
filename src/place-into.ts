// Place into, in the sandbox: reads the selection with the target its mode finds (the layer to fill, or a region
// and the frame it is drawn in), and puts a result into that target.
import { FILLABLE_TYPES, NO_REGION, pickTarget, REGION_FRAME_TYPES } from '../core/place-into';
import type { TargetCandidate } from '../core/place-into';
import type { PlaceTarget } from '../core/generation-record';
import type { PlaceInto, TargetLayer } from '../core/protocol';
import { figmaReason, pageOf } from './figma-nodes';
import { placeholderState } from './placeholders';
import { imageFill } from './result-layer';
import { readSelection } from './selection';
import type { SelectionRead } from './selection';

/** The Place into mode and the designer's pick of target, applied to each read of the selection. */
export interface TargetFinder {
  /** The selection's references and, in a target mode, its target (a region's frame becomes the first reference). */
  read(selection: readonly SceneNode[], version: number): SelectionRead;
  /** Sets the mode; true when it changed, so the selection must be read again. */
  setMode(mode: PlaceInto): boolean;
  /** Makes `layerId` the target while it stays selected; true when that is a change. */
  choose(layerId: unknown): boolean;
}

/** A result on the canvas before it is recorded and selected; `undo` puts the document back as it was. */
export interface PlacedLayer {
  readonly node: SceneNode;
  readonly undo: () => void;
}

type RegionFrame = FrameNode | ComponentNode | InstanceNode | SectionNode;
type Fillable = SceneNode & MinimalFillsMixin;

function isRegionFrame(node: BaseNode): node is RegionFrame {
  return REGION_FRAME_TYPES.includes(node.type);
}

function isFillable(node: BaseNode): node is Fillable {
  return FILLABLE_TYPES.includes(node.type) && 'fills' in node;
}

/** The frame `node` is drawn inside (groups are looked through), or null at the page's top level. */
function frameOf(node: BaseNode): RegionFrame | null {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (isRegionFrame(parent)) return parent;
  }
  return null;
}

/** True when `node` shows an image fill, which filling it would replace. */
function showsImage(node: SceneNode): boolean {
  // `fills` is figma.mixed (not an array) on text with mixed fills.
  return (
    'fills' in node &&
    Array.isArray(node.fills) &&
    (node.fills as readonly Paint[]).some((paint) => paint.type === 'IMAGE' && paint.visible !== false)
  );
}

function candidateOf(node: SceneNode): TargetCandidate {
  const { id, name, type, width, height } = node;
  return { id, name, type, width, height, imageFill: showsImage(node), frameId: frameOf(node)?.id ?? null };
}

function layerOf({ id, name, width, height, imageFill }: TargetCandidate): TargetLayer {
  return { id, name, width, height, imageFill };
}

/** Starts in New layer mode with no pick: the panel (or Iterate) changes the mode within a run, never across runs. */
export function createTargetFinder(): TargetFinder {
  let mode: PlaceInto = 'new-layer';
  let chosenId: string | null = null;
  return {
    read(selection, version) {
      // The pick lasts while its layer is selected: a later selection of it starts from the default again.
      if (!selection.some((node) => node.id === chosenId)) chosenId = null;
      if (mode === 'new-layer') return readSelection(selection, version);
      // A placeholder waits for its own image: never another run's target.
      const pick = pickTarget(mode, selection.filter((node) => placeholderState(node) === null).map(candidateOf), chosenId);
      if (!pick.ok) {
        const read = readSelection(selection, version);
        return { ...read, snapshot: { ...read.snapshot, placeInto: mode, targetProblem: pick.problem } };
      }
      const target = selection.find((node) => node.id === pick.target.id);
      const frame = mode === 'region' && target ? frameOf(target) : null;
      const others = selection.filter((node) => node !== target && node !== frame);
      // The region's frame goes first: it is the picture the result must fit into.
      const read = readSelection(frame ? [frame, ...others] : others, version);
      return {
        ...read,
        snapshot: { ...read.snapshot, placeInto: mode, target: layerOf(pick.target), targetChoices: pick.choices.map(layerOf) },
      };
    },
    setMode(next) {
      if (next === mode) return false;
      mode = next;
      return true;
    },
    choose(layerId) {
      if (typeof layerId !== 'string' || layerId === chosenId) return false;
      chosenId = layerId;
      return true;
    },
  };
}

/** Just above `region`, and above the results placed on it before (same bounds, our plugin data): the newest shows. */
function indexAbove(parent: BaseNode & ChildrenMixin, region: RectangleNode): number {
  const siblings = parent.children;
  let index = siblings.indexOf(region) + 1;
  for (let next = siblings[index]; next; next = siblings[index]) {
    const earlier =
      next.type === 'RECTANGLE' &&
      next.getPluginDataKeys().length > 0 &&
      next.x === region.x &&
      next.y === region.y &&
      next.width === region.width &&
      next.height === region.height;
    if (!earlier) break;
    index += 1;
  }
  return index;
}

function fillLayer(node: BaseNode, paint: ImagePaint): PlacedLayer {
  if (!isFillable(node)) throw new Error(`“${node.name}” can’t take an image fill: select a shape or frame to fill.`);
  const before = node.fills;
  try {
    node.fills = [paint];
  } catch (error) {
    throw new Error(`Figma won’t change the fill of “${node.name}”: ${figmaReason(error)}`);
  }
  return {
    node,
    undo: () => {
      node.fills = before;
    },
  };
}

function fillRegion(region: BaseNode, paint: ImagePaint, name: string): PlacedLayer {
  const parent = region.type === 'RECTANGLE' ? region.parent : null;
  if (region.type !== 'RECTANGLE' || !parent || !frameOf(region))
    throw new Error(`“${region.name}” is not a region any more. ${NO_REGION}`);
  const rect = figma.createRectangle();
  try {
    rect.name = name;
    rect.resize(region.width, region.height);
    rect.fills = [paint];
    parent.insertChild(indexAbove(parent, region), rect);
    // In an auto-layout frame only an absolutely positioned layer keeps the x and y it is given.
    if ('layoutMode' in parent && parent.layoutMode !== 'NONE') rect.layoutPositioning = 'ABSOLUTE';
    rect.x = region.x;
    rect.y = region.y;
    // Rounded corners on the region round the result too: it covers exactly the region's shape.
    if (typeof region.cornerRadius === 'number') rect.cornerRadius = region.cornerRadius;
  } catch (error) {
    rect.remove();
    throw new Error(`Couldn’t add the image inside “${parent.name}”: ${figmaReason(error)}`);
  }
  return { node: rect, undo: () => rect.remove() };
}

/**
 * Puts the image `imageHash` into `target`: as the fill of the selected layer (its size, place, name and
 * everything else kept), or as a new rectangle at the region's bounds just above it. Throws the reason it can't.
 */
export async function placeIntoTargetAsync(
  target: Extract<PlaceTarget, { readonly kind: 'selected-layer' | 'region' }>,
  imageHash: string,
  name: string,
): Promise<PlacedLayer> {
  const region = target.kind === 'region';
  const node = await figma.getNodeByIdAsync(target.nodeId).catch(() => null);
  if (!node || node.removed) {
    throw new Error(
      `${region ? 'The region' : 'The layer to fill'} was deleted before the image arrived. The image is kept: ` +
        `select ${region ? 'a region' : 'another layer to fill'} or choose New layer, then Place again.`,
    );
  }
  if (pageOf(node) !== figma.currentPage) throw new Error(`“${node.name}” is on another page: go back to it, then Place again.`);
  const paint = imageFill(imageHash);
  return region ? fillRegion(node, paint, name) : fillLayer(node, paint);
}
