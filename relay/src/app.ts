// The relay as a web-standard Fetch handler (Hono), shared by the Node server (node.ts) and the Cloudflare
// Worker (worker.ts). It forwards only RELAY_ROUTES, to hosts taken from the config, and marks every refusal
// of its own with x-relay-error so the plugin can tell the relay's "no" from the provider's.
import { Hono } from 'hono';
import { declaredLength, discardUnreadBodyAsync, readCappedBodyAsync } from './body';
import { isMisconfigured, type RelayConfig } from './config';
import {
  allowedRequestHeaders,
  callerResponseHeaders,
  corsHeaders,
  RELAY_ERROR_HEADER,
  RELAY_TOKEN_HEADER,
  upstreamRequestHeaders,
} from './headers';
import { isSafePath, RELAY_ROUTES, upstreamUrl, type RelayMethod, type RelayRoute, type Upstream } from './routes';
import { tokensMatchAsync } from './token';

/** The codes the relay sends in x-relay-error. 'internal' is a bug in the relay, never expected. */
export type RelayErrorCode = 'token' | 'path' | 'too-large' | 'upstream' | 'timeout' | 'misconfigured' | 'internal';

export interface RelayDeps {
  /** The upstream fetch (default: the runtime's). */
  readonly fetch?: typeof fetch;
  /** Receives one line per request: method, path, status, duration (default: console.log). */
  readonly log?: (line: string) => void;
  /** Milliseconds, for durations (default: Date.now). */
  readonly now?: () => number;
}

