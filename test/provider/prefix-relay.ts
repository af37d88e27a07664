// A small HTTP relay on 127.0.0.1 for the provider tests: it mirrors upstreams under a path prefix
// ("/segmind/v1/…" → "<segmind>/v1/…"), as relay/ does, records what callers sent it, and can refuse like
// the real relay (x-relay-error). It stands in for relay/ so these tests pin the plugin's side of the contract.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RELAY_ERROR_HEADER, RELAY_TOKEN_HEADER } from '../../ui/providers/relay-errors';

export interface RelayedRequest {
  readonly method: string;
  /** The path the caller asked the relay for, e.g. "/segmind/v1/runway-gen4-image". */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface PrefixRelay {
  /** Its base address, e.g. "http://127.0.0.1:41234". */
  readonly url: string;
  readonly requests: RelayedRequest[];
  /** The next answers are this refusal (status and x-relay-error code) until set back to null. */
  refuse(refusal: { readonly status: number; readonly code: string; readonly body?: string } | null): void;
  close(): Promise<void>;
}

export interface PrefixRelayOptions {
  /** Upstream base per prefix, e.g. { segmind: 'http://127.0.0.1:5000' }. */
  readonly upstreams: Readonly<Record<string, string>>;
  /** When set, callers must send it in x-relay-token, and `segmindKey` is sent upstream in their place. */
  readonly token?: string;
  readonly segmindKey?: string;
}

const FORWARDED = ['content-type', 'x-api-key', 'authorization', 'x-runway-version'];

export async function startPrefixRelay(options: PrefixRelayOptions): Promise<PrefixRelay> {
  const requests: RelayedRequest[] = [];
  let refusal: { status: number; code: string; body?: string } | null = null;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const path = request.url ?? '/';
        requests.push({ method: request.method ?? '', path, headers: request.headers });
        const fail = (status: number, code: string, body = `{"error":"${code}"}`): void => {
          response.writeHead(status, { 'content-type': 'application/json', [RELAY_ERROR_HEADER]: code }).end(body);
        };
        if (refusal) return fail(refusal.status, refusal.code, refusal.body);
        if (options.token !== undefined && request.headers[RELAY_TOKEN_HEADER] !== options.token) return fail(401, 'token');
        const match = /^\/([a-z-]+)(\/.*)$/.exec(path);
        const upstream = match ? options.upstreams[match[1] ?? ''] : undefined;
        if (!match || upstream === undefined) return fail(404, 'path');
        const headers: Record<string, string> = {};
        for (const name of FORWARDED) {
          const value = request.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        if (options.segmindKey !== undefined && match[1] === 'segmind') headers['x-api-key'] = options.segmindKey;
        let answer: Response;
        try {
          answer = await fetch(`${upstream}${match[2]}`, {
            method: request.method ?? 'GET',
            headers,
            ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
          });
        } catch {
          return fail(502, 'upstream');
        }
        const passed: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (name === 'content-type' || name.startsWith('x-')) passed[name] = value;
        });
        response.writeHead(answer.status, passed).end(Buffer.from(await answer.arrayBuffer()));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    refuse(next) {
      refusal = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base address where nothing listens: a relay that is not running. */
export async function closedAddressAsync(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
