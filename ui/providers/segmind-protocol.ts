// Segmind's runway-gen4-image endpoint as pure data (CONTRACTS §1): the request to send, and what an
// answer means. No fetch here, so every status, header and body shape is unit-tested without a network.
import { isComplete, sniffImage } from '../../core/image-bytes';
import { SEGMIND_MODEL } from '../../core/models';
import {
  COST_HEADER,
  CREDITS_LEFT_HEADER,
  RATE_LIMIT_RESET_AT_HEADER,
  RELAY_TOKEN_HEADER,
  SEED_HEADER,
  SEGMIND_KEY_HEADER,
} from '../../core/relay-contract';
import type { FailureKind, GenerationFailure, GenerationOutcome, GenerationRequest } from './provider';
import { isHeaderSafe } from '../../core/secrets';
import { relayFailure } from './relay-errors';
import { decimal, saidInBody, tidy, trimSlashes, utcClock } from './provider-text';
import type { Said } from './provider-text';

export const SEGMIND_API_BASE = 'https://api.segmind.com';
/** Provider messages are cut to this many characters, so an HTML page or a stack trace can't flood the panel. */

/** The JSON body Segmind documents for runway-gen4-image. */
export interface SegmindRequestBody {
  readonly promptText: string;
  readonly referenceImages: readonly { readonly uri: string; readonly tag: string }[];
  readonly ratio: string;
}

/** A ready-to-send fetch call. */
export interface SegmindHttpRequest {
  readonly url: string;
  readonly init: {
    readonly method: 'POST';
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
}

/** The parts of an HTTP answer the classification needs (a fetch Response fits after reading its body). */
export interface SegmindResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly bytes: Uint8Array;
}

/** The generation endpoint under `base` ("https://api.segmind.com" → ".../v1/runway-gen4-image"). */
export function segmindEndpoint(base: string): string {
  return `${trimSlashes(base)}/v1/${SEGMIND_MODEL}`;
}

/** Why `apiKey` can't be sent, or null when it can: it is empty or holds characters a header can't carry. */
export function segmindKeyProblem(apiKey: string): GenerationFailure | null {
  const key = apiKey.trim();
  if (key === '') {
    return { kind: 'auth', message: 'No Segmind API key is saved. Open settings and paste your key from segmind.com.' };
  }
  // fetch refuses such a header outright; saying so beats a misleading "could not reach Segmind".
  if (!isHeaderSafe(key)) {
    return {
      kind: 'auth',
      message:
        'The saved API key contains characters a request header cannot carry (a space, a line break or a ' +
        'non-Latin letter). Open settings and paste the key again.',
    };
  }
  return null;
}

/**
 * The POST that asks Segmind for one image: x-api-key (never Bearer) and the documented JSON body. Through a
 * relay, the relay's token goes along, and the key may be empty (the relay then adds its own).
 */
export function buildSegmindRequest(
  base: string,
  request: GenerationRequest,
  apiKey: string,
  relayToken: string | null = null,
): SegmindHttpRequest {
  const body: SegmindRequestBody = {
    promptText: request.prompt,
    referenceImages: request.references.map((reference) => ({ uri: reference.uri, tag: reference.tag })),
    ratio: request.ratio,
  };
  const headers: Record<string, string> = {};
  if (apiKey.trim() !== '') headers[SEGMIND_KEY_HEADER] = apiKey.trim();
  headers['Content-Type'] = 'application/json';
  if (relayToken?.trim()) headers[RELAY_TOKEN_HEADER] = relayToken.trim();
  return { url: segmindEndpoint(base), init: { method: 'POST', headers, body: JSON.stringify(body) } };
}

