// This file's workspace (core/workspace.ts) in figma.clientStorage: read once when the plugin opens, changed by
// the panel's draft and tag edits, written one change at a time. A file gets its id only when something is first
// written for it, so merely opening the plugin never changes the document.
import {
  parseWorkspace,
  savedTag,
  WORKSPACE_STORAGE_PREFIX,
  withDraft,
  withTag,
  workspacesToDrop,
  workspaceStorageKey,
} from '../core/workspace';
import type { Draft, Workspace } from '../core/workspace';
import { fileId, fileStorageKey } from './file-id';

export interface WorkspaceStore {
  /** The draft stored for this file when the plugin opened, or null. */
  readonly draft: Draft | null;
  /** The tag the designer gave layer `layerId` of this file, or null. */
  savedTag(layerId: string): string | null;
  saveDraftAsync(draft: Draft): Promise<void>;
  saveTagAsync(layerId: string, tag: string): Promise<void>;
}

async function readAsync(key: string): Promise<Workspace> {
  return parseWorkspace(await figma.clientStorage.getAsync(key).catch(() => undefined));
}

/** Deletes the oldest other workspaces beyond MAX_WORKSPACES. */
async function pruneAsync(keep: string): Promise<void> {
  const keys = (await figma.clientStorage.keysAsync()).filter((key) => key.startsWith(WORKSPACE_STORAGE_PREFIX));
  const stored = await Promise.all(keys.map(async (key) => ({ key, savedAt: (await readAsync(key)).savedAt })));
  for (const key of workspacesToDrop(stored, keep)) await figma.clientStorage.deleteAsync(key);
}

/** Reads this file's workspace; what can't be read or written is lost quietly, never the designer's panel. */
export async function loadWorkspaceAsync(): Promise<WorkspaceStore> {
  const id = fileId(false);
  let current = id === null ? parseWorkspace(undefined) : await readAsync(workspaceStorageKey(id));
  const { draft } = current;
  let pruned = false;

  function change(next: (workspace: Workspace, now: number) => Workspace): Promise<void> {
    current = next(current, Date.now());
    const storageKey = fileStorageKey(workspaceStorageKey);
    if (storageKey === null) return Promise.resolve();
    // Asked at once, each write holding the whole workspace: the plugin may be closed a moment after the last edit
    // arrives, and nothing waiting in a queue would be written then.
    const written = figma.clientStorage.setAsync(storageKey, current).catch(() => undefined);
    if (!pruned) {
      // Once per run: other files' workspaces only age while this one is written.
      pruned = true;
      void written.then(() => pruneAsync(storageKey)).catch(() => undefined);
    }
    return written;
  }

  return {
    draft,
    savedTag: (layerId) => savedTag(current, layerId),
    saveDraftAsync: (next) => change((workspace, now) => withDraft(workspace, next, now)),
    saveTagAsync: (layerId, tag) => change((workspace, now) => withTag(workspace, layerId, tag, now)),
  };
}
