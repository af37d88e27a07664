// Upscale (issue 12), the panel's part: asks the sandbox for the selected layer's image, plans the largest scale
// Figma can place, runs Runway's upscaler through the relay (Runway's estimate as soon as it takes the task, the
// cost limit, progress, Cancel), and hands the larger image back to replace the layer's fill; Revert to original
// puts the first image back. The task is kept by the sandbox while it runs, so an upscale outlives a close.
import { useRef, useState } from 'preact/hooks';
import { sniffImage } from '../../core/image-bytes';
import type { MainToUi } from '../../core/protocol';
import type { Settings } from '../../core/settings';
import { planUpscale, UPSCALE_MODEL } from '../../core/upscale';
import type { PendingUpscale, UpscaleDone, UpscaleFactor, UpscaleFlavor } from '../../core/upscale';
import { bytesToBase64 } from '../image/base64';
import type { GenerationOptions, GenerationOutcome } from '../providers/provider';
import type { Services } from '../services';
import { creditsText } from '../state/cost-guard';
import { needsRelayText, resumeText, stillPending } from '../state/resume';

/** The selected layer's image, ready to upscale. */
export interface UpscaleSource {
  readonly layerId: string;
  readonly name: string;
  /** The image the layer shows now. */
  readonly hash: string;
  readonly imageUri: string;
  readonly width: number;
  readonly height: number;
  /** The layer was upscaled before: Revert to original is offered. */
  readonly upscaled: boolean;
  /** The scale and the size it gives, or why it can't be upscaled. */
  readonly plan: ReturnType<typeof planUpscale>;
}

/** A layer whose image the panel just changed: Revert to original is offered while it was upscaled. */
type Changed = Pick<UpscaleSource, 'layerId' | 'name' | 'hash' | 'upscaled'>;

export type UpscaleState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'asking' }
  | { readonly phase: 'ready'; readonly source: UpscaleSource }
  | {
      readonly phase: 'running';
      readonly name: string;
      readonly factor: UpscaleFactor;
      readonly progress: number | null;
      /** Runway's estimate (the most it charges), once it took the task. */
      readonly credits: number | null;
    }
  /** `said` once the sandbox has changed the image; `source.upscaled` as it will be then. */
  | { readonly phase: 'placing'; readonly source: Changed; readonly said: string }
  | { readonly phase: 'ended'; readonly source: Changed | null; readonly message: string; readonly tone: 'success' | 'danger' };

/** Why upscaling can't be used without a relay: Runway's upscaler, which Runway serves only through one. */
export const UPSCALE_NEEDS_RELAY =
  "Upscaling uses Runway's upscaler, which Runway only serves through a relay: set one in Settings → Advanced.";

function sourceOf(message: MainToUi['upscale-source']): UpscaleSource | string {
  const info = sniffImage(message.bytes);
  if (!info || (info.kind !== 'png' && info.kind !== 'jpeg') || info.width === null || info.height === null) {
    return `“${message.name}” shows no PNG or JPEG, which Runway's upscaler needs.`;
  }
  return {
    layerId: message.layerId,
    name: message.name,
    hash: message.hash,
    imageUri: `data:image/${info.kind};base64,${bytesToBase64(message.bytes)}`,
    width: info.width,
    height: info.height,
    upscaled: message.upscaled,
    plan: planUpscale(info.width, info.height),
  };
}

/** Runway's estimate of the upscale that `limit` stopped. */
function overLimitText(credits: number, limit: number): string {
  return `Runway estimated up to ${creditsText(credits)}, over your limit of ${creditsText(limit)}: the upscale was cancelled.`;
}

