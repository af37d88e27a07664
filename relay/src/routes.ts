// The only requests the relay forwards. Each provider's own paths are mirrored under a prefix, so an official
// client works through the relay by changing its base URL; the upstream host comes only from the config.
import type { RelayConfig } from './config';

export type Upstream = 'segmind' | 'runway' | 'runway-output';
export type RelayMethod = 'GET' | 'POST' | 'DELETE';

/** One relayed path: a Hono pattern whose parameters are held to strict character classes. */
export interface RelayRoute {
  readonly pattern: string;
  readonly methods: readonly RelayMethod[];
  readonly upstream: Upstream;
}

/** The prefix each upstream's paths are mirrored under; the rest of the path is the upstream path. */
export const UPSTREAM_PREFIX: Readonly<Record<Upstream, string>> = {
  segmind: '/segmind',
  runway: '/runway',
  'runway-output': '/runway-output',
};

const SEGMIND_REQUEST_ID = '[A-Za-z0-9_-]{1,128}';
const RUNWAY_TASK_ID = '[A-Za-z0-9-]{1,64}';

export const RELAY_ROUTES: readonly RelayRoute[] = [
  { pattern: '/segmind/v1/runway-gen4-image', methods: ['POST'], upstream: 'segmind' },
  { pattern: '/segmind/v2/runway-gen4-image', methods: ['POST'], upstream: 'segmind' },
  { pattern: `/segmind/v2/requests/:id{${SEGMIND_REQUEST_ID}}/status`, methods: ['GET'], upstream: 'segmind' },
  { pattern: `/segmind/v2/requests/:id{${SEGMIND_REQUEST_ID}}/response`, methods: ['GET'], upstream: 'segmind' },
  { pattern: '/runway/v1/text_to_image', methods: ['POST'], upstream: 'runway' },
  { pattern: `/runway/v1/tasks/:id{${RUNWAY_TASK_ID}}`, methods: ['GET', 'DELETE'], upstream: 'runway' },
  // Any depth of plain segments: isSafePath has already refused everything else.
  { pattern: '/runway-output/:path{.+}', methods: ['GET'], upstream: 'runway-output' },
];

/** Only Runway's output URLs need their query string: CloudFront signs them there. */
const KEEPS_QUERY: Readonly<Record<Upstream, boolean>> = { segmind: false, runway: false, 'runway-output': true };

// Unreserved URL characters only: no percent-encoding (so no encoded slash or dot), no empty segment.
const SAFE_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/;

/** True for a path made of non-empty segments of unreserved characters, none of them `.` or `..`. */
export function isSafePath(pathname: string): boolean {
  return SAFE_PATH.test(pathname) && pathname.split('/').every((segment) => segment !== '.' && segment !== '..');
}

/** The upstream URL for a safe path that matched one of the upstream's routes: config's base + the mirrored path. */
export function upstreamUrl(config: RelayConfig, upstream: Upstream, pathname: string, search: string): string {
  const base = { segmind: config.segmindApiBase, runway: config.runwayApiBase, 'runway-output': config.runwayOutputBase }[upstream];
  return `${base}${pathname.slice(UPSTREAM_PREFIX[upstream].length)}${KEEPS_QUERY[upstream] ? search : ''}`;
}
