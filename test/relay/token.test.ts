import { describe, expect, it } from 'vitest';
import { tokensMatchAsync } from '../../relay/src/token';

describe('tokensMatchAsync', () => {
  it('matches the same token', async () => {
    expect(await tokensMatchAsync('rt-test-ä-token', 'rt-test-ä-token')).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['one character off at the end', 'rt-test-tokem'],
    ['one character off at the start', 'st-test-token'],
    ['a prefix', 'rt-test'],
    ['longer', 'rt-test-token-'],
    ['differently cased', 'RT-TEST-TOKEN'],
  ])('refuses a token that is %s', async (_label, given) => {
    expect(await tokensMatchAsync(given, 'rt-test-token')).toBe(false);
  });
});
