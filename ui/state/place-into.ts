// Place into in the panel: the target the latest selection snapshot names for the chosen mode, and where each
// variation of a run goes. Pure.
import { NO_TARGET } from '../../core/place-into';
import type { SnapshotTarget } from '../../core/place-into';
import type { PlaceTarget } from '../../core/generation-record';
import type { PlaceInto, SelectionSnapshot, TargetLayer } from '../../core/protocol';

/** The target for the chosen mode, as far as the panel knows it. */
export interface PanelTarget {
  readonly target: TargetLayer | null;
  /** Why Generate can't place into a target yet, or null. */
  readonly problem: string | null;
  readonly choices: readonly TargetLayer[];
}

/** Between a change of mode and the sandbox's next snapshot. */
export const FINDING_TARGET = 'Finding the target in the selection…';

/** The target part of `snapshot`. */
export function snapshotTargetOf({ placeInto, target, targetProblem, targetChoices }: SelectionSnapshot): SnapshotTarget {
  return { placeInto, target, targetProblem, targetChoices };
}

/** The target for `mode` from `read`: none for New layer; none yet while the snapshot was read for another mode. */
export function targetFor(mode: PlaceInto, read: SnapshotTarget = NO_TARGET): PanelTarget {
  if (mode === 'new-layer') return { target: null, problem: null, choices: [] };
  if (read.placeInto !== mode) return { target: null, problem: FINDING_TARGET, choices: [] };
  return { target: read.target, problem: read.target ? null : read.targetProblem, choices: read.targetChoices };
}

/**
 * Where variation `index` of a run aimed at `target` goes: a layer has one fill, so in Selected layer mode only the
 * first variation fills it and the others become new layers beside it (nothing made is lost); every variation of a
 * region is its own layer over the region, the newest on top.
 */
export function variationTarget(target: PlaceTarget, index: number): PlaceTarget {
  return target.kind === 'selected-layer' && index > 0 ? { kind: 'new-layer' } : target;
}

/**
 * What a Generate into `target` does to an existing layer, said before it runs: "Replaces the image of “Hero”.";
 * null when nothing existing changes (New layer, Region, or no target yet).
 */
export function placingNote(mode: PlaceInto, target: TargetLayer | null, variations: number): string | null {
  if (mode !== 'selected-layer' || !target) return null;
  const change = target.imageFill ? `Replaces the image of “${target.name}”` : `Fills “${target.name}” with the image`;
  if (variations < 2) return `${change}.`;
  const others = variations - 1;
  return `${change}; the other ${others === 1 ? 'variation becomes a new layer' : `${others} variations become new layers`} beside it.`;
}
