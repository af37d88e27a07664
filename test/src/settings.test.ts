import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { Settings, SettingsPatch, SettingsProblem } from '../../core/settings';
import {
  API_KEY_STORAGE_KEYS,
  createSettingsStore,
  LEGACY_RATIO_STORAGE_KEY,
  loadSettingsAsync,
  PREFERENCES_STORAGE_KEY,
  RELAY_TOKEN_STORAGE_KEY,
} from '../../src/settings';
import type { SettingsStore } from '../../src/settings';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

const KEY = 'sk-test-3f9a2c7d1e';
const RUNWAY_KEY = 'key_test_5b7e0c';
const TOKEN = 'relay-test-token-24aa';

/** The settings-stored answers so far, without their type. */
function answers() {
  return fake.ui.ofType('settings-stored').map(({ id, settings, error }) => ({ id, settings, error }));
}

let nextId = 1;
/** Saves `patch` through `store` and returns the answer the UI got. */
async function saveAsync(store: SettingsStore, patch: SettingsPatch) {
  const id = nextId++;
  await store.saveAsync(id, patch);
  const answer = answers().find((a) => a.id === id);
  if (!answer) throw new Error(`no answer to save ${id}`);
  return answer;
}

function withKeys(segmind: string | null, runway: string | null = null): Settings {
  return { ...DEFAULT_SETTINGS, apiKeys: { segmind, runway } };
}

