// Upscale (issue 12), the sandbox's part: hands the panel the image of the selected layer, puts the larger image
// in its place (the same paint, so size, position, name, crop and effects stay; one undo step), keeps the original
// image's hash on the layer for Revert to original, records the upscale in History, and keeps the Runway task under
// way in clientStorage so the next open can put its image in place. The panel makes the larger image.
import { JOB_EXPIRY_MS } from '../core/pending-run';
import { parsePendingUpscale, pendingUpscaleStorageKey, UPSCALE_MODEL } from '../core/upscale';
import type { UpscaleDone } from '../core/upscale';
import { postToUi } from './channel';
import { fileId, fileStorageKey } from './file-id';
import { figmaReason, sceneNodeAsync } from './figma-nodes';
import { recordOn } from './generated-layer';
import { addHistoryThumbnailAsync, recordHistoryAsync } from './history';
import type { OpenHooks } from './history';
import { placeImageBeside } from './result-layer';
import type { Size } from '../core/layout';

/** Plugin data: the hash of the image the layer showed before its first upscale. */
export const UPSCALED_FROM_KEY = 'upscaled-from';

type Filled = SceneNode & MinimalFillsMixin;

/** The top visible image paint of `node`, with its index in the fills; null when it shows none. */
function topImage(node: BaseNode | null): { node: Filled; index: number; paint: ImagePaint & { imageHash: string } } | null {
  if (!node || !('fills' in node) || !Array.isArray(node.fills)) return null;
  const fills = node.fills as readonly Paint[];
  for (let index = fills.length - 1; index >= 0; index -= 1) {
    const paint = fills[index];
    if (paint?.visible === false) continue;
    return paint?.type === 'IMAGE' && paint.imageHash
      ? { node: node as Filled, index, paint: paint as ImagePaint & { imageHash: string } }
      : null;
  }
  return null;
}

const failed = (layerId: string | null, message: string): void => postToUi('upscale-failed', { layerId, message });

/** Sends the panel the image of the one selected layer, or why there is none to upscale. */
export async function sendUpscaleSourceAsync(): Promise<void> {
  const selection = figma.currentPage.selection;
  const found = selection.length === 1 ? topImage(selection[0] ?? null) : null;
  const image = found && figma.getImageByHash(found.paint.imageHash);
  if (!found || !image) return failed(null, 'Select one layer whose top fill is an image to upscale it.');
  try {
    const bytes = await image.getBytesAsync();
    const { node, paint } = found;
    postToUi('upscale-source', {
      layerId: node.id,
      name: node.name,
      hash: paint.imageHash,
      bytes,
      upscaled: node.getPluginData(UPSCALED_FROM_KEY) !== '',
    });
  } catch (error) {
    failed(found.node.id, `Couldn't read the image: ${figmaReason(error)}`);
  }
}

/** Swaps `from` for `to` in the layer's top image fill; false when that fill no longer shows `from`. */
function swap(node: BaseNode | null, from: string, to: string): boolean {
  const found = topImage(node);
  if (!found || found.paint.imageHash !== from) return false;
  const fills = [...(found.node.fills as readonly Paint[])];
  fills[found.index] = { ...found.paint, imageHash: to };
  found.node.fills = fills;
  return true;
}

/** Keeps this file's upscale under way (Runway took its task), or with anything else forgets it (it ended). */
export async function noteUpscaleJobAsync(value: unknown): Promise<void> {
  const key = fileStorageKey(pendingUpscaleStorageKey);
  const job = parsePendingUpscale(value);
  if (key) await (job ? figma.clientStorage.setAsync(key, job) : figma.clientStorage.deleteAsync(key)).catch(() => undefined);
}

/** At open: hands the panel this file's upscale still with Runway, or says it can no longer be fetched. */
export async function resumeUpscaleAsync(): Promise<void> {
  const id = fileId(false);
  const stored = id && (await figma.clientStorage.getAsync(pendingUpscaleStorageKey(id)).catch(() => null));
  const job = parsePendingUpscale(stored);
  if (job && Date.now() - job.startedAt < JOB_EXPIRY_MS) return postToUi('upscale-resume', { job });
  if (stored) await noteUpscaleJobAsync(null);
  if (job) failed(null, `The upscale of “${job.name}” started over 2 days ago, and Runway no longer keeps its image.`);
}

/** Puts `image` in place of `job.hash` in the layer `node`; when that can't be, a new layer of `size` beside it, selected. */
function putInPlace(node: SceneNode | null, job: UpscaleDone, image: Image, size: Size, hooks: OpenHooks): SceneNode {
  if (node && swap(node, job.hash, image.hash)) {
    node.setPluginData(UPSCALED_FROM_KEY, node.getPluginData(UPSCALED_FROM_KEY) || job.hash);
    return node;
  }
  const layer = placeImageBeside(node ?? size, node?.absoluteBoundingBox ?? null, image.hash, `${job.name} ×${job.factor}`);
  hooks.beforeSelect?.([layer.id]);
  figma.currentPage.selection = [layer];
  figma.viewport.scrollAndZoomIntoView([layer]);
  return layer;
}

/**
 * Puts the upscaled `bytes` in place of image `job.hash` in layer `job.layerId`, keeping the first original for
 * Revert, and records it in History. When the layer or its image changed meanwhile, the larger image is placed as a
 * new layer beside it rather than lost; when the layer shows it already (fetched again after a close), nothing
 * changes. Answers 'upscaled' or 'upscale-failed'; the pending upscale is forgotten once its image is in place.
 */
export async function placeUpscaleAsync(job: UpscaleDone, bytes: Uint8Array, hooks: OpenHooks): Promise<void> {
  try {
    const node = await sceneNodeAsync(job.layerId);
    const image = figma.createImage(bytes);
    const { width, height } = await image.getSizeAsync();
    // Fetched again after a close and already in place: nothing to change or record.
    const done = node && topImage(node)?.paint.imageHash === image.hash;
    const layer = done ? node : putInPlace(node, job, image, { width: width / job.factor, height: height / job.factor }, hooks);
    let entryId: string | null = null;
    if (!done) {
      figma.commitUndo();
      // A layer the plugin did not generate is kept in History as the image it now is.
      const params = recordOn(layer) ?? {
        prompt: '',
        ratio: `${width}:${height}`,
        provider: 'runway',
        model: UPSCALE_MODEL,
        references: [],
        seed: null,
      };
      // In History before the panel hears of it, as for a generation: the designer may close the plugin then.
      entryId = await recordHistoryAsync(layer, params, job.factor);
    }
    postToUi('upscaled', { layerId: layer.id, hash: image.hash, newLayer: layer !== node });
    await noteUpscaleJobAsync(null);
    if (entryId !== null) await addHistoryThumbnailAsync(layer, entryId);
  } catch (error) {
    failed(job.layerId, `Couldn't place the larger image: ${figmaReason(error)}`);
  }
}

/** Revert to original: layer `layerId`, while it shows `hash`, shows its image from before its first upscale (one undo step). */
export async function revertUpscaleAsync(layerId: string, hash: string): Promise<void> {
  const node = await sceneNodeAsync(layerId);
  const original = node?.getPluginData(UPSCALED_FROM_KEY);
  try {
    if (!node || !original || !swap(node, hash, original)) throw new Error('the layer or its image changed meanwhile');
    node.setPluginData(UPSCALED_FROM_KEY, '');
    figma.commitUndo();
    postToUi('upscaled', { layerId, hash: original, newLayer: false });
  } catch (error) {
    failed(layerId, `Couldn't change the image: ${figmaReason(error)}`);
  }
}
