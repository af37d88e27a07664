import { describe, expect, it } from 'vitest';
import { RUNWAY_RATIOS, SEGMIND_RATIOS } from '../../core/ratios';
import { settingsProblemText } from '../../core/settings-words';
import {
  applySettingsPatch,
  checkRelayUrl,
  checkSecret,
  checkSeed,
  DEFAULT_SETTINGS,
  MAX_SEED,
  modelRatios,
  parseSeed,
  preferencesOf,
  PROVIDER_IDS,
  PROVIDER_MODELS,
  ratioFor,
  settingsFromStorage,
  type Checked,
  type Settings,
  type SettingsProblem,
  type StoredValues,
} from '../../core/settings';

const KEY = 'sk-test-settings-81f2';
const TOKEN = 'relay-test-token-17c3';

function valueOf<T>(checked: Checked<T, string | SettingsProblem>): T {
  if (!checked.ok) throw new Error(`expected a value, got: ${JSON.stringify(checked.error)}`);
  return checked.value;
}

/** The refusal as the panel words it: the rules give a fact (SettingsProblem), settingsProblemText the sentence. */
function errorOf<T>(checked: Checked<T, string | SettingsProblem>): string {
  if (checked.ok) throw new Error(`expected an error, got ${JSON.stringify(checked.value)}`);
  return typeof checked.error === 'string' ? checked.error : settingsProblemText(checked.error);
}

describe('the rules give facts, the panel words them', () => {
  it('refuses with a code and what the words need, never the input', () => {
    expect(checkRelayUrl('http://relay.example.com')).toEqual({ ok: false, error: { code: 'relay-http' } });
    expect(checkSecret(`${KEY} x`, 'API key')).toEqual({ ok: false, error: { code: 'spaces', name: 'API key' } });
    expect(checkSecret('x'.repeat(600), 'relay token')).toEqual({
      ok: false,
      error: { code: 'too-long', name: 'relay token', length: 600 },
    });
    expect(applySettingsPatch(DEFAULT_SETTINGS, { colour: 'red' })).toEqual({
      ok: false,
      error: { code: 'unknown-field', field: 'colour' },
    });
  });
});

describe('checkSecret', () => {
  it('trims a key, and reads blank or null as "remove it"', () => {
    expect(valueOf(checkSecret(`  ${KEY}\n`, 'API key'))).toBe(KEY);
    expect(valueOf(checkSecret('   \t', 'API key'))).toBeNull();
    expect(valueOf(checkSecret(null, 'relay token'))).toBeNull();
  });

  it.each<[string, unknown, 'API key' | 'relay token', string]>([
    ['a number', 42, 'API key', 'The API key must be text.'],
    ['a key with a space inside', 'sk-test abc', 'API key', 'An API key has no spaces or line breaks.'],
    ['two pasted lines', 'sk-test-a\nsk-test-b', 'API key', 'An API key has no spaces or line breaks.'],
    ['a whole paragraph', 'x'.repeat(600), 'API key', 'That is 600 characters long, too long for an API key: check what was pasted.'],
    ['a non-Latin letter', 'sk-test-ключ', 'API key', 'An API key holds only Latin letters, digits and punctuation.'],
    ['a token with a tab inside', 'relay\ttoken', 'relay token', 'A relay token has no spaces or line breaks.'],
    ['an object as token', { token: TOKEN }, 'relay token', 'The relay token must be text.'],
  ])('refuses %s without quoting it', (_, input, name, message) => {
    const error = errorOf(checkSecret(input, name));
    expect(error).toBe(message);
    if (typeof input === 'string') expect(error).not.toContain(input.trim().slice(0, 8));
  });
});

