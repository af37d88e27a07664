// Keeps the UI's reference cards in step with the selection: a snapshot at once, then the exported images.
import { MAX_OFFERED_REFERENCES } from '../core/protocol';
import { postToUi } from './channel';
import { exportReferenceAsync } from './export-reference';
import { readSelection } from './selection';
import type { SelectionRead } from './selection';

/** Feeds the UI from the selection; call `refresh` whenever the selection or the page changes. */
export interface ReferenceFeed {
  /** After a selection or page change: a selection the UI already has (or is held) is not sent again. */
  refresh(): void;
  /** Reads and sends the selection even when it has not changed: how it is read has (e.g. Place into). */
  reread(): void;
  /**
   * Keeps the cards as they are through the selection change that selecting `nodeIds` causes:
   * selecting a generated layer must not replace the references the designer is iterating on.
   * Nothing is held when `nodeIds` are already the selection: no change will come to absorb the hold.
   */
  holdFor(nodeIds: readonly string[]): void;
}

/** A feed whose snapshot versions start at 1 and grow with every refresh; `readSnapshot` sorts the selection. */
export function createReferenceFeed(
  readSnapshot: (selection: readonly SceneNode[], version: number) => SelectionRead = readSelection,
): ReferenceFeed {
  let version = 0;
  // The newest selection whose images are still to be sent, and whether a loop is sending.
  let pending: SelectionRead | null = null;
  let exporting = false;
  let held: readonly string[] | null = null;
  let sentIds: readonly string[] = [];

  const selectedIds = (): string[] => figma.currentPage.selection.map((node) => node.id);
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id, i) => id === b[i]);

  function send(ids: readonly string[]): void {
    version += 1;
    sentIds = ids;
    const read = readSnapshot(figma.currentPage.selection, version);
    postToUi('selection', read.snapshot);
    pending = read;
    if (!exporting) void exportLatestAsync();
  }

  async function exportLatestAsync(): Promise<void> {
    exporting = true;
    try {
      // One export at a time: Figma's exportAsync can't be cancelled, so a burst of selection changes
      // waits for the export in flight and then only the newest selection is exported.
      while (pending) {
        const { snapshot, nodes } = pending;
        pending = null;
        // In selection order: the first layers are the ones sent unless the prompt names others.
        for (let i = 0; i < Math.min(nodes.length, MAX_OFFERED_REFERENCES); i += 1) {
          const outcome = await exportReferenceAsync(nodes[i]);
          // A newer selection arrived during the export: its job is pending, this one is stale.
          if (snapshot.version !== version) break;
          // The id comes from the snapshot: a layer deleted during its export can no longer be asked.
          const id = snapshot.layers[i].id;
          if (outcome.ok) postToUi('reference-image', { version: snapshot.version, id, ...outcome.image });
          else postToUi('reference-failed', { version: snapshot.version, id, message: outcome.message });
        }
      }
    } finally {
      exporting = false;
    }
  }

  return {
    refresh() {
      const ids = selectedIds();
      const hold = held;
      held = null;
      if ((hold && same(hold, ids)) || (version > 0 && same(sentIds, ids))) return;
      send(ids);
    },
    reread() {
      held = null;
      send(selectedIds());
    },
    holdFor(nodeIds) {
      held = same(nodeIds, selectedIds()) ? null : [...nodeIds];
    },
  };
}
