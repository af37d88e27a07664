// Upscale (issue 12), the sandbox's part: hands the panel the image of the selected layer, puts the larger image
// in its place (the same paint, so size, position, name, crop and effects stay; one undo step), and keeps the
// original image's hash on the layer, so Revert to original puts it back. The panel makes the larger image.
import { postToUi } from './channel';
import { figmaReason, sceneNodeAsync } from './figma-nodes';

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

/** Sends the panel the image of the one selected layer, or why there is none to upscale. */
export async function sendUpscaleSourceAsync(): Promise<void> {
  const selection = figma.currentPage.selection;
  const found = selection.length === 1 ? topImage(selection[0] ?? null) : null;
  const image = found && figma.getImageByHash(found.paint.imageHash);
  if (!found || !image) {
    postToUi('upscale-failed', { layerId: null, message: 'Select one layer whose top fill is an image to upscale it.' });
    return;
  }
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
    postToUi('upscale-failed', { layerId: found.node.id, message: `Couldn't read the image: ${figmaReason(error)}` });
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

/**
 * Puts the upscaled `bytes` in place of image `from` in layer `layerId`, keeping the first original for Revert; with
 * `bytes` null (Revert to original), the original instead. Answers 'upscaled' or 'upscale-failed'; nothing changes
 * when the layer or its image changed meanwhile.
 */
export async function swapImageAsync(layerId: string, from: string, bytes: Uint8Array | null): Promise<void> {
  const node = await sceneNodeAsync(layerId);
  try {
    const original = node?.getPluginData(UPSCALED_FROM_KEY) ?? '';
    const to = bytes ? figma.createImage(bytes).hash : original;
    if (!node || !to || !swap(node, from, to)) throw new Error('the layer or its image changed meanwhile');
    node.setPluginData(UPSCALED_FROM_KEY, bytes ? original || from : '');
    figma.commitUndo();
    postToUi('upscaled', { layerId, hash: to });
  } catch (error) {
    postToUi('upscale-failed', { layerId, message: `Couldn't change the image: ${figmaReason(error)}` });
  }
}
