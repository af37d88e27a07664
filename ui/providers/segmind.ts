// The Segmind provider: sends one generation request from the UI iframe with fetch and turns every way it
// can end (an answer, a refusal, a blocked or dropped connection, a timeout, a cancel) into an outcome.
import { SEGMIND_MODELS } from '../../core/models';
import { RELAY_PATH_PREFIX } from '../../core/relay-contract';
import { PROVIDER_LABELS } from '../../core/settings';
import { trimSlashes } from './provider-text';
import type { GenerationFailure, GenerationOptions, GenerationOutcome, GenerationRequest, ImageProvider } from './provider';
import {
  browserFetch,
  cancelled,
  failed,
  formatDuration,
  redactSecrets,
  startDeadline,
  usableTimeout,
  type FetchLike,
} from './provider-http';
import { SEGMIND_API_BASE, buildSegmindRequest, classifySegmindResponse, segmindKeyProblem } from './segmind-protocol';

/** A generation takes about 30 s; give up well after that. */
export const DEFAULT_TIMEOUT_MS = 180_000;

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

interface Route {
  readonly baseUrl: string;
  /** The relay's base address, or null for a direct call. */
  readonly relayUrl: string | null;
  readonly relayToken: string | null;
}

/** A provider for Segmind's runway-gen4-image endpoint. */
export function createSegmindProvider(options: SegmindProviderOptions = {}): ImageProvider {
  const { relay } = options;
  const route: Route = relay
    ? { baseUrl: `${trimSlashes(relay.url)}${RELAY_PATH_PREFIX.segmind}`, relayUrl: relay.url, relayToken: relay.token }
    : { baseUrl: options.baseUrl ?? SEGMIND_API_BASE, relayUrl: null, relayToken: null };
  const fetchImpl = options.fetchImpl ?? browserFetch;
  return {
    id: 'segmind',
    label: PROVIDER_LABELS.segmind,
    models: SEGMIND_MODELS,
    async generateAsync(request, generationOptions) {
      const outcome = await sendAsync(route, fetchImpl, request, generationOptions);
      return redactSecrets(outcome, [generationOptions.apiKey, route.relayToken]);
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
  if (keyProblem) return failed(keyProblem);
  if (options.signal?.aborted) return failed(cancelled());

  const timeoutMs = usableTimeout(options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const deadline = startDeadline(options.signal, timeoutMs);
  const ended = (): GenerationFailure | null => {
    const ending = deadline.ending();
    return ending === 'cancelled' ? cancelled() : ending === 'timeout' ? timedOut(timeoutMs) : null;
  };

  try {
    const { url, init } = buildSegmindRequest(route.baseUrl, request, options.apiKey, route.relayToken);
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal: deadline.signal });
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
    deadline.dispose();
  }
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
