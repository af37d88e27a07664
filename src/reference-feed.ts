// Keeps the UI's reference cards in step with the selection: a snapshot at once, then the exported images.
import { MAX_REFERENCES } from '../core/protocol';
import { postToUi } from './channel';
import { exportReferenceAsync } from './export-reference';
import { readSelection } from './selection';
import type { SelectionRead } from './selection';

/** Feeds the UI from the selection; call `refresh` whenever the selection or the page changes. */
export interface ReferenceFeed {
  refresh(): void;
  /**
   * Keeps the cards as they are through the selection change that selecting `nodeIds` causes:
   * selecting a generated layer must not replace the references the designer is iterating on.
   */
  holdFor(nodeIds: readonly string[]): void;
}

/** A feed whose snapshot versions start at 1 and grow with every refresh. */
export function createReferenceFeed(): ReferenceFeed {
  let version = 0;
  // The newest selection whose images are still to be sent, and whether a loop is sending.
  let pending: SelectionRead | null = null;
  let exporting = false;
  let held: readonly string[] | null = null;

  async function exportLatestAsync(): Promise<void> {
    exporting = true;
    try {
      // One export at a time: Figma's exportAsync can't be cancelled, so a burst of selection changes
      // waits for the export in flight and then only the newest selection is exported.
      while (pending) {
        const { snapshot, nodes } = pending;
        pending = null;
        for (let i = 0; i < Math.min(nodes.length, MAX_REFERENCES); i += 1) {
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
      const ids = figma.currentPage.selection.map((node) => node.id);
      const hold = held;
      held = null;
      if (hold && hold.length === ids.length && hold.every((id, i) => id === ids[i])) return;
      version += 1;
      const read = readSelection(figma.currentPage.selection, version);
      postToUi('selection', read.snapshot);
      pending = read;
      if (!exporting) void exportLatestAsync();
    },
    holdFor(nodeIds) {
      held = [...nodeIds];
    },
  };
}
