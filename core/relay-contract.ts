// The relay's HTTP contract: what the relay (relay/, on Node and on Workers) and the panel's providers
// (ui/providers/) must agree on, declared once. A deployed relay and an installed plugin are updated apart,
// so these are wire values: renaming one breaks every pair that was not updated together. Plain data only,
// no DOM, figma or Node API, so the relay and the UI iframe both compile it. Header names are lower-case, as
// the relay compares them (HTTP header names are case-insensitive).

/** The services the relay forwards to, each mirrored under its own path prefix. */
export type RelayUpstream = 'segmind' | 'runway' | 'runway-output';

/**
 * The prefix each upstream's paths are mirrored under: `<relay>/segmind/v1/…` goes to Segmind's `/v1/…`, so an
 * official client works through the relay by changing its base URL.
 */
export const RELAY_PATH_PREFIX: Readonly<Record<RelayUpstream, string>> = {
  segmind: '/segmind',
  runway: '/runway',
  'runway-output': '/runway-output',
};

/** The header callers send the relay's token in; the relay never forwards it. */
export const RELAY_TOKEN_HEADER = 'x-relay-token';
/** The header the relay marks its own refusals with; an answer without it came from the provider. */
export const RELAY_ERROR_HEADER = 'x-relay-error';

/** The codes the relay sends in RELAY_ERROR_HEADER (its JSON body's `error` is a message for people). */
export const RELAY_ERROR_CODES = ['token', 'path', 'too-large', 'upstream', 'timeout', 'misconfigured', 'internal'] as const;
/** One of RELAY_ERROR_CODES. 'internal' is a bug in the relay, never expected. */
export type RelayErrorCode = (typeof RELAY_ERROR_CODES)[number];

/** True for a code the relay sends; anything else in RELAY_ERROR_HEADER came from something else. */
export function isRelayErrorCode(value: string): value is RelayErrorCode {
  return (RELAY_ERROR_CODES as readonly string[]).includes(value);
}

/** Segmind's key header (Segmind takes no Bearer token). */
export const SEGMIND_KEY_HEADER = 'x-api-key';
/** Runway's key header, `Bearer <key>`. */
export const AUTHORIZATION_HEADER = 'authorization';
/** The Runway API version a request is written for. */
export const RUNWAY_VERSION_HEADER = 'x-runway-version';

/** Request headers a caller may send the relay cross-origin: a browser's preflight for any other fails. */
export const RELAY_REQUEST_HEADERS: readonly string[] = [
  'content-type',
  SEGMIND_KEY_HEADER,
  AUTHORIZATION_HEADER,
  RUNWAY_VERSION_HEADER,
  RELAY_TOKEN_HEADER,
];

/** Segmind's credits left after a generation. */
export const CREDITS_LEFT_HEADER = 'x-remaining-credits';
/** What a Segmind generation cost, in credits. */
export const COST_HEADER = 'x-cost';
/** The seed Segmind generated with. */
export const SEED_HEADER = 'x-seed-value';
/** When Segmind's rate limit lets requests through again (a UTC time). */
export const RATE_LIMIT_RESET_AT_HEADER = 'x-rate-limit-reset-at-utc';
/** How long to wait before retrying, in seconds or as an HTTP date. */
export const RETRY_AFTER_HEADER = 'retry-after';
/** How long to wait before retrying, in milliseconds (Runway). */
export const RETRY_AFTER_MS_HEADER = 'retry-after-ms';

/** The provider answer headers the relay passes back and lets a browser page read, besides content-type. */
export const RELAY_READABLE_PROVIDER_HEADERS: readonly string[] = [
  CREDITS_LEFT_HEADER,
  COST_HEADER,
  'x-generation-time',
  SEED_HEADER,
  'x-request-id',
  RATE_LIMIT_RESET_AT_HEADER,
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  RETRY_AFTER_HEADER,
  RETRY_AFTER_MS_HEADER,
];
