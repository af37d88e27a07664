// What a generation was made from, declared once: the fields a run, a place request, a generated layer's record,
// a history entry, a pending run and Iterate share, the references it names, and where its image went.
// The record saved on a layer is readable by anyone with the file: it holds no key, no token and no image data.

/** A reference the generated layer was made from, saved with it. */
export interface ReferenceRecord {
  readonly tag: string;
  readonly layerId: string;
  readonly layerName: string;
}

/** True for a ReferenceRecord as it came over the bridge or out of storage. */
export function isReferenceRecord(value: unknown): value is ReferenceRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { tag, layerId, layerName } = value as Record<string, unknown>;
  return typeof tag === 'string' && typeof layerId === 'string' && typeof layerName === 'string';
}

/**
 * Where a result goes: a new layer beside the references; the placeholder made for it when the run started (a new
 * layer as well: when the placeholder is gone, the image goes beside the references); the image fill of a selected
 * layer (keeping its size and place); or a new layer clipped exactly to a region rectangle drawn over a frame.
 */
export type PlaceTarget =
  | { readonly kind: 'new-layer' }
  | { readonly kind: 'placeholder'; readonly nodeId: string }
  | { readonly kind: 'selected-layer'; readonly nodeId: string }
  | { readonly kind: 'region'; readonly nodeId: string };

/** `value` when it is a PlaceTarget as sent over the bridge or saved in a record, else null. */
export function parsePlaceTarget(value: unknown): PlaceTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, nodeId } = value as Record<string, unknown>;
  if (kind === 'new-layer') return { kind };
  const named = typeof nodeId === 'string' && nodeId !== '';
  return (kind === 'placeholder' || kind === 'selected-layer' || kind === 'region') && named ? { kind, nodeId } : null;
}

/** Where a result went, as its record keeps it: a placeholder is a new layer of the run. */
export type RecordedTarget = Exclude<PlaceTarget, { readonly kind: 'placeholder' }>;

/** `target` as a generation record keeps it. */
export function recordedTarget(target: PlaceTarget): RecordedTarget {
  return target.kind === 'placeholder' ? { kind: 'new-layer' } : target;
}

/** What one generation was asked for and made with. */
export interface GenerationParams {
  readonly prompt: string;
  /** A ratio string such as "1280:720"; a new layer is sized to its pixels. */
  readonly ratio: string;
  readonly provider: string;
  readonly model: string;
  readonly references: readonly ReferenceRecord[];
  /** The seed the provider made the image with, as it reported it; null when it reported none. */
  readonly seed: string | null;
}

/**
 * Exactly the GenerationParams of `source`, field by field: nothing else that came with it (least of all a key or
 * image bytes) reaches a layer's record or storage.
 */
export function generationParams(source: GenerationParams): GenerationParams {
  const { prompt, ratio, references, provider, model, seed } = source;
  return {
    prompt,
    ratio,
    references: references.map(({ tag, layerId, layerName }) => ({ tag, layerId, layerName })),
    provider,
    model,
    seed,
  };
}

/**
 * The GenerationParams fields but the seed of `value` (a record, history entry or pending run as stored), or null
 * when the prompt, ratio, provider or model is missing. Malformed references are left out; nothing else is copied.
 */
export function readGenerationFields(value: Record<string, unknown>): Omit<GenerationParams, 'seed'> | null {
  const { prompt, ratio, references, provider, model } = value;
  if (typeof prompt !== 'string' || typeof ratio !== 'string' || typeof provider !== 'string' || typeof model !== 'string') return null;
  const records = Array.isArray(references) ? references.filter(isReferenceRecord) : [];
  return { prompt, ratio, provider, model, references: records.map(({ tag, layerId, layerName }) => ({ tag, layerId, layerName })) };
}

/** Saved on each generated layer with setPluginData, readable by anyone with the file: never the key. */
export interface GenerationRecord extends GenerationParams {
  /** ISO 8601. */
  readonly createdAt: string;
  /** Where the image was put: Iterate restores Selected layer or Region only while that target still exists. */
  readonly target: RecordedTarget;
}

/**
 * The record stored as `text`, or null when it is none (empty, not JSON, or missing the prompt, ratio,
 * provider or model). Older versions wrote no seed (read as null) and no target (read as New layer).
 * Malformed references are left out.
 */
export function parseGenerationRecord(text: string): GenerationRecord | null {
  if (text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = readGenerationFields(value as Record<string, unknown>);
  if (!fields) return null;
  const { seed, createdAt, target } = value as Record<string, unknown>;
  return {
    ...fields,
    seed: typeof seed === 'string' ? seed : typeof seed === 'number' && Number.isFinite(seed) ? String(seed) : null,
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    // Records written before targets were kept read as New layer: Iterate then never fills an existing layer.
    target: recordedTarget(parsePlaceTarget(target) ?? { kind: 'new-layer' }),
  };
}
