// The one interface every image API implements. The panel knows a provider only through it:
// its capabilities (ratios, references, seed) and generateAsync.
import type { RatioOption } from '../../core/ratios';

/** A reference as the API takes it: a data URI and the tag the prompt names it by. */
export interface ReferenceImage {
  readonly uri: string;
  readonly tag: string;
}

export interface GenerationRequest {
  readonly prompt: string;
  readonly ratio: string;
  readonly references: readonly ReferenceImage[];
}

export interface GenerationOptions {
  readonly apiKey: string;
  /** Aborting it cancels the request; the outcome is then a 'cancelled' failure. */
  readonly signal?: AbortSignal;
  /** Give up after this long; the outcome is then a 'timeout' failure. */
  readonly timeoutMs?: number;
}

/** What came back: image bytes (PNG, JPEG, GIF or WebP by magic number, not yet checked for Figma's limits). */
export interface GeneratedImage {
  readonly bytes: Uint8Array;
  /** Credits left after this call, when the provider says and the browser may read it. */
  readonly creditsLeft: number | null;
  readonly seed: string | null;
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
  | 'not-image'; // a 200 whose body is not an image

/** A failed generation: what kind, and a specific, actionable message for the designer. */
export interface GenerationFailure {
  readonly kind: FailureKind;
  readonly message: string;
  /** For 'rate-limited': when the provider says requests are allowed again (as it sent it), if it did. */
  readonly resetAt?: string;
}

export type GenerationOutcome =
  | { readonly ok: true; readonly image: GeneratedImage }
  | { readonly ok: false; readonly failure: GenerationFailure };

export interface ImageProvider {
  readonly id: string;
  /** Shown to the designer, e.g. "Segmind". */
  readonly label: string;
  /** Saved with each generated layer, e.g. "runway-gen4-image". */
  readonly model: string;
  readonly ratios: readonly RatioOption[];
  readonly defaultRatio: string;
  readonly maxReferences: number;
  /** Segmind's endpoint takes no references-less request. */
  readonly minReferences: number;
  readonly supportsSeed: boolean;
  /** Never throws: every way a request can end is a GenerationOutcome. */
  generateAsync(request: GenerationRequest, options: GenerationOptions): Promise<GenerationOutcome>;
}
