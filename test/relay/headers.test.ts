import { describe, expect, it } from 'vitest';
import { readRelayConfig, type RelayConfig } from '../../relay/src/config';
import { RELAY_ERROR_HEADER, RELAY_TOKEN_HEADER } from '../../core/relay-contract';
import { allowedRequestHeaders, callerResponseHeaders, corsHeaders, upstreamRequestHeaders } from '../../relay/src/headers';

function configOf(env: Record<string, string>): RelayConfig {
  const result = readRelayConfig(env);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.config;
}

const CALLER = new Headers({
  'content-type': 'application/json',
  accept: 'image/*',
  'x-api-key': 'sk-test-caller',
  authorization: 'Bearer key_test-caller',
  'x-runway-version': '2024-11-06',
  'x-relay-token': 'rt-test',
  cookie: 'a=b',
  origin: 'null',
  host: 'relay.example',
  'x-forwarded-for': '203.0.113.9',
  'accept-encoding': 'gzip',
});

const entries = (headers: Headers): Record<string, string> => Object.fromEntries(headers.entries());

describe('upstreamRequestHeaders', () => {
  it('sends Segmind only its own headers: content-type, accept and the caller’s x-api-key', () => {
    expect(entries(upstreamRequestHeaders(CALLER, 'segmind', configOf({})))).toEqual({
      'content-type': 'application/json',
      accept: 'image/*',
      'x-api-key': 'sk-test-caller',
      'accept-encoding': 'identity',
    });
  });

  it('sends Runway the caller’s Authorization and X-Runway-Version, and no Segmind key', () => {
    expect(entries(upstreamRequestHeaders(CALLER, 'runway', configOf({})))).toEqual({
      'content-type': 'application/json',
      accept: 'image/*',
      authorization: 'Bearer key_test-caller',
      'x-runway-version': '2024-11-06',
      'accept-encoding': 'identity',
    });
  });

  it('sends the output host no credentials at all', () => {
    const config = configOf({ SEGMIND_API_KEY: 'sk-test-relay', RUNWAY_API_KEY: 'key_test-relay', RELAY_TOKEN: 't' });
    expect(entries(upstreamRequestHeaders(CALLER, 'runway-output', config))).toEqual({ accept: 'image/*', 'accept-encoding': 'identity' });
  });

  it('replaces the caller’s key with the relay’s own when it has one', () => {
    const config = configOf({ SEGMIND_API_KEY: 'sk-test-relay', RUNWAY_API_KEY: 'key_test-relay', RELAY_TOKEN: 't' });
    expect(upstreamRequestHeaders(CALLER, 'segmind', config).get('x-api-key')).toBe('sk-test-relay');
    expect(upstreamRequestHeaders(CALLER, 'runway', config).get('authorization')).toBe('Bearer key_test-relay');
    expect(upstreamRequestHeaders(new Headers(), 'segmind', config).get('x-api-key')).toBe('sk-test-relay');
  });
});

describe('callerResponseHeaders', () => {
  it('passes content type, credit, seed, request-id and rate-limit headers, and nothing else', () => {
    const answer = new Headers({
      'content-type': 'image/jpeg',
      'content-length': '1234',
      'x-remaining-credits': '9.5',
      'x-cost': '0.08',
      'x-generation-time': '30.1',
      'x-seed-value': '7',
      'x-request-id': 'r1',
      'x-rate-limit-reset-at-utc': '2026-01-01T00:00:00Z',
      'retry-after': '3',
      'retry-after-ms': '3000',
      'set-cookie': 'x=y',
      server: 'nginx',
      'access-control-allow-origin': 'https://segmind.com',
      location: 'https://elsewhere.example',
    });
    expect(entries(callerResponseHeaders(answer))).toEqual({
      'content-type': 'image/jpeg',
      'x-remaining-credits': '9.5',
      'x-cost': '0.08',
      'x-generation-time': '30.1',
      'x-seed-value': '7',
      'x-request-id': 'r1',
      'x-rate-limit-reset-at-utc': '2026-01-01T00:00:00Z',
      'retry-after': '3',
      'retry-after-ms': '3000',
    });
  });

  it('passes neither the provider’s length (the relay states the length of what it holds) nor content-encoding', () => {
    const headers = callerResponseHeaders(
      new Headers({ 'content-type': 'application/json', 'content-length': '40', 'content-encoding': 'gzip' }),
    );
    expect(entries(headers)).toEqual({ 'content-type': 'application/json' });
  });
});

describe('CORS', () => {
  it('lets any origin (the iframe’s is null) read the answer and its credit, retry and relay-error headers', () => {
    const cors = corsHeaders();
    expect(cors['access-control-allow-origin']).toBe('*');
    expect(cors['access-control-expose-headers']?.split(', ')).toEqual(
      expect.arrayContaining([
        'x-remaining-credits',
        'x-cost',
        'x-generation-time',
        'x-seed-value',
        'x-request-id',
        'x-rate-limit-reset-at-utc',
        'retry-after',
        'retry-after-ms',
        'x-relay-error',
      ]),
    );
  });

  it.each([
    [null, []],
    ['', []],
    ['Content-Type, X-API-Key', ['content-type', 'x-api-key']],
    ['content-type,authorization,x-runway-version,x-relay-token', ['content-type', 'authorization', 'x-runway-version', 'x-relay-token']],
    ['cookie, x-evil, content-type', ['content-type']],
  ])('allows only the listed request headers of %j', (requested, allowed) => {
    expect(allowedRequestHeaders(requested)).toEqual(allowed);
  });

  it('names its own headers as deployed relays and installed plugins do', () => {
    expect([RELAY_ERROR_HEADER, RELAY_TOKEN_HEADER]).toEqual(['x-relay-error', 'x-relay-token']);
  });
});
