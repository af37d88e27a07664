import { describe, expect, it } from 'vitest';
import { RELAY_TOKEN_HEADER } from '../../../core/relay-contract';
import { MAX_SEED as MAX_RUNWAY_SEED } from '../../../core/settings';
import { isRunwaySeed } from '../../../ui/providers/runway-request-checks';
import {
  RUNWAY_API_VERSION,
  RUNWAY_OUTPUT_ORIGIN,
  buildCreateTaskRequest,
  buildOutputRequest,
  buildTaskRequest,
  randomSeed,
  rewriteOutputUrl,
  runwayBasesForRelay,
  runwayHeaders,
} from '../../../ui/providers/runway-requests';
import { seededRandom } from '../../support/seeded-random';
import { BASE, KEY, OUTPUT_BASE, REQUEST, TOKEN, constant } from './runway-fixtures';

describe('addresses and credentials', () => {
  it('derives the relay’s Runway and output mirrors from its base address', () => {
    expect(runwayBasesForRelay(' http://127.0.0.1:8787/ ')).toEqual({ baseUrl: BASE, outputBase: OUTPUT_BASE });
    expect(runwayBasesForRelay('https://relay.example.workers.dev')).toEqual({
      baseUrl: 'https://relay.example.workers.dev/runway',
      outputBase: 'https://relay.example.workers.dev/runway-output',
    });
  });
});

describe('requests', () => {
  it('posts the documented body to /v1/text_to_image with the Bearer key, the version and the relay token', () => {
    const { url, init } = buildCreateTaskRequest(`${BASE}/`, REQUEST, 42, { apiKey: ` ${KEY} `, relayToken: TOKEN });
    expect(url).toBe(`${BASE}/v1/text_to_image`);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      Authorization: `Bearer ${KEY}`,
      'X-Runway-Version': RUNWAY_API_VERSION,
      'Content-Type': 'application/json',
      [RELAY_TOKEN_HEADER]: TOKEN,
    });
    expect(RUNWAY_API_VERSION).toBe('2024-11-06');
    expect(JSON.parse(init.body ?? '')).toEqual({
      model: 'gen4_image',
      promptText: REQUEST.prompt,
      ratio: '1920:1080',
      referenceImages: [
        { uri: 'data:image/jpeg;base64,/9j/AAAA', tag: 'jacket' },
        { uri: 'https://example.com/model.png', tag: 'model' },
      ],
      seed: 42,
    });
  });

  it('sends no Authorization when the relay holds the key, and no token header when there is none', () => {
    const { init } = buildCreateTaskRequest(BASE, REQUEST, 7, { apiKey: '  ' });
    expect(init.headers).toEqual({ 'X-Runway-Version': RUNWAY_API_VERSION, 'Content-Type': 'application/json' });
    expect(runwayHeaders({ apiKey: '', relayToken: '' }, false)).toEqual({ 'X-Runway-Version': RUNWAY_API_VERSION });
  });

  it('leaves referenceImages out when there are none', () => {
    const { init } = buildCreateTaskRequest(BASE, { ...REQUEST, references: [] }, 7, { apiKey: KEY });
    expect(JSON.parse(init.body ?? '')).toEqual({ model: 'gen4_image', promptText: REQUEST.prompt, ratio: '1920:1080', seed: 7 });
  });

  it('polls and cancels /v1/tasks/{id} without a body, the id escaped', () => {
    const poll = buildTaskRequest(BASE, 'abc/../x', 'GET', { apiKey: KEY, relayToken: TOKEN });
    expect(poll.url).toBe(`${BASE}/v1/tasks/abc%2F..%2Fx`);
    expect(poll.init).toEqual({
      method: 'GET',
      headers: { Authorization: `Bearer ${KEY}`, 'X-Runway-Version': RUNWAY_API_VERSION, [RELAY_TOKEN_HEADER]: TOKEN },
    });
    expect(buildTaskRequest(BASE, 't1', 'DELETE', { apiKey: KEY }).init.method).toBe('DELETE');
  });

  it('downloads with the relay token only, never the Runway key', () => {
    expect(buildOutputRequest(`${OUTPUT_BASE}/a.jpg`, { apiKey: KEY, relayToken: TOKEN }).init).toEqual({
      method: 'GET',
      headers: { [RELAY_TOKEN_HEADER]: TOKEN },
    });
    expect(buildOutputRequest(`${OUTPUT_BASE}/a.jpg`, { apiKey: KEY }).init.headers).toEqual({});
  });
});

describe('seeds', () => {
  it('draws seeds across the whole range 0–2147483647 from the injected random source', () => {
    expect(randomSeed(constant(0))).toBe(0);
    expect(randomSeed(constant(0.5))).toBe(1_073_741_824);
    expect(randomSeed(constant(0.9999999999))).toBe(MAX_RUNWAY_SEED);
    const random = seededRandom(2024);
    for (let i = 0; i < 1000; i += 1) {
      const seed = randomSeed(random);
      expect(isRunwaySeed(seed), `draw ${i}: ${seed}`).toBe(true);
    }
  });
});

describe('rewriteOutputUrl', () => {
  it('maps Runway’s output host onto the relay’s mirror', () => {
    expect(rewriteOutputUrl(`${RUNWAY_OUTPUT_ORIGIN}/a/b.jpg?sig=1`, `${OUTPUT_BASE}/`)).toBe(`${OUTPUT_BASE}/a/b.jpg?sig=1`);
    expect(rewriteOutputUrl(`${RUNWAY_OUTPUT_ORIGIN}:443/a.jpg#frag`, OUTPUT_BASE)).toBe(`${OUTPUT_BASE}/a.jpg`);
  });

  it.each([
    'http://dnznrvs05pmza.cloudfront.net/a.jpg',
    'https://dnznrvs05pmza.cloudfront.net.evil.example/a.jpg',
    'https://dnznrvs05pmza.cloudfront.net@evil.example/a.jpg',
    'https://user:pw@dnznrvs05pmza.cloudfront.net/a.jpg',
    'https://dnznrvs05pmza.cloudfront.net:8443/a.jpg',
    'https://evil.example/dnznrvs05pmza.cloudfront.net/a.jpg',
    '//dnznrvs05pmza.cloudfront.net/a.jpg',
    'data:image/png;base64,AAAA',
    'not a url',
  ])('refuses %s', (raw) => {
    expect(rewriteOutputUrl(raw, OUTPUT_BASE)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(rewriteOutputUrl(42, OUTPUT_BASE)).toBeNull();
    expect(rewriteOutputUrl(null, OUTPUT_BASE)).toBeNull();
  });
});
