// Placeholders: the moment a run starts in New layer mode, a neutral layer of the exact size stands where each
// image will land, so the designer sees the result's place (and can lay out around it) while it is made. The image
// fills that same layer. A run that ends without an image removes its placeholder. When the plugin closes, a run
// that can't go on without it (Segmind's answer comes on the request) marks its placeholder Interrupted, with the
// Iterate button to make it again; a Runway task goes on, and the next open fetches it (pending-runs.ts).
import { isWhole as whole } from '../core/guards';
import { readGenerationFields } from '../core/generation-record';
import type { GenerationParams } from '../core/generation-record';
import { canResume } from '../core/pending-run';
import type { PendingRun } from '../core/pending-run';
import { freeRowSlot, resultLayerName, runTitle, shortTitle } from '../core/layout';
import type { MainToUi, ReserveRequest } from '../core/protocol';
import { parseRatio } from '../core/ratios';
import { MAX_VARIATIONS } from '../core/settings';
import { endedWithoutImage, isBatchSlot } from './batch-landing';
import { fitRowSection, groupInRow, rowOrigin, rowPosition, rowSection } from './batch-row';
import { pageObstacles, pageOf, sceneNodeAsync } from './figma-nodes';
import { GENERATION_DATA_KEY, ITERATE_RELAUNCH_DATA, recordOn } from './generated-layer';
import { changePendingRunsAsync, readPendingRunsAsync } from './pending-runs';
import { placementAnchorAsync } from './placement-anchor';
import { placeImageLayer } from './result-layer';
import type { ResultLayer } from './result-layer';

/** The plugin-data entry that marks a placeholder, with its state. */
export const PLACEHOLDER_DATA_KEY = 'placeholder';
export type PlaceholderState = 'generating' | 'interrupted';

/** What a closed plugin's interrupted run leaves in its placeholder's name. */
export const INTERRUPTED_LABEL = 'Interrupted — select it and click Iterate to generate again';

/** Figma's light grey: a frame of it reads as "something goes here". */
const GENERATING_FILL: SolidPaint = { type: 'SOLID', color: { r: 0.898, g: 0.898, b: 0.898 } };
/** A pale amber: the interrupted placeholder stands out from the ones still generating. */
const INTERRUPTED_FILL: SolidPaint = { type: 'SOLID', color: { r: 1, g: 0.925, b: 0.8 } };

/** A placeholder this run made and has not filled or released yet. */
interface Live {
  readonly node: SceneNode;
  readonly batchId: number;
  readonly index: number;
  readonly count: number;
  /** Its run's job goes on without the plugin (Runway), once `jobId` is known. */
  readonly resumable: boolean;
  jobId: string | null;
}

const live = new Map<string, Live>();
/** An Interrupted placeholder the plugin was opened from with Iterate: the next single new layer goes into it. */
let reusable: SceneNode | null = null;

/** Iterate opened from `node`: when it is an Interrupted placeholder, the next one-image run fills it, not a new one. */
export function offerForReuse(node: SceneNode): void {
  reusable = placeholderState(node) === 'interrupted' ? node : null;
}

/** The offered Interrupted placeholder, made a waiting one of `size` again for a one-image run; null when there is none. */
function takeReusable(count: number, size: { width: number; height: number }, name: string): ResultLayer | null {
  const node = reusable;
  reusable = null;
  if (count !== 1 || !node || node.removed || placeholderState(node) !== 'interrupted' || pageOf(node) !== figma.currentPage) return null;
  if (node.type !== 'FRAME' && node.type !== 'RECTANGLE') return null;
  node.resize(size.width, size.height);
  node.fills = [GENERATING_FILL];
  node.name = name;
  node.setRelaunchData({});
  return node;
}

/** The state `node` is in as a placeholder, or null when it is none (any more). */
export function placeholderState(node: BaseNode): PlaceholderState | null {
  const state = node.getPluginData(PLACEHOLDER_DATA_KEY);
  return state === 'generating' || state === 'interrupted' ? state : null;
}

/** A ReserveRequest as the sandbox reads it. */
interface ReadReserve extends Pick<ReserveRequest, 'batchId' | 'count' | 'resumable'> {
  readonly fields: Omit<GenerationParams, 'seed'>;
  readonly title: string;
}

