// Which headers cross the relay, each way. Allow-lists, not deny-lists: a header nobody thought of stays behind.
import {
  AUTHORIZATION_HEADER,
  RELAY_ERROR_HEADER,
  RELAY_READABLE_PROVIDER_HEADERS,
  RELAY_REQUEST_HEADERS,
  RUNWAY_VERSION_HEADER,
  SEGMIND_KEY_HEADER,
  type RelayUpstream,
} from '../../core/relay-contract';
import type { RelayConfig } from './config';

/** Provider response headers passed back to the caller, besides content-type (the relay sets content-length). */
export const PASSED_RESPONSE_HEADERS: readonly string[] = [...RELAY_READABLE_PROVIDER_HEADERS, 'cache-control', 'etag', 'last-modified'];

/** Headers a browser page may read from the relay's answers (content-type and content-length are always readable). */
export const EXPOSED_RESPONSE_HEADERS: readonly string[] = [...RELAY_READABLE_PROVIDER_HEADERS, RELAY_ERROR_HEADER];

/** Request headers forwarded to each upstream; the other provider's credentials are never among them. */
const FORWARDED_REQUEST_HEADERS: Readonly<Record<RelayUpstream, readonly string[]>> = {
  segmind: ['content-type', 'accept', SEGMIND_KEY_HEADER],
  runway: ['content-type', 'accept', AUTHORIZATION_HEADER, RUNWAY_VERSION_HEADER],
  // Output URLs are signed in their query string: no credentials go to the output host.
  'runway-output': ['accept'],
};

/** The headers for the upstream request: the allowed ones from the caller, with the relay's own key when it has one. */
export function upstreamRequestHeaders(incoming: Headers, upstream: RelayUpstream, config: RelayConfig): Headers {
  const outgoing = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS[upstream]) {
    const value = incoming.get(name);
    if (value !== null) outgoing.set(name, value);
  }
  if (upstream === 'segmind' && config.segmindApiKey !== null) outgoing.set(SEGMIND_KEY_HEADER, config.segmindApiKey);
  if (upstream === 'runway' && config.runwayApiKey !== null) outgoing.set(AUTHORIZATION_HEADER, `Bearer ${config.runwayApiKey}`);
  // Runtimes decompress on the fly and keep the content-encoding header; asking for none keeps bodies byte-exact.
  outgoing.set('accept-encoding', 'identity');
  return outgoing;
}

/**
 * The headers of the relay's answer: the allowed ones from the provider's answer. Not its content-length: the
 * relay holds the whole body and states the length of what it sends (a runtime that decoded a compressed body
 * changed it), and never content-encoding.
 */
export function callerResponseHeaders(answer: Headers): Headers {
  const outgoing = new Headers();
  for (const name of ['content-type', ...PASSED_RESPONSE_HEADERS]) {
    const value = answer.get(name);
    if (value !== null) outgoing.set(name, value);
  }
  return outgoing;
}

/** CORS headers for every answer: the plugin's iframe has origin `null`, so only `*` lets it read them. */
export function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': EXPOSED_RESPONSE_HEADERS.join(', '),
  };
}

/** The requested headers a preflight may allow: those in Access-Control-Request-Headers that are on the list. */
export function allowedRequestHeaders(requested: string | null): string[] {
  if (requested === null) return [];
  return requested
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => RELAY_REQUEST_HEADERS.includes(name));
}
