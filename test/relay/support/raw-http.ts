// An HTTP client that sends the request target exactly as written (fetch would resolve `..` and `%2e%2e`
// before sending, hiding what a hostile caller can send) and sets any header, Origin included.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

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
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes, json: () => JSON.parse(bytes.toString('utf8')) as unknown });
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