/** The run `input` asks placeholders for: its generation fields copied, and its title (runTitle); null when it is not a ReserveRequest. */
function readReserveRequest(input: unknown): ReadReserve | null {
  if (typeof input !== 'object' || input === null) return null;
  const fields = readGenerationFields(input as Record<string, unknown>);
  const { batchId, count, resumable, references, title } = input as Record<string, unknown>;
  // A malformed reference refuses the whole run: it would be missing from every record the run writes.
  if (!fields || !Array.isArray(references) || fields.references.length !== references.length) return null;
  if (!whole(batchId) || !whole(count) || count < 1 || count > MAX_VARIATIONS || typeof resumable !== 'boolean') return null;
  return { fields, batchId, count, resumable, title: runTitle(title, fields.prompt) };
}

/**
 * Makes a placeholder per variation of `request`, in the run's row beside its references, and records the run as
 * pending; the ids by variation (null where Figma refused one, or for a request that is not one). Not an undo step
 * of its own: the image that fills it commits the step, so undoing a placed result removes it whole.
 */
export async function reservePlaceholdersAsync(input: unknown): Promise<(string | null)[]> {
  const request = readReserveRequest(input);
  if (!request) return [];
  const { batchId, count, resumable, title, fields } = request;
  const size = parseRatio(fields.ratio);
  if (!size) return Array.from({ length: count }, () => null);
  const anchor = await placementAnchorAsync(fields.references);
  const page = figma.currentPage;
  const record = { ...fields, seed: null, createdAt: new Date().toISOString(), target: { kind: 'new-layer' } as const };
  const ids: (string | null)[] = [];
  for (let index = 0; index < count; index += 1) {
    const batch = { batchId, index, count };
    const position = rowPosition(
      { target: { kind: 'new-layer' }, batch },
      size,
      page.id,
      anchor,
      figma.viewport.center,
      pageObstacles(page, rowSection(batchId, page.id)),
    );
    const name = `Generating… ${resultLayerName(title, batch, null)}`;
    let node: ResultLayer | null = null;
    try {
      node = takeReusable(count, size, name) ?? placeImageLayer(size, position, GENERATING_FILL, name);
      node.setPluginData(PLACEHOLDER_DATA_KEY, 'generating');
      // How it is being made, from the start: should the plugin stop without a word, Iterate can still make it.
      node.setPluginData(GENERATION_DATA_KEY, JSON.stringify(record));
      groupInRow(node, batch, title);
    } catch {
      node?.remove();
      node = null;
    }
    if (node) live.set(node.id, { node, ...batch, resumable, jobId: null });
    ids.push(node?.id ?? null);
  }
  const startedAt = Date.now();
  const runs: PendingRun[] = ids.flatMap((placeholderId) =>
    placeholderId === null ? [] : [{ ...fields, placeholderId, jobId: null, jobSeed: null, startedAt }],
  );
  void changePendingRunsAsync((pending) => [...pending, ...runs]);
  return ids;
}

/** The placeholder `nodeId` when it still waits for its image, else null (deleted, undone, or no placeholder). */
export async function waitingPlaceholderAsync(nodeId: string): Promise<(SceneNode & MinimalFillsMixin) | null> {
  const node = await sceneNodeAsync(nodeId);
  return node && placeholderState(node) !== null && 'fills' in node ? (node as SceneNode & MinimalFillsMixin) : null;
}

/** Turns placeholder `node` into the layer of its image: its fill, its name; undo puts the placeholder back. */
export function fillPlaceholder(node: SceneNode & MinimalFillsMixin, imageFill: Paint, name: string): () => void {
  // A placeholder is a frame or rectangle: its fills are a list, never figma.mixed.
  const fills = Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : [];
  const before = { fills, name: node.name, state: node.getPluginData(PLACEHOLDER_DATA_KEY) };
  node.fills = [imageFill];
  node.name = name;
  node.setPluginData(PLACEHOLDER_DATA_KEY, '');
  return () => {
    node.fills = before.fills;
    node.name = before.name;
    node.setPluginData(PLACEHOLDER_DATA_KEY, before.state);
  };
}

/** The run that was to fill `placeholderId` has placed its image (there or, the placeholder gone, beside it). */
export function placeholderDone(placeholderId: string): Promise<void> {
  live.delete(placeholderId);
  return changePendingRunsAsync((runs) => runs.filter((run) => run.placeholderId !== placeholderId));
}

/** The provider accepted the job of the run that fills `placeholderId`: kept, so the next open can fetch it. */
export function jobStartedAsync(placeholderId: unknown, jobId: unknown, seed: unknown): Promise<void> {
  if (typeof placeholderId !== 'string' || typeof jobId !== 'string' || jobId === '') return Promise.resolve();
  const jobSeed = typeof seed === 'number' && Number.isInteger(seed) ? seed : null;
  const entry = live.get(placeholderId);
  if (entry) entry.jobId = jobId;
  return changePendingRunsAsync((runs) => runs.map((run) => (run.placeholderId === placeholderId ? { ...run, jobId, jobSeed } : run)));
}

