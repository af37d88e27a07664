// Puts a generated image on the canvas: a frame sized to the ratio, beside its references, as one undo step.
import { resultLayerName, runTitle } from '../core/layout';
import { MAX_REFERENCES } from '../core/protocol';
import { generationParams, isReferenceRecord, parsePlaceTarget, recordedTarget } from '../core/generation-record';
import type { GenerationRecord } from '../core/generation-record';
import type { PlaceRequest } from '../core/protocol';
import { parseRatio } from '../core/ratios';
import { endedWithoutImage, isBatchSlot, landed } from './batch-landing';
import type { LandingHooks } from './batch-landing';
import { fitRowSection, groupInRow, rowPosition, rowSection } from './batch-row';
import { postToUi } from './channel';
import { markGenerated } from './generated-layer';
import { addHistoryThumbnailAsync, recordHistoryAsync } from './history';
import { placeIntoTargetAsync } from './place-into';
import type { PlacedLayer } from './place-into';
import { imageFill, placeImageLayer } from './result-layer';
import { figmaReason, pageObstacles } from './figma-nodes';
import { placementAnchorAsync } from './placement-anchor';
import { fillPlaceholder, placeholderDone, waitingPlaceholderAsync } from './placeholders';

export { GENERATION_DATA_KEY } from './generated-layer';
export type { GenerationRecord };

/** A request that passed the checks, with the frame size its ratio gives and its run's title (runTitle). */
export interface CheckedRequest {
  readonly request: PlaceRequest;
  readonly width: number;
  readonly height: number;
  readonly title: string;
}

export type PlaceCheck = { readonly ok: true; readonly checked: CheckedRequest } | { readonly ok: false; readonly message: string };

/**
 * Checks a place request as it came over the bridge; the message says what is wrong with it. The panel sends only
 * well-formed requests, so a malformed one is a bug: its message names the field, not every rule the field breaks.
 */
export function checkPlaceRequest(input: unknown): PlaceCheck {
  const fail = (message: string) => ({ ok: false as const, message });
  const invalid = (field: string) => fail(`The place request has no valid ${field}.`);
  const requestId = requestIdOf(input);
  if (requestId === null) return invalid('request id');
  const { bytes, prompt, ratio, provider, model, references, seed, target, batch, title } = input as Record<string, unknown>;
  // What the image is, the panel checked (and made PNG where Figma can't take it); Figma refuses the rest on placing.
  if (!(bytes instanceof Uint8Array)) return invalid('image bytes');
  if (typeof prompt !== 'string') return invalid('prompt');
  const size = typeof ratio === 'string' ? parseRatio(ratio) : null;
  if (!size) return invalid('aspect ratio');
  if (typeof provider !== 'string' || typeof model !== 'string') return invalid('provider or model');
  if (!Array.isArray(references) || references.length > MAX_REFERENCES || !references.every(isReferenceRecord)) {
    return invalid('references');
  }
  if (seed !== null && typeof seed !== 'string') return invalid('seed');
  const placeTarget = parsePlaceTarget(target);
  if (!placeTarget) return invalid('target');
  // The sandbox never offers a reference as the target; this guards every other way a request could be made.
  const filled = placeTarget.kind === 'new-layer' ? undefined : references.find((reference) => reference.layerId === placeTarget.nodeId);
  if (filled) return fail(`“${filled.layerName}” is a reference of this image, so it can't be filled with it.`);
  if (!isBatchSlot(batch)) return invalid('variation number');
  return {
    ok: true,
    checked: {
      request: {
        requestId,
        bytes,
        prompt,
        ratio: ratio as string,
        provider,
        model,
        references,
        seed,
        target: placeTarget,
        batch,
      },
      width: size.width,
      height: size.height,
      title: runTitle(title, prompt),
    },
  };
}

function generationRecord(request: PlaceRequest): GenerationRecord {
  return { ...generationParams(request), createdAt: new Date().toISOString(), target: recordedTarget(request.target) };
}

/** The request id the UI chose, or null when the request has none. */
function requestIdOf(input: unknown): number | null {
  const id = typeof input === 'object' && input !== null ? (input as { requestId?: unknown }).requestId : undefined;
  return typeof id === 'number' && Number.isFinite(id) ? id : null;
}

/** What placement tells the rest of the sandbox. */
export type PlaceHooks = LandingHooks;

