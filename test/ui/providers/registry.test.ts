// The registry builds the provider for the designer's settings; checked with Node's fetch over 127.0.0.1
// against the Segmind stand-in, directly and through the real relay (relay/, under Node), which mirrors
// providers under prefixes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../../core/settings';
import type { GenerationOutcome, GenerationRequest } from '../../../ui/providers/provider';
import { needsRelay, providerFor, relayNeeded } from '../../../ui/providers/registry';
import { startTestRelayAsync, type TestRelay } from '../../support/node-relay';
import { solidJpeg, startSegmindStandIn, STAND_IN_PATH, type SegmindStandIn } from '../../support/segmind-stand-in';

const KEY = 'sk-test-registry-0a1b';
const TOKEN = 'relay-test-token-7d8e';
const REFERENCE = { uri: `data:image/jpeg;base64,${Buffer.from(solidJpeg(16, 16, [30, 60, 90])).toString('base64')}`, tag: 'chair' };
const SEGMIND_REQUEST: GenerationRequest = {
  model: 'runway-gen4-image',
  prompt: '@chair in a loft',
  ratio: '1280:720',
  references: [REFERENCE],
};
const RUNWAY_REQUEST: GenerationRequest = { model: 'gen4_image', prompt: '@chair in a loft', ratio: '1920:1080', references: [REFERENCE] };

let standIn: SegmindStandIn;
/** Passes callers' keys through; needs no token. */
let relay: TestRelay;
/** Wants a token other than TOKEN, so it refuses at once. */
let guarded: TestRelay;
beforeAll(async () => {
  standIn = await startSegmindStandIn();
  relay = await startTestRelayAsync({ SEGMIND_API_BASE: standIn.url });
  guarded = await startTestRelayAsync({ SEGMIND_API_BASE: standIn.url, RELAY_TOKEN: `${TOKEN}-other` });
});
afterAll(() => Promise.all([standIn.close(), relay.closeAsync(), guarded.closeAsync()]));
afterEach(() => {
  standIn.requests.length = 0;
  relay.calls.length = 0;
  guarded.calls.length = 0;
});

function messageOf(outcome: GenerationOutcome): string {
  if (outcome.ok) throw new Error('expected a failure, got an image');
  return outcome.failure.message;
}

describe('Segmind', () => {
  it('is called directly without a relay', async () => {
    const provider = providerFor({ provider: 'segmind', relayUrl: null, relayToken: null }, { segmindBase: standIn.url });
    expect(provider).toMatchObject({ id: 'segmind', label: 'Segmind' });
    expect((await provider.generateAsync(SEGMIND_REQUEST, { apiKey: KEY })).ok).toBe(true);
    expect(standIn.requests.map((r) => [r.method, r.path, r.headers['x-api-key']])).toEqual([['POST', STAND_IN_PATH, KEY]]);
    expect(relay.calls).toEqual([]);
  });

  it('goes through the relay, under /segmind, with the token, when one is set', async () => {
    const provider = providerFor({ provider: 'segmind', relayUrl: relay.url, relayToken: TOKEN }, { segmindBase: 'http://127.0.0.1:1' });
    expect((await provider.generateAsync(SEGMIND_REQUEST, { apiKey: KEY })).ok).toBe(true);
    expect(relay.calls.map((r) => [r.method, r.path, r.headers.get('x-relay-token')])).toEqual([
      ['POST', `/segmind${STAND_IN_PATH}`, TOKEN],
    ]);
    expect(standIn.requests.map((r) => [r.method, r.path, r.headers['x-api-key']])).toEqual([['POST', STAND_IN_PATH, KEY]]);
  });

  it('sends no token header when the relay needs none', async () => {
    const provider = providerFor({ provider: 'segmind', relayUrl: relay.url, relayToken: null });
    expect((await provider.generateAsync(SEGMIND_REQUEST, { apiKey: KEY })).ok).toBe(true);
    expect(relay.calls.map((r) => [r.path, r.headers.has('x-relay-token')])).toEqual([[`/segmind${STAND_IN_PATH}`, false]]);
  });
});

describe('Runway', () => {
  it('goes through the relay, under /runway, with the token', async () => {
    // The relay wants another token and refuses at once, so the first call is all there is to see (no 5 s polling).
    const provider = providerFor({ provider: 'runway', relayUrl: guarded.url, relayToken: TOKEN });
    expect(provider).toMatchObject({ id: 'runway', label: 'Runway' });
    const message = messageOf(await provider.generateAsync(RUNWAY_REQUEST, { apiKey: '' }));
    expect(message).toContain('The relay refused the request: its token is missing or wrong.');
    expect(guarded.calls.map((r) => [r.method, r.path, r.headers.get('x-relay-token')])).toEqual([
      ['POST', '/runway/v1/text_to_image', TOKEN],
    ]);
    expect(guarded.log).toEqual([expect.stringMatching(/^POST \/runway\/v1\/text_to_image 401 token /)]);
  });

  it('without a relay, describes its models but answers that it needs one, calling nothing', async () => {
    const provider = providerFor({ provider: 'runway', relayUrl: null, relayToken: TOKEN });
    expect(provider.models.map((model) => model.id)).toEqual(['gen4_image', 'gen4_image_turbo']);
    const outcome = await provider.generateAsync(RUNWAY_REQUEST, { apiKey: 'key_test_1' });
    expect(outcome).toEqual({ ok: false, failure: { kind: 'unreachable', message: relayNeeded('Runway') } });
    expect([...relay.calls, ...guarded.calls]).toEqual([]);
    expect(standIn.requests).toEqual([]);
  });

  it('is the only provider that needs a relay', () => {
    expect(PROVIDER_IDS.filter(needsRelay)).toEqual(['runway']);
    expect(relayNeeded('Runway')).toBe('Runway is reached through a relay: start one with `npm run relay` and paste its URL in Settings.');
  });
});
