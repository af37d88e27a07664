// Place into: which selected layer a result goes into (Selected layer, Region), where a run sends it, and the
// ratio it is made at. Pure: the sandbox describes the selection as candidates, the panel asks the rest.
import { PLACE_INTO_MODES } from './protocol';
import type { PlaceTarget } from './generation-record';
import type { PlaceInto, SelectionSnapshot, TargetLayer } from './protocol';
import { closestRatio } from './ratios';
import type { RatioOption } from './ratios';

/** True for one of the Place into modes. */
export function isPlaceInto(input: unknown): input is PlaceInto {
  return (PLACE_INTO_MODES as readonly unknown[]).includes(input);
}

/** The modes that place into a selected layer. */
export type TargetMode = Exclude<PlaceInto, 'new-layer'>;

/**
 * Layer types whose fill can be an image covering the layer (Figma's MinimalFillsMixin). Text (the image fills
 * the glyphs), lines (no area), sections and groups (no fill of their own) are left out.
 */
export const FILLABLE_TYPES: readonly string[] = [
  'FRAME',
  'COMPONENT',
  'INSTANCE',
  'RECTANGLE',
  'ELLIPSE',
  'POLYGON',
  'STAR',
  'VECTOR',
  'BOOLEAN_OPERATION',
];

/** Containers a region can be drawn in: the layer exported as the region's reference. */
export const REGION_FRAME_TYPES: readonly string[] = ['FRAME', 'COMPONENT', 'INSTANCE', 'SECTION'];

export const NO_LAYER_TO_FILL = 'Select the layer to fill as well as the references.';
export const NO_REGION = 'A region is a rectangle drawn inside a frame: draw one and select it.';

/** The target part of a selection snapshot, as the sandbox read it for a Place into mode. */
export type SnapshotTarget = Pick<SelectionSnapshot, 'placeInto' | 'target' | 'targetProblem' | 'targetChoices'>;

/** The target part of a snapshot read for New layer: no target, and none missing. */
export const NO_TARGET: SnapshotTarget = {
  placeInto: 'new-layer',
  target: null,
  targetProblem: null,
  targetChoices: [],
};

/** A selected layer as target detection sees it. */
export interface TargetCandidate extends TargetLayer {
  readonly type: string;
  /** The nearest frame (of REGION_FRAME_TYPES) the layer is drawn inside, or null at the page's top level. */
  readonly frameId: string | null;
}

export type TargetPick =
  | { readonly ok: true; readonly target: TargetCandidate; readonly choices: readonly TargetCandidate[] }
  | { readonly ok: false; readonly problem: string };

/** Whether `candidate` can be the target in `mode`: a layer that takes an image fill, or a rectangle in a frame. */
export function canBeTarget(mode: TargetMode, candidate: TargetCandidate): boolean {
  if (mode === 'selected-layer') return FILLABLE_TYPES.includes(candidate.type);
  return candidate.type === 'RECTANGLE' && candidate.frameId !== null;
}

/**
 * The target among `candidates` (in selection order) for `mode`: the designer's `chosenId` when it can be one,
 * else the first that can; or why there is none.
 */
export function pickTarget(mode: TargetMode, candidates: readonly TargetCandidate[], chosenId: string | null): TargetPick {
  const choices = candidates.filter((candidate) => canBeTarget(mode, candidate));
  const target = choices.find((choice) => choice.id === chosenId) ?? choices[0];
  if (target) return { ok: true, target, choices };
  if (mode === 'selected-layer') {
    return {
      ok: false,
      problem:
        candidates.length === 0 ? NO_LAYER_TO_FILL : 'Also select a shape or frame to fill: groups, text and lines can’t take an image.',
    };
  }
  const loose = candidates.find((candidate) => candidate.type === 'RECTANGLE');
  return { ok: false, problem: loose ? `“${loose.name}” is not inside a frame. ${NO_REGION}` : NO_REGION };
}

/** Where a run started now puts its result; null when `mode` needs a target and there is none. */
export function placeTargetFor(mode: PlaceInto, target: TargetLayer | null): PlaceTarget | null {
  if (mode === 'new-layer') return { kind: 'new-layer' };
  return target ? { kind: mode, nodeId: target.id } : null;
}

/** The offered ratio for a result that fills `target`: the one closest to its shape; null without a target. */
export function targetRatio(ratios: readonly RatioOption[], target: TargetLayer | null): RatioOption | null {
  return target && target.width > 0 && target.height > 0 ? closestRatio(ratios, target) : null;
}

/** A layer size as the panel shows it: "400 × 300", at most two decimals. */
export function sizeLabel(layer: { readonly width: number; readonly height: number }): string {
  const round = (n: number): number => Math.round(n * 100) / 100;
  return `${round(layer.width)} × ${round(layer.height)}`;
}