/**
 * Moves the run's placeholders still waiting into the leftmost free slots of its row: a variation that failed
 * leaves no hole while the others are being made. Placed images never move.
 */
function closeRowGaps(batchId: number): void {
  const waiting = [...live.values()].filter((entry) => entry.batchId === batchId && !entry.node.removed).sort((a, b) => a.index - b.index);
  for (const { node, count } of waiting) {
    const page = pageOf(node);
    const origin = page ? rowOrigin(batchId, page.id) : null;
    const section = page ? rowSection(batchId, page.id) : null;
    const box = node.absoluteBoundingBox;
    if (!page || !origin || !box || node.parent !== (section ?? page)) continue;
    const obstacles = pageObstacles(page, section).filter(
      (other) => !(other.x === box.x && other.y === box.y && other.width === box.width && other.height === box.height),
    );
    const slot = freeRowSlot(origin, box, count, obstacles);
    if (slot && slot.x < box.x) node.x -= box.x - slot.x;
  }
  fitRowSection(batchId);
}

/** The run that was to fill `placeholderId` ended without an image: its placeholder (if still one) goes. */
export async function releasePlaceholderAsync(placeholderId: unknown): Promise<void> {
  if (typeof placeholderId !== 'string') return;
  const entry = live.get(placeholderId);
  live.delete(placeholderId);
  // This run's own placeholder goes at once: a quick run closes the plugin right after a failure.
  const node = entry && !entry.node.removed ? entry.node : await waitingPlaceholderAsync(placeholderId);
  if (node && !node.removed && placeholderState(node) !== null) node.remove();
  if (entry) closeRowGaps(entry.batchId);
  await changePendingRunsAsync((runs) => runs.filter((run) => run.placeholderId !== placeholderId));
}

/** The panel's 'ended': variation `batch` ended without an image; its placeholder (when one is given) goes. */
export async function endVariationAsync(batch: unknown, placeholderId: unknown): Promise<void> {
  if (isBatchSlot(batch)) endedWithoutImage(batch);
  await releasePlaceholderAsync(placeholderId);
}

/** Marks `node` as a run the plugin could not finish: named so, tinted, with the Iterate button to make it again. */
function markInterrupted(node: SceneNode, prompt: string): void {
  node.setPluginData(PLACEHOLDER_DATA_KEY, 'interrupted');
  node.name = `${INTERRUPTED_LABEL} (${shortTitle(prompt)})`;
  if ('fills' in node) node.fills = [INTERRUPTED_FILL];
  if ('setRelaunchData' in node) node.setRelaunchData(ITERATE_RELAUNCH_DATA);
}

/**
 * For Figma's 'close' event, which allows only synchronous work: every placeholder still waiting whose run can't
 * go on without the plugin is marked Interrupted. A Runway task that exists goes on: its placeholder waits.
 */
export function interruptUnfinished(): void {
  for (const [id, entry] of live) {
    live.delete(id);
    if (entry.node.removed || placeholderState(entry.node) !== 'generating' || (entry.resumable && entry.jobId !== null)) continue;
    markInterrupted(entry.node, recordOn(entry.node)?.prompt ?? '');
  }
}

/**
 * When the plugin opens: the runs started before it closed that can still be fetched (their entries stay until
 * they end), and what to say about the rest — runs that ended with the plugin are marked Interrupted (if the close
 * didn't get to it), expired ones lose their placeholder; both are forgotten.
 */
export async function openPendingRunsAsync(now: number = Date.now()): Promise<MainToUi['resume']> {
  const pending = await readPendingRunsAsync();
  const runs: PendingRun[] = [];
  const ended = new Set<string>();
  let interrupted = 0;
  let expired = 0;
  for (const run of pending) {
    if (canResume(run, now)) {
      runs.push(run);
      continue;
    }
    ended.add(run.placeholderId);
    const node = await waitingPlaceholderAsync(run.placeholderId);
    if (run.jobId !== null) {
      expired += 1;
      node?.remove();
    } else {
      interrupted += 1;
      if (node && placeholderState(node) === 'generating') markInterrupted(node, run.prompt);
    }
  }
  if (ended.size > 0) await changePendingRunsAsync((stored) => stored.filter((run) => !ended.has(run.placeholderId)));
  return { runs, interrupted, expired };
}
