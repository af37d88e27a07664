// Runs a Fetch handler as a Node HTTP server (@hono/node-server), for `npm run relay` and the tests.
//
// Node's HTTP server and the adapter refuse some requests before the handler sees them (a request Node cannot
// parse, headers over 16 KB, a client too slow to send its request, a bad Host header, a backslash in the
// path). Those refusals get the relay's own answer too, JSON with x-relay-error and CORS, so the plugin can
// read and name them, and a log line.
import { getRequestListener, RequestError } from '@hono/node-server';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RelayErrorCode } from '../../core/relay-contract';
import { relayError } from './app';
import type { ListenAddress } from './config';
import { requestLogLine, unreadRequestLogLine } from './log-line';

/** A listening relay: its base URL (no trailing slash) and how to stop it. */
export interface NodeRelayServer {
  readonly url: string;
  closeAsync(): Promise<void>;
}

/** How long Node's server waits for each part of a request. */
export interface NodeServerTimeouts {
  /** From a request's first byte to the end of its headers. */
  readonly headersTimeoutMs: number;
  /** From a request's first byte to the end of its body; the time the relay then takes to answer is not counted. */
  readonly requestTimeoutMs: number;
  /** How long an idle connection is kept for the caller's next request. */
  readonly keepAliveTimeoutMs: number;
  /** How often Node looks for requests past the first two limits (so they end up to this much later). */
  readonly checkIntervalMs: number;
}

export const NODE_SERVER_TIMEOUTS: NodeServerTimeouts = {
  // A browser sends its headers at once; a client that trickles them only holds a connection open.
  headersTimeoutMs: 20_000,
  // A 20 MB body at 1 Mbit/s takes 168 s; 300 s leaves room for slower uplinks. Node stops counting when the
  // request is in, so the provider's time (UPSTREAM_TIMEOUT_MS, 120 s) is not part of it.
  requestTimeoutMs: 300_000,
  // Longer than the plugin's 5 s between polls, so a poll reuses its connection rather than racing Node closing
  // it (Node's default is exactly 5 s).
  keepAliveTimeoutMs: 30_000,
  // Node's default.
  checkIntervalMs: 30_000,
};

export interface NodeRelayOptions {
  /** Receives a line for each request the server refuses itself (default: console.log). */
  readonly log?: (line: string) => void;
  readonly timeouts?: NodeServerTimeouts;
}

interface Refusal {
  readonly status: number;
  readonly code: RelayErrorCode;
  readonly message: string;
}

/** Listens on the address (port 0: any free port) and serves the handler; resolves once it accepts connections. */
export async function startNodeRelayAsync(
  handler: (request: Request) => Response | Promise<Response>,
  address: ListenAddress,
  options: NodeRelayOptions = {},
): Promise<NodeRelayServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const timeouts = options.timeouts ?? NODE_SERVER_TIMEOUTS;
  /**
   * The answer in progress on each connection, if any. Node's own refusals must not cut into one already started,
   * and a request in progress gets its log line from the relay, not from here.
   */
  const answering = new WeakMap<Socket, ServerResponse>();

  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
      // Node would answer a missing Host with a bare 400 of its own; the adapter refuses it below instead.
      requireHostHeader: false,
    },
    (incoming, outgoing) => {
      answering.set(incoming.socket, outgoing);
      outgoing.once('close', () => answering.delete(incoming.socket));
      // A listener per request, so that a refusal by the adapter can name the request in the log.
      const listener = getRequestListener((request) => handler(request), {
        // The adapter would otherwise swap Node's global Request/Response for its own; keep the platform's.
        overrideGlobalObjects: false,
        errorHandler: (error) => adapterRefusal(incoming, error),
      });
      void listener(incoming, outgoing);
    },
  );

  function adapterRefusal(incoming: IncomingMessage, error: unknown): Response {
    // Anything but a RequestError came from the handler, which answers its own errors: a bug.
    const refusal: Refusal =
      error instanceof RequestError
        ? /backslash/i.test(error.message)
          ? { status: 404, code: 'path', message: 'The relay forwards only plain paths (no backslash) of the plugin’s endpoints.' }
          : { status: 400, code: 'path', message: 'The relay could not read the request’s address (its path or Host header).' }
        : { status: 500, code: 'internal', message: 'The relay failed unexpectedly; its log names the error.' };
    log(requestLogLine(incoming.method ?? '-', incoming.url ?? '', `${refusal.status} ${refusal.code}`, 0));
    return relayError(refusal.status, refusal.code, refusal.message);
  }

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const inProgress = answering.get(socket);
    const refusal = clientErrorRefusal(error.code, timeouts);
    // A caller that left has nobody to answer, and an answer already started cannot be replaced.
    if (refusal === null || !socket.writable || inProgress?.headersSent === true) {
      socket.destroy();
      return;
    }
    // A request in progress (its body cut off at requestTimeout) gets its own line from the relay.
    if (inProgress === undefined) log(unreadRequestLogLine(`${refusal.status} ${refusal.code}`));
    void writeRawAnswerAsync(socket, relayError(refusal.status, refusal.code, refusal.message));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}`,
    closeAsync: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The relay's answer to a request Node's parser or timers refused, or null when the caller is gone. */
function clientErrorRefusal(errorCode: string | undefined, timeouts: NodeServerTimeouts): Refusal | null {
  if (errorCode === 'ECONNRESET') return null;
  if (errorCode === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, code: 'too-large', message: 'The request’s headers are larger than the relay accepts.' };
  }
  if (errorCode === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      code: 'timeout',
      message: `The request did not reach the relay in time (headers within ${timeouts.headersTimeoutMs / 1000} s, all of it within ${timeouts.requestTimeoutMs / 1000} s).`,
    };
  }
  return { status: 400, code: 'path', message: 'The relay could not read the request: it is not well-formed HTTP.' };
}

/** Writes an answer straight to the socket (the clientError event has no response object), then closes it. */
async function writeRawAnswerAsync(socket: Socket, answer: Response): Promise<void> {
  const body = Buffer.from(await answer.arrayBuffer());
  const head = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`];
  answer.headers.forEach((value, name) => head.push(`${name}: ${value}`));
  head.push(`content-length: ${body.length}`, 'connection: close');
  if (!socket.writable) return;
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]), () => socket.destroy());
}
