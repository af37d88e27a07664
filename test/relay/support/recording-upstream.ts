// A small HTTP server on 127.0.0.1 that plays any upstream of the relay: it records every request exactly as
// it arrived (method, raw path, headers, body bytes) and answers whatever the test asks for: any status,
// headers and body, a redirect, a dropped socket, headers and part of a body, or no answer at all until it is
// closed. It also records which of the hanging or stalled requests the relay gave up on.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** The request target as sent, query string included. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type UpstreamReply =
  | { readonly kind: 'answer'; readonly status: number; readonly headers?: Record<string, string>; readonly body?: Buffer | string }
  /** Never answers (until the server closes): for the relay's upstream timeout. */
  | { readonly kind: 'hang' }
  /** Sends the status, headers and the first part of a body, then nothing more (until the server closes). */
  | { readonly kind: 'stall'; readonly status: number; readonly headers?: Record<string, string>; readonly body: Buffer | string }
  /** Destroys the socket without an answer. */
  | { readonly kind: 'drop' };

export interface RecordingUpstream {
  /** Base URL, no trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The hanging or stalled requests whose connection the relay closed (it gave up on them). */
  readonly abandoned: RecordedRequest[];
  /** How the next requests are answered; the default echoes what was received as JSON. */
  reply: (request: RecordedRequest) => UpstreamReply;
  closeAsync(): Promise<void>;
}

/** The default answer: 200 JSON describing the request, with Segmind-like credit headers. */
export function echoReply(request: RecordedRequest): UpstreamReply {
  return {
    kind: 'answer',
    status: 200,
    headers: { 'content-type': 'application/json', 'x-remaining-credits': '42.5', 'x-request-id': 'req-echo' },
    body: JSON.stringify({ method: request.method, path: request.path, bodyBytes: request.body.length }),
  };
}

/** Starts a recording upstream on 127.0.0.1 on a free port. */
export async function startRecordingUpstreamAsync(): Promise<RecordingUpstream> {
  const hanging = new Set<ServerResponse>();
  let closing = false;
  const upstream: RecordingUpstream = {
    url: '',
    requests: [],
    abandoned: [],
    reply: echoReply,
    closeAsync: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      upstream.requests.push(recorded);
      const reply = upstream.reply(recorded);
      if (reply.kind === 'hang' || reply.kind === 'stall') {
        hanging.add(res);
        res.on('close', () => {
          if (!closing) upstream.abandoned.push(recorded);
        });
        if (reply.kind === 'stall') {
          res.writeHead(reply.status, reply.headers ?? {});
          res.write(reply.body);
        }
        return;
      }
      if (reply.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(upstream, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

/** A base URL on 127.0.0.1 where nothing listens: a port that was free a moment ago. */
export async function closedPortUrlAsync(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
