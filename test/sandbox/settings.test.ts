import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_KEY_STORAGE_KEY,
  loadSettingsAsync,
  RATIO_STORAGE_KEY,
  removeKeyAsync,
  saveKeyAsync,
  saveRatioAsync,
} from '../../src/settings';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

const KEY = 'sk-test-3f9a2c7d1e';

function answers() {
  return fake.ui.ofType('key-stored').map(({ apiKey, error }) => ({ apiKey, error }));
}

describe('API key', () => {
  it('round-trips a key, trimmed, through clientStorage', async () => {
    await saveKeyAsync(`  ${KEY}\n`);
    expect(answers()).toEqual([{ apiKey: KEY, error: null }]);
    expect(fake.clientStorage.peek(API_KEY_STORAGE_KEY)).toBe(KEY);
    expect(await loadSettingsAsync()).toEqual({ apiKey: KEY, ratio: null });
  });

  it('removes the key when asked, and when a blank key is saved', async () => {
    await saveKeyAsync(KEY);
    await removeKeyAsync();
    expect(await fake.clientStorage.keysAsync()).toEqual([]);
    await saveKeyAsync(KEY);
    await saveKeyAsync('   \t ');
    expect(await fake.clientStorage.keysAsync()).toEqual([]);
    expect(answers()).toEqual([
      { apiKey: KEY, error: null },
      { apiKey: null, error: null },
      { apiKey: KEY, error: null },
      { apiKey: null, error: null },
    ]);
  });

  it.each<[string, unknown, string]>([
    ['a number', 42, 'The API key must be text.'],
    ['a key with a space inside', 'sk-test abc', 'An API key has no spaces or line breaks inside: check what was pasted.'],
    ['two pasted lines', 'sk-test-a\nsk-test-b', 'An API key has no spaces or line breaks inside: check what was pasted.'],
    ['a whole paragraph', 'x'.repeat(600), 'That is 600 characters long, too long for an API key: check what was pasted.'],
  ])('refuses %s and keeps the stored key', async (_, input, error) => {
    await saveKeyAsync(KEY);
    await saveKeyAsync(input);
    expect(answers()[1]).toEqual({ apiKey: KEY, error });
    expect(fake.clientStorage.peek(API_KEY_STORAGE_KEY)).toBe(KEY);
  });

  it('says when storage refuses the key, without repeating the key', async () => {
    fake.clientStorage.failing = { set: true };
    await saveKeyAsync(KEY);
    const [answer] = fake.ui.ofType('key-stored');
    expect(answer?.apiKey).toBeNull();
    expect(answer?.error).toMatch(/^Couldn't save the API key on this computer: Quota exceeded/);
    expect(JSON.stringify(fake.ui.posted)).not.toContain(KEY);
  });

  it('reports the key still stored when saving a new one fails', async () => {
    const oldKey = 'sk-test-old-0001';
    await saveKeyAsync(oldKey);
    fake.clientStorage.failing = { set: true };
    await saveKeyAsync(KEY);
    expect(answers()[1]?.apiKey).toBe(oldKey);
    expect(answers()[1]?.error).not.toContain(KEY);
  });

  it('says when the key could not be removed', async () => {
    await saveKeyAsync(KEY);
    fake.clientStorage.failing = { delete: true };
    await removeKeyAsync();
    expect(answers()[1]).toEqual({
      apiKey: KEY,
      error: `Couldn't remove the API key on this computer: Could not delete ${API_KEY_STORAGE_KEY}`,
    });
  });
});

describe('last ratio', () => {
  it('remembers a ratio the provider offers', async () => {
    await saveRatioAsync('1080:1920');
    expect(await loadSettingsAsync()).toEqual({ apiKey: null, ratio: '1080:1920' });
  });

  it.each<[string, unknown]>([
    ['a ratio Segmind does not offer', '1024:1024'],
    ['not a ratio', 'wide'],
    ['a number', 16 / 9],
  ])('ignores %s', async (_, input) => {
    await saveRatioAsync('960:960');
    await saveRatioAsync(input);
    expect(fake.clientStorage.peek(RATIO_STORAGE_KEY)).toBe('960:960');
  });

  it('treats an unknown stored value as no ratio', async () => {
    await fake.clientStorage.setAsync(RATIO_STORAGE_KEY, '4:3');
    expect((await loadSettingsAsync()).ratio).toBeNull();
    await fake.clientStorage.setAsync(RATIO_STORAGE_KEY, { value: '1280:720' });
    expect((await loadSettingsAsync()).ratio).toBeNull();
  });
});

describe('loading settings', () => {
  it('treats unreadable storage and a stored non-text key as nothing stored', async () => {
    await fake.clientStorage.setAsync(API_KEY_STORAGE_KEY, 12345);
    expect(await loadSettingsAsync()).toEqual({ apiKey: null, ratio: null });
    await fake.clientStorage.setAsync(API_KEY_STORAGE_KEY, KEY);
    await fake.clientStorage.setAsync(RATIO_STORAGE_KEY, '1280:720');
    fake.clientStorage.failing = { get: true };
    expect(await loadSettingsAsync()).toEqual({ apiKey: null, ratio: null });
  });
});
