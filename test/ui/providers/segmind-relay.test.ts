// The Segmind provider through the real relay (relay/, under Node), with Node's fetch over 127.0.0.1: the relay
// in front of the Segmind stand-in, the relay's own refusals, a relay that is not running, and what a blocked
// direct call says.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sniffImage } from '../../../core/image-bytes';
import type { GenerationFailure, GenerationOutcome, GenerationRequest } from '../../../ui/providers/provider';
import { RELAY_ERROR_HEADER } from '../../../core/relay-contract';
import { createSegmindProvider } from '../../../ui/providers/segmind';
import { buildSegmindRequest, classifySegmindResponse } from '../../../ui/providers/segmind-protocol';
import { closedPortUrlAsync, startRecordingUpstreamAsync } from '../../relay/support/recording-upstream';
import { startTestRelayAsync, type TestRelay } from '../../support/node-relay';
import { solidJpeg, startSegmindStandIn, STAND_IN_PATH, type SegmindStandIn } from '../../support/segmind-stand-in';

const KEY = 'sk-test-relay-3c4d';
const TEAM_KEY = 'sk-test-team-key-9e0f';
const TOKEN = 'relay-test-token-a1b2';
const REQUEST: GenerationRequest = {
  model: 'runway-gen4-image',
  prompt: 'A poster of @shoe on a beach at dusk',
  ratio: '960:960',
  references: [{ uri: `data:image/jpeg;base64,${Buffer.from(solidJpeg(16, 16, [90, 90, 90])).toString('base64')}`, tag: 'shoe' }],
};

let standIn: SegmindStandIn;
let cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  standIn = await startSegmindStandIn({ apiKey: TEAM_KEY });
});
afterAll(() => standIn.close());
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
  standIn.setMode('ok');
  standIn.requests.length = 0;
});

/** The relay in front of the stand-in (or `env`'s SEGMIND_API_BASE), with a token and the team's key when given. */
async function relayAsync(options: { token?: string; segmindKey?: string; env?: Record<string, string> } = {}): Promise<TestRelay> {
  const relay = await startTestRelayAsync({
    SEGMIND_API_BASE: standIn.url,
    ...(options.token !== undefined ? { RELAY_TOKEN: options.token } : {}),
    ...(options.segmindKey !== undefined ? { SEGMIND_API_KEY: options.segmindKey } : {}),
    ...options.env,
  });
  cleanups.push(() => relay.closeAsync());
  return relay;
}

function failureOf(outcome: GenerationOutcome): GenerationFailure {
  if (outcome.ok) throw new Error('expected a failure, got an image');
  return outcome.failure;
}

describe('the request and the answer, as data', () => {
  it('carries the token, and leaves out an empty key', () => {
    expect(buildSegmindRequest('http://127.0.0.1:8787/segmind', REQUEST, '', ` ${TOKEN} `).init.headers).toEqual({
      'Content-Type': 'application/json',
      'x-relay-token': TOKEN,
    });
    expect(buildSegmindRequest('https://api.segmind.com', REQUEST, KEY).init.headers).toEqual({
      'x-api-key': KEY,
      'Content-Type': 'application/json',
    });
  });

  it("reads the relay's refusal before Segmind's meaning of the status", () => {
    const bytes = new TextEncoder().encode('{"error":"invalid token"}');
    const relayed = classifySegmindResponse({ status: 401, headers: new Headers({ [RELAY_ERROR_HEADER]: 'token' }), bytes });
    expect(relayed).toEqual({
      ok: false,
      failure: expect.objectContaining({ kind: 'auth', message: expect.stringMatching(/^The relay refused/) }),
    });
    const segmind = classifySegmindResponse({ status: 401, headers: new Headers(), bytes });
    expect(segmind).toEqual({
      ok: false,
      failure: expect.objectContaining({ message: expect.stringMatching(/^Segmind refused the API key/) }),
    });
  });
});