describe('loading', () => {
  it('is the defaults on a first run', async () => {
    expect(await loadSettingsAsync()).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates version 0.1’s key and last ratio', async () => {
    await fake.clientStorage.setAsync('segmind-api-key', KEY);
    await fake.clientStorage.setAsync('last-ratio', '1584:672');
    expect(await loadSettingsAsync()).toEqual({ ...withKeys(KEY), ratios: { 'runway-gen4-image': '1584:672' } });
  });

  it('keeps the migrated ratio once the preferences are stored, and removes the old entry then', async () => {
    await fake.clientStorage.setAsync('last-ratio', '1584:672');
    const store = createSettingsStore();
    await saveAsync(store, { seed: 8 });
    expect(fake.clientStorage.peek(LEGACY_RATIO_STORAGE_KEY)).toBeUndefined();
    expect(fake.clientStorage.peek(PREFERENCES_STORAGE_KEY)).toMatchObject({ ratios: { 'runway-gen4-image': '1584:672' }, seed: 8 });
    expect(await loadSettingsAsync()).toMatchObject({ ratios: { 'runway-gen4-image': '1584:672' }, seed: 8 });
  });

  it('treats unreadable storage and values of the wrong shape as nothing stored', async () => {
    await fake.clientStorage.setAsync(API_KEY_STORAGE_KEYS.segmind, 12345);
    await fake.clientStorage.setAsync(PREFERENCES_STORAGE_KEY, { provider: 'dall-e', seed: 'seven' });
    await fake.clientStorage.setAsync(LEGACY_RATIO_STORAGE_KEY, { value: '1280:720' });
    expect(await loadSettingsAsync()).toEqual(DEFAULT_SETTINGS);
    await fake.clientStorage.setAsync(API_KEY_STORAGE_KEYS.segmind, KEY);
    fake.clientStorage.failing = { get: true };
    expect(await loadSettingsAsync()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('saving', () => {
  it('round-trips every setting through clientStorage', async () => {
    const store = createSettingsStore();
    const patches: SettingsPatch[] = [
      { provider: 'runway' },
      { apiKey: { provider: 'segmind', key: `  ${KEY}\n` } },
      { apiKey: { provider: 'runway', key: RUNWAY_KEY } },
      { relayUrl: 'HTTP://127.0.0.1:8787/', relayToken: TOKEN },
      { model: { provider: 'runway', model: 'gen4_image_turbo' } },
      { ratio: { model: 'gen4_image_turbo', ratio: '1080:1440' } },
      { seed: 2_147_483_647 },
    ];
    for (const patch of patches) expect((await saveAsync(store, patch)).error).toBeNull();
    const expected: Settings = {
      provider: 'runway',
      apiKeys: { segmind: KEY, runway: RUNWAY_KEY },
      relayUrl: 'http://127.0.0.1:8787',
      relayToken: TOKEN,
      models: { runway: 'gen4_image_turbo' },
      ratios: { gen4_image_turbo: '1080:1440' },
      seed: 2_147_483_647,
      variations: 1,
      costLimit: null,
    };
    expect(answers().at(-1)?.settings).toEqual(expected);
    // A fresh start (the plugin closed and opened again) reads the same.
    expect(await createSettingsStore().loadAsync()).toEqual(expected);
  });

  it('keeps each secret in its own entry, and none in the preferences', async () => {
    const store = createSettingsStore();
    await saveAsync(store, { apiKey: { provider: 'segmind', key: KEY }, relayUrl: 'https://relay.example.com', relayToken: TOKEN });
    await saveAsync(store, { apiKey: { provider: 'runway', key: RUNWAY_KEY } });
    expect(fake.clientStorage.peek(API_KEY_STORAGE_KEYS.segmind)).toBe(KEY);
    expect(fake.clientStorage.peek(API_KEY_STORAGE_KEYS.runway)).toBe(RUNWAY_KEY);
    expect(fake.clientStorage.peek(RELAY_TOKEN_STORAGE_KEY)).toBe(TOKEN);
    const preferences = JSON.stringify(fake.clientStorage.peek(PREFERENCES_STORAGE_KEY));
    expect(preferences).toContain('https://relay.example.com');
    for (const secret of [KEY, RUNWAY_KEY, TOKEN]) expect(preferences).not.toContain(secret);
    expect((await fake.clientStorage.keysAsync()).sort()).toEqual(
      [API_KEY_STORAGE_KEYS.segmind, API_KEY_STORAGE_KEYS.runway, RELAY_TOKEN_STORAGE_KEY, PREFERENCES_STORAGE_KEY].sort(),
    );
  });

  it('removes a key, and the relay, when asked (null or blank)', async () => {
    const store = createSettingsStore();
    await saveAsync(store, { apiKey: { provider: 'segmind', key: KEY }, relayUrl: 'http://localhost:8787', relayToken: TOKEN });
    await saveAsync(store, { apiKey: { provider: 'segmind', key: '   ' } });
    await saveAsync(store, { relayUrl: null, relayToken: '' });
    expect(fake.clientStorage.peek(API_KEY_STORAGE_KEYS.segmind)).toBeUndefined();
    expect(fake.clientStorage.peek(RELAY_TOKEN_STORAGE_KEY)).toBeUndefined();
    expect(answers().at(-1)).toMatchObject({ error: null, settings: DEFAULT_SETTINGS });
  });

  it('touches only the entries a change concerns', async () => {
    const store = createSettingsStore();
    await saveAsync(store, { apiKey: { provider: 'runway', key: RUNWAY_KEY } });
    expect(await fake.clientStorage.keysAsync()).toEqual([API_KEY_STORAGE_KEYS.runway]);
  });

  it('applies saves in the order they were sent, each answer holding the ones before', async () => {
    const store = createSettingsStore();
    const first = store.saveAsync(1, { ratio: { model: 'runway-gen4-image', ratio: '960:960' } });
    const second = store.saveAsync(2, { apiKey: { provider: 'segmind', key: KEY } });
    const third = store.saveAsync(3, { ratio: { model: 'runway-gen4-image', ratio: '1584:672' } });
    await Promise.all([first, second, third]);
    expect(answers().map((a) => [a.id, a.settings.ratios['runway-gen4-image'], a.settings.apiKeys.segmind])).toEqual([
      [1, '960:960', null],
      [2, '960:960', KEY],
      [3, '1584:672', KEY],
    ]);
    expect(await loadSettingsAsync()).toEqual(answers()[2]?.settings);
  });

  it.each<[string, SettingsPatch | unknown, SettingsProblem]>([
    ['a key with a space', { apiKey: { provider: 'segmind', key: 'sk-test abc' } }, { code: 'spaces', name: 'API key' }],
    [
      'a whole paragraph as key',
      { apiKey: { provider: 'runway', key: 'x'.repeat(600) } },
      { code: 'too-long', name: 'API key', length: 600 },
    ],
    ['an http relay on another computer', { relayUrl: 'http://relay.example.com' }, { code: 'relay-http' }],
    ['a relay URL with a password', { relayUrl: `https://me:${KEY}@relay.example.com` }, { code: 'relay-credentials' }],
    ['a ratio the model does not offer', { ratio: { model: 'runway-gen4-image', ratio: '1024:1024' } }, { code: 'ratio' }],
    ['a seed out of range', { seed: -4 }, { code: 'seed' }],
    ['no patch at all', null, { code: 'unreadable' }],
  ])('refuses %s, says why (as a fact the panel words) and keeps what is stored', async (_, patch, problem) => {
    const store = createSettingsStore();
    await saveAsync(store, { apiKey: { provider: 'segmind', key: KEY } });
    const answer = await saveAsync(store, patch as SettingsPatch);
    expect(answer.error).toEqual(problem);
    expect(JSON.stringify(answer.error)).not.toContain(KEY);
    expect(answer.settings).toEqual(withKeys(KEY));
    expect(fake.clientStorage.peek(API_KEY_STORAGE_KEYS.segmind)).toBe(KEY);
  });
});

describe('storage failures', () => {
  it('says when storage refuses the key, without repeating the key', async () => {
    const store = createSettingsStore();
    fake.clientStorage.failing = { set: true };
    const answer = await saveAsync(store, { apiKey: { provider: 'segmind', key: KEY } });
    expect(answer.settings).toEqual(DEFAULT_SETTINGS);
    // The fake quotes the value it could not write, as a careless platform message might.
    expect(answer.error).toBe(
      `Couldn't save the Segmind API key on this computer: Quota exceeded while writing segmind-api-key="[key hidden]"`,
    );
    expect(JSON.stringify(fake.ui.posted)).not.toContain(KEY);
  });

  it('reports the key still stored when saving a new one fails', async () => {
    const oldKey = 'sk-test-old-0001';
    const store = createSettingsStore();
    await saveAsync(store, { apiKey: { provider: 'runway', key: oldKey } });
    fake.clientStorage.failing = { set: true };
    const answer = await saveAsync(store, { apiKey: { provider: 'runway', key: KEY } });
    expect(answer.settings.apiKeys.runway).toBe(oldKey);
    expect(answer.error).toMatch(/^Couldn't save the Runway API key on this computer: /);
    expect(answer.error).not.toContain(KEY);
    expect(answer.error).not.toContain(oldKey);
  });

  it('says when the key could not be removed', async () => {
    const store = createSettingsStore();
    await saveAsync(store, { apiKey: { provider: 'segmind', key: KEY } });
    fake.clientStorage.failing = { delete: true };
    const answer = await saveAsync(store, { apiKey: { provider: 'segmind', key: null } });
    expect(answer).toMatchObject({
      settings: withKeys(KEY),
      error: `Couldn't remove the Segmind API key on this computer: Could not delete ${API_KEY_STORAGE_KEYS.segmind}`,
    });
  });

  it('hides the relay token too, and names the relay settings', async () => {
    const store = createSettingsStore();
    fake.clientStorage.failing = { set: true };
    const answer = await saveAsync(store, { relayUrl: 'http://127.0.0.1:8787', relayToken: TOKEN });
    expect(answer.error).toMatch(/^Couldn't save the relay settings on this computer: Quota exceeded/);
    expect(answer.error).not.toContain(TOKEN);
    expect(JSON.stringify(fake.ui.posted)).not.toContain(TOKEN);
  });

  it('after a failure, answers with what storage holds, and the next save builds on that', async () => {
    const store = createSettingsStore();
    fake.clientStorage.failing = { set: true };
    const failed = await saveAsync(store, { ratio: { model: 'runway-gen4-image', ratio: '960:960' } });
    expect(failed.error).toMatch(/^Couldn't save the settings on this computer: /);
    expect(failed.settings).toEqual(DEFAULT_SETTINGS);
    fake.clientStorage.failing = {};
    const next = await saveAsync(store, { seed: 3 });
    expect(next).toMatchObject({ error: null, settings: { ...DEFAULT_SETTINGS, seed: 3 } });
  });
});