/** Preflights may be cached this long (Chromium caps it at 2 h). */
const PREFLIGHT_MAX_AGE_S = 600;
/** Log lines keep at most this much of a path: unknown paths can be anything a caller sent. */
const MAX_LOGGED_PATH_CHARS = 200;
/** Statuses whose answers carry no body (Response refuses one). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);
const ALL_METHODS: readonly RelayMethod[] = ['GET', 'POST', 'DELETE'];

const UPSTREAM_NAMES: Readonly<Record<Upstream, string>> = {
  segmind: 'Segmind',
  runway: 'Runway',
  'runway-output': 'Runway’s output host',
};

/** The relay: forwards RELAY_ROUTES to the configured upstreams, answers CORS, refuses everything else. */
export function createRelayApp(config: RelayConfig, deps: RelayDeps = {}): Hono {
  const fetchUpstream = deps.fetch ?? ((input, init) => fetch(input, init));
  const log = deps.log ?? ((line: string) => console.log(line));
  const now = deps.now ?? (() => Date.now());
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = now();
    const pathname = new URL(c.req.url).pathname;
    if (!isSafePath(pathname)) {
      c.res = notRelayed();
    } else {
      await next();
    }
    // Whatever the relay refused unread is dropped before the answer goes, so the caller gets to read it.
    await discardUnreadBodyAsync(c.req.raw);
    const code = c.res.headers.get(RELAY_ERROR_HEADER);
    log(`${c.req.method} ${pathname.slice(0, MAX_LOGGED_PATH_CHARS)} ${c.res.status}${code ? ` ${code}` : ''} ${now() - started}ms`);
  });

  for (const route of RELAY_ROUTES) {
    app.options(route.pattern, (c) => preflight(c.req.raw, route.methods));
    app.on([...route.methods], route.pattern, (c) => forwardAsync(c.req.raw, route));
    app.all(route.pattern, () => methodNotAllowed(route.methods));
  }
  // A preflight for an unknown path succeeds so that the browser sends the request and the page can read
  // the relay's 404 (a wrong Relay URL), rather than an anonymous CORS failure.
  app.options('*', (c) => preflight(c.req.raw, ALL_METHODS));
  app.notFound(() => notRelayed());
  app.onError((error) => {
    // The name only: a message can quote a URL, and output URLs carry signatures.
    log(`relay error: ${error.name}`);
    return relayError(500, 'internal', 'The relay failed unexpectedly; its log names the error.');
  });

  async function forwardAsync(request: Request, route: RelayRoute): Promise<Response> {
    // Hono answers HEAD with the GET handler; the relay forwards only the methods it lists.
    if (!route.methods.includes(request.method as RelayMethod)) return methodNotAllowed(route.methods);
    const refusal = await accessRefusalAsync(request.headers);
    if (refusal !== null) return refusal;

    let body: Uint8Array<ArrayBuffer> | undefined;
    if (request.method === 'POST') {
      const declared = declaredLength(request.headers.get('content-length'));
      if (declared !== null && declared > config.maxBodyBytes) return tooLarge();
      const read = await readCappedBodyAsync(request.body, config.maxBodyBytes);
      if (!read.ok) return tooLarge();
      body = read.bytes;
    }

    const url = new URL(request.url);
    const timeout = AbortSignal.timeout(config.upstreamTimeoutMs);
    let answer: Response;
    try {
      answer = await fetchUpstream(upstreamUrl(config, route.upstream, url.pathname, url.search), {
        method: request.method,
        headers: upstreamRequestHeaders(request.headers, route.upstream, config),
        body,
        // A redirect could lead anywhere; the relay goes only to the hosts in its config.
        redirect: 'manual',
        // The caller leaving cancels the upstream request too.
        signal: AbortSignal.any([timeout, request.signal]),
      });
    } catch {
      return timeout.aborted
        ? relayError(504, 'timeout', `${UPSTREAM_NAMES[route.upstream]} did not answer within ${config.upstreamTimeoutMs / 1000} s.`)
        : relayError(502, 'upstream', `The relay could not reach ${UPSTREAM_NAMES[route.upstream]}.`);
    }
    if (answer.status >= 300 && answer.status < 400) {
      await answer.body?.cancel();
      return relayError(502, 'upstream', `${UPSTREAM_NAMES[route.upstream]} answered with a redirect, which the relay does not follow.`);
    }
    const headers = callerResponseHeaders(answer.headers);
    for (const [name, value] of Object.entries(corsHeaders())) headers.set(name, value);
    return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, { status: answer.status, headers });
  }

  async function accessRefusalAsync(headers: Headers): Promise<Response | null> {
    if (isMisconfigured(config)) {
      return relayError(500, 'misconfigured', 'The relay holds a provider key but no RELAY_TOKEN, so it forwards nothing until one is set.');
    }
    if (config.relayToken === null) return null;
    const given = headers.get(RELAY_TOKEN_HEADER);
    if (given !== null && (await tokensMatchAsync(given, config.relayToken))) return null;
    return relayError(401, 'token', `This relay needs its token in the ${RELAY_TOKEN_HEADER} header; it was ${given === null ? 'missing' : 'wrong'}.`);
  }

  function tooLarge(): Response {
    return relayError(413, 'too-large', `The request body is over the relay’s limit of ${config.maxBodyBytes} bytes.`);
  }

  return app;
}

/** An error answer of the relay's own: JSON {error}, the code in x-relay-error, readable by the plugin's iframe. */
export function relayError(status: number, code: RelayErrorCode, message: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json', [RELAY_ERROR_HEADER]: code, ...corsHeaders(), ...extraHeaders },
  });
}

function notRelayed(): Response {
  return relayError(404, 'path', 'The relay forwards only /segmind/…, /runway/… and /runway-output/… paths of the plugin’s endpoints.');
}

function methodNotAllowed(methods: readonly RelayMethod[]): Response {
  return relayError(405, 'path', `This path accepts only ${methods.join(' and ')}.`, { allow: methods.join(', ') });
}

function preflight(request: Request, methods: readonly RelayMethod[]): Response {
  const headers = new Headers({
    'access-control-allow-origin': '*',
    'access-control-allow-methods': methods.join(', '),
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
  });
  const allowed = allowedRequestHeaders(request.headers.get('access-control-request-headers'));
  if (allowed.length > 0) headers.set('access-control-allow-headers', allowed.join(', '));
  // Chromium asks before a page on the internet may call a local relay (Private Network Access).
  if (request.headers.get('access-control-request-private-network') === 'true') {
    headers.set('access-control-allow-private-network', 'true');
  }
  return new Response(null, { status: 204, headers });
}