describe('checkRelayUrl', () => {
  it.each([
    ['https://relay.example.com', 'https://relay.example.com'],
    ['https://relay.example.com/', 'https://relay.example.com'],
    ['  HTTPS://Relay.Example.COM/team///  ', 'https://relay.example.com/team'],
    ['https://relay.example.com:8443/gen4', 'https://relay.example.com:8443/gen4'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['https://gen4-relay.team.workers.dev', 'https://gen4-relay.team.workers.dev'],
  ])('takes %s as %s', (input, url) => {
    expect(valueOf(checkRelayUrl(input))).toBe(url);
  });

  it('reads blank or null as "no relay"', () => {
    expect(valueOf(checkRelayUrl(''))).toBeNull();
    expect(valueOf(checkRelayUrl('  '))).toBeNull();
    expect(valueOf(checkRelayUrl(null))).toBeNull();
  });

  it('refuses plain http to another computer, and says why', () => {
    const error = errorOf(checkRelayUrl('http://relay.example.com'));
    expect(error).toMatch(/^Use https:\/\/ for a relay on another computer/);
    expect(error).toContain('unencrypted');
    expect(error).toContain('fine for localhost and 127.0.0.1');
    expect(errorOf(checkRelayUrl('http://192.168.1.20:8787'))).toMatch(/^Use https:\/\//);
  });

  it('refuses credentials without repeating them', () => {
    for (const input of [
      'https://team:s3cret-pass@relay.example.com',
      'https://s3cret-pass@relay.example.com',
      'http://a:s3cret-pass@localhost:8787',
    ]) {
      const error = errorOf(checkRelayUrl(input));
      expect(error).toBe('The relay URL holds no user name or password: the token goes in Relay token.');
      expect(error).not.toContain('s3cret');
    }
  });

  it.each([
    ['no scheme', 'relay.example.com', /^The relay URL starts with https:\/\//],
    ['another scheme', 'ftp://relay.example.com', /^The relay URL starts with https:\/\//],
    ['a javascript: URL', 'javascript:alert(1)', /^The relay URL starts with https:\/\//],
    ['a query', 'https://relay.example.com/?key=abc', /no \?query or #fragment/],
    ['a fragment', 'https://relay.example.com/#x', /no \?query or #fragment/],
    ['no host', 'https:///segmind', /host or port is not valid/],
    ['a bad host', 'https://relay..example.com', /host or port is not valid/],
    ['a port too large', 'https://relay.example.com:70000', /host or port is not valid/],
    ['a space inside', 'https://relay.example .com', /no spaces or line breaks/],
    ['a provider path', 'http://127.0.0.1:8787/segmind/', /without \/segmind or \/runway/],
    ['the Runway path', 'https://relay.example.com/runway', /without \/segmind or \/runway/],
    ['a number', 8787, /must be text/],
    ['a very long URL', `https://relay.example.com/${'a'.repeat(3000)}`, /too long for a relay URL/],
  ])('refuses %s', (_, input, message) => {
    expect(errorOf(checkRelayUrl(input))).toMatch(message);
  });
});

describe('seeds', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    [' 2147483647 ', MAX_SEED],
  ])('parses %s', (text, seed) => {
    expect(valueOf(parseSeed(text))).toBe(seed);
  });

  it.each(['-1', '2147483648', '1.5', '1e3', 'abc', '99999999999999999999'])('refuses %s', (text) => {
    expect(errorOf(parseSeed(text))).toBe('A seed is a whole number from 0 to 2147483647.');
  });

  it('asks for a seed when the field is empty', () => {
    expect(errorOf(parseSeed('  '))).toBe('Enter a seed: a whole number from 0 to 2147483647.');
  });

  it('checks a stored or sent seed', () => {
    expect(valueOf(checkSeed(null))).toBeNull();
    expect(valueOf(checkSeed(7))).toBe(7);
    for (const bad of [-1, 1.5, MAX_SEED + 1, Number.NaN, '7', undefined]) expect(checkSeed(bad).ok).toBe(false);
  });
});

describe('the model table', () => {
  it('lists each provider’s models with the ratios of its API', () => {
    expect(PROVIDER_IDS).toEqual(['segmind', 'runway']);
    expect(PROVIDER_MODELS.segmind).toEqual({ 'runway-gen4-image': SEGMIND_RATIOS });
    expect(PROVIDER_MODELS.runway).toEqual({ gen4_image: RUNWAY_RATIOS, gen4_image_turbo: RUNWAY_RATIOS });
    expect(modelRatios('gen4_image_turbo')).toBe(RUNWAY_RATIOS);
    expect(modelRatios('toString')).toBeNull();
    expect(modelRatios(undefined)).toBeNull();
  });
});

describe('applySettingsPatch', () => {
  it('leaves out fields as they were', () => {
    expect(valueOf(applySettingsPatch(DEFAULT_SETTINGS, {}))).toEqual(DEFAULT_SETTINGS);
  });

  it('applies each kind of change', () => {
    let settings: Settings = DEFAULT_SETTINGS;
    settings = valueOf(applySettingsPatch(settings, { provider: 'runway' }));
    settings = valueOf(applySettingsPatch(settings, { apiKey: { provider: 'runway', key: ' key_test_1 ' } }));
    settings = valueOf(applySettingsPatch(settings, { apiKey: { provider: 'segmind', key: KEY } }));
    settings = valueOf(applySettingsPatch(settings, { relayUrl: 'http://127.0.0.1:8787/', relayToken: TOKEN }));
    settings = valueOf(applySettingsPatch(settings, { model: { provider: 'runway', model: 'gen4_image_turbo' } }));
    settings = valueOf(applySettingsPatch(settings, { ratio: { model: 'gen4_image_turbo', ratio: '720:720' } }));
    settings = valueOf(applySettingsPatch(settings, { ratio: { model: 'runway-gen4-image', ratio: '960:960' } }));
    settings = valueOf(applySettingsPatch(settings, { seed: 1234 }));
    settings = valueOf(applySettingsPatch(settings, { variations: 3, costLimit: 25 }));
    expect(settings).toEqual<Settings>({
      provider: 'runway',
      apiKeys: { segmind: KEY, runway: 'key_test_1' },
      relayUrl: 'http://127.0.0.1:8787',
      relayToken: TOKEN,
      models: { runway: 'gen4_image_turbo' },
      ratios: { gen4_image_turbo: '720:720', 'runway-gen4-image': '960:960' },
      seed: 1234,
      variations: 3,
      costLimit: 25,
    });
  });

  it('removes a key, the relay and the seed', () => {
    const full = valueOf(
      applySettingsPatch(DEFAULT_SETTINGS, {
        apiKey: { provider: 'segmind', key: KEY },
        relayUrl: 'https://r.example.com',
        relayToken: TOKEN,
        seed: 5,
      }),
    );
    const cleared = valueOf(
      applySettingsPatch(full, { apiKey: { provider: 'segmind', key: null }, relayUrl: '', relayToken: null, seed: null }),
    );
    expect(cleared).toEqual(DEFAULT_SETTINGS);
  });

  it('never changes the settings it is given', () => {
    const before = structuredClone(DEFAULT_SETTINGS);
    applySettingsPatch(DEFAULT_SETTINGS, { apiKey: { provider: 'runway', key: KEY }, ratio: { model: 'gen4_image', ratio: '720:720' } });
    expect(DEFAULT_SETTINGS).toEqual(before);
  });

  it.each<[string, unknown, string | RegExp]>([
    ['not an object', 'provider=runway', 'The settings change is not readable: please report it.'],
    ['an array', [{ provider: 'runway' }], 'The settings change is not readable: please report it.'],
    ['an unknown field', { theme: 'dark' }, '“theme” is not a setting: please report it.'],
    ['an unknown provider', { provider: 'openai' }, 'Choose Segmind or Runway as the provider.'],
    ['no variations', { variations: 0 }, 'Variations are a whole number from 1 to 4.'],
    ['five variations', { variations: 5 }, 'Variations are a whole number from 1 to 4.'],
    ['half a variation', { variations: 1.5 }, 'Variations are a whole number from 1 to 4.'],
    // Place into is chosen per run, never stored: a remembered mode once made Iterate fill a reference.
    ['a place-into mode', { placeInto: 'region' }, '“placeInto” is not a setting: please report it.'],
    ['a negative cost limit', { costLimit: -1 }, 'A cost limit is a number of credits above 0 and at most 100000.'],
    ['a cost limit of no credits', { costLimit: 0 }, 'A cost limit is a number of credits above 0 and at most 100000.'],
    ['a cost limit as text', { costLimit: '10' }, 'A cost limit is a number of credits above 0 and at most 100000.'],
    ['a key for no provider', { apiKey: { key: KEY } }, 'The API key change names no provider: please report it.'],
    ['a key with a space', { apiKey: { provider: 'segmind', key: 'sk-test a' } }, /^An API key has no spaces/],
    ['an http relay elsewhere', { relayUrl: 'http://relay.example.com' }, /^Use https:\/\//],
    ['a bad token', { relayToken: 'a b' }, /^A relay token has no spaces/],
    ['a model of another provider', { model: { provider: 'segmind', model: 'gen4_image' } }, 'That model is not one the provider offers.'],
    ['an unknown model', { model: { provider: 'runway', model: 'gen5' } }, 'That model is not one the provider offers.'],
    [
      'a ratio the model lacks',
      { ratio: { model: 'runway-gen4-image', ratio: '1024:1024' } },
      'That aspect ratio is not one the model offers.',
    ],
    ['a ratio of an unknown model', { ratio: { model: 'gen5', ratio: '1280:720' } }, 'That aspect ratio is not one the model offers.'],
    ['a seed too large', { seed: MAX_SEED + 1 }, 'A seed is a whole number from 0 to 2147483647.'],
  ])('refuses %s', (_, patch, message) => {
    const error = errorOf(applySettingsPatch(DEFAULT_SETTINGS, patch));
    if (typeof message === 'string') expect(error).toBe(message);
    else expect(error).toMatch(message);
    expect(error).not.toContain(KEY);
  });

  it('applies nothing of a patch with one bad field', () => {
    const result = applySettingsPatch(DEFAULT_SETTINGS, { provider: 'runway', apiKey: { provider: 'runway', key: KEY }, seed: -3 });
    expect(result.ok).toBe(false);
    expect(DEFAULT_SETTINGS.provider).toBe('segmind');
  });
});

describe('settingsFromStorage', () => {
  const NOTHING: StoredValues = {
    preferences: undefined,
    apiKeys: { segmind: undefined, runway: undefined },
    relayToken: undefined,
    legacyRatio: undefined,
  };

  it('is the defaults when nothing is stored', () => {
    expect(settingsFromStorage(NOTHING)).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to the defaults for stored variations and cost limit it cannot use', () => {
    const settings = settingsFromStorage({ ...NOTHING, preferences: { variations: 9, costLimit: -3 } });
    expect([settings.variations, settings.costLimit]).toEqual([1, null]);
  });

  it('ignores the Place into mode an earlier version stored, and leaves it out when storing again', () => {
    const settings = settingsFromStorage({ ...NOTHING, preferences: { placeInto: 'selected-layer', variations: 2 } });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, variations: 2 });
    expect(preferencesOf(settings)).not.toHaveProperty('placeInto');
  });

  it('reads back what preferencesOf stored, with the secrets from their own entries', () => {
    const settings: Settings = {
      provider: 'runway',
      apiKeys: { segmind: KEY, runway: 'key_test_2' },
      relayUrl: 'https://relay.example.com',
      relayToken: TOKEN,
      models: { runway: 'gen4_image_turbo', segmind: 'runway-gen4-image' },
      ratios: { gen4_image: '1080:1440', 'runway-gen4-image': '1584:672' },
      seed: 0,
      variations: 4,
      costLimit: 12.5,
    };
    const preferences = preferencesOf(settings);
    expect(JSON.stringify(preferences)).not.toContain(KEY);
    expect(JSON.stringify(preferences)).not.toContain(TOKEN);
    const stored: StoredValues = {
      preferences: structuredClone(preferences),
      apiKeys: { segmind: KEY, runway: 'key_test_2' },
      relayToken: TOKEN,
      legacyRatio: undefined,
    };
    expect(settingsFromStorage(stored)).toEqual(settings);
  });

  it('migrates version 0.1: its key entry and its last ratio (Segmind’s)', () => {
    expect(settingsFromStorage({ ...NOTHING, apiKeys: { segmind: KEY, runway: undefined }, legacyRatio: '1584:672' })).toEqual({
      ...DEFAULT_SETTINGS,
      apiKeys: { segmind: KEY, runway: null },
      ratios: { 'runway-gen4-image': '1584:672' },
    });
  });

  it('prefers the ratio in the preferences over the old entry', () => {
    const stored = { ...NOTHING, preferences: { ratios: { 'runway-gen4-image': '960:960' } }, legacyRatio: '1584:672' };
    expect(settingsFromStorage(stored).ratios).toEqual({ 'runway-gen4-image': '960:960' });
  });

  it('drops what does not fit, field by field', () => {
    const stored: StoredValues = {
      preferences: {
        provider: 'openai',
        relayUrl: 'http://relay.example.com',
        models: { runway: 'gen5', segmind: 'gen4_image' },
        ratios: { gen4_image: '960:960', 'runway-gen4-image': '1280:720', gen5: '1:1', toString: '1280:720' },
        seed: -1,
      },
      apiKeys: { segmind: 12345, runway: '   ' },
      relayToken: { token: TOKEN },
      legacyRatio: '4:3',
    };
    expect(settingsFromStorage(stored)).toEqual({ ...DEFAULT_SETTINGS, ratios: { 'runway-gen4-image': '1280:720' } });
    expect(settingsFromStorage({ ...NOTHING, preferences: 'not an object' })).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromStorage({ ...NOTHING, preferences: [1, 2] })).toEqual(DEFAULT_SETTINGS);
  });
});

describe('ratioFor', () => {
  const gen4 = { id: 'gen4_image', ratios: RUNWAY_RATIOS, defaultRatio: '1920:1080' };

  it('is the remembered ratio of the model, else its default', () => {
    expect(ratioFor(DEFAULT_SETTINGS, gen4)).toBe('1920:1080');
    expect(ratioFor({ ...DEFAULT_SETTINGS, ratios: { gen4_image: '720:960' } }, gen4)).toBe('720:960');
    expect(ratioFor({ ...DEFAULT_SETTINGS, ratios: { gen4_image_turbo: '720:960' } }, gen4)).toBe('1920:1080');
    expect(ratioFor({ ...DEFAULT_SETTINGS, ratios: { gen4_image: '960:960' } }, gen4)).toBe('1920:1080');
  });
});
