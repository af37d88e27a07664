// What the panel does when the plugin was opened with Iterate: the prompt, the settings to switch to (provider,
// model, ratio), the seed to fix, the tags for the re-selected layers, and what to tell the designer.
import type { IterateStart, MissingReference, PlaceInto } from '../../core/protocol';
import { findRatio } from '../../core/ratios';
import { modelRatios, parseSeed, PROVIDER_IDS, PROVIDER_MODELS } from '../../core/settings';
import type { ProviderId, SettingsPatch } from '../../core/settings';

export interface IteratePlan {
  /** null: the prompt stays as it is. */
  readonly prompt: string | null;
  /** Provider, model and ratio to switch to; null when the layer's model is not one this version offers. */
  readonly patch: SettingsPatch | null;
  /** The seed to fix; null leaves the seed as it is. */
  readonly seed: string | null;
  /** Tags by layer id for the re-selected references. */
  readonly tags: Readonly<Record<string, string>>;
  /** The mode the sandbox restored (and read the selection for): New layer unless the layer's target could be kept. */
  readonly placeInto: PlaceInto;
  readonly notice: string | null;
}

function missingText({ tag, layerName, where }: MissingReference): string {
  if (where === 'file') return `@${tag} was the file “${layerName}”: add it again (drop, paste or Add image…).`;
  return where === 'deleted'
    ? `“${layerName}” no longer exists: select a replacement for @${tag}.`
    : `“${layerName}” is on another page: select it there, or a replacement for @${tag} here.`;
}

/** The plan for `start`; `supportsSeed` says whether a provider's model takes a seed. */
export function planIterate(start: IterateStart, supportsSeed: (provider: ProviderId, model: string) => boolean): IteratePlan {
  if (!start.found) return { prompt: null, patch: null, seed: null, tags: {}, placeInto: 'new-layer', notice: start.message };
  const notes = start.missing.map(missingText);
  const provider = PROVIDER_IDS.find(
    (id) => id === start.provider && Object.prototype.hasOwnProperty.call(PROVIDER_MODELS[id], start.model),
  );
  let patch: SettingsPatch | null = null;
  if (provider) {
    patch = { provider, model: { provider, model: start.model } };
    if (findRatio(modelRatios(start.model) ?? [], start.ratio)) patch = { ...patch, ratio: { model: start.model, ratio: start.ratio } };
    else notes.push(`${start.ratio} is not a ratio this model offers: pick one.`);
  } else {
    notes.push(`This layer was made with “${start.model}” (${start.provider}), which this version doesn’t offer: choose a model.`);
  }
  const seed = provider && start.seed !== null && supportsSeed(provider, start.model) && parseSeed(start.seed).ok ? start.seed : null;
  const notice = notes.length > 0 ? notes.join(' ') : null;
  return { prompt: start.prompt, patch, seed, tags: start.tags, placeInto: start.placeInto, notice };
}
