import { describe, expect, it } from 'vitest';
import {
  checkQuickRatio,
  MAX_NOTIFICATION_CHARS,
  notificationText,
  quickPromptProblem,
  quickRatios,
  quickRunSettings,
  quickSettingsProblem,
  ratioSuggestions,
  readQuickParameters,
} from '../../core/quick-parameters';
import { RUNWAY_RATIOS, SEGMIND_RATIOS } from '../../core/ratios';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { Settings } from '../../core/settings';

const SEGMIND: Settings = { ...DEFAULT_SETTINGS, apiKeys: { segmind: 'sk-test-quick', runway: null } };
const RUNWAY_TURBO: Settings = {
  ...DEFAULT_SETTINGS,
  provider: 'runway',
  relayUrl: 'http://127.0.0.1:8787',
  models: { runway: 'gen4_image_turbo' },
};

describe('readQuickParameters', () => {
  it('reads the prompt as typed and the ratio trimmed', () => {
    expect(readQuickParameters({ prompt: ' @Model on a beach ', ratio: ' 960:960 ' })).toEqual({
      ok: true,
      value: { prompt: ' @Model on a beach ', ratio: '960:960' },
    });
  });

  it('treats a missing or blank ratio as none picked', () => {
    expect(readQuickParameters({ prompt: 'a chair' })).toEqual({ ok: true, value: { prompt: 'a chair', ratio: null } });
    expect(readQuickParameters({ prompt: 'a chair', ratio: '  ' })).toEqual({ ok: true, value: { prompt: 'a chair', ratio: null } });
  });

  it.each([
    [undefined, 'The quick action passed no prompt: type one and try again.'],
    [{}, 'Type a prompt in the quick action.'],
    [{ prompt: 42 }, 'Type a prompt in the quick action.'],
    [{ prompt: 'a chair', ratio: 960 }, 'The ratio must be text like 960:960.'],
  ])('refuses %j', (values, error) => {
    expect(readQuickParameters(values)).toEqual({ ok: false, error });
  });
});

describe('quickRatios', () => {
  it('follows the chosen provider and model', () => {
    expect(quickRatios(SEGMIND)).toBe(SEGMIND_RATIOS);
    expect(quickRatios(RUNWAY_TURBO)).toBe(RUNWAY_RATIOS);
  });

  it("falls back to the provider's first model for a model it doesn't offer", () => {
    expect(quickRatios({ ...SEGMIND, models: { segmind: 'toString' } })).toBe(SEGMIND_RATIOS);
  });
});

describe('ratioSuggestions', () => {
  it('offers every ratio of the model for an empty query, value first, its use after', () => {
    const suggestions = ratioSuggestions(SEGMIND, '');
    expect(suggestions.ok && suggestions.value.map((s) => s.data)).toEqual(SEGMIND_RATIOS.map((option) => option.value));
    expect(suggestions.ok && suggestions.value[4]).toEqual({ name: '960:960 — 1:1, square post', data: '960:960' });
  });

  it('filters by the value or the use, ignoring case', () => {
    const byValue = ratioSuggestions(SEGMIND, '960');
    expect(byValue.ok && byValue.value.map((s) => s.data)).toEqual(['960:960']);
    const byUse = ratioSuggestions(SEGMIND, 'STORIES');
    expect(byUse.ok && byUse.value.map((s) => s.data)).toEqual(['1080:1920']);
    const runway = ratioSuggestions(RUNWAY_TURBO, '720:7');
    expect(runway.ok && runway.value.map((s) => s.data)).toEqual(['720:720']);
  });

  it('refuses a query no ratio matches, naming the provider and examples', () => {
    expect(ratioSuggestions(SEGMIND, '1024:1024')).toEqual({
      ok: false,
      error: 'No Segmind ratio matches “1024:1024”: try 1280:720 or 1920:1080.',
    });
  });
});

