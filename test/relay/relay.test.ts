// One table of HTTP-level checks, run against the same relay under Node and under workerd (miniflare),
// with recording upstreams on 127.0.0.1 standing in for Segmind, Runway and Runway's output host.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES } from '../../relay/src/body';
import { relayFailure } from '../../ui/providers/relay-errors';
import { logLinesOnceAsync } from './support/logs';
import { openRequest, rawRequestAsync, type RawRequest, type RawResponse } from './support/raw-http';
import { closedPortUrlAsync, echoReply, startRecordingUpstreamAsync, type RecordingUpstream } from './support/recording-upstream';
import { RUNTIMES, type RunningRelay } from './support/runtimes';
import { untilAsync } from './support/until';

const SEGMIND_KEY = 'sk-test-relay-segmind-5f1c';
const RUNWAY_KEY = `key_${'ab12'.repeat(32)}`;
const RELAY_TOKEN = 'rt-test-relay-token-9d2e7a';
const CALLER_SEGMIND_KEY = 'sk-test-caller-segmind-77aa';
const CALLER_RUNWAY_KEY = `key_${'cd34'.repeat(32)}`;
const RUNWAY_VERSION = '2024-11-06';
const OUTPUT_SIGNATURE = 'Signature=sig-test-0a1b2c';
const MB = 1024 * 1024;

/** A Segmind request as the plugin sends it, its reference `referenceBytes` random bytes (4/3 that as base64), with a marker to look for in logs. */
function segmindBody(referenceBytes: number): Buffer {
  const uri = `data:image/jpeg;base64,${randomBytes(referenceBytes).toString('base64')}`;
  return Buffer.from(
    JSON.stringify({ promptText: 'BODY-MARKER @model in a garden', referenceImages: [{ uri, tag: 'model' }], ratio: '1280:720' }),
  );
}

/** A JPEG-looking answer: the JPEG magic number, then random bytes (a byte-exact check needs no decoder). */
function jpegLikeBytes(bytes: number): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 4)]);
}

function expectRelayError(response: RawResponse, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['x-relay-error']).toBe(code);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['access-control-allow-origin']).toBe('*');
  expect(response.json()).toEqual({ error: expect.stringMatching(/\S/) });
}