/** `latest` reads the settings as of now (an upscale resumed at open comes just after init). */
export function useUpscale(services: Services, latest: () => Settings) {
  const { bridge } = services;
  const [state, setState] = useState<UpscaleState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const end = (source: Changed | null, message: string, tone: 'success' | 'danger' = 'danger'): void =>
    setState({ phase: 'ended', source, message, tone });

  /**
   * Watches one upscale task to its image and hands it to the sandbox. `call` starts it (or looks again at the task
   * of `resumed`); the sandbox keeps the task from the moment Runway takes it until its image is in place.
   */
  async function watchAsync(
    done: UpscaleDone & Pick<PendingUpscale, 'width' | 'height'>,
    resumed: PendingUpscale | null,
    call: (options: GenerationOptions) => Promise<GenerationOutcome> | undefined,
  ): Promise<void> {
    const controller = new AbortController();
    abort.current = controller;
    const { name, factor } = done;
    const limit = latest().costLimit;
    /** Runway's estimate, and whether it was over the limit. */
    const cost = { credits: null as number | null, over: false };
    const show = (progress: number | null): void => {
      if (abort.current === controller) setState({ phase: 'running', name, factor, progress, credits: cost.credits });
    };
    show(null);
    const outcome = await call({
      apiKey: latest().apiKeys.runway ?? '',
      signal: controller.signal,
      onProgress: (progress) => show(progress.fraction ?? null),
      onJob: (job) => {
        bridge.post('upscale-job', { job: { ...done, jobId: job.id, startedAt: Date.now() } });
        cost.credits = job.credits ?? null;
        show(null);
        cost.over = cost.credits !== null && limit !== null && cost.credits > limit;
        if (cost.over) controller.abort();
      },
    });
    abort.current = null;
    // No provider call without a relay (removed in Settings since the upscale was offered).
    if (!outcome) return end(null, UPSCALE_NEEDS_RELAY);
    if (!outcome.ok) {
      const { failure } = outcome;
      // A task looked at again that could not be asked about now stays kept for the next open.
      const kept = resumed !== null && stillPending(failure);
      if (!kept) bridge.post('upscale-job', { job: null });
      if (cost.over) return end(null, overLimitText(cost.credits as number, limit as number));
      return end(null, kept ? resumeText({ finished: 0, failed: [], kept: [failure] }) : failure.message);
    }
    const said = `Upscaled “${name}” ×${factor} to ${done.width} × ${done.height} px.`;
    setState({ phase: 'placing', source: { layerId: done.layerId, name, hash: done.hash, upscaled: true }, said });
    bridge.post('upscale', { job: { layerId: done.layerId, hash: done.hash, name, factor }, bytes: outcome.image.bytes });
  }

  const runway = () => {
    const { relayUrl, relayToken } = latest();
    return services.providerFor({ provider: 'runway', relayUrl, relayToken });
  };

  return {
    state,
    /** Starts with the selected layer's image; says first what is missing for it. */
    start(): void {
      if (latest().relayUrl === null) return end(null, UPSCALE_NEEDS_RELAY);
      setState({ phase: 'asking' });
      bridge.post('get-upscale-source', {});
    },
    async runAsync(source: UpscaleSource, flavor: UpscaleFlavor): Promise<void> {
      const { plan } = source;
      if (!plan.ok) return;
      const { layerId, hash, name } = source;
      await watchAsync({ layerId, hash, name, factor: plan.factor, width: plan.width, height: plan.height }, null, (options) =>
        runway().upscaleAsync?.({ imageUri: source.imageUri, factor: plan.factor, flavor }, options),
      );
    },
    /** An upscale of an earlier session, still with Runway: its image is fetched and put in place. */
    async resumeAsync({ job }: MainToUi['upscale-resume']): Promise<void> {
      if (latest().relayUrl === null) return end(null, needsRelayText(1));
      await watchAsync(job, job, (options) =>
        runway().resumeAsync?.({ id: job.jobId, seed: null, model: UPSCALE_MODEL, ratio: `${job.width}:${job.height}` }, options),
      );
    },
    cancel(): void {
      abort.current?.abort();
    },
    /** Revert to original: the layer shows its image from before its first upscale. */
    revert(source: Changed): void {
      setState({ phase: 'placing', source: { ...source, upscaled: false }, said: `“${source.name}” shows its original image again.` });
      bridge.post('revert-upscale', { layerId: source.layerId, hash: source.hash });
    },
    close: (): void => setState({ phase: 'idle' }),
    source(message: MainToUi['upscale-source']): void {
      const source = sourceOf(message);
      if (typeof source === 'string') end(null, source);
      else setState({ phase: 'ready', source });
    },
    upscaled({ layerId, hash, newLayer }: MainToUi['upscaled']): void {
      if (state.phase !== 'placing') return;
      const { source, said } = state;
      // A new layer has no original to go back to.
      const changed = { ...source, layerId, hash, upscaled: source.upscaled && !newLayer };
      end(changed, newLayer ? 'The layer changed meanwhile: the larger image was placed beside it.' : said, 'success');
    },
    failed({ message }: MainToUi['upscale-failed']): void {
      // After a failed placing, the layer shows what it showed before: only a source read as it is offers Revert.
      end(state.phase === 'ready' ? state.source : null, message);
    },
  };
}
