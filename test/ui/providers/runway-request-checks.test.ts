import { describe, expect, it } from 'vitest';
import { MAX_SEED as MAX_RUNWAY_SEED } from '../../../core/settings';
import type { GenerationRequest } from '../../../ui/providers/provider';
import {
  isRunwaySeed,
  runwayCredentialsProblem,
  runwayEndpointProblem,
  runwayRequestProblem,
} from '../../../ui/providers/runway-request-checks';
import { BASE, KEY, OUTPUT_BASE, REQUEST, TOKEN } from './runway-fixtures';

describe('runwayRequestProblem', () => {
  it('accepts a valid request, with or without references for gen4_image', () => {
    expect(runwayRequestProblem(REQUEST)).toBeNull();
    expect(runwayRequestProblem({ ...REQUEST, references: [] })).toBeNull();
    expect(runwayRequestProblem({ ...REQUEST, seed: 0 })).toBeNull();
    expect(runwayRequestProblem({ ...REQUEST, seed: MAX_RUNWAY_SEED })).toBeNull();
  });

  it.each<[string, Partial<GenerationRequest>, RegExp]>([
    [
      'turbo without references',
      { model: 'gen4_image_turbo', references: [] },
      /Gen-4 Image Turbo needs 1 to 3 references.*Select at least one layer/,
    ],
    ['an unknown model', { model: 'gen3' }, /no model "gen3"/],
    [
      'four references',
      { references: ['aaa', 'bbb', 'ccc', 'ddd'].map((tag) => ({ uri: 'https://example.com/a.png', tag })) },
      /at most 3 references, and 4 are selected/,
    ],
    ['a Segmind-only ratio', { ratio: '960:960' }, /no ratio "960:960"/],
    ['an empty prompt', { prompt: '   ' }, /Write a prompt first/],
    ['a prompt over 1000 characters', { prompt: 'a'.repeat(1001) }, /1001 characters; Runway takes at most 1000/],
    ['an invalid tag', { references: [{ uri: 'https://example.com/a.png', tag: '1x' }] }, /tag "1x" of reference 1.*starts with a letter/],
    [
      'a repeated tag (any case)',
      {
        references: [
          { uri: 'https://example.com/a.png', tag: 'shoe' },
          { uri: 'https://example.com/b.png', tag: 'Shoe' },
        ],
      },
      /tagged "Shoe".*unique/,
    ],
    ['a fractional seed', { seed: 1.5 }, /whole number from 0 to 2147483647; 1.5 is not/],
    ['a negative seed', { seed: -1 }, /-1 is not/],
    ['a seed over the range', { seed: MAX_RUNWAY_SEED + 1 }, /2147483648 is not/],
  ])('refuses %s before any request', (_name, change, message) => {
    const failure = runwayRequestProblem({ ...REQUEST, ...change });
    expect(failure?.kind).toBe('bad-request');
    expect(failure?.message).toMatch(message);
  });
});

describe('addresses and credentials', () => {
  it('needs http(s) relay addresses, and says where to set them', () => {
    expect(runwayEndpointProblem(BASE, OUTPUT_BASE)).toBeNull();
    expect(runwayEndpointProblem('', OUTPUT_BASE)?.message).toMatch(/no Relay URL is set.*npm run relay/);
    expect(runwayEndpointProblem(BASE, 'relay.local/runway-output')?.message).toMatch(/"relay.local\/runway-output" is not an http/);
  });

  it('refuses credentials a header cannot carry, but allows an empty key (the relay may hold one)', () => {
    expect(runwayCredentialsProblem({ apiKey: '' })).toBeNull();
    expect(runwayCredentialsProblem({ apiKey: ` ${KEY}\n`, relayToken: TOKEN })).toBeNull();
    expect(runwayCredentialsProblem({ apiKey: 'key_ab cd' })).toMatchObject({ kind: 'auth', message: expect.stringMatching(/Runway key/) });
    expect(runwayCredentialsProblem({ apiKey: KEY, relayToken: 'tökén' })).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/relay token/),
    });
  });
});

describe('seeds', () => {
  it('knows a valid seed', () => {
    expect([0, 1, MAX_RUNWAY_SEED].every(isRunwaySeed)).toBe(true);
    expect([-1, 0.5, MAX_RUNWAY_SEED + 1, Number.NaN, Number.POSITIVE_INFINITY].some(isRunwaySeed)).toBe(false);
  });
});