describe.each(RUNTIMES)('the relay under $name', (runtime) => {
  let segmind: RecordingUpstream;
  let runway: RecordingUpstream;
  let output: RecordingUpstream;
  /** A host the relay must never reach (a redirect's target). */
  let elsewhere: RecordingUpstream;
  const upstreamEnv = (): Record<string, string> => ({
    SEGMIND_API_BASE: segmind.url,
    RUNWAY_API_BASE: runway.url,
    RUNWAY_OUTPUT_BASE: output.url,
  });
  const allRequests = () => [...segmind.requests, ...runway.requests, ...output.requests, ...elsewhere.requests];

  beforeAll(async () => {
    [segmind, runway, output, elsewhere] = await Promise.all([
      startRecordingUpstreamAsync(),
      startRecordingUpstreamAsync(),
      startRecordingUpstreamAsync(),
      startRecordingUpstreamAsync(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([segmind, runway, output, elsewhere].map((upstream) => upstream.closeAsync()));
  });
  beforeEach(() => {
    for (const upstream of [segmind, runway, output, elsewhere]) {
      upstream.requests.length = 0;
      upstream.abandoned.length = 0;
      upstream.reply = echoReply;
    }
  });

  /** Starts a relay for the enclosing describe block; the getter is valid inside its tests. */
  function relayWith(env: () => Record<string, string>): { send(raw: RawRequest): Promise<RawResponse>; relay(): RunningRelay } {
    let running: RunningRelay | undefined;
    beforeAll(async () => {
      running = await runtime.startAsync(env());
    });
    afterAll(async () => {
      await running?.closeAsync();
    });
    const relay = (): RunningRelay => {
      if (running === undefined) throw new Error('relay not started');
      return running;
    };
    return { relay, send: (raw) => rawRequestAsync(relay().url, raw) };
  }

  describe('without keys of its own (callers bring theirs)', () => {
    const { send, relay } = relayWith(upstreamEnv);

    describe('forwarding', () => {
      it('forwards a ~6 MB Segmind request byte for byte with its headers, and passes the answer back', async () => {
        const body = segmindBody(4.5 * MB);
        expect(body.length).toBeGreaterThan(6 * MB);
        const image = jpegLikeBytes(700 * 1024);
        segmind.reply = () => ({
          kind: 'answer',
          status: 200,
          headers: {
            'content-type': 'image/jpeg',
            'x-remaining-credits': '97.25',
            'x-cost': '0.08',
            'x-generation-time': '28.4',
            'x-seed-value': '1234',
            'x-request-id': 'req-abc',
            'set-cookie': 'upstream=1',
            server: 'upstream-server',
          },
          body: image,
        });
        const response = await send({
          method: 'POST',
          path: '/segmind/v1/runway-gen4-image?debug=1',
          headers: {
            'content-type': 'application/json',
            'x-api-key': CALLER_SEGMIND_KEY,
            origin: 'null',
            cookie: 'session=do-not-forward',
            'x-relay-token': 'not-needed-here',
            'x-forwarded-for': '203.0.113.9',
          },
          body,
        });

        expect(segmind.requests).toHaveLength(1);
        const [received] = segmind.requests;
        expect(received?.method).toBe('POST');
        expect(received?.path).toBe('/v1/runway-gen4-image');
        expect(received?.body.equals(body)).toBe(true);
        expect(received?.headers['content-length']).toBe(String(body.length));
        expect(received?.headers['content-type']).toBe('application/json');
        expect(received?.headers['x-api-key']).toBe(CALLER_SEGMIND_KEY);
        expect(received?.headers.host).toBe(new URL(segmind.url).host);
        for (const name of ['cookie', 'origin', 'x-relay-token', 'x-forwarded-for', 'authorization']) {
          expect(received?.headers[name], name).toBeUndefined();
        }

        expect(response.status).toBe(200);
        expect(response.body.equals(image)).toBe(true);
        expect(response.headers['content-type']).toBe('image/jpeg');
        expect(response.headers['x-remaining-credits']).toBe('97.25');
        expect(response.headers['x-cost']).toBe('0.08');
        expect(response.headers['x-generation-time']).toBe('28.4');
        expect(response.headers['x-seed-value']).toBe('1234');
        expect(response.headers['x-request-id']).toBe('req-abc');
        expect(response.headers['set-cookie']).toBeUndefined();
        expect(response.headers['x-relay-error']).toBeUndefined();
        expect(response.headers['access-control-allow-origin']).toBe('*');
        const exposed = String(response.headers['access-control-expose-headers']).split(/,\s*/);
        expect(exposed).toEqual(
          expect.arrayContaining([
            'x-remaining-credits',
            'x-cost',
            'x-seed-value',
            'x-request-id',
            'x-rate-limit-reset-at-utc',
            'retry-after',
            'x-relay-error',
          ]),
        );
      });

      it('passes a declared Content-Length of the answer through', async () => {
        const image = jpegLikeBytes(64 * 1024);
        output.reply = () => ({
          kind: 'answer',
          status: 200,
          headers: { 'content-type': 'image/png', 'content-length': String(image.length) },
          body: image,
        });
        const response = await send({ method: 'GET', path: '/runway-output/task/abc.png' });
        expect(response.status).toBe(200);
        expect(response.headers['content-length']).toBe(String(image.length));
        expect(response.body.equals(image)).toBe(true);
      });

      it.each([
        [401, { 'content-type': 'application/json' }, '{"error":"Invalid API key"}'],
        [406, { 'content-type': 'application/json' }, '{"error":"Insufficient credits"}'],
        [429, { 'content-type': 'application/json', 'x-rate-limit-reset-at-utc': '2026-01-01T00:01:00Z' }, '{"error":"Rate limited"}'],
        [503, { 'content-type': 'text/html', 'retry-after': '7', 'retry-after-ms': '7000' }, '<html>busy</html>'],
      ])('passes the provider’s own %i answer back unchanged, without a relay error mark', async (status, headers, body) => {
        segmind.reply = () => ({ kind: 'answer', status, headers, body });
        const response = await send({
          method: 'POST',
          path: '/segmind/v1/runway-gen4-image',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        expect(response.status).toBe(status);
        expect(response.body.toString()).toBe(body);
        for (const [name, value] of Object.entries(headers)) expect(response.headers[name]).toBe(value);
        expect(response.headers['x-relay-error']).toBeUndefined();
        expect(relayFailure(new Headers(response.headers as Record<string, string>))).toBeNull();
      });

      it('forwards Segmind’s v2 submit, status and response paths, dropping the query string', async () => {
        const submit = await send({
          method: 'POST',
          path: '/segmind/v2/runway-gen4-image',
          headers: { 'content-type': 'application/json' },
          body: '{"promptText":"a"}',
        });
        const status = await send({ method: 'GET', path: '/segmind/v2/requests/Req_1-a/status?x=1' });
        const result = await send({ method: 'GET', path: '/segmind/v2/requests/Req_1-a/response' });
        expect([submit.status, status.status, result.status]).toEqual([200, 200, 200]);
        expect(segmind.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
          'POST /v2/runway-gen4-image',
          'GET /v2/requests/Req_1-a/status',
          'GET /v2/requests/Req_1-a/response',
        ]);
        expect(segmind.requests[0]?.body.toString()).toBe('{"promptText":"a"}');
      });

      it('forwards Runway’s create, poll and cancel with the caller’s Authorization and X-Runway-Version', async () => {
        const headers = { authorization: `Bearer ${CALLER_RUNWAY_KEY}`, 'x-runway-version': RUNWAY_VERSION };
        runway.reply = (request) =>
          request.method === 'DELETE'
            ? { kind: 'answer', status: 204 }
            : {
                kind: 'answer',
                status: 200,
                headers: { 'content-type': 'application/json' },
                body: '{"id":"0c6c1bde-1d53-4a4e-8b0e-4c1d7d4a2f10"}',
              };
        const create = await send({
          method: 'POST',
          path: '/runway/v1/text_to_image',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{"model":"gen4_image"}',
        });
        const poll = await send({ method: 'GET', path: '/runway/v1/tasks/0c6c1bde-1d53-4a4e-8b0e-4c1d7d4a2f10', headers });
        const cancel = await send({ method: 'DELETE', path: '/runway/v1/tasks/0c6c1bde-1d53-4a4e-8b0e-4c1d7d4a2f10', headers });
        expect([create.status, poll.status, cancel.status]).toEqual([200, 200, 204]);
        expect(create.json()).toEqual({ id: '0c6c1bde-1d53-4a4e-8b0e-4c1d7d4a2f10' });
        expect(cancel.body.length).toBe(0);
        expect(runway.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
          'POST /v1/text_to_image',
          'GET /v1/tasks/0c6c1bde-1d53-4a4e-8b0e-4c1d7d4a2f10',
          'DELETE /v1/tasks/0c6c1bde-1d53-4a4e-8b0e-4c1d7d4a2f10',
        ]);
        for (const received of runway.requests) {
          expect(received.headers.authorization).toBe(`Bearer ${CALLER_RUNWAY_KEY}`);
          expect(received.headers['x-runway-version']).toBe(RUNWAY_VERSION);
        }
        expect(runway.requests[0]?.body.toString()).toBe('{"model":"gen4_image"}');
      });

      it('forwards Runway’s image_upscale with a 5 MB data URI, the caller’s Authorization and X-Runway-Version', async () => {
        const headers = { authorization: `Bearer ${CALLER_RUNWAY_KEY}`, 'x-runway-version': RUNWAY_VERSION };
        runway.reply = () => ({
          kind: 'answer',
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '{"id":"7d1e0c52-5f0a-4bde-9a55-0f3a1c2b4e77","estimatedCost":{"credits":10}}',
        });
        const body = JSON.stringify({
          model: 'magnific_precision_upscaler_v2',
          imageUri: `data:image/png;base64,${'A'.repeat(5 * 1024 * 1024)}`,
          scaleFactor: 2,
          flavor: 'photo',
        });
        const create = await send({
          method: 'POST',
          path: '/runway/v1/image_upscale',
          headers: { ...headers, 'content-type': 'application/json' },
          body,
        });
        expect(create.status).toBe(200);
        expect(create.json()).toEqual({ id: '7d1e0c52-5f0a-4bde-9a55-0f3a1c2b4e77', estimatedCost: { credits: 10 } });
        expect(runway.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/image_upscale']);
        expect(runway.requests[0]?.headers.authorization).toBe(`Bearer ${CALLER_RUNWAY_KEY}`);
        expect(runway.requests[0]?.headers['x-runway-version']).toBe(RUNWAY_VERSION);
        expect(runway.requests[0]?.body.toString()).toBe(body);
      });

      it('fetches Runway output with its signed query string, and sends no credentials to the output host', async () => {
        const response = await send({
          method: 'GET',
          path: `/runway-output/2f1a/task-9/0.png?Expires=1767225600&${OUTPUT_SIGNATURE}&Key-Pair-Id=K2ABC`,
          headers: { authorization: `Bearer ${CALLER_RUNWAY_KEY}`, 'x-api-key': CALLER_SEGMIND_KEY },
        });
        expect(response.status).toBe(200);
        expect(output.requests.map((r) => r.path)).toEqual([`/2f1a/task-9/0.png?Expires=1767225600&${OUTPUT_SIGNATURE}&Key-Pair-Id=K2ABC`]);
        expect(output.requests[0]?.headers.authorization).toBeUndefined();
        expect(output.requests[0]?.headers['x-api-key']).toBeUndefined();
      });

      it('never sends a request with an absolute-form target to the host it names', async () => {
        const response = await send({ method: 'GET', path: `${elsewhere.url}/runway/v1/tasks/abc-1` });
        expect(elsewhere.requests).toEqual([]);
        if (runtime.name === 'node') {
          // Node hands the target to the relay, which goes to its configured Runway base as always.
          expect(response.status).toBe(200);
          expect(runway.requests.map((r) => r.path)).toEqual(['/v1/tasks/abc-1']);
        } else {
          // workerd's HTTP server refuses an absolute-form target before the Worker runs.
          expect(response.status).toBe(500);
          expect(allRequests()).toEqual([]);
        }
      });
    });

    describe('CORS for the plugin’s iframe (origin null)', () => {
      it.each([
        ['/segmind/v1/runway-gen4-image', 'POST', 'POST'],
        ['/segmind/v2/requests/abc/status', 'GET', 'GET'],
        ['/runway/v1/text_to_image', 'POST', 'POST'],
        ['/runway/v1/image_upscale', 'POST', 'POST'],
        ['/runway/v1/tasks/abc-1', 'DELETE', 'GET, DELETE'],
        ['/runway-output/a/b.png', 'GET', 'GET'],
      ])('answers the preflight for %s (%s) without forwarding it', async (path, method, allowed) => {
        const response = await send({
          method: 'OPTIONS',
          path,
          headers: {
            origin: 'null',
            'access-control-request-method': method,
            'access-control-request-headers': 'content-type,x-api-key,authorization,x-runway-version,x-relay-token,x-evil',
          },
        });
        expect(response.status).toBe(204);
        expect(response.headers['access-control-allow-origin']).toBe('*');
        expect(response.headers['access-control-allow-methods']).toBe(allowed);
        expect(String(response.headers['access-control-allow-headers']).split(/,\s*/).sort()).toEqual([
          'authorization',
          'content-type',
          'x-api-key',
          'x-relay-token',
          'x-runway-version',
        ]);
        expect(allRequests()).toEqual([]);
      });

      it('lets the plugin in Figma on the web call a relay on this machine (Private Network Access)', async () => {
        const response = await send({
          method: 'OPTIONS',
          path: '/runway/v1/text_to_image',
          headers: { origin: 'null', 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
        });
        expect(response.status).toBe(204);
        expect(response.headers['access-control-allow-private-network']).toBe('true');
      });

      it.each([
        ['a web site', { origin: 'https://any-site.example' }],
        ['a page on this machine', { origin: 'http://localhost:3000' }],
        ['a caller that names no origin', {}],
      ])('does not let %s into this machine’s network through the relay', async (_label, origin: Record<string, string>) => {
        const response = await send({
          method: 'OPTIONS',
          path: '/runway/v1/text_to_image',
          headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-private-network': 'true' },
        });
        expect(response.status).toBe(204);
        expect(response.headers['access-control-allow-private-network']).toBeUndefined();
      });

      it('lets the preflight for an unknown path through, so the page can read the relay’s 404', async () => {
        const preflight = await send({
          method: 'OPTIONS',
          path: '/api/segmind/v1/runway-gen4-image',
          headers: { origin: 'null', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
        const actual = await send({ method: 'POST', path: '/api/segmind/v1/runway-gen4-image', headers: { origin: 'null' }, body: '{}' });
        expectRelayError(actual, 404, 'path');
        expect(relayFailure(new Headers({ 'x-relay-error': String(actual.headers['x-relay-error']) }))?.message).toMatch(/Relay URL/);
      });
    });

    describe('refusals', () => {
      it.each([
        ['GET', '/'],
        ['POST', '/v1/runway-gen4-image'],
        ['POST', '/segmind/v1/flux-schnell'],
        ['POST', '/segmind/v1/runway-gen4-image/extra'],
        ['POST', '/segmind/v1/runway-gen4-image/'],
        ['POST', '/runway/v1/image_to_video'],
        ['GET', '/runway/v1/tasks/'],
        ['GET', '/runway/v1/tasks/abc/'],
        ['GET', '/runway/v1/tasks/a_b'],
        ['GET', `/runway/v1/tasks/${'a'.repeat(65)}`],
        ['GET', '/runway/v1/organization'],
        ['GET', `/segmind/v2/requests/${'a'.repeat(129)}/status`],
        ['GET', '/segmind/v2/requests/abc/other'],
        ['GET', '/runway-output'],
        ['GET', '/runway-output/'],
        ['GET', '/runway-output/../x'],
        ['GET', '/runway-output/%2e%2e/x'],
        ['GET', '/runway-output/a/%2e%2e/%2e%2e/x'],
        ['GET', '/runway-output/.%2E/x'],
        ['GET', '/runway/v1/tasks/../../x'],
        ['GET', '/runway/v1/tasks/..%2f..%2fx'],
        ['GET', '/runway/v1/tasks/abc%2Fdef'],
        ['GET', '/runway-output/a%2fb.png'],
        ['GET', '/runway-output//evil.example/x.png'],
        ['GET', '/runway-output/a%00.png'],
        ['GET', '/runway-output/a@evil.example/x.png'],
        ['GET', '/runway-output/%40evil.example/x.png'],
      ])('%s %s → 404 path, nothing forwarded', async (method, path) => {
        const response = await send({ method, path, headers: { origin: 'null' } });
        expectRelayError(response, 404, 'path');
        expect(allRequests()).toEqual([]);
      });

      it.each([
        ['GET', '/segmind/v1/runway-gen4-image', 'POST'],
        ['PUT', '/segmind/v1/runway-gen4-image', 'POST'],
        ['DELETE', '/segmind/v2/requests/abc/status', 'GET'],
        ['POST', '/runway/v1/tasks/abc-1', 'GET, DELETE'],
        ['PATCH', '/runway/v1/tasks/abc-1', 'GET, DELETE'],
        ['GET', '/runway/v1/text_to_image', 'POST'],
        ['DELETE', '/runway-output/a/b.png', 'GET'],
      ])('%s %s → 405 path (Allow: %s), nothing forwarded', async (method, path, allow) => {
        const response = await send({
          method,
          path,
          headers: { origin: 'null' },
          body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
        });
        expectRelayError(response, 405, 'path');
        expect(response.headers.allow).toBe(allow);
        expect(allRequests()).toEqual([]);
      });

      it.each(['/runway-output/a\\..\\..\\x', '/runway/v1/tasks/abc\\def'])(
        'refuses the path %s (backslashes) with 404 path, nothing forwarded',
        async (path) => {
          // Node's adapter refuses a backslash before the app runs. workerd reads one as a slash, as URLs do (so
          // there `/runway\v1\tasks\abc` is `/runway/v1/tasks/abc`), and these paths are then not the relay's.
          const response = await send({ method: 'GET', path, headers: { origin: 'null' } });
          expectRelayError(response, 404, 'path');
          expect(allRequests()).toEqual([]);
        },
      );

      it('resolves `.` and `..` inside the output path before matching, so a path stays on the output host', async () => {
        const response = await send({ method: 'GET', path: '/runway-output/a/./b/../c.png' });
        expect(response.status).toBe(200);
        expect(output.requests.map((r) => r.path)).toEqual(['/a/c.png']);
      });

      it.each([
        ['/api/segmind/v1/runway-gen4-image', 404],
        ['/runway/v1/tasks/abc-1', 405],
      ])('answers a 6 MB POST to %s with a %i the caller can read (not a reset connection)', async (path, status) => {
        const response = await send({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: segmindBody(4.5 * MB) });
        expectRelayError(response, status, 'path');
        expect(allRequests()).toEqual([]);
      });

      it('HEAD is not forwarded as a GET', async () => {
        const response = await send({ method: 'HEAD', path: '/runway/v1/tasks/abc-1' });
        expect(response.status).toBe(405);
        expect(response.headers['x-relay-error']).toBe('path');
        expect(allRequests()).toEqual([]);
      });

      it('does not follow an upstream redirect to another host: 502 upstream', async () => {
        runway.reply = () => ({ kind: 'answer', status: 302, headers: { location: `${elsewhere.url}/stolen` } });
        const response = await send({
          method: 'GET',
          path: '/runway/v1/tasks/abc-1',
          headers: { authorization: `Bearer ${CALLER_RUNWAY_KEY}` },
        });
        expectRelayError(response, 502, 'upstream');
        expect(runway.requests).toHaveLength(1);
        expect(elsewhere.requests).toEqual([]);
      });

      it.each([false, true])('refuses a 21 MB body (sent in chunks: %s): 413 too-large, nothing forwarded', async (chunked) => {
        const response = await send({ method: 'POST', path: '/segmind/v1/runway-gen4-image', body: Buffer.alloc(21 * MB, 0x61), chunked });
        expectRelayError(response, 413, 'too-large');
        expect(response.json()).toEqual({ error: expect.stringMatching(/limit of 20971520 bytes/) });
        expect(allRequests()).toEqual([]);
      });

      it.each([
        ['declares its length', (bytes: Buffer) => ({ 'content-length': String(bytes.length) })],
        ['comes in chunks', () => ({ 'transfer-encoding': 'chunked' })],
      ])('answers 502 upstream when an answer over the relay’s limit %s, rather than hold it', async (_label, lengthHeaders) => {
        const oversized = Buffer.alloc(MAX_ANSWER_BYTES + 1, 0x2a);
        output.reply = () => ({
          kind: 'answer',
          status: 200,
          headers: { 'content-type': 'image/png', ...lengthHeaders(oversized) },
          body: oversized,
        });
        const response = await send({ method: 'GET', path: '/runway-output/huge/image.png' });
        expectRelayError(response, 502, 'upstream');
        expect(response.json()).toEqual({ error: expect.stringMatching(/larger than the relay passes on/) });
      });

      it('answers 502 upstream when the upstream drops the connection', async () => {
        segmind.reply = () => ({ kind: 'drop' });
        const response = await send({
          method: 'POST',
          path: '/segmind/v1/runway-gen4-image',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        expectRelayError(response, 502, 'upstream');
      });
    });

    it('logs one line per request with method, path, status and duration, and no query, key, header or body', async () => {
      await send({
        method: 'POST',
        path: '/segmind/v1/runway-gen4-image?debug=1',
        headers: { 'content-type': 'application/json', 'x-api-key': CALLER_SEGMIND_KEY, cookie: 'session=do-not-log' },
        body: segmindBody(1024),
      });
      await send({ method: 'GET', path: '/nothing-here' });
      await send({
        method: 'OPTIONS',
        path: '/runway/v1/tasks/log-check',
        headers: { origin: 'null', 'access-control-request-method': 'GET' },
      });
      await send({
        method: 'GET',
        path: `/runway-output/log/check.png?${OUTPUT_SIGNATURE}`,
        headers: { authorization: `Bearer ${CALLER_RUNWAY_KEY}` },
      });
      const lines = await logLinesOnceAsync(relay(), (line) => line.startsWith('GET /runway-output/log/check.png '));
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^POST \/segmind\/v1\/runway-gen4-image 200 \d+ms$/),
          expect.stringMatching(/^GET \/nothing-here 404 path \d+ms$/),
          expect.stringMatching(/^OPTIONS \/runway\/v1\/tasks\/log-check 204 \d+ms$/),
          expect.stringMatching(/^GET \/runway-output\/log\/check\.png 200 \d+ms$/),
        ]),
      );
      const joined = lines.join('\n');
      for (const secret of [
        CALLER_SEGMIND_KEY,
        CALLER_RUNWAY_KEY,
        OUTPUT_SIGNATURE,
        'BODY-MARKER',
        'do-not-log',
        'debug=1',
        'content-type',
      ]) {
        expect(joined).not.toContain(secret);
      }
    });
  });

  describe('with its own keys and a token', () => {
    const { send, relay } = relayWith(() => ({ ...upstreamEnv(), SEGMIND_API_KEY: SEGMIND_KEY, RUNWAY_API_KEY: RUNWAY_KEY, RELAY_TOKEN }));

    it.each([
      ['missing', {}],
      ['empty', { 'x-relay-token': '' }],
      ['wrong in its last character', { 'x-relay-token': `${RELAY_TOKEN.slice(0, -1)}f` }],
      ['a prefix of the token', { 'x-relay-token': RELAY_TOKEN.slice(0, 8) }],
      ['longer than the token', { 'x-relay-token': `${RELAY_TOKEN}0` }],
      ['sent as a provider key', { 'x-api-key': RELAY_TOKEN, authorization: `Bearer ${RELAY_TOKEN}` }],
    ])('refuses a token that is %s: 401 token, nothing forwarded', async (_label, headers) => {
      for (const raw of [
        { method: 'POST', path: '/segmind/v1/runway-gen4-image', body: '{}' },
        { method: 'GET', path: '/runway/v1/tasks/abc-1' },
        { method: 'GET', path: '/runway-output/a/b.png' },
      ]) {
        const response = await send({ ...raw, headers: { origin: 'null', ...headers } });
        expectRelayError(response, 401, 'token');
      }
      expect(allRequests()).toEqual([]);
    });

    it('answers a 6 MB request with a wrong token with a 401 the caller can read (not a reset connection)', async () => {
      const response = await send({
        method: 'POST',
        path: '/segmind/v1/runway-gen4-image',
        headers: { 'x-relay-token': 'wrong' },
        body: segmindBody(4.5 * MB),
      });
      expectRelayError(response, 401, 'token');
      expect(allRequests()).toEqual([]);
    });

    it('injects its Segmind key in place of the caller’s with the right token, and never forwards the token', async () => {
      const response = await send({
        method: 'POST',
        path: '/segmind/v1/runway-gen4-image',
        headers: { 'content-type': 'application/json', 'x-relay-token': RELAY_TOKEN, 'x-api-key': CALLER_SEGMIND_KEY },
        body: '{"promptText":"a"}',
      });
      expect(response.status).toBe(200);
      expect(response.headers['x-remaining-credits']).toBe('42.5');
      expect(segmind.requests).toHaveLength(1);
      expect(segmind.requests[0]?.headers['x-api-key']).toBe(SEGMIND_KEY);
      expect(segmind.requests[0]?.headers['x-relay-token']).toBeUndefined();
      expect(segmind.requests[0]?.headers.authorization).toBeUndefined();
    });

    it('injects its Runway key as a Bearer token, keeping the caller’s X-Runway-Version', async () => {
      await send({
        method: 'POST',
        path: '/runway/v1/text_to_image',
        headers: { 'x-relay-token': RELAY_TOKEN, 'x-runway-version': RUNWAY_VERSION, 'content-type': 'application/json' },
        body: '{}',
      });
      await send({
        method: 'DELETE',
        path: '/runway/v1/tasks/abc-1',
        headers: { 'x-relay-token': RELAY_TOKEN, authorization: `Bearer ${CALLER_RUNWAY_KEY}` },
      });
      expect(runway.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${RUNWAY_KEY}`, `Bearer ${RUNWAY_KEY}`]);
      expect(runway.requests[0]?.headers['x-runway-version']).toBe(RUNWAY_VERSION);
      expect(runway.requests.every((r) => r.headers['x-api-key'] === undefined && r.headers['x-relay-token'] === undefined)).toBe(true);
    });

    it('sends neither key to the output host', async () => {
      const response = await send({ method: 'GET', path: '/runway-output/a/b.png', headers: { 'x-relay-token': RELAY_TOKEN } });
      expect(response.status).toBe(200);
      expect(output.requests[0]?.headers.authorization).toBeUndefined();
      expect(output.requests[0]?.headers['x-api-key']).toBeUndefined();
    });

    it('answers preflights without a token (a browser cannot send one there)', async () => {
      const response = await send({
        method: 'OPTIONS',
        path: '/segmind/v1/runway-gen4-image',
        headers: {
          origin: 'null',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-relay-token',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-headers']).toBe('content-type, x-relay-token');
    });

    it('logs no key or token', async () => {
      await send({ method: 'GET', path: '/runway/v1/tasks/log-check-1', headers: { 'x-relay-token': RELAY_TOKEN.slice(0, 8) } });
      await send({ method: 'GET', path: '/runway/v1/tasks/log-check-2', headers: { 'x-relay-token': RELAY_TOKEN } });
      const lines = await logLinesOnceAsync(relay(), (line) => line.startsWith('GET /runway/v1/tasks/log-check-2 '));
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^GET \/runway\/v1\/tasks\/log-check-1 401 token \d+ms$/),
          expect.stringMatching(/^GET \/runway\/v1\/tasks\/log-check-2 200 \d+ms$/),
        ]),
      );
      const joined = lines.join('\n');
      for (const secret of [SEGMIND_KEY, RUNWAY_KEY, RELAY_TOKEN, RELAY_TOKEN.slice(0, 8), CALLER_SEGMIND_KEY, CALLER_RUNWAY_KEY]) {
        expect(joined).not.toContain(secret);
      }
    });
  });

  describe('with a token but no keys', () => {
    const { send } = relayWith(() => ({ ...upstreamEnv(), RELAY_TOKEN }));

    it('still requires the token, and passes the caller’s own key through', async () => {
      const refused = await send({
        method: 'POST',
        path: '/segmind/v1/runway-gen4-image',
        headers: { 'x-api-key': CALLER_SEGMIND_KEY },
        body: '{}',
      });
      expectRelayError(refused, 401, 'token');
      const allowed = await send({
        method: 'POST',
        path: '/segmind/v1/runway-gen4-image',
        headers: { 'x-api-key': CALLER_SEGMIND_KEY, 'x-relay-token': RELAY_TOKEN },
        body: '{}',
      });
      expect(allowed.status).toBe(200);
      expect(segmind.requests.map((r) => r.headers['x-api-key'])).toEqual([CALLER_SEGMIND_KEY]);
    });
  });

  describe('with a key but no token (misconfigured)', () => {
    const { send } = relayWith(() => ({ ...upstreamEnv(), SEGMIND_API_KEY: SEGMIND_KEY }));

    it.each([
      ['POST', '/segmind/v1/runway-gen4-image'],
      ['GET', '/runway/v1/tasks/abc-1'],
      ['GET', '/runway-output/a/b.png'],
    ])('refuses %s %s with 500 misconfigured, whatever the caller sends', async (method, path) => {
      const response = await send({
        method,
        path,
        headers: { 'x-relay-token': 'anything', 'x-api-key': CALLER_SEGMIND_KEY },
        body: method === 'POST' ? '{}' : undefined,
      });
      expectRelayError(response, 500, 'misconfigured');
      expect(JSON.stringify(response.json())).not.toContain(SEGMIND_KEY);
      expect(allRequests()).toEqual([]);
    });

    it('answers a 6 MB request with a 500 the caller can read (not a reset connection)', async () => {
      const response = await send({ method: 'POST', path: '/segmind/v1/runway-gen4-image', body: segmindBody(4.5 * MB) });
      expectRelayError(response, 500, 'misconfigured');
    });
  });

  describe('limits: a small body cap, a short upstream time, an unreachable upstream', () => {
    const CAP_BYTES = 1000;
    let unreachableBase = '';
    // Before relayWith's hook, which reads it.
    beforeAll(async () => {
      unreachableBase = await closedPortUrlAsync();
    });
    const { send, relay } = relayWith(() => ({
      ...upstreamEnv(),
      MAX_BODY_BYTES: String(CAP_BYTES),
      UPSTREAM_TIMEOUT_MS: '1000',
      RUNWAY_API_BASE: unreachableBase,
    }));

    it.each([false, true])('forwards a body of exactly the cap and refuses one byte more (chunked: %s)', async (chunked) => {
      const atCap = await send({ method: 'POST', path: '/segmind/v1/runway-gen4-image', body: Buffer.alloc(CAP_BYTES, 0x62), chunked });
      expect(atCap.status).toBe(200);
      expect(segmind.requests[0]?.body.length).toBe(CAP_BYTES);
      const over = await send({ method: 'POST', path: '/segmind/v1/runway-gen4-image', body: Buffer.alloc(CAP_BYTES + 1, 0x62), chunked });
      expectRelayError(over, 413, 'too-large');
      expect(segmind.requests).toHaveLength(1);
    });

    it('answers 504 timeout when the upstream does not answer in time', async () => {
      segmind.reply = () => ({ kind: 'hang' });
      const response = await send({ method: 'POST', path: '/segmind/v1/runway-gen4-image', body: '{}' });
      expectRelayError(response, 504, 'timeout');
      expect(segmind.requests).toHaveLength(1);
    });

    it('answers 504 timeout, logged once, when the upstream sends its headers and then stalls mid-body', async () => {
      output.reply = () => ({
        kind: 'stall',
        status: 200,
        headers: { 'content-type': 'image/png', 'content-length': String(MB) },
        body: Buffer.alloc(64 * 1024, 0x89),
      });
      const response = await send({ method: 'GET', path: '/runway-output/stalled/image.png', headers: { origin: 'null' } });
      expectRelayError(response, 504, 'timeout');
      expect(await untilAsync(() => output.abandoned.length === 1)).toBe(true);
      const lines = await logLinesOnceAsync(relay(), (line) => line.includes(' /runway-output/stalled/'));
      expect(lines.filter((line) => line.includes('/runway-output/stalled/') || line.startsWith('relay error'))).toEqual([
        expect.stringMatching(/^GET \/runway-output\/stalled\/image\.png 504 timeout \d+ms$/),
      ]);
    });

    it('passes a 3 MB answer whole within the time, stating its exact length', async () => {
      const image = jpegLikeBytes(3 * MB);
      output.reply = () => ({ kind: 'answer', status: 200, headers: { 'content-type': 'image/jpeg' }, body: image });
      const response = await send({ method: 'GET', path: '/runway-output/whole/image.jpg' });
      expect(response.status).toBe(200);
      expect(response.headers['content-length']).toBe(String(image.length));
      expect(response.body.equals(image)).toBe(true);
    });

    it('answers 502 upstream when nothing listens at the upstream’s address', async () => {
      const response = await send({ method: 'GET', path: '/runway/v1/tasks/abc-1' });
      expectRelayError(response, 502, 'upstream');
    });

    it('logs each refusal with its code', async () => {
      await send({ method: 'POST', path: '/segmind/v1/runway-gen4-image', body: Buffer.alloc(CAP_BYTES + 1) });
      await send({ method: 'GET', path: '/runway/v1/tasks/log-check' });
      const lines = await logLinesOnceAsync(relay(), (line) => line.startsWith('GET /runway/v1/tasks/log-check '));
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^POST \/segmind\/v1\/runway-gen4-image 413 too-large \d+ms$/),
          expect.stringMatching(/^GET \/runway\/v1\/tasks\/log-check 502 upstream \d+ms$/),
        ]),
      );
    });
  });

  // Under Node the relay also notices a caller that leaves while it waits for the provider (serve-node.test.ts);
  // local workerd notices only while it still reads the request.
  describe('a caller that leaves mid-upload', () => {
    const { relay } = relayWith(upstreamEnv);
    /** The relay's lines about `path` and any line it wrote about a failure of its own. */
    const linesAboutAsync = async (path: string): Promise<string[]> =>
      (await logLinesOnceAsync(relay(), (line) => line.includes(` ${path} `))).filter(
        (line) => line.includes(` ${path} `) || line.startsWith('relay error'),
      );

    it('is logged once as client-closed, and nothing is forwarded', async () => {
      const upload = openRequest(relay().url, {
        method: 'POST',
        path: '/segmind/v1/runway-gen4-image',
        headers: { 'content-type': 'application/json', 'content-length': String(8 * MB) },
      });
      await upload.writeAsync(Buffer.alloc(4 * MB, 0x61));
      upload.leave();
      expect(await linesAboutAsync('/segmind/v1/runway-gen4-image')).toEqual([
        expect.stringMatching(/^POST \/segmind\/v1\/runway-gen4-image client-closed \d+ms$/),
      ]);
      expect(allRequests()).toEqual([]);
    });
  });
});
