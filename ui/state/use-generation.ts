// A run from the Generate click to placed layers: its variations with the provider, each image made placeable and
// sent to the sandbox, what the run cost, and the answers that come back. The panel decides when a run may start.
import { useReducer, useRef, useState } from 'preact/hooks';
import type { PlaceTarget, ReferenceRecord } from '../../core/protocol';
import type { GeneratedImage, ImageProvider, ReferenceImage } from '../providers/provider';
import type { Services } from '../services';
import { markMoment } from '../timing';
import { priceKey } from './cost-guard';
import type { SeenPrices } from './cost-guard';
import { variationTarget } from './place-into';
import { IDLE, isBusy, runReducer, variationSeed } from './run';
import type { Generation, RunState } from './run';

/** Everything a run is made from, taken when Generate is clicked: edits after that belong to the next run. */
export interface RunInput {
  readonly provider: ImageProvider;
  readonly model: string;
  readonly prompt: string;
  readonly ratio: string;
  readonly references: readonly ReferenceImage[];
  /** Saved with each layer: where each reference came from. */
  readonly records: readonly ReferenceRecord[];
  /** The fixed seed of the first variation, or null for the provider's own. */
  readonly seed: number | null;
  readonly count: number;
  readonly target: PlaceTarget;
  readonly apiKey: string;
}

/** The last run's images so far: what they cost (null when one didn't say) and the credits left last reported. */
export interface RunSpending {
  readonly batchId: number;
  readonly images: number;
  readonly cost: number | null;
  readonly creditsLeft: number | null;
}

/** What the panel hears from a run besides its state. */
export interface RunHooks {
  /** The provider refused the key: the panel opens Settings. */
  onAuthFailure(): void;
  /** The first variation's image arrived (its seed is shown in the Seed field). */
  onFirstImage(image: GeneratedImage): void;
}

/** The generation flow, for the panel. */
export function useGeneration(services: Services, hooks: RunHooks) {
  const { bridge } = services;
  const [run, dispatchRun] = useReducer(runReducer, IDLE);
  const [spent, setSpent] = useState<RunSpending | null>(null);
  const [seenPrices, setSeenPrices] = useState<SeenPrices>({});
  // Refs, not state: they must be current within one event, before Preact re-renders.
  /** Set while variations are with the provider: also guards against a second start before Preact re-renders. */
  const controller = useRef<AbortController | null>(null);
  const lastRequestId = useRef(0);
  const lastBatchId = useRef(0);
  const currentHooks = useRef(hooks);
  currentHooks.current = hooks;

  async function placeAsync(index: number, generation: Generation): Promise<void> {
    const image = await services
      .toFigmaImageAsync(generation.bytes)
      .catch((error: unknown) => ({ ok: false as const, message: String(error) }));
    if (!image.ok) {
      dispatchRun({ type: 'unplaceable', index, message: `Couldn't place the image: ${image.message}` });
      return;
    }
    lastRequestId.current += 1;
    const requestId = lastRequestId.current;
    dispatchRun({ type: 'posted', index, requestId });
    markMoment('place-posted');
    bridge.post('place', {
      requestId,
      bytes: image.bytes,
      prompt: generation.prompt,
      ratio: generation.ratio,
      provider: generation.provider,
      model: generation.model,
      references: generation.references,
      seed: generation.seed,
      target: generation.target,
      batch: generation.batch,
    });
  }

  function addSpending(batchId: number, image: GeneratedImage): void {
    setSpent((last) => {
      const same = last?.batchId === batchId ? last : null;
      const cost = same && same.cost === null ? null : image.cost === null ? null : (same?.cost ?? 0) + image.cost;
      return { batchId, images: (same?.images ?? 0) + 1, cost, creditsLeft: image.creditsLeft ?? same?.creditsLeft ?? null };
    });
  }

  /** Starts a run of `input.count` variations; does nothing while one is under way. */
  async function startAsync(input: RunInput): Promise<void> {
    if (isBusy(run) || controller.current) return;
    markMoment('generate-start');
    const abort = new AbortController();
    controller.current = abort;
    lastBatchId.current += 1;
    const batchId = lastBatchId.current;
    const { provider, model, prompt, ratio, count } = input;
    dispatchRun({ type: 'start', startedAt: Date.now(), count });

    const variationAsync = async (index: number): Promise<void> => {
      const seed = variationSeed(input.seed, index);
      const outcome = await provider.generateAsync(
        { model, prompt, ratio, references: input.references, ...(seed === null ? {} : { seed }) },
        // No timeoutMs: the provider applies its own limit and then answers 'timeout'.
        {
          apiKey: input.apiKey,
          signal: abort.signal,
          onProgress: (progress) => {
            if (controller.current === abort) dispatchRun({ type: 'progress', index, progress });
          },
        },
      );
      markMoment('response');
      if (!outcome.ok) {
        dispatchRun({ type: 'fail', index, failure: outcome.failure });
        if (outcome.failure.kind === 'auth') currentHooks.current.onAuthFailure();
        return;
      }
      const { image } = outcome;
      addSpending(batchId, image);
      const price = image.cost;
      if (price !== null) setSeenPrices((seen) => ({ ...seen, [priceKey(provider.id, model, ratio)]: price }));
      if (index === 0) currentHooks.current.onFirstImage(image);
      const generation: Generation = {
        bytes: image.bytes,
        prompt,
        ratio,
        provider: provider.id,
        model,
        references: input.records,
        seed: image.seed,
        batch: { batchId, index, count },
        target: variationTarget(input.target, index),
      };
      dispatchRun({ type: 'generated', index, generation });
      await placeAsync(index, generation);
    };
    // Started together: Runway queues what is over its concurrency (THROTTLED), and a Segmind refusal (429 over
    // the plan's rate) fails only its own variation.
    await Promise.all(Array.from({ length: count }, (_, index) => variationAsync(index)));
    controller.current = null;
  }

  return {
    run: run as RunState,
    spent,
    seenPrices,
    startAsync,
    /** True from the click until every variation is back from the provider. */
    isStarting: (): boolean => controller.current !== null,
    cancel(): void {
      controller.current?.abort();
      dispatchRun({ type: 'cancel' });
    },
    /** Places variation `index` again after its placement failed, into `target` when given (where Place into points now). */
    placeAgain(index: number, target: PlaceTarget | null): void {
      const variation = run.phase === 'run' ? run.variations[index] : undefined;
      if (variation?.phase !== 'place-failed') return;
      dispatchRun({ type: 'retry', index });
      const { generation } = variation;
      void placeAsync(index, target ? { ...generation, target: variationTarget(target, index) } : generation);
    },
    placed(requestId: number, name: string): void {
      markMoment('placed');
      dispatchRun({ type: 'placed', requestId, name });
    },
    placeFailed(requestId: number, message: string): void {
      dispatchRun({ type: 'place-failed', requestId, message });
    },
  };
}
