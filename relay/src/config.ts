// The relay's settings, read from its environment (process.env under Node, the Worker's env bindings on
// Cloudflare). Pure: it validates and reports problems by variable name, never echoing a value, because
// some of these variables hold secrets.
import { RELAY_PATH_PREFIX, RELAY_TOKEN_HEADER } from '../../core/relay-contract';

/** What the relay needs to run; built by readRelayConfig. */
export interface RelayConfig {
  /** Injected as x-api-key on Segmind routes when set; callers then need the relay token. */
  readonly segmindApiKey: string | null;
  /** Injected as `Authorization: Bearer` on Runway API routes when set; callers then need the relay token. */
  readonly runwayApiKey: string | null;
  /** Required in x-relay-token on every forwarded request when set. */
  readonly relayToken: string | null;
  /** Upstream bases: http(s) origins with an optional path, no trailing slash, no query. */
  readonly segmindApiBase: string;
  readonly runwayApiBase: string;
  readonly runwayOutputBase: string;
  readonly maxBodyBytes: number;
  readonly upstreamTimeoutMs: number;
}

export type RelayConfigResult =
  { readonly ok: true; readonly config: RelayConfig } | { readonly ok: false; readonly problems: readonly string[] };

export const DEFAULT_SEGMIND_API_BASE = 'https://api.segmind.com';
export const DEFAULT_RUNWAY_API_BASE = 'https://api.dev.runwayml.com';
/** Runway serves generated images from this CloudFront host (CONTRACTS §2). */
export const DEFAULT_RUNWAY_OUTPUT_BASE = 'https://dnznrvs05pmza.cloudfront.net';
/** Three references of at most 5 MB of data URI each fit with room to spare. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
/** A synchronous Segmind generation takes about 30 s; allow four times that. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 120_000;

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

type Env = Readonly<Record<string, string | undefined>>;

/** The relay's config from its environment, or every problem found, each naming its variable. */
export function readRelayConfig(env: Env): RelayConfigResult {
  const problems: string[] = [];
  const base = (name: string, fallback: string): string => {
    const parsed = parseBase(present(env[name]) ?? fallback);
    if (typeof parsed === 'string') return parsed;
    problems.push(`${name} ${parsed.problem}`);
    return fallback;
  };
  const positive = (name: string, fallback: number): number => {
    const raw = present(env[name]);
    if (raw === null) return fallback;
    if (/^\d+$/.test(raw) && Number(raw) > 0 && Number.isSafeInteger(Number(raw))) return Number(raw);
    problems.push(`${name} must be a positive whole number`);
    return fallback;
  };
  const config: RelayConfig = {
    segmindApiKey: present(env.SEGMIND_API_KEY),
    runwayApiKey: present(env.RUNWAY_API_KEY),
    relayToken: present(env.RELAY_TOKEN),
    segmindApiBase: base('SEGMIND_API_BASE', DEFAULT_SEGMIND_API_BASE),
    runwayApiBase: base('RUNWAY_API_BASE', DEFAULT_RUNWAY_API_BASE),
    runwayOutputBase: base('RUNWAY_OUTPUT_BASE', DEFAULT_RUNWAY_OUTPUT_BASE),
    maxBodyBytes: positive('MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES),
    upstreamTimeoutMs: positive('UPSTREAM_TIMEOUT_MS', DEFAULT_UPSTREAM_TIMEOUT_MS),
  };
  return problems.length === 0 ? { ok: true, config } : { ok: false, problems };
}

/** True when the relay holds a provider key but no token to guard it: it then refuses every request. */
export function isMisconfigured(config: RelayConfig): boolean {
  return (config.segmindApiKey !== null || config.runwayApiKey !== null) && config.relayToken === null;
}

/** What the Node relay listens on. */
export interface ListenAddress {
  readonly port: number;
  readonly host: string;
}

/** PORT (0–65535, default 8787; 0 picks a free port) and HOST (default 127.0.0.1), or the problems. */
export function readListenAddress(
  env: Env,
): { readonly ok: true; readonly address: ListenAddress } | { readonly ok: false; readonly problems: readonly string[] } {
  const problems: string[] = [];
  const rawPort = present(env.PORT);
  const port = rawPort === null ? DEFAULT_PORT : Number(rawPort);
  if (rawPort !== null && !(/^\d+$/.test(rawPort) && port <= 65535)) problems.push('PORT must be a whole number from 0 to 65535');
  const host = present(env.HOST) ?? DEFAULT_HOST;
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) problems.push('HOST must be a host name or an IP address');
  return problems.length === 0 ? { ok: true, address: { port, host } } : { ok: false, problems };
}

/** Lines for the operator: where each provider is forwarded, which keys are injected (names only), the token rule. */
export function describeRelay(config: RelayConfig): string[] {
  const injected = [config.segmindApiKey && 'SEGMIND_API_KEY', config.runwayApiKey && 'RUNWAY_API_KEY'].filter(
    (name): name is string => typeof name === 'string',
  );
  const lines = [
    `Forwards ${RELAY_PATH_PREFIX.segmind}/* to ${config.segmindApiBase}, ${RELAY_PATH_PREFIX.runway}/* to ${config.runwayApiBase}, ` +
      `${RELAY_PATH_PREFIX['runway-output']}/* to ${config.runwayOutputBase}`,
    injected.length > 0
      ? `Injects ${injected.join(' and ')} into the requests it forwards.`
      : 'Injects no provider key: callers send their own.',
  ];
  if (isMisconfigured(config)) {
    lines.push(
      'RELAY_TOKEN is not set: the relay refuses every request (500 misconfigured) until it is, so its keys are never open to anyone.',
    );
  } else if (config.relayToken !== null) {
    lines.push(`Requires the RELAY_TOKEN value in an ${RELAY_TOKEN_HEADER} header on every request.`);
  }
  return lines;
}

function present(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function parseBase(raw: string): string | { readonly problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'must be an http(s) URL, e.g. https://api.example.com' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'must be an http(s) URL' };
  if (url.username || url.password) return { problem: 'must not carry a user name or password' };
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) return { problem: 'must not carry a query or a fragment' };
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
