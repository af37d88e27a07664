// The Segmind provider: sends one generation request from the UI iframe with fetch and turns every way it
// can end (an answer, a refusal, a blocked or dropped connection, a timeout, a cancel) into an outcome.
import { DEFAULT_RATIO, SEGMIND_RATIOS } from '../../core/ratios';
import { trimSlashes } from './provider-text';
import type {
  GenerationFailure,
  GenerationOptions,
  GenerationOutcome,
  GenerationRequest,
  ImageProvider,
  ModelCapabilities,
} from './provider';
import {
  SEGMIND_API_BASE,
  SEGMIND_MODEL,
  buildSegmindRequest,
  classifySegmindResponse,
  redactSecret,
  segmindKeyProblem,
} from './segmind-protocol';

/** A generation takes about 30 s; give up well after that. */
export const DEFAULT_TIMEOUT_MS = 180_000;
/** setTimeout fires at once for delays beyond a signed 32-bit number of milliseconds. */
const MAX_TIMER_MS = 2_147_483_647;

/** The fetch signature the provider needs; the global fetch by default. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface SegmindProviderOptions {
  /** Where the API lives; a stand-in server's address in tests. Not used when `relay` is set. */
  readonly baseUrl?: string;
  /**
   * Go through the relay at `url` (its base address) instead: requests go to `<url>/segmind/...`, with the
   * relay's token when there is one. The key may then be empty: the relay may hold the team's own.
   */
  readonly relay?: { readonly url: string; readonly token: string | null };
  readonly fetchImpl?: FetchLike;
}

/** Where the relay mirrors Segmind's paths, under its base address. */
const RELAY_SEGMIND_PATH = '/segmind';

interface Route {
  readonly baseUrl: string;
  /** The relay's base address, or null for a direct call. */
  readonly relayUrl: string | null;
  readonly relayToken: string | null;
}

/** The one model behind Segmind's endpoint: references required (CONTRACTS §1), no seed, price not published. */
const SEGMIND_GEN4_IMAGE: ModelCapabilities = {
  id: SEGMIND_MODEL,
  label: 'Gen-4 Image',
  ratios: SEGMIND_RATIOS,
  defaultRatio: DEFAULT_RATIO,
  minReferences: 1,
  maxReferences: 3,
  supportsSeed: false,
  estimateCredits: () => null,
};

/** A provider for Segmind's runway-gen4-image endpoint. */
export function createSegmindProvider(options: SegmindProviderOptions = {}): ImageProvider {
  const { relay } = options;
  const route: Route = relay
    ? { baseUrl: `${trimSlashes(relay.url)}${RELAY_SEGMIND_PATH}`, relayUrl: relay.url, relayToken: relay.token }
    : { baseUrl: options.baseUrl ?? SEGMIND_API_BASE, relayUrl: null, relayToken: null };
  // Called as a plain function: Chromium throws "Illegal invocation" when fetch runs with another `this`.
  const fetchImpl: FetchLike = options.fetchImpl ?? ((url, init) => fetch(url, init));
  return {
    id: 'segmind',
    label: 'Segmind',
    models: [SEGMIND_GEN4_IMAGE],
    async generateAsync(request, generationOptions) {
      const outcome = await sendAsync(route, fetchImpl, request, generationOptions);
      return redactSecret(redactSecret(outcome, generationOptions.apiKey), route.relayToken ?? '');
    },
  };
}

/** The provider the plugin uses: the real API with the browser's fetch. */
export const segmindProvider: ImageProvider = createSegmindProvider();

async function sendAsync(
  route: Route,
  fetchImpl: FetchLike,
  request: GenerationRequest,
  options: GenerationOptions,
): Promise<GenerationOutcome> {
  // Through a relay the key may be left out; one that is given must still fit in a header.
  const keyProblem = route.relayUrl !== null && options.apiKey.trim() === '' ? null : segmindKeyProblem(options.apiKey);
  if (keyProblem) return { ok: false, failure: keyProblem };
  if (options.signal?.aborted) return failed(cancelled());

  const timeoutMs = usableTimeout(options.timeoutMs);
  const controller = new AbortController();
  let ending: 'cancelled' | 'timeout' | null = null;
  const onCallerAbort = (): void => {
    ending ??= 'cancelled';
    controller.abort();
  };
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    ending ??= 'timeout';
    controller.abort();
  }, timeoutMs);

  const ended = (): GenerationFailure | null =>
    ending === 'cancelled' ? cancelled() : ending === 'timeout' ? timedOut(timeoutMs) : null;

  try {
    const { url, init } = buildSegmindRequest(route.baseUrl, request, options.apiKey, route.relayToken);
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal: controller.signal });
    } catch (error) {
      return failed(ended() ?? unreachable(error, route.relayUrl));
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      return failed(
        ended() ?? {
          kind: 'unreachable',
          message:
            'Segmind answered, but the connection dropped while downloading the image. ' +
            `Check your connection and try again.${detail(error)}`,
        },
      );
    }
    return classifySegmindResponse({ status: response.status, headers: response.headers, bytes });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function failed(failure: GenerationFailure): GenerationOutcome {
  return { ok: false, failure };
}

function usableTimeout(timeoutMs: number | undefined): number {
  // A missing, zero, negative or NaN limit would end every request at once: fall back to the default.
  if (timeoutMs === undefined || !(timeoutMs > 0)) return DEFAULT_TIMEOUT_MS;
  return Math.min(timeoutMs, MAX_TIMER_MS);
}

function cancelled(): GenerationFailure {
  return { kind: 'cancelled', message: 'Generation cancelled.' };
}

function timedOut(timeoutMs: number): GenerationFailure {
  return {
    kind: 'timeout',
    message: `Segmind did not answer within ${formatDuration(timeoutMs)}, so the plugin gave up. Try again in a moment.`,
  };
}

function unreachable(error: unknown, relayUrl: string | null): GenerationFailure {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    return {
      kind: 'unreachable',
      message: "The request could not reach Segmind: you're offline. Check your connection and try again.",
    };
  }
  if (relayUrl !== null) {
    return {
      kind: 'unreachable',
      message:
        `The relay at ${relayUrl} could not be reached. Is it running (npm run relay on this computer, or your ` +
        "team's deployed relay)? Check the Relay URL in Settings." +
        detail(error),
    };
  }
  return {
    kind: 'unreachable',
    message:
      "The request could not reach Segmind from the plugin. Either you're offline, or Segmind blocked the " +
      "plugin's browser request (CORS). To go through a relay instead, run npm run relay in the plugin's folder " +
      'and paste the URL it prints into Settings → Relay URL.' +
      detail(error),
  };
}

/** The browser's own words, for whoever debugs it ("Failed to fetch"); never holds headers. */
function detail(error: unknown): string {
  const text = error instanceof Error ? error.message : '';
  return text === '' ? '' : ` (${text.slice(0, 120)})`;
}

/** "3 minutes", "1.5 minutes", "45 seconds", "1.2 seconds", "200 ms". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 6_000) / 10;
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}
