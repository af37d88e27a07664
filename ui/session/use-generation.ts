// A run from the Generate click to placed layers: its variations with the provider, each image made placeable and
// sent to the sandbox, what the run cost, and the answers that come back. The panel decides when a run may start.
import { useReducer, useRef, useState } from 'preact/hooks';
import type { PendingRun } from '../../core/pending-run';
import type { PlaceTarget, ReferenceRecord } from '../../core/generation-record';
import type { BatchSlot, MainToUi } from '../../core/protocol';
import type {
  GeneratedImage,
  GenerationFailure,
  GenerationOptions,
  GenerationOutcome,
  ImageProvider,
  ReferenceImage,
} from '../providers/provider';
import type { Services } from '../services';
import { markMoment } from '../timing';
import { seePrice } from '../state/cost-guard';
import type { SeenPrices } from '../state/cost-guard';
import { variationTarget } from '../state/place-into';
import { stillPending } from '../state/resume';
import type { ResumeOutcome } from '../state/resume';
import { IDLE, isBusy, runReducer, variationSeed } from '../state/run';
import type { Generation, RunState } from '../state/run';

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
  /** What the run's layers are called instead of the prompt's short title (a preset's label), or null. */
  readonly title: string | null;
}

/** How one variation is made: its provider call, what to do when it fails, and the image it became. */
interface VariationWork {
  generateAsync(index: number, options: Pick<GenerationOptions, 'signal' | 'onProgress'>): Promise<GenerationOutcome>;
  /** Variation `index` failed: resolves with its placeholder to release (null: none, or kept for the next open). */
  failedAsync(index: number, failure: GenerationFailure): Promise<string | null>;
  describeAsync(index: number, image: GeneratedImage, batch: BatchSlot): Promise<Generation>;
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
  /** The provider (or the relay) refused the key or token; `message` says so. */
  onAuthFailure(message: string): void;
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
  /** The runs waiting for their placeholders, by batch id. */
  const reservations = useRef(new Map<number, (placeholders: readonly (string | null)[]) => void>());
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
      ...(generation.title === undefined ? {} : { title: generation.title }),
    });
  }

  function nextBatchId(): number {
    lastBatchId.current += 1;
    return lastBatchId.current;
  }

  function addSpending(batchId: number, image: GeneratedImage): void {
    setSpent((last) => {
      const same = last?.batchId === batchId ? last : null;
      const cost = same && same.cost === null ? null : image.cost === null ? null : (same?.cost ?? 0) + image.cost;
      return { batchId, images: (same?.images ?? 0) + 1, cost, creditsLeft: image.creditsLeft ?? same?.creditsLeft ?? null };
    });
  }

  /**
   * Asks the sandbox for the placeholders of run `batchId` (New layer runs only); resolves with their ids by
   * variation, or with none for a run that places into a target.
   */
  function reserve(batchId: number, input: RunInput): Promise<readonly (string | null)[]> {
    if (input.target.kind !== 'new-layer') return Promise.resolve([]);
    const placeholders = new Promise<readonly (string | null)[]>((resolve) => reservations.current.set(batchId, resolve));
    const { provider, model, prompt, ratio, count, records, title } = input;
    bridge.post('reserve', {
      batchId,
      count,
      ratio,
      prompt,
      provider: provider.id,
      model,
      references: records,
      resumable: provider.resumeAsync !== undefined,
      ...(title === null ? {} : { title }),
    });
    return placeholders;
  }

  /**
   * Runs `count` variations together, each through `work`, from the provider's answer to the image posted for
   * placing (`describe` says what it is and where it goes) or the placeholder released; the run's spending adds up.
   */
  async function runAsync(batchId: number, count: number, work: VariationWork): Promise<void> {
    const abort = new AbortController();
    controller.current = abort;
    dispatchRun({ type: 'start', startedAt: Date.now(), count });
    const variationAsync = async (index: number): Promise<void> => {
      const outcome = await work.generateAsync(index, {
        signal: abort.signal,
        onProgress: (progress) => {
          if (controller.current === abort) dispatchRun({ type: 'progress', index, progress });
        },
      });
      markMoment('response');
      if (!outcome.ok) {
        // Its placeholder is released before the failure shows: a quick run closes the plugin on what it shows.
        const placeholderId = await work.failedAsync(index, outcome.failure);
        bridge.post('ended', { batch: { batchId, index, count }, placeholderId });
        dispatchRun({ type: 'fail', index, failure: outcome.failure });
        if (outcome.failure.kind === 'auth') currentHooks.current.onAuthFailure(outcome.failure.message);
        return;
      }
      const { image } = outcome;
      addSpending(batchId, image);
      const generation = await work.describeAsync(index, image, { batchId, index, count });
      const { cost } = image;
      // Kept for the whole session: an answer that names no cost leaves the price last reported.
      if (cost !== null) setSeenPrices((seen) => seePrice(seen, generation, cost));
      if (index === 0) currentHooks.current.onFirstImage(image);
      dispatchRun({ type: 'generated', index, generation });
      await placeAsync(index, generation);
    };
    // Started together: Runway queues what is over its concurrency (THROTTLED), and a Segmind refusal (429 over
    // the plan's rate) fails only its own variation.
    await Promise.all(Array.from({ length: count }, (_, index) => variationAsync(index)));
    controller.current = null;
  }

  /** Starts a run of `input.count` variations; does nothing while one is under way. */
  async function startAsync(input: RunInput): Promise<void> {
    if (isBusy(run) || controller.current) return;
    markMoment('generate-start');
    const { provider, model, prompt, ratio } = input;
    const batchId = nextBatchId();
    const placeholders = reserve(batchId, input);
    const placeholderOf = async (index: number): Promise<string | null> => (await placeholders)[index] ?? null;
    await runAsync(batchId, input.count, {
      generateAsync(index, options) {
        const seed = variationSeed(input.seed, index);
        return provider.generateAsync(
          { model, prompt, ratio, references: input.references, ...(seed === null ? {} : { seed }) },
          // No timeoutMs: the provider applies its own limit and then answers 'timeout'.
          {
            ...options,
            apiKey: input.apiKey,
            onJob: (job) =>
              void placeholderOf(index).then((placeholderId) => {
                if (placeholderId !== null) bridge.post('job-started', { placeholderId, jobId: job.id, seed: job.seed });
              }),
          },
        );
      },
      failedAsync: placeholderOf,
      async describeAsync(index, image, batch) {
        const placeholderId = await placeholderOf(index);
        return {
          bytes: image.bytes,
          prompt,
          ratio,
          provider: provider.id,
          model,
          references: input.records,
          seed: image.seed,
          batch,
          target: placeholderId === null ? variationTarget(input.target, index) : { kind: 'placeholder', nodeId: placeholderId },
          ...(input.title === null ? {} : { title: input.title }),
        };
      },
    });
  }

  /**
   * Finishes `runs`, started before the plugin closed, with `provider` (whose jobs outlive the plugin): each image
   * fills its placeholder. A run that can't end now (relay unreachable, no key) stays pending for the next open;
   * one that ended without an image releases its placeholder. Resolves with how they ended.
   */
  async function resumeAsync(runs: readonly PendingRun[], provider: ImageProvider, apiKey: string): Promise<ResumeOutcome> {
    const outcome: ResumeOutcome = { finished: 0, failed: [], kept: [] };
    const resume = provider.resumeAsync;
    if (isBusy(run) || controller.current || runs.length === 0 || !resume) return outcome;
    await runAsync(nextBatchId(), runs.length, {
      generateAsync(index, options) {
        const { jobId, jobSeed, model, ratio } = runs[index] as PendingRun;
        return resume({ id: jobId ?? '', seed: jobSeed, model, ratio }, { ...options, apiKey });
      },
      async failedAsync(index, failure) {
        const { placeholderId } = runs[index] as PendingRun;
        if (stillPending(failure)) {
          outcome.kept.push(failure);
          return null;
        }
        outcome.failed.push(failure);
        return placeholderId;
      },
      async describeAsync(index, image, batch) {
        const { placeholderId, prompt, ratio, provider: providerId, model, references } = runs[index] as PendingRun;
        outcome.finished += 1;
        return {
          bytes: image.bytes,
          prompt,
          ratio,
          provider: providerId,
          model,
          references,
          seed: image.seed,
          batch,
          target: { kind: 'placeholder', nodeId: placeholderId },
        };
      },
    });
    return outcome;
  }

  return {
    run: run as RunState,
    spent,
    seenPrices,
    startAsync,
    resumeAsync,
    /** The sandbox made the placeholders of a run. */
    reserved(message: MainToUi['reserved']): void {
      reservations.current.get(message.batchId)?.(message.placeholders);
      reservations.current.delete(message.batchId);
    },
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
      // An image made for a placeholder goes there (or, the placeholder gone, beside its references) unless the
      // designer points Place into at a target now.
      const keep = !target || (generation.target.kind === 'placeholder' && target.kind === 'new-layer');
      void placeAsync(index, keep ? generation : { ...generation, target: variationTarget(target, index) });
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
