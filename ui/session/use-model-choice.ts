// What a run is made with: the provider built from the stored choice, its model, and the ratio — the designer's
// pick for the model, or, placing into a layer or region, the allowed ratio closest to the target's shape.
import { useMemo } from 'preact/hooks';
import type { ModelCapabilities } from '../../core/models';
import { sizeLabel, targetRatio } from '../../core/place-into';
import { MAX_REFERENCES } from '../../core/protocol';
import type { TargetLayer } from '../../core/protocol';
import { ratioFor } from '../../core/settings';
import { modelOf } from '../providers/provider';
import type { ImageProvider } from '../providers/provider';
import type { Services } from '../services';
import type { SettingsHandle } from '../state/use-settings';

export interface ModelChoice {
  readonly provider: ImageProvider;
  readonly model: ModelCapabilities;
  /** The ratio a run uses. */
  readonly ratio: string;
  /** The ratio picked for the model (kept with the draft): one fitted to a target follows the target instead. */
  readonly chosenRatio: string;
  /** Says why the ratio follows the target, or null when it is the designer's pick. */
  readonly fittedTo: string | null;
  /** What one request takes: the model's limit, within the protocol's. */
  readonly maxReferences: number;
  /** Picks the model's ratio (kept per model). */
  changeRatio(value: string): void;
}

/** The provider, model and ratio from `store`'s settings, for a run placed into `target` (null: a new layer). */
export function useModelChoice(services: Services, store: SettingsHandle, target: TargetLayer | null): ModelChoice {
  const { provider: providerId, relayUrl, relayToken, models } = store.settings;
  const provider = useMemo(
    () => services.providerFor({ provider: providerId, relayUrl, relayToken }),
    [services, providerId, relayUrl, relayToken],
  );
  const model = modelOf(provider, models[providerId]);
  // Into a layer or region the image fills it: its ratio follows the target's shape, not the designer's choice.
  const fitted = targetRatio(model.ratios, target);
  const chosenRatio = ratioFor(store.settings, model);
  return {
    provider,
    model,
    ratio: fitted?.value ?? chosenRatio,
    chosenRatio,
    fittedTo: fitted && target ? `Closest to the target’s ${sizeLabel(target)}` : null,
    maxReferences: Math.min(model.maxReferences, MAX_REFERENCES),
    changeRatio(value) {
      store.save({ ratio: { model: model.id, ratio: value } });
    },
  };
}