/** Credits left from an `x-remaining-credits` value ("12.5" → 12.5), or null when absent or not a number. */
export function parseCredits(raw: string | null): number | null {
  if (raw === null) return null;
  const text = raw.trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/** When an `x-rate-limit-reset-at-utc` value says requests are allowed again, or null when it can't be read. */
export function parseResetAt(raw: string): Date | null {
  const text = raw.trim();
  const n = decimal(text);
  // Epoch seconds, or milliseconds when the number is that large.
  if (n !== null) return new Date(n > 1e12 ? n : n * 1000);
  const iso = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)?$/i.exec(text);
  // The header's name says UTC, so an ISO time without a zone is read as UTC, not local time.
  const zone = iso ? (iso[3] === undefined || /^(utc|gmt)$/i.test(iso[3]) ? 'Z' : iso[3]) : '';
  const ms = Date.parse(iso ? `${iso[1]}T${iso[2]}${zone}` : text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** What Segmind's answer (or the relay's refusal) means: the image with credits and seed, or an actionable failure. */
export function classifySegmindResponse(response: SegmindResponse): GenerationOutcome {
  const { status } = response;
  if (status === 200) return classifySuccess(response);
  // The relay's own refusals (a wrong token, a body too large) are not Segmind's, and need another fix.
  const relayed = relayFailure(response.headers);
  if (relayed) return { ok: false, failure: relayed };
  const body = summariseBody(response);
  const said = body.said === null ? '' : `: "${body.said}"`;
  const code = `HTTP ${status}`;
  switch (status) {
    case 401:
      return fail('auth', `Segmind refused the API key (${code}, invalid or missing key${said}). Open settings and check the key.`);
    case 403:
      return fail('auth', `Segmind refused access with this key (${code}${said}). Open settings and check the key and your account.`);
    case 406:
      // Segmind answers 406 both for missing credits and for a wrong Content-Type; only the body tells them apart.
      if (body.said !== null && /content[\s-]?type/i.test(body.said)) {
        return fail(
          'bad-request',
          `Segmind refused the request's Content-Type (${code}${said}). Segmind also answers 406 when credits run ` +
            'out, but this answer names the Content-Type, which the plugin sets: please report it.',
        );
      }
      return fail('credits', `Not enough Segmind credits for this image (${code}${said}). Top up at segmind.com, then generate again.`);
    case 429:
      return rateLimited(response, said);
    case 400:
    case 422:
      return fail(
        'bad-request',
        body.said === null
          ? `Segmind refused the request (${code}) without saying why. Check the prompt, tags and references.`
          : `Segmind refused the request (${code})${said}.`,
      );
    case 413:
      return fail('bad-request', `The request was too large for Segmind (${code}${said}). Use fewer or smaller references.`);
    case 500:
      return fail(
        'server',
        `Segmind failed to make the image (${code}${said}). Try again; if it keeps failing, check the ratio and ` +
          'references (Segmind also answers 500 for some invalid parameters).',
      );
    case 502:
    case 503:
    case 504:
      return fail('server', `Segmind is unavailable right now (${code}${said}). Try again in a few minutes.`);
    default:
      return fail(
        status >= 400 && status < 500 ? 'bad-request' : 'server',
        `Segmind answered with an unexpected ${code}${said}. Please report it.`,
      );
  }
}

function fail(kind: FailureKind, message: string, resetAt?: string): GenerationOutcome {
  return { ok: false, failure: resetAt === undefined ? { kind, message } : { kind, message, resetAt } };
}

function rateLimited(response: SegmindResponse, said: string): GenerationOutcome {
  const raw = response.headers.get(RATE_LIMIT_RESET_AT_HEADER)?.trim() || null;
  const prefix = `Segmind's rate limit was reached (HTTP 429${said}; the Free plan allows 5 requests a minute).`;
  if (raw === null) return fail('rate-limited', `${prefix} Try again in about a minute.`);
  const at = parseResetAt(raw);
  const when = at === null ? tidy(raw, 40) : utcClock(at);
  return fail('rate-limited', `${prefix} Try again after ${when}.`, raw);
}

function classifySuccess(response: SegmindResponse): GenerationOutcome {
  const { bytes } = response;
  const info = sniffImage(bytes);
  if (info !== null) {
    if (!isComplete(info.kind, bytes)) {
      return fail(
        'not-image',
        `The image from Segmind arrived incomplete (${bytes.length} bytes of ${info.kind.toUpperCase()}, its end is missing). Try again.`,
      );
    }
    return {
      ok: true,
      image: {
        bytes,
        creditsLeft: parseCredits(response.headers.get(CREDITS_LEFT_HEADER)),
        seed: response.headers.get(SEED_HEADER)?.trim() || null,
        cost: parseCredits(response.headers.get(COST_HEADER)),
      },
    };
  }
  if (bytes.length === 0) return fail('not-image', 'Segmind answered HTTP 200 with an empty body instead of an image. Try again.');
  const body = summariseBody(response);
  if (body.fromJson && body.said !== null) return fail('not-image', `Segmind answered without an image: "${body.said}".`);
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() || 'no content type';
  const said = body.said === null ? ` (${bytes.length} bytes)` : `: "${body.said}"`;
  return fail('not-image', `Segmind's answer was not an image (it was ${type})${said}. Try again.`);
}

function summariseBody(response: SegmindResponse): Said {
  return saidInBody(new TextDecoder().decode(response.bytes), response.headers.get('content-type'));
}
