// The one interface every image API implements. The panel knows a provider only through it:
// its capabilities (ratios, references, seed), generateAsync and, for providers whose jobs outlive a request,
// resumeAsync.
import type { UpscaleFactor, UpscaleFlavor } from '../../core/upscale';
import type { ModelCapabilities } from '../../core/models';

// The interface names the catalogue's model type, so code that knows a provider only through it finds it here too.

/** A reference as the API takes it: a data URI and the tag the prompt names it by. */
export interface ReferenceImage {
  readonly uri: string;
  readonly tag: string;
}

export interface GenerationRequest {
  /** One of the provider's `models` ids. */
  readonly model: string;
  readonly prompt: string;
  readonly ratio: string;
  readonly references: readonly ReferenceImage[];
  /** Only for models that support a seed; omitted: the provider picks one. */
  readonly seed?: number;
}

/** Where a long-running generation is, for providers that report it (Runway's task states). */
export interface GenerationProgress {
  /** queued: waiting for capacity (Runway's THROTTLED); running: being made; downloading: fetching the result. */
  readonly phase: 'queued' | 'running' | 'downloading';
  /** 0–1 while running, when the provider says. */
  readonly fraction?: number;
}

/** A job the provider accepted and keeps working on by itself (Runway's task): enough to fetch its image later. */
export interface ProviderJob {
  /** The provider's id for it (Runway's task id). */
  readonly id: string;
  /** The seed the job was made with, when the provider reports or chose one; null otherwise. */
  readonly seed: number | null;
  /** The most the job may cost in credits, when the provider estimates it on taking the job (Runway's upscaler). */
  readonly credits?: number | null;
}

export interface GenerationOptions {
  readonly apiKey: string;
  /** Aborting it cancels the request; the outcome is then a 'cancelled' failure. */
  readonly signal?: AbortSignal;
  /** Give up after this long; the outcome is then a 'timeout' failure. */
  readonly timeoutMs?: number;
  readonly onProgress?: (progress: GenerationProgress) => void;
  /**
   * Called each time the provider has a job that outlives this request (Runway: once the task is created; again if
   * a failed task is retried as a new one), before it is watched.
   */
  readonly onJob?: (job: ProviderJob) => void;
}

/** What came back: image bytes (PNG, JPEG, GIF or WebP by magic number, not yet checked for Figma's limits). */
export interface GeneratedImage {
  readonly bytes: Uint8Array;
  /** Credits left after this call, when the provider says and the browser may read it. */
  readonly creditsLeft: number | null;
  readonly seed: string | null;
  /** Credits this image cost, when the provider says. */
  readonly cost: number | null;
}

export type FailureKind =
  | 'auth' // missing or invalid key
  | 'credits' // not enough credits
  | 'rate-limited'
  | 'bad-request' // the provider refused a parameter
  | 'server' // the provider failed
  | 'unreachable' // blocked by CORS, offline, connection dropped
  | 'timeout'
  | 'cancelled'
  | 'not-image' // a 200 whose body is not an image
  | 'gone'; // the job or its image no longer exists (deleted, expired output link, unknown task id)

/** A failed generation: what kind, and a specific, actionable message for the designer. */
export interface GenerationFailure {
  readonly kind: FailureKind;
  readonly message: string;
  /** For 'rate-limited': when the provider says requests are allowed again (as it sent it), if it did. */
  readonly resetAt?: string;
}

export type GenerationOutcome =
  { readonly ok: true; readonly image: GeneratedImage } | { readonly ok: false; readonly failure: GenerationFailure };

export interface ImageProvider {
  readonly id: string;
  /** Shown to the designer, e.g. "Segmind". */
  readonly label: string;
  /** At least one; the first is the default. */
  readonly models: readonly ModelCapabilities[];
  /** Never throws: every way a request can end is a GenerationOutcome. */
  generateAsync(request: GenerationRequest, options: GenerationOptions): Promise<GenerationOutcome>;
  /**
   * Fetches the image of `job`, started by an earlier generateAsync (possibly in an earlier plugin session): watches
   * it until it ends (the first poll at once), then downloads its image. Never throws.
   * Optional: Segmind's image comes back on the same HTTP request, so it has no job to resume.
   */
  readonly resumeAsync?: (
    job: ProviderJob & { readonly model: string; readonly ratio: string },
    options: GenerationOptions,
  ) => Promise<GenerationOutcome>;
  /** Upscales a placed image (issue 12): Runway's upscaler only. Never throws. */
  readonly upscaleAsync?: (request: UpscaleRequest, options: GenerationOptions) => Promise<GenerationOutcome>;
}

/** What to upscale: the image as a data URI, by how much, and what it is. */
export interface UpscaleRequest {
  readonly imageUri: string;
  readonly factor: UpscaleFactor;
  readonly flavor: UpscaleFlavor;
}

/** The model `id` of `provider`, or its first (default) model. */
export function modelOf(provider: ImageProvider, id: string | null | undefined): ModelCapabilities {
  return provider.models.find((model) => model.id === id) ?? (provider.models[0] as ModelCapabilities);
}
