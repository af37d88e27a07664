// Upscale (issue 12), the panel's part: asks the sandbox for the selected layer's image, plans the largest scale
// Figma can place, runs Runway's upscaler through the relay (progress, Cancel), and hands the larger image back
// to replace the layer's fill; Revert to original puts the first image back.
import { useRef, useState } from 'preact/hooks';
import { sniffImage } from '../../core/image-bytes';
import type { MainToUi } from '../../core/protocol';
import type { Settings } from '../../core/settings';
import { planUpscale } from '../../core/upscale';
import type { UpscaleFactor, UpscaleFlavor } from '../../core/upscale';
import { bytesToBase64 } from '../image/base64';
import type { Services } from '../services';

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

export type UpscaleState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'asking' }
  | { readonly phase: 'ready'; readonly source: UpscaleSource }
  | { readonly phase: 'running'; readonly source: UpscaleSource; readonly factor: UpscaleFactor; readonly progress: number | null }
  | { readonly phase: 'placing'; readonly source: UpscaleSource; readonly action: 'upscale' | 'revert' }
  | { readonly phase: 'ended'; readonly source: UpscaleSource | null; readonly message: string; readonly tone: 'success' | 'danger' };

/** Why upscaling can't be used with `settings`, or null: Runway's upscaler, reached through a relay. */
export function upscaleSetupProblem(settings: Settings): string | null {
  if (settings.relayUrl === null) {
    return "Upscaling uses Runway's upscaler, which Runway only serves through a relay: set one in Settings → Advanced.";
  }
  return null;
}

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

export function useUpscale(services: Services, settings: Settings) {
  const { bridge } = services;
  const [state, setState] = useState<UpscaleState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const end = (source: UpscaleSource | null, message: string, tone: 'success' | 'danger' = 'danger'): void =>
    setState({ phase: 'ended', source, message, tone });

  async function runAsync(source: UpscaleSource, flavor: UpscaleFlavor): Promise<void> {
    const { plan } = source;
    const provider = services.providerFor({ provider: 'runway', relayUrl: settings.relayUrl, relayToken: settings.relayToken });
    if (!plan.ok || !provider.upscaleAsync) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: 'running', source, factor: plan.factor, progress: null });
    const outcome = await provider.upscaleAsync(
      { imageUri: source.imageUri, factor: plan.factor, flavor },
      {
        apiKey: settings.apiKeys.runway ?? '',
        signal: controller.signal,
        onProgress: (progress) => {
          if (abort.current === controller) {
            setState({ phase: 'running', source, factor: plan.factor, progress: progress.fraction ?? null });
          }
        },
      },
    );
    abort.current = null;
    if (!outcome.ok) {
      end(source, outcome.failure.message);
      return;
    }
    setState({ phase: 'placing', source, action: 'upscale' });
    bridge.post('upscale', { layerId: source.layerId, hash: source.hash, bytes: outcome.image.bytes });
  }

  return {
    state,
    /** Starts with the selected layer's image; says first what is missing for it. */
    start(): void {
      const problem = upscaleSetupProblem(settings);
      if (problem) return end(null, problem);
      setState({ phase: 'asking' });
      bridge.post('get-upscale-source', {});
    },
    runAsync,
    cancel(): void {
      abort.current?.abort();
    },
    /** Revert to original: the layer shows its image from before its first upscale. */
    revert(source: UpscaleSource): void {
      setState({ phase: 'placing', source, action: 'revert' });
      bridge.post('upscale', { layerId: source.layerId, hash: source.hash, bytes: null });
    },
    close: (): void => setState({ phase: 'idle' }),
    source(message: MainToUi['upscale-source']): void {
      const source = sourceOf(message);
      if (typeof source === 'string') end(null, source);
      else setState({ phase: 'ready', source });
    },
    upscaled({ layerId, hash }: MainToUi['upscaled']): void {
      if (state.phase !== 'placing' || state.source.layerId !== layerId) return;
      const { source, action } = state;
      const { plan } = source;
      if (action === 'revert') {
        end({ ...source, hash, upscaled: false }, `“${source.name}” shows its original image again.`, 'success');
        return;
      }
      const message = plan.ok
        ? `Upscaled “${source.name}” ×${plan.factor} to ${plan.width} × ${plan.height} px.`
        : `Upscaled “${source.name}”.`;
      end({ ...source, hash, upscaled: true }, message, 'success');
    },
    failed({ message }: MainToUi['upscale-failed']): void {
      end('source' in state ? (state.source ?? null) : null, message);
    },
  };
}
