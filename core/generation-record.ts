// How a generated layer was made, as saved on it with setPluginData and read back for Iterate and History.
// Anyone with the file can read plugin data: the record holds no key, no token and no image data.
import { parsePlaceTarget, recordedTarget } from './place-into';
import type { RecordedTarget } from './place-into';
import type { ReferenceRecord } from './protocol';

/** Saved on each generated layer with setPluginData, readable by anyone with the file: never the key. */
export interface GenerationRecord {
  readonly prompt: string;
  readonly ratio: string;
  readonly references: readonly ReferenceRecord[];
  readonly provider: string;
  readonly model: string;
  /** The seed the provider reported; null when it reported none (and in records written before seeds were kept). */
  readonly seed: string | null;
  /** ISO 8601. */
  readonly createdAt: string;
  /** Where the image was put: Iterate restores Selected layer or Region only while that target still exists. */
  readonly target: RecordedTarget;
}

function isReference(value: unknown): value is ReferenceRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { tag, layerId, layerName } = value as Record<string, unknown>;
  return typeof tag === 'string' && typeof layerId === 'string' && typeof layerName === 'string';
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
  const { prompt, ratio, references, provider, model, seed, createdAt, target } = value as Record<string, unknown>;
  if (typeof prompt !== 'string' || typeof ratio !== 'string' || typeof provider !== 'string' || typeof model !== 'string') {
    return null;
  }
  return {
    prompt,
    ratio,
    references: Array.isArray(references)
      ? references.filter(isReference).map(({ tag, layerId, layerName }) => ({ tag, layerId, layerName }))
      : [],
    provider,
    model,
    seed: typeof seed === 'string' ? seed : typeof seed === 'number' && Number.isFinite(seed) ? String(seed) : null,
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    // Records written before targets were kept read as New layer: Iterate then never fills an existing layer.
    target: recordedTarget(parsePlaceTarget(target) ?? { kind: 'new-layer' }),
  };
}