function nameOf({ request, title }: CheckedRequest): string {
  return resultLayerName(title, request.batch, request.seed);
}

/** Makes a new layer sized to the ratio beside the references (in its run's row and section), filled with `imageHash`. */
async function placeNewLayerAsync(checked: CheckedRequest, imageHash: string): Promise<PlacedLayer> {
  const { request, width, height } = checked;
  const anchor = await placementAnchorAsync(request.references);
  const page = figma.currentPage;
  const { batchId } = request.batch;
  const obstacles = pageObstacles(page, rowSection(batchId, page.id));
  const position = rowPosition(request, { width, height }, page.id, anchor, figma.viewport.center, obstacles);
  const layer = placeImageLayer({ width, height }, position, imageFill(imageHash), nameOf(checked));
  const undo = (): void => {
    layer.remove();
    fitRowSection(batchId);
  };
  try {
    groupInRow(layer, request.batch, checked.title);
  } catch (error) {
    undo();
    throw error;
  }
  return { node: layer, undo };
}

/** Fills the run's placeholder when it still waits; when the designer deleted or undid it, a new layer beside the references. */
async function placeIntoPlaceholderAsync(checked: CheckedRequest, nodeId: string, imageHash: string): Promise<PlacedLayer> {
  const placeholder = await waitingPlaceholderAsync(nodeId);
  if (!placeholder) return placeNewLayerAsync(checked, imageHash);
  const undo = fillPlaceholder(placeholder, imageFill(imageHash), nameOf(checked));
  return { node: placeholder, undo };
}

function placeAsync(checked: CheckedRequest, imageHash: string): Promise<PlacedLayer> {
  const { target } = checked.request;
  switch (target.kind) {
    case 'new-layer':
      return placeNewLayerAsync(checked, imageHash);
    case 'placeholder':
      return placeIntoPlaceholderAsync(checked, target.nodeId, imageHash);
    default:
      return placeIntoTargetAsync(target, imageHash, nameOf(checked));
  }
}

async function placeCheckedAsync(checked: CheckedRequest, hooks: PlaceHooks): Promise<SceneNode> {
  const { request } = checked;
  let image: Image;
  try {
    image = figma.createImage(request.bytes);
  } catch (error) {
    throw new Error(`Figma refused the image (${figmaReason(error)}).`);
  }
  const { node, undo } = await placeAsync(checked, image.hash);
  try {
    markGenerated(node, generationRecord(request));
    // Selected, zoomed to and announced with the rest of its run, once the run has nothing left to wait for.
    landed(node, request.batch, request.seed, checked.title, hooks);
    figma.commitUndo();
  } catch (error) {
    // A half-made layer (or a half-changed one) would be left on the canvas and placed again on retry.
    undo();
    throw error;
  }
  return node;
}

/** Answers 'place-failed'; the variation counts as ended, so the rest of its run is shown (Place again may follow). */
function placeFailed(input: unknown, requestId: number, reason: string): void {
  const batch = (input as { batch?: unknown } | null)?.batch;
  if (isBatchSlot(batch)) endedWithoutImage(batch);
  postToUi('place-failed', { requestId, message: `Couldn't place the image: ${reason}` });
}

/** Places the image of a 'place' message and answers 'placed', or 'place-failed' with the reason. */
export async function placeResultAsync(input: unknown, hooks: PlaceHooks = {}): Promise<void> {
  // -1 answers a request that came without an id, so the UI still hears why it failed.
  const requestId = requestIdOf(input) ?? -1;
  const result = checkPlaceRequest(input);
  if (!result.ok) {
    placeFailed(input, requestId, result.message);
    return;
  }
  try {
    const frame = await placeCheckedAsync(result.checked, hooks);
    const { target } = result.checked.request;
    if (target.kind === 'placeholder') await placeholderDone(target.nodeId);
    // 'placed' comes after the history entry and the placeholder's bookkeeping are written: the designer may close
    // the plugin the moment the panel says so (a quick action closes it by itself). The thumbnail follows.
    const entryId = await recordHistoryAsync(frame, result.checked.request);
    postToUi('placed', { requestId, nodeId: frame.id, name: frame.name });
    if (entryId !== null) await addHistoryThumbnailAsync(frame, entryId);
  } catch (error) {
    placeFailed(input, requestId, figmaReason(error));
  }
}
