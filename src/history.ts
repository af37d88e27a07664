// The history of this file's generations, kept per user in figma.clientStorage (never in the document), under a
// key of the file's own random id (saved on figma.root: not a secret). Recording, reading and opening entries run
// one at a time, so two placements finishing together can't overwrite each other's entry.
import { generationParams } from '../core/generation-record';
import {
  addEntry,
  fitBudget,
  HISTORY_STORAGE_PREFIX,
  historyStorageKey,
  MAX_THUMBNAIL_BYTES,
  parseHistory,
  recordOf,
  replaceEntry,
  THUMBNAIL_WIDTH_PX,
} from '../core/history';
import type { HistoryEntry, HistoryFile } from '../core/history';
import { layerNameFromPrompt } from '../core/layout';
import type { GenerationParams } from '../core/generation-record';
import type { UpscaleFactor } from '../core/upscale';
import { postToUi } from './channel';
import { fileId, randomId } from './file-id';
import { placeImageBeside } from './result-layer';
import type { ResultLayer } from './result-layer';
import { figmaReason, pageOf, sceneNodeAsync } from './figma-nodes';
import { markGenerated, recordOn } from './generated-layer';
import { restoreRunAsync } from './iterate';
import type { TargetFinder } from './place-into';

export const IMAGE_GONE = 'The image is no longer in this file; only its thumbnail is kept.';

let queue: Promise<unknown> = Promise.resolve();

/** Runs `work` after every history task started before it. */
function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

/** This file's history key; with `create`, gives the file an id first when it has none (a document change). */
function storageKey(create: boolean): string | null {
  const id = fileId(create);
  return id === null ? null : historyStorageKey(id);
}

async function readAsync(key: string): Promise<HistoryEntry[]> {
  // What can't be read counts as no history: the next entry starts it afresh.
  return parseHistory(await figma.clientStorage.getAsync(key).catch(() => undefined));
}

/**
 * The other files' histories, read once per run: this run only ever shortens them (below), so reading every
 * file's history again for each of a run's generations would fetch the same lists.
 */
let otherFiles: { readonly run: PluginAPI; readonly files: Promise<HistoryFile[]> } | null = null;

async function readOtherFilesAsync(key: string): Promise<HistoryFile[]> {
  const keys = (await figma.clientStorage.keysAsync()).filter((other) => other.startsWith(HISTORY_STORAGE_PREFIX) && other !== key);
  return Promise.all(keys.map(async (other) => ({ key: other, entries: await readAsync(other) })));
}

/** Stores `entries` under `key`, first dropping the oldest entries of every file beyond the budget. */
async function writeAsync(key: string, entries: readonly HistoryEntry[]): Promise<HistoryEntry[]> {
  // Kept for this run only (its `figma`): another run may have written since.
  if (otherFiles?.run !== figma) otherFiles = { run: figma, files: readOtherFilesAsync(key) };
  // A failed read is not kept: the next write reads again.
  const others = await otherFiles.files.catch((error: unknown) => {
    otherFiles = null;
    throw error;
  });
  const [own, ...fitted] = fitBudget([{ key, entries }, ...others]);
  // Room is made first, then this file's list is written.
  for (const [index, file] of fitted.entries()) {
    if (file.entries.length === 0) await figma.clientStorage.deleteAsync(file.key);
    else if (file.entries.length !== others[index]?.entries.length) await figma.clientStorage.setAsync(file.key, file.entries);
  }
  otherFiles = { run: figma, files: Promise.resolve(fitted.filter((file) => file.entries.length > 0)) };
  const kept = [...(own?.entries ?? [])];
  await figma.clientStorage.setAsync(key, kept);
  return kept;
}

/** The history as the panel last heard it, to tell it when a layer of it comes or goes. */
let posted: { entries: readonly HistoryEntry[]; notice: string | null; exists: string } | null = null;

/** Which of the entries' layers exist, as one comparable string ("101"). */
const presence = (layers: readonly (SceneNode | null)[]): string => layers.map((layer) => +(layer !== null)).join('');

async function postAsync(entries: readonly HistoryEntry[], notice: string | null): Promise<void> {
  const layers = await Promise.all(entries.map((entry) => sceneNodeAsync(entry.layerId)));
  posted = { entries, notice, exists: presence(layers) };
  postToUi('history', { entries: entries.map((entry, index) => ({ ...entry, exists: layers[index] !== null })), notice });
}

/**
 * Tells the panel again when a layer of its history was deleted or came back (undo): called on selection and page
 * changes, which deleting a layer always causes. Reads only the document, never the storage.
 */
export async function refreshHistoryAsync(): Promise<void> {
  const last = posted;
  if (!last) return;
  const layers = await Promise.all(last.entries.map((entry) => sceneNodeAsync(entry.layerId)));
  if (presence(layers) !== last.exists && posted === last) await postAsync(last.entries, last.notice);
}

/** Tells the panel `notice` with the history as stored now. */
async function noticeAsync(notice: string): Promise<void> {
  try {
    const key = storageKey(false);
    await postAsync(key ? await readAsync(key) : [], notice);
  } catch {
    postToUi('history', { entries: [], notice });
  }
}

async function thumbnailAsync(node: SceneNode): Promise<string | null> {
  try {
    const bytes = await node.exportAsync({ format: 'JPG', constraint: { type: 'WIDTH', value: THUMBNAIL_WIDTH_PX } });
    return bytes.length <= MAX_THUMBNAIL_BYTES ? figma.base64Encode(bytes) : null;
  } catch {
    // A history entry without its thumbnail is still worth keeping.
    return null;
  }
}

