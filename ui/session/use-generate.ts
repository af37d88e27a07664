// The entry to a run: what blocks Generate, what the run would cost against the designer's limit, the question
// asked instead of starting ("Generate anyway?"), and the run input taken from the panel at the click.
import { useState } from 'preact/hooks';
import type { PlaceTarget } from '../../core/generation-record';
import type { ModelCapabilities } from '../../core/models';
import type { Checked, Settings } from '../../core/settings';
import type { ImageProvider } from '../providers/provider';
import { needsRelay } from '../providers/registry';
import { checkCost, cheapestPrice, pricePerImage } from '../state/cost-guard';
import type { CostCheck } from '../state/cost-guard';
import { questionReasons, questionText } from '../state/generate-question';
import type { PanelTarget } from '../state/place-into';
import { generateBlockers } from '../state/readiness';
import { isReady } from '../state/references';
import type { ReferencesState } from '../state/references';
import { isBusy } from '../state/run';
import type { planSending } from '../state/sending';
import type { useGeneration } from './use-generation';

/** What the panel holds that a run is made from. */
export interface GenerateView {
  readonly settings: Settings;
  readonly provider: ImageProvider;
  readonly model: ModelCapabilities;
  readonly ratio: string;
  readonly prompt: string;
  readonly references: ReferencesState;
  readonly sending: ReturnType<typeof planSending>;
  readonly maxReferences: number;
  /** The fixed seed as typed and checked, or null (use-seed.ts). */
  readonly seed: Checked<number> | null;
  readonly placing: PanelTarget;
  /** Where the run goes; null while Place into has no target. */
  readonly target: PlaceTarget | null;
  /** What the run's layers are called instead of the prompt's short title (preset-choice.ts presetTitle), or null. */
  readonly title: string | null;
}

export interface GenerateEntry {
  /** Why Generate can't start, first to fix first. */
  readonly blockers: readonly string[];
  readonly cost: CostCheck;
  /** The model's cheapest price per image as far as known (the default cost limit is counted in it). */
  readonly cheapest: number | null;
  /** The question asked instead of starting, or null. */
  readonly question: string | null;
  /** Starts a run, or asks first; `confirmed` is the answer "Generate anyway". */
  generateAsync(confirmed?: boolean): Promise<void>;
  /** The designer declined the question: everything entered stays. */
  dismiss(): void;
}

/** Generate for `view`, through `generation`; `onStart` runs just before a run starts, with its target. */
export function useGenerate(
  generation: ReturnType<typeof useGeneration>,
  view: GenerateView,
  onStart: (target: PlaceTarget) => void,
): GenerateEntry {
  const { settings, provider, model, ratio, sending, maxReferences, seed } = view;
  const [asking, setAsking] = useState(false);
  const apiKey = settings.apiKeys[settings.provider];
  const { check } = sending;
  const cheapest = cheapestPrice(provider.id, model, generation.seenPrices);
  const cost = checkCost({
    count: settings.variations,
    price: pricePerImage(provider.id, model, ratio, generation.seenPrices),
    cheapest,
    limit: settings.costLimit,
  });
  const reasons = questionReasons({ cost, unknownTags: check.unknownTags, unsentTags: check.unsentTags, maxReferences });
  const blockers = generateBlockers({
    providerLabel: provider.label,
    needsRelay: needsRelay(settings.provider),
    hasRelay: settings.relayUrl !== null,
    hasKey: apiKey !== null,
    seedProblem: seed && !seed.ok ? seed.error : null,
    promptBlockers: check.blockers,
    references: view.references,
    sent: sending.sent,
    minReferences: model.minReferences,
    targetProblem: view.placing.problem,
  });

  async function generateAsync(confirmed = false): Promise<void> {
    const { target } = view;
    if (blockers.length > 0 || isBusy(generation.run) || generation.isStarting() || target === null) return;
    // Over the limit, or naming a tag no sent reference has: ask instead, keeping everything entered; "Generate
    // anyway" comes back here confirmed.
    const ask = reasons.length > 0 && !confirmed;
    setAsking(ask);
    if (ask) return;
    onStart(target);
    // All ready: the blockers wait for every card that is sent.
    const cards = sending.sent.filter(isReady);
    await generation.startAsync({
      provider,
      model: model.id,
      prompt: view.prompt,
      ratio,
      references: cards.map((card) => ({ uri: card.image.uri, tag: card.tag })),
      records: cards.map((card) => ({ tag: card.tag, layerId: card.id, layerName: card.name })),
      seed: seed?.ok ? seed.value : null,
      count: settings.variations,
      target,
      apiKey: apiKey ?? '',
      title: view.title,
    });
  }

  return {
    blockers,
    cost,
    cheapest,
    question: asking ? questionText(reasons) : null,
    generateAsync,
    dismiss: () => setAsking(false),
  };
}
