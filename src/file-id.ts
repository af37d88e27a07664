// This file's own random id, kept on figma.root as plugin data (not a secret): what per-file entries in
// clientStorage (History, the workspace) are keyed by, since a plugin can't read the file's key.

/** The figma.root plugin-data entry holding this file's id. */
export const FILE_ID_KEY = 'file-id';

/** A random id, for the file and for stored entries. */
export function randomId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * This file's id; with `create`, gives the file one first when it has none (a document change, made once per file
 * and only when something is stored for it). null when it has none and none is made, or Figma refuses (view only).
 */
export function fileId(create: boolean): string | null {
  let id = figma.root.getPluginData(FILE_ID_KEY);
  if (id === '' && create) {
    id = randomId();
    figma.root.setPluginData(FILE_ID_KEY, id);
  }
  return id === '' ? null : id;
}

/**
 * The clientStorage key `keyOf` makes of this file's id, giving the file its id first; null when Figma won't let
 * the plugin mark the file (view only): what would be kept under it lasts for this run only.
 */
export function fileStorageKey(keyOf: (id: string) => string): string | null {
  try {
    const id = fileId(true);
    return id === null ? null : keyOf(id);
  } catch {
    return null;
  }
}