describe('checkQuickRatio', () => {
  it('takes a ratio the model offers, and none picked as none', () => {
    expect(checkQuickRatio(SEGMIND, '960:960')).toEqual({ ok: true, value: '960:960' });
    expect(checkQuickRatio(RUNWAY_TURBO, '720:720')).toEqual({ ok: true, value: '720:720' });
    expect(checkQuickRatio(SEGMIND, null)).toEqual({ ok: true, value: null });
  });

  it("refuses one the model doesn't offer, in a notification's length", () => {
    const checked = checkQuickRatio(SEGMIND, '720:720');
    expect(checked).toEqual({ ok: false, error: '720:720 is not a ratio Segmind offers: pick one the quick action suggests.' });
    const long = checkQuickRatio(SEGMIND, 'x'.repeat(500));
    expect(!long.ok && long.error.length).toBeLessThanOrEqual(MAX_NOTIFICATION_CHARS);
  });
});

describe('quickSettingsProblem', () => {
  it('asks for the key of the chosen provider when there is neither a key nor a relay', () => {
    expect(quickSettingsProblem(DEFAULT_SETTINGS)).toBe('Open Gen-4 References and save your Segmind API key first');
    expect(quickSettingsProblem({ ...DEFAULT_SETTINGS, provider: 'runway', apiKeys: { segmind: 'sk-test-other', runway: null } })).toBe(
      'Open Gen-4 References and save your Runway API key first',
    );
  });

  it('lets a key or a relay through', () => {
    expect(quickSettingsProblem(SEGMIND)).toBeNull();
    expect(quickSettingsProblem(RUNWAY_TURBO)).toBeNull();
  });
});

describe('quickRunSettings', () => {
  const stored: Settings = { ...SEGMIND, variations: 3, ratios: { 'runway-gen4-image': '1280:720', gen4_image: '720:720' } };

  it('makes one image as a new layer, at the ratio picked for the chosen model', () => {
    expect(quickRunSettings(stored, '960:960')).toEqual({
      ...stored,
      variations: 1,
      ratios: { 'runway-gen4-image': '960:960', gen4_image: '720:720' },
    });
    expect(quickRunSettings(RUNWAY_TURBO, '720:720').ratios).toEqual({ gen4_image_turbo: '720:720' });
  });

  it("keeps the panel's ratios when none was picked", () => {
    expect(quickRunSettings(stored, null).ratios).toBe(stored.ratios);
  });
});

describe('quickPromptProblem', () => {
  it('passes a prompt whose @tags are all references', () => {
    expect(quickPromptProblem('@Model wearing @jacket', ['Model', 'Jacket'])).toBeNull();
    // Not mentioning a reference is fine, as in the panel.
    expect(quickPromptProblem('@Model on a beach', ['Model', 'Jacket'])).toBeNull();
  });

  it('blocks what the panel blocks', () => {
    expect(quickPromptProblem('   ', ['Model'])).toBe('Write a prompt.');
    expect(quickPromptProblem('x'.repeat(1005), ['Model'])).toBe('The prompt is 5 characters over the 1000-character limit.');
  });

  it('blocks an @tag no reference has, naming the tags there are', () => {
    expect(quickPromptProblem('@Model wearing @hat', ['Model', 'Jacket'])).toBe(
      '@hat is not a selected layer’s tag: the tags are @Model, @Jacket.',
    );
    expect(quickPromptProblem('@Model on a beach', [])).toBe('@Model is not a selected layer’s tag: no layer is selected.');
  });
});

describe('notificationText', () => {
  it('keeps a short message as it is, on one line', () => {
    expect(notificationText('Placed “Beach”')).toBe('Placed “Beach”');
    expect(notificationText('Segmind refused\nthe key.  ')).toBe('Segmind refused the key.');
  });

  it("drops a long message's bracketed details first, keeping the advice after them", () => {
    const credits =
      'Not enough Segmind credits for this image (HTTP 406: "Insufficient credits. Please add credits to your account."). ' +
      'Top up at segmind.com, then generate again.';
    expect(notificationText(credits)).toBe('Not enough Segmind credits for this image. Top up at segmind.com, then generate again.');
    // Short enough as it is: nothing is dropped.
    expect(notificationText('Segmind refused the key (HTTP 401).')).toBe('Segmind refused the key (HTTP 401).');
  });

  it('cuts a long one to the notification limit with an ellipsis', () => {
    const text = notificationText('word '.repeat(60));
    expect(text).toHaveLength(MAX_NOTIFICATION_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });
});
