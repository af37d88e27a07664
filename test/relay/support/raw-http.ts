// An HTTP client that sends the request target exactly as written (fetch would resolve `..` and `%2e%2e`
// before sending, hiding what a hostile caller can send) and sets any header, Origin included; a request the
// caller abandons halfway; and raw bytes on a socket, for what no HTTP client would send.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface RawRequest {
  readonly method: string;
  /** Sent verbatim as the request target. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
  /** Send the body in chunks without a Content-Length (Transfer-Encoding: chunked). */
  readonly chunked?: boolean;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The body parsed as JSON (throws when it isn't). */
  json(): unknown;
}

const CHUNK_BYTES = 256 * 1024;

/** Sends one request to base (http://host:port) and reads the whole answer. */
export function rawRequestAsync(base: string, raw: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  const body = raw.body === undefined ? undefined : Buffer.from(raw.body);
  const headers: Record<string, string> = { ...raw.headers };
  if (body !== undefined && !raw.chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest({ host: hostname, port, method: raw.method, path: raw.path, headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: bytes,
          json: () => JSON.parse(bytes.toString('utf8')) as unknown,
        });
      });
    });
    // Like a browser, this client fails when the server resets the connection before the answer is read.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body === undefined) {
      req.end();
    } else if (raw.chunked) {
      for (let offset = 0; offset < body.length; offset += CHUNK_BYTES) req.write(body.subarray(offset, offset + CHUNK_BYTES));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** A request whose body goes out piece by piece, and whose caller can leave at any point. */
export interface OpenRequest {
  /** Sends more of the body; resolves once the socket took it, so a relay that stops reading stalls it. */
  writeAsync(bytes: Buffer): Promise<void>;
  /** Finishes the request (the rest of the body, if any) without waiting for the answer. */
  end(bytes?: Buffer): void;
  /** Closes the connection, as a caller does when the user cancels or the panel closes. */
  leave(): void;
}

/** Starts a request (headers as given, nothing added) and returns at once. */
export function openRequest(base: string, raw: Omit<RawRequest, 'body' | 'chunked'>): OpenRequest {
  const { hostname, port } = new URL(base);
  const req = httpRequest({ host: hostname, port, method: raw.method, path: raw.path, headers: raw.headers, agent: false });
  // Leaving is the point: the errors it causes here are expected.
  req.on('error', () => undefined);
  return {
    writeAsync: (bytes) => new Promise((resolve, reject) => req.write(bytes, (error) => (error ? reject(error) : resolve()))),
    end: (bytes) => req.end(bytes),
    leave: () => req.destroy(),
  };
}

/**
 * Writes `bytes` on a fresh connection and reads until the server closes it, parsing one answer. For requests
 * no client library would send (broken headers, a header section left unfinished).
 */
export function rawExchangeAsync(base: string, bytes: string | Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks);
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no complete answer: ${JSON.stringify(text.toString('latin1'))}`));
      const [statusLine = '', ...lines] = text.subarray(0, end).toString('latin1').split('\r\n');
      const headers: IncomingHttpHeaders = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = text.subarray(end + 4);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, json: () => JSON.parse(body.toString('utf8')) as unknown });
    });
  });
}
