// The only requests the relay forwards. Each provider's own paths are mirrored under a prefix, so an official
// client works through the relay by changing its base URL; the upstream host comes only from the config.
import { RELAY_PATH_PREFIX, type RelayUpstream } from '../../core/relay-contract';
import type { RelayConfig } from './config';

export type RelayMethod = 'GET' | 'POST' | 'DELETE';

/** One relayed path: a Hono pattern whose parameters are held to strict character classes. */
export interface RelayRoute {
  readonly pattern: string;
  readonly methods: readonly RelayMethod[];
  readonly upstream: RelayUpstream;
}

const SEGMIND_REQUEST_ID = '[A-Za-z0-9_-]{1,128}';
const RUNWAY_TASK_ID = '[A-Za-z0-9-]{1,64}';

/** The route for `path` of the upstream's own API, under the upstream's prefix (upstreamUrl takes it off again). */
function route(upstream: RelayUpstream, path: string, methods: readonly RelayMethod[]): RelayRoute {
  return { pattern: `${RELAY_PATH_PREFIX[upstream]}${path}`, methods, upstream };
}

export const RELAY_ROUTES: readonly RelayRoute[] = [
  route('segmind', '/v1/runway-gen4-image', ['POST']),
  route('segmind', '/v2/runway-gen4-image', ['POST']),
  route('segmind', `/v2/requests/:id{${SEGMIND_REQUEST_ID}}/status`, ['GET']),
  route('segmind', `/v2/requests/:id{${SEGMIND_REQUEST_ID}}/response`, ['GET']),
  route('runway', '/v1/text_to_image', ['POST']),
  // Upscale (issue 12): the same key, task and output as text-to-image.
  route('runway', '/v1/image_upscale', ['POST']),
  route('runway', `/v1/tasks/:id{${RUNWAY_TASK_ID}}`, ['GET', 'DELETE']),
  // Any depth of plain segments: isSafePath has already refused everything else.
  route('runway-output', '/:path{.+}', ['GET']),
];

/** Only Runway's output URLs need their query string: CloudFront signs them there. */
const KEEPS_QUERY: Readonly<Record<RelayUpstream, boolean>> = { segmind: false, runway: false, 'runway-output': true };

// Unreserved URL characters only: no percent-encoding (so no encoded slash or dot), no empty segment.
const SAFE_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/;

/** True for a path made of non-empty segments of unreserved characters, none of them `.` or `..`. */
export function isSafePath(pathname: string): boolean {
  return SAFE_PATH.test(pathname) && pathname.split('/').every((segment) => segment !== '.' && segment !== '..');
}

/** The upstream URL for a safe path that matched one of the upstream's routes: config's base + the mirrored path. */
export function upstreamUrl(config: RelayConfig, upstream: RelayUpstream, pathname: string, search: string): string {
  const base = { segmind: config.segmindApiBase, runway: config.runwayApiBase, 'runway-output': config.runwayOutputBase }[upstream];
  return `${base}${pathname.slice(RELAY_PATH_PREFIX[upstream].length)}${KEEPS_QUERY[upstream] ? search : ''}`;
}
