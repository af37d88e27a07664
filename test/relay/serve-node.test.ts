// What only the Node server does: answer, in the relay's JSON, the requests Node's HTTP server or the adapter
// refuse before the relay sees them; bound how long a request may take to arrive; and notice a caller that
// leaves while the relay waits for the provider (local workerd notices a caller leaving only while it still
// reads the request: relay.test.ts checks that part on both runtimes).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRelayApp } from '../../relay/src/app';
import { DEFAULT_MAX_BODY_BYTES, readRelayConfig } from '../../relay/src/config';
import { NODE_SERVER_TIMEOUTS, startNodeRelayAsync, type NodeRelayServer, type NodeServerTimeouts } from '../../relay/src/serve-node';
import { MIN_POLL_INTERVAL_MS } from '../../ui/providers/runway';
import { openRequest, rawExchangeAsync, type RawResponse } from './support/raw-http';
import { echoReply, startRecordingUpstreamAsync, type RecordingUpstream } from './support/recording-upstream';
import { untilAsync } from './support/until';

/** Short enough to test, long enough for a request sent at once to arrive whole. */
const TEST_TIMEOUTS: NodeServerTimeouts = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 5_000, checkIntervalMs: 50 };

let upstream: RecordingUpstream;
let server: NodeRelayServer;
const lines: string[] = [];

beforeAll(async () => {
  upstream = await startRecordingUpstreamAsync();
  const config = readRelayConfig({ SEGMIND_API_BASE: upstream.url, RUNWAY_API_BASE: upstream.url, RUNWAY_OUTPUT_BASE: upstream.url });
  if (!config.ok) throw new Error(config.problems.join('; '));
  const log = (line: string): void => {
    lines.push(line);
  };
  server = await startNodeRelayAsync(
    createRelayApp(config.config, { log }).fetch,
    { port: 0, host: '127.0.0.1' },
    { log, timeouts: TEST_TIMEOUTS },
  );
});
afterAll(async () => {
  await server.closeAsync();
  await upstream.closeAsync();
});
beforeEach(() => {
  lines.length = 0;
  upstream.requests.length = 0;
  upstream.abandoned.length = 0;
  upstream.reply = echoReply;
});

function expectRelayError(response: RawResponse, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['x-relay-error']).toBe(code);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['access-control-allow-origin']).toBe('*');
  expect(response.json()).toEqual({ error: expect.stringMatching(/\S/) });
}

describe('requests Node refuses before the relay reads them', () => {
  it.each([
    ['a header line without a colon', 400, 'path', 'GET /runway/v1/tasks/abc HTTP/1.1\r\nHost: relay\r\nnot a header\r\n\r\n'],
    ['a method that is not a token', 400, 'path', 'G(T /runway/v1/tasks/abc HTTP/1.1\r\nHost: relay\r\n\r\n'],
    ['headers over 16 KB', 431, 'too-large', `GET /runway/v1/tasks/abc HTTP/1.1\r\nHost: relay\r\nx-big: ${'a'.repeat(17 * 1024)}\r\n\r\n`],
    ['headers that never end', 408, 'timeout', 'GET /runway/v1/tasks/abc HTTP/1.1\r\nHost: relay\r\nx-slow: 1\r\n'],
  ])('answers %s with %i %s, and logs it once', async (_label, status, code, bytes) => {
    expectRelayError(await rawExchangeAsync(server.url, bytes), status, code);
    expect(lines).toEqual([`- - ${status} ${code}`]);
    expect(upstream.requests).toEqual([]);
  });

  it.each([
    [
      'a Host header naming another host',
      400,
      'GET /runway/v1/tasks/abc HTTP/1.1\r\nHost: relay.example@elsewhere.example\r\nConnection: close\r\n\r\n',
    ],
    ['no Host header', 400, 'GET /runway/v1/tasks/abc HTTP/1.1\r\nConnection: close\r\n\r\n'],
    ['a backslash in the path', 404, 'GET /runway-output/a\\..\\..\\x HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n'],
  ])('answers %s with %i path, naming the request in its log line', async (_label, status, bytes) => {
    expectRelayError(await rawExchangeAsync(server.url, bytes), status, 'path');
    const [method, path] = bytes.split(' ');
    expect(lines).toEqual([`${method} ${path} ${status} path 0ms`]);
    expect(upstream.requests).toEqual([]);
  });

  it('answers 408 timeout to a body that does not arrive in time, and logs its request as client-closed', async () => {
    const response = await rawExchangeAsync(
      server.url,
      'POST /segmind/v1/runway-gen4-image HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"promptText":',
    );
    expectRelayError(response, 408, 'timeout');
    expect(await untilAsync(() => lines.length > 0)).toBe(true);
    expect(lines).toEqual([expect.stringMatching(/^POST \/segmind\/v1\/runway-gen4-image client-closed \d+ms$/)]);
    expect(upstream.requests).toEqual([]);
  });
});

describe('a caller that leaves while the relay waits for the provider', () => {
  it('before the answer is logged once as client-closed, and the provider’s request is aborted', async () => {
    upstream.reply = () => ({ kind: 'hang' });
    const call = openRequest(server.url, {
      method: 'POST',
      path: '/segmind/v2/runway-gen4-image',
      headers: { 'content-type': 'application/json' },
    });
    call.end(Buffer.from('{"promptText":"a"}'));
    expect(await untilAsync(() => upstream.requests.length === 1)).toBe(true);
    call.leave();
    expect(await untilAsync(() => upstream.abandoned.length === 1)).toBe(true);
    expect(await untilAsync(() => lines.length > 0)).toBe(true);
    expect(lines).toEqual([expect.stringMatching(/^POST \/segmind\/v2\/runway-gen4-image client-closed \d+ms$/)]);
  });

  it('during the answer is logged once as client-closed, and the provider’s request is aborted', async () => {
    upstream.reply = () => ({
      kind: 'stall',
      status: 200,
      headers: { 'content-type': 'image/png', 'content-length': '100000' },
      body: Buffer.alloc(1024, 0x89),
    });
    const call = openRequest(server.url, { method: 'GET', path: '/runway-output/leaving/image.png' });
    call.end();
    expect(await untilAsync(() => upstream.requests.length === 1)).toBe(true);
    call.leave();
    expect(await untilAsync(() => upstream.abandoned.length === 1)).toBe(true);
    expect(await untilAsync(() => lines.length > 0)).toBe(true);
    expect(lines).toEqual([expect.stringMatching(/^GET \/runway-output\/leaving\/image\.png client-closed \d+ms$/)]);
  });
});

describe('NODE_SERVER_TIMEOUTS', () => {
  it('gives a body of the default 20 MB limit at 1 Mbit/s time to arrive', () => {
    const uploadMs = ((DEFAULT_MAX_BODY_BYTES * 8) / 1_000_000) * 1000;
    expect(NODE_SERVER_TIMEOUTS.requestTimeoutMs).toBeGreaterThan(NODE_SERVER_TIMEOUTS.headersTimeoutMs + uploadMs);
  });

  it('keeps an idle connection longer than the plugin waits between two polls', () => {
    expect(NODE_SERVER_TIMEOUTS.keepAliveTimeoutMs).toBeGreaterThan(MIN_POLL_INTERVAL_MS);
  });
});
