// The calls the Runway provider sends, as pure data (CONTRACTS §2): the relay's mirrors of Runway's API and output
// host, the headers, the task requests, where an output is downloaded from, and the seed a request carries.
import type { UpscaleRequestBody } from '../../core/upscale';
import { RELAY_PATH_PREFIX, RELAY_TOKEN_HEADER } from '../../core/relay-contract';
import { MAX_SEED } from '../../core/settings';
import type { GenerationRequest } from './provider';
import { trimSlashes } from './provider-text';

export const RUNWAY_API_VERSION = '2024-11-06';
/** The only host Runway serves generated images from; an output anywhere else is refused, never fetched. */
export const RUNWAY_OUTPUT_ORIGIN = 'https://dnznrvs05pmza.cloudfront.net';

/** Who is asking: the designer's Runway key (empty when the relay injects its own) and the relay's token. */
export interface RunwayCredentials {
  readonly apiKey: string;
  readonly relayToken?: string;
}

/** A ready-to-send fetch call. */
export interface RunwayHttpRequest {
  readonly url: string;
  readonly init: {
    readonly method: 'POST' | 'GET' | 'DELETE';
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
  };
}

/** The JSON body of POST /v1/text_to_image. */
export interface RunwayCreateBody {
  readonly model: string;
  readonly promptText: string;
  readonly ratio: string;
  readonly referenceImages?: readonly { readonly uri: string; readonly tag: string }[];
  readonly seed: number;
}

/** The relay's Runway mirror and output mirror for a relay's base address ("http://127.0.0.1:8787"). */
export function runwayBasesForRelay(relayUrl: string): { readonly baseUrl: string; readonly outputBase: string } {
  const relay = trimSlashes(relayUrl.trim());
  return { baseUrl: `${relay}${RELAY_PATH_PREFIX.runway}`, outputBase: `${relay}${RELAY_PATH_PREFIX['runway-output']}` };
}

/** A seed drawn from `random` (floats in [0, 1)), uniform over 0–MAX_SEED. */
export function randomSeed(random: () => number): number {
  return Math.min(MAX_SEED, Math.max(0, Math.floor(random() * (MAX_SEED + 1))));
}

/** The headers of a call to Runway's API: the Bearer key only when there is one (the relay may inject its own). */
export function runwayHeaders(credentials: RunwayCredentials, withJsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const key = credentials.apiKey.trim();
  if (key !== '') headers.Authorization = `Bearer ${key}`;
  headers['X-Runway-Version'] = RUNWAY_API_VERSION;
  if (withJsonBody) headers['Content-Type'] = 'application/json';
  const token = credentials.relayToken?.trim() ?? '';
  if (token !== '') headers[RELAY_TOKEN_HEADER] = token;
  return headers;
}

/** The POST that creates a text_to_image task. */
export function buildCreateTaskRequest(
  baseUrl: string,
  request: GenerationRequest,
  seed: number,
  credentials: RunwayCredentials,
): RunwayHttpRequest {
  const body: RunwayCreateBody = {
    model: request.model,
    promptText: request.prompt,
    ratio: request.ratio,
    // Left out rather than sent empty: the field is optional for gen4_image, and an empty array adds nothing.
    ...(request.references.length > 0
      ? { referenceImages: request.references.map((reference) => ({ uri: reference.uri, tag: reference.tag })) }
      : {}),
    seed,
  };
  return {
    url: `${trimSlashes(baseUrl)}/v1/text_to_image`,
    init: { method: 'POST', headers: runwayHeaders(credentials, true), body: JSON.stringify(body) },
  };
}

/** The POST that creates an image_upscale task (issue 12): the same key, task and output as text_to_image. */
export function buildUpscaleRequest(baseUrl: string, body: UpscaleRequestBody, credentials: RunwayCredentials): RunwayHttpRequest {
  return {
    url: `${trimSlashes(baseUrl)}/v1/image_upscale`,
    init: { method: 'POST', headers: runwayHeaders(credentials, true), body: JSON.stringify(body) },
  };
}

/** GET (poll) or DELETE (cancel) one task. */
export function buildTaskRequest(
  baseUrl: string,
  taskId: string,
  method: 'GET' | 'DELETE',
  credentials: RunwayCredentials,
): RunwayHttpRequest {
  return {
    url: `${trimSlashes(baseUrl)}/v1/tasks/${encodeURIComponent(taskId)}`,
    init: { method, headers: runwayHeaders(credentials, false) },
  };
}

/** The download of an output through the relay: only the relay's token, never the Runway key (a CDN needs none). */
export function buildOutputRequest(downloadUrl: string, credentials: RunwayCredentials): RunwayHttpRequest {
  const token = credentials.relayToken?.trim() ?? '';
  return { url: downloadUrl, init: { method: 'GET', headers: token === '' ? {} : { [RELAY_TOKEN_HEADER]: token } } };
}

/**
 * Where to download Runway's output `raw` from: the same path and query under `outputBase` (the relay's output
 * mirror). Null for anything that is not an https URL on RUNWAY_OUTPUT_ORIGIN, so the plugin never fetches a
 * host an answer names.
 */
export function rewriteOutputUrl(raw: unknown, outputBase: string): string | null {
  if (typeof raw !== 'string') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.origin !== RUNWAY_OUTPUT_ORIGIN || url.username !== '' || url.password !== '') return null;
  return `${trimSlashes(outputBase)}${url.pathname}${url.search}`;
}
