// The Segmind provider through a relay, with Node's fetch over 127.0.0.1: a relay in front of the Segmind
// stand-in, the relay's own refusals, a relay that is not running, and what a blocked direct call says.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sniffImage } from '../../core/image-bytes';
import type { GenerationFailure, GenerationOutcome, GenerationRequest } from '../../ui/providers/provider';
import { RELAY_ERROR_HEADER } from '../../ui/providers/relay-errors';
import { createSegmindProvider } from '../../ui/providers/segmind';
import { buildSegmindRequest, classifySegmindResponse } from '../../ui/providers/segmind-protocol';
import { solidJpeg, startSegmindStandIn, STAND_IN_PATH, type SegmindStandIn } from '../support/segmind-stand-in';
import { closedAddressAsync, startPrefixRelay, type PrefixRelay } from './prefix-relay';

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
let relays: PrefixRelay[] = [];
beforeAll(async () => {
  standIn = await startSegmindStandIn({ apiKey: TEAM_KEY });
});
afterAll(() => standIn.close());
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  relays = [];
  standIn.setMode('ok');
  standIn.requests.length = 0;
});

async function relayAsync(options: { token?: string; segmindKey?: string } = {}): Promise<PrefixRelay> {
  const relay = await startPrefixRelay({ upstreams: { segmind: standIn.url }, ...options });
  relays.push(relay);
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
    expect(relayed).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'auth', message: expect.stringMatching(/^The relay refused/) }) });
    const segmind = classifySegmindResponse({ status: 401, headers: new Headers(), bytes });
    expect(segmind).toEqual({ ok: false, failure: expect.objectContaining({ message: expect.stringMatching(/^Segmind refused the API key/) }) });
  });
});

describe('through a relay', () => {
  it("passes the designer's key through, under /segmind, with the token", async () => {
    const relay = await relayAsync();
    const provider = createSegmindProvider({ relay: { url: `${relay.url}/`, token: TOKEN } });
    const outcome = await provider.generateAsync(REQUEST, { apiKey: TEAM_KEY });
    if (!outcome.ok) throw new Error(outcome.failure.message);
    expect(sniffImage(outcome.image.bytes)).toMatchObject({ width: 960, height: 960 });
    expect(relay.requests.map((r) => [r.method, r.path, r.headers['x-api-key'], r.headers['x-relay-token']])).toEqual([
      ['POST', `/segmind${STAND_IN_PATH}`, TEAM_KEY, TOKEN],
    ]);
    expect(standIn.requests.map((r) => [r.method, r.path])).toEqual([['POST', STAND_IN_PATH]]);
  });

  it('needs no key when the relay holds one: none is sent', async () => {
    const relay = await relayAsync({ token: TOKEN, segmindKey: TEAM_KEY });
    const provider = createSegmindProvider({ relay: { url: relay.url, token: TOKEN } });
    const outcome = await provider.generateAsync(REQUEST, { apiKey: '  ' });
    expect(outcome.ok).toBe(true);
    expect(relay.requests[0]?.headers).not.toHaveProperty('x-api-key');
    expect(standIn.requests[0]?.headers['x-api-key']).toBe(TEAM_KEY);
  });

  it("still refuses a key a header can't carry", async () => {
    const relay = await relayAsync();
    const provider = createSegmindProvider({ relay: { url: relay.url, token: null } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: 'sk-test-ключ' }));
    expect(failure.kind).toBe('auth');
    expect(relay.requests).toHaveLength(0);
  });

  it('says a wrong token is the relay’s refusal, not Segmind’s', async () => {
    const relay = await relayAsync({ token: TOKEN, segmindKey: TEAM_KEY });
    const provider = createSegmindProvider({ relay: { url: relay.url, token: 'relay-test-wrong' } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: '' }));
    expect(failure).toEqual({
      kind: 'auth',
      message: 'The relay refused the request: its token is missing or wrong. Paste the team’s relay token in Settings.',
    });
    expect(standIn.requests).toHaveLength(0);
  });

  it.each([
    [413, 'too-large', 'bad-request', 'The request is larger than the relay accepts.'],
    [404, 'path', 'bad-request', 'The relay does not forward this request.'],
    [502, 'upstream', 'unreachable', 'The relay could not reach the provider.'],
  ])('names the relay’s own %i (%s) refusal', async (status, code, kind, message) => {
    const relay = await relayAsync();
    relay.refuse({ status, code });
    const provider = createSegmindProvider({ relay: { url: relay.url, token: TOKEN } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe(kind);
    expect(failure.message).toContain(message);
  });

  it("hides the token when an answer repeats it", async () => {
    const relay = await relayAsync();
    relay.refuse({ status: 500, code: '', body: JSON.stringify({ error: `token ${TOKEN} and key ${KEY} were seen` }) });
    const provider = createSegmindProvider({ relay: { url: relay.url, token: TOKEN } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('server');
    expect(failure.message).toContain('token [key hidden] and key [key hidden] were seen');
    expect(failure.message).not.toContain(TOKEN);
    expect(failure.message).not.toContain(KEY);
  });

  it('says the relay could not be reached, naming its address, not CORS', async () => {
    const url = await closedAddressAsync();
    const provider = createSegmindProvider({ relay: { url, token: TOKEN } });
    const failure = failureOf(await provider.generateAsync(REQUEST, { apiKey: KEY }));
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(new RegExp(`^The relay at ${url.replace(/[.]/g, '\\.')} could not be reached\\. Is it running \\(npm run relay`));
    expect(failure.message).toContain('Relay URL in Settings');
    expect(failure.message).not.toContain('CORS');
    expect(failure.message).not.toContain(TOKEN);
  });
});

describe('a direct call that cannot get through', () => {
  it('says CORS or offline, and how to start the relay and where to paste its URL', async () => {
    const provider = createSegmindProvider({ baseUrl: await closedAddressAsync() });
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
