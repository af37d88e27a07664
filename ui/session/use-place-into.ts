// Place into: the mode the designer picked (never kept across runs: every run of the plugin starts in New layer)
// and the target the sandbox's latest selection snapshot names for it.
import { useState } from 'preact/hooks';
import { NO_TARGET, placeTargetFor } from '../../core/place-into';
import type { SnapshotTarget } from '../../core/place-into';
import type { PlaceTarget } from '../../core/generation-record';
import type { PlaceInto, SelectionSnapshot } from '../../core/protocol';
import type { Bridge } from '../bridge';
import { snapshotTargetOf, targetFor } from '../state/place-into';
import type { PanelTarget } from '../state/place-into';

export interface PlaceIntoChoice {
  readonly mode: PlaceInto;
  readonly placing: PanelTarget;
  /** Where a run started now goes; null while the mode has no target yet. */
  readonly target: PlaceTarget | null;
  /** The designer picked `mode`: the sandbox reads the selection for it. */
  change(mode: PlaceInto): void;
  /** The designer picked one of several fillable layers. */
  choose(layerId: string): void;
  /** The mode the sandbox already holds (Iterate). */
  restore(mode: PlaceInto): void;
  /** A selection snapshot arrived. */
  selection(snapshot: SelectionSnapshot): void;
}

/** Place into, told to the sandbox through `bridge`. */
export function usePlaceInto(bridge: Bridge): PlaceIntoChoice {
  const [mode, setMode] = useState<PlaceInto>('new-layer');
  const [read, setRead] = useState<SnapshotTarget>(NO_TARGET);
  const placing = targetFor(mode, read);
  return {
    mode,
    placing,
    target: placeTargetFor(mode, placing.target),
    change(next) {
      setMode(next);
      bridge.post('place-into', { mode: next });
    },
    choose: (layerId) => bridge.post('choose-target', { layerId }),
    restore: setMode,
    selection: (snapshot) => setRead(snapshotTargetOf(snapshot)),
  };
}