describe('through a relay', () => {
  it("passes the designer's key through, under /segmind, with the token", async () => {
    const relay = await relayAsync();
    const provider = createSegmindProvider({ relay: { url: `${relay.url}/`, token: TOKEN } });
    const outcome = await provider.generateAsync(REQUEST, { apiKey: TEAM_KEY });
    if (!outcome.ok) throw new Error(outcome.failure.message);
    expect(sniffImage(outcome.image.bytes)).toMatchObject({ width: 960, height: 960 });
    expect(relay.calls.map((r) => [r.method, r.path, r.headers.get('x-api-key'), r.headers.get('x-relay-token')])).toEqual([
      ['POST', `/segmind${STAND_IN_PATH}`, TEAM_KEY, TOKEN],
    ]);
    expect(standIn.requests.map((r) => [r.method, r.path, r.headers['x-api-key']])).toEqual([['POST', STAND_IN_PATH, TEAM_KEY]]);
  });

  it('needs no key when the relay holds one: none is sent', async () => {
    const relay = await relayAsync({ token: TOKEN, segmindKey: TEAM_KEY });
    const provider = createSegmindProvider({ relay: { url: relay.url, token: TOKEN } });
    const outcome = await provider.generateAsync(REQUEST, { apiKey: '  ' });
    expect(outcome.ok).toBe(true);
    expect(relay.calls.map((r) => [r.path, r.headers.has('x-api-key')])).toEqual([[`/segmind${STAND_IN_PATH}`, false]]);
    expect(standIn.requests[0]?.headers['x-api-key']).toBe(TEAM_KEY);
  });

  it("still refuses a key a header can't carry", async () => {
    const relay = await relayAsync();
    const provider = createSegmindProvider({ relay: { url: relay.url, token: null } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: 'sk-test-ключ' }));
    expect(failure.kind).toBe('auth');
    expect(relay.calls).toHaveLength(0);
  });

  it('says a wrong token is the relay’s refusal, not Segmind’s', async () => {
    const relay = await relayAsync({ token: TOKEN, segmindKey: TEAM_KEY });
    const provider = createSegmindProvider({ relay: { url: relay.url, token: 'relay-test-wrong' } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: '' }));
    expect(failure).toEqual({
      kind: 'auth',
      message: 'The relay refused the request: its token is missing or wrong. Paste the team’s relay token in Settings.',
    });
    expect(relay.log).toEqual([expect.stringMatching(new RegExp(`^POST /segmind${STAND_IN_PATH} 401 token `))]);
    expect(standIn.requests).toHaveLength(0);
  });

  it.each([
    // Over the relay's body cap: the JSON with its data URI is a few hundred bytes.
    [
      413,
      'too-large',
      'bad-request',
      'The request is larger than the relay accepts.',
      async () => ({ relay: await relayAsync({ env: { MAX_BODY_BYTES: '100' } }), path: '' }),
    ],
    // A Relay URL with a path the relay doesn't serve.
    [
      404,
      'path',
      'bad-request',
      'The relay does not forward this request.',
      async () => ({ relay: await relayAsync(), path: '/not-the-base' }),
    ],
    // Segmind is unreachable from the relay.
    [
      502,
      'upstream',
      'unreachable',
      'The relay could not reach the provider.',
      async () => ({ relay: await relayAsync({ env: { SEGMIND_API_BASE: await closedPortUrlAsync() } }), path: '' }),
    ],
  ] as const)('names the relay’s own %i (%s) refusal', async (status, code, kind, message, setUpAsync) => {
    const { relay, path } = await setUpAsync();
    const provider = createSegmindProvider({ relay: { url: `${relay.url}${path}`, token: TOKEN } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe(kind);
    expect(failure.message).toContain(message);
    // The relay itself refused, as its log says.
    expect(relay.log).toEqual([expect.stringMatching(new RegExp(`^POST ${path}/segmind${STAND_IN_PATH} ${status} ${code} `))]);
    expect(standIn.requests).toHaveLength(0);
  });

  it('hides the key and the token when an answer repeats them', async () => {
    // An upstream that quotes what it was sent, and the token, in its error.
    const upstream = await startRecordingUpstreamAsync();
    cleanups.push(() => upstream.closeAsync());
    upstream.reply = (request) => ({
      kind: 'answer',
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: `token ${TOKEN} and key ${String(request.headers['x-api-key'])} were seen` }),
    });
    const relay = await relayAsync({ env: { SEGMIND_API_BASE: upstream.url } });
    const provider = createSegmindProvider({ relay: { url: relay.url, token: TOKEN } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(upstream.requests.map((r) => r.headers['x-api-key'])).toEqual([KEY]);
    expect(failure.kind).toBe('server');
    expect(failure.message).toContain('token [key hidden] and key [key hidden] were seen');
    expect(failure.message).not.toContain(TOKEN);
    expect(failure.message).not.toContain(KEY);
  });

  it('says the relay could not be reached, naming its address, not CORS', async () => {
    const url = await closedPortUrlAsync();
    const provider = createSegmindProvider({ relay: { url, token: TOKEN } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(
      new RegExp(`^The relay at ${url.replace(/[.]/g, '\\.')} could not be reached\\. Is it running \\(npm run relay`),
    );
    expect(failure.message).toContain('Relay URL in Settings');
    expect(failure.message).not.toContain('CORS');
    expect(failure.message).not.toContain(TOKEN);
  });
});

describe('a direct call that cannot get through', () => {
  it('says CORS or offline, and how to start the relay and where to paste its URL', async () => {
    const provider = createSegmindProvider({ baseUrl: await closedPortUrlAsync() });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toContain('The request could not reach Segmind from the plugin.');
    expect(failure.message).toContain('(CORS)');
    expect(failure.message).toContain('run npm run relay');
    expect(failure.message).toContain('Settings → Relay URL');
    expect(failure.message).not.toContain(KEY);
  });

  it('sends no relay token', async () => {
    const provider = createSegmindProvider({ baseUrl: standIn.url });
    expect((await provider.generateAsync(REQUEST, { apiKey: TEAM_KEY })).ok).toBe(true);
    expect(standIn.requests[0]?.headers).not.toHaveProperty('x-relay-token');
  });
});
