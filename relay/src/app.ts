// The relay as a web-standard Fetch handler (Hono), shared by the Node server (node.ts) and the Cloudflare
// Worker (worker.ts). It forwards only RELAY_ROUTES, to hosts taken from the config, and marks every refusal
// of its own with x-relay-error so the plugin can tell the relay's "no" from the provider's.
import { Hono } from 'hono';
import {
  RELAY_ERROR_HEADER,
  RELAY_PATH_PREFIX,
  RELAY_TOKEN_HEADER,
  type RelayErrorCode,
  type RelayUpstream,
} from '../../core/relay-contract';
import { declaredLength, discardUnreadBodyAsync, MAX_ANSWER_BYTES, readCappedBodyAsync, sendableBody, type HeldBody } from './body';
import { isMisconfigured, type RelayConfig } from './config';
import { allowedRequestHeaders, callerResponseHeaders, corsHeaders, upstreamRequestHeaders } from './headers';
import { CLIENT_CLOSED, requestLogLine } from './log-line';
import { isSafePath, RELAY_ROUTES, upstreamUrl, type RelayMethod, type RelayRoute } from './routes';
import { tokensMatchAsync } from './token';
import { callUpstreamAsync } from './upstream-call';

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
/** Statuses whose answers carry no body (Response refuses one). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);
/** nginx's "client closed request": the status of an answer nobody is left to read; only the log sees it. */
const CLIENT_CLOSED_STATUS = 499;
const ALL_METHODS: readonly RelayMethod[] = ['GET', 'POST', 'DELETE'];
/** What a Figma plugin's iframe sends as its Origin: it is sandboxed, without an origin of its own. */
const PLUGIN_ORIGIN = 'null';

const UPSTREAM_NAMES: Readonly<Record<RelayUpstream, string>> = {
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
  /** Requests whose caller went away before their answer was ready. */
  const abandoned = new WeakSet<Request>();

  app.use('*', async (c, next) => {
    const started = now();
    const request = c.req.raw;
    const pathname = new URL(request.url).pathname;
    let logged = false;
    const logOnce = (outcome: string): void => {
      if (logged) return;
      logged = true;
      log(requestLogLine(request.method, pathname, outcome, now() - started));
    };
    // The caller leaving (under Node; on Cloudflare with enable_request_signal) aborts the upstream call too, and
    // gets its line at once: workerd fires this signal only after it has cancelled the request's own work.
    const onCallerGone = (): void => logOnce(CLIENT_CLOSED);
    request.signal.addEventListener('abort', onCallerGone);
    if (!isSafePath(pathname)) {
      c.res = notRelayed();
    } else {
      await next();
    }
    // Whatever the relay refused unread is dropped before the answer goes, so the caller gets to read it.
    await discardUnreadBodyAsync(request);
    request.signal.removeEventListener('abort', onCallerGone);
    const code = c.res.headers.get(RELAY_ERROR_HEADER);
    logOnce(abandoned.has(request) ? CLIENT_CLOSED : `${c.res.status}${code ? ` ${code}` : ''}`);
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

    let body: HeldBody | null = null;
    if (request.method === 'POST') {
      const declared = declaredLength(request.headers.get('content-length'));
      if (declared !== null && declared > config.maxBodyBytes) return tooLarge();
      try {
        const read = await readCappedBodyAsync(request.body, config.maxBodyBytes);
        if (!read.ok) return tooLarge();
        body = read.body;
      } catch {
        // The body broke off: its caller is gone (or, under Node, was cut off at the server's requestTimeout).
        return callerGone(request);
      }
    }

    const url = new URL(request.url);
    const outcome = await callUpstreamAsync(
      fetchUpstream,
      {
        url: upstreamUrl(config, route.upstream, url.pathname, url.search),
        method: request.method,
        headers: upstreamRequestHeaders(request.headers, route.upstream, config),
        body,
      },
      config.upstreamTimeoutMs,
      request.signal,
    );
    const name = UPSTREAM_NAMES[route.upstream];
    switch (outcome.kind) {
      case 'answer':
        return passedOn(outcome.status, outcome.headers, outcome.body);
      case 'caller-gone':
        return callerGone(request);
      case 'redirect':
        return relayError(502, 'upstream', `${name} answered with a redirect, which the relay does not follow.`);
      case 'too-large':
        return relayError(502, 'upstream', `${name}’s answer is larger than the relay passes on (${MAX_ANSWER_BYTES / 1024 / 1024} MB).`);
      case 'timeout':
        return relayError(504, 'timeout', `${name} did not answer within ${config.upstreamTimeoutMs / 1000} s.`);
      case 'failed':
        return relayError(502, 'upstream', `The relay could not reach ${name}, or ${name} broke off its answer.`);
    }
  }

  async function accessRefusalAsync(headers: Headers): Promise<Response | null> {
    if (isMisconfigured(config)) {
      return relayError(
        500,
        'misconfigured',
        'The relay holds a provider key but no RELAY_TOKEN, so it forwards nothing until one is set.',
      );
    }
    if (config.relayToken === null) return null;
    const given = headers.get(RELAY_TOKEN_HEADER);
    if (given !== null && (await tokensMatchAsync(given, config.relayToken))) return null;
    return relayError(
      401,
      'token',
      `This relay needs its token in the ${RELAY_TOKEN_HEADER} header; it was ${given === null ? 'missing' : 'wrong'}.`,
    );
  }

  /** An answer for a caller that went away: nobody reads it, and the log says client-closed. */
  function callerGone(request: Request): Response {
    abandoned.add(request);
    return new Response(null, { status: CLIENT_CLOSED_STATUS });
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

/** The provider's answer as the caller gets it: its status and allowed headers, CORS, the exact length. */
function passedOn(status: number, providerHeaders: Headers, body: HeldBody): Response {
  const headers = callerResponseHeaders(providerHeaders);
  for (const [name, value] of Object.entries(corsHeaders())) headers.set(name, value);
  if (NULL_BODY_STATUSES.has(status)) return new Response(null, { status, headers });
  headers.set('content-length', String(body.byteLength));
  return new Response(sendableBody(body), { status, headers });
}

function notRelayed(): Response {
  const { segmind, runway, 'runway-output': output } = RELAY_PATH_PREFIX;
  return relayError(404, 'path', `The relay forwards only ${segmind}/…, ${runway}/… and ${output}/… paths of the plugin’s endpoints.`);
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
  // Chromium asks before a page on the internet may call a relay on this machine (Private Network Access). Only
  // the plugin's iframe (origin null, in Figma on the web) gets a yes: any other site would be using the
  // designer's relay as its own way into this machine, or as a CORS proxy to the providers.
  if (request.headers.get('access-control-request-private-network') === 'true' && request.headers.get('origin') === PLUGIN_ORIGIN) {
    headers.set('access-control-allow-private-network', 'true');
  }
  return new Response(null, { status: 204, headers });
}