/** The hash of the first image fill in `node` or inside it. */
function imageHashOf(node: SceneNode): string | null {
  if ('fills' in node && Array.isArray(node.fills)) {
    const image = (node.fills as readonly Paint[]).find((paint): paint is ImagePaint => paint.type === 'IMAGE' && paint.imageHash !== null);
    if (image?.imageHash) return image.imageHash;
  }
  if ('children' in node) {
    for (const child of node.children) {
      const hash = imageHashOf(child);
      if (hash) return hash;
    }
  }
  return null;
}

/** Sends this file's history to the panel (at start, and when it may have changed). */
export function sendHistoryAsync(): Promise<void> {
  return serial(async () => {
    const key = storageKey(false);
    await postAsync(key ? await readAsync(key) : [], null);
  }).catch(() => undefined);
}

/**
 * Adds the generation just placed on `node` (or, with `upscaled`, its upscale) to the history, without its thumbnail
 * yet, and sends it; answers the
 * entry's id, or null when it could not be kept (said in the panel). Quick, so the panel can say "Placed" only once
 * the entry is safe: the designer may close the plugin then, and a quick action closes it by itself.
 */
export function recordHistoryAsync(node: SceneNode, params: GenerationParams, upscaled?: UpscaleFactor): Promise<string | null> {
  return serial(async () => {
    const key = storageKey(true) as string;
    const entry: HistoryEntry = {
      ...generationParams(params),
      ...(upscaled && { upscaled }),
      id: randomId(),
      layerId: node.id,
      // The time on the layer's record, so the entry and the layer agree.
      createdAt: recordOn(node)?.createdAt || new Date().toISOString(),
      imageHash: imageHashOf(node),
      thumbnail: null,
      width: node.width,
      height: node.height,
    };
    await postAsync(await writeAsync(key, addEntry(await readAsync(key), entry)), null);
    return entry.id;
  }).catch(async (error: unknown) => {
    await noticeAsync(`Couldn't keep this generation in History: ${figmaReason(error)}`);
    return null;
  });
}

/**
 * Adds the thumbnail of `node` to history entry `entryId` and sends the history. An export takes a moment, so it
 * comes after "Placed"; if the plugin closes first, the entry stays without one, as an entry whose export failed.
 */
export function addHistoryThumbnailAsync(node: SceneNode, entryId: string): Promise<void> {
  return serial(async () => {
    const thumbnail = await thumbnailAsync(node);
    const key = storageKey(false);
    if (thumbnail === null || key === null) return;
    const entries = await readAsync(key);
    const entry = entries.find((candidate) => candidate.id === entryId);
    if (!entry) return;
    await postAsync(await writeAsync(key, replaceEntry(entries, { ...entry, thumbnail })), null);
  }).catch(() => undefined);
}

/** Places `entry`'s image again as a new layer of its recorded size, marked like the original (an upscaled image of no generation is not). */
function placeAgain(entry: HistoryEntry, image: Image): ResultLayer {
  const layer = placeImageBeside(entry, null, image.hash, entry.prompt ? layerNameFromPrompt(entry.prompt) : 'Upscaled image');
  try {
    if (entry.prompt) markGenerated(layer, recordOf(entry));
  } catch (error) {
    layer.remove();
    throw error;
  }
  return layer;
}

/** Reuse: the panel takes entry `id`'s prompt, ratio, model, seed and tags, and its references are selected, as Iterate does. */
export function reuseHistoryAsync(id: unknown, targets: Pick<TargetFinder, 'setMode' | 'choose'>): Promise<void> {
  return serial(async () => {
    const key = storageKey(false);
    const entry = key ? (await readAsync(key)).find((candidate) => candidate.id === id) : undefined;
    if (entry) await restoreRunAsync(recordOf(entry), targets);
    else await noticeAsync('That generation is no longer in History.');
  }).catch((error: unknown) => noticeAsync(`Couldn't reuse that generation: ${figmaReason(error)}`));
}

/** What opening a history entry tells the rest of the sandbox. */
export interface OpenHooks {
  /** Called just before a layer on the current page is selected. */
  beforeSelect?(nodeIds: readonly string[]): void;
}

/**
 * Shows history entry `id`: selects its layer and zooms to it (on its page), or, when the layer was deleted,
 * places its image again from the document by hash; the panel hears how it went.
 */
export function openHistoryAsync(id: unknown, hooks: OpenHooks = {}): Promise<void> {
  return serial(async () => {
    const key = storageKey(false);
    let entries = key ? await readAsync(key) : [];
    const entry = entries.find((candidate) => candidate.id === id);
    if (!key || !entry) {
      await postAsync(entries, 'That generation is no longer in History.');
      return;
    }
    const layer = await sceneNodeAsync(entry.layerId);
    if (layer) {
      const page = pageOf(layer);
      if (page && page !== figma.currentPage) await figma.setCurrentPageAsync(page);
      else hooks.beforeSelect?.([layer.id]);
      figma.currentPage.selection = [layer];
      figma.viewport.scrollAndZoomIntoView([layer]);
      await postAsync(entries, null);
      return;
    }
    const image = entry.imageHash === null ? null : figma.getImageByHash(entry.imageHash);
    if (!image) {
      await postAsync(entries, IMAGE_GONE);
      return;
    }
    const frame = placeAgain(entry, image);
    hooks.beforeSelect?.([frame.id]);
    figma.currentPage.selection = [frame];
    figma.viewport.scrollAndZoomIntoView([frame]);
    figma.notify(`Placed “${frame.name}” again from History`);
    figma.commitUndo();
    entries = await writeAsync(key, replaceEntry(entries, { ...entry, layerId: frame.id }));
    await postAsync(entries, `The layer was deleted: placed its image again as “${frame.name}”.`);
  }).catch((error: unknown) => noticeAsync(`Couldn't open that generation: ${figmaReason(error)}`));
}
