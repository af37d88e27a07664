// The quick action in the browser host: Figma's quick actions run the plugin with a prompt and a ratio typed there;
// the panel never shows, the selection goes as references, and a notification says how it ended before the plugin
// closes.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PluginLaunch } from '../host/host-api';
import { E2E_KEY, type E2E, E2E_TEST_TIMEOUT_MS, RUN_TIMEOUT_MS } from '../support/e2e';
import { shareE2EWithSavedKey } from '../support/e2e-suite';
import { STAND_IN_PATH } from '../support/segmind-stand-in';

const LAYERS = [
  { name: 'sofa', type: 'FRAME', x: 0, y: 0, width: 480, height: 320, fill: '#b08d57' },
  { name: 'room', type: 'FRAME', x: 520, y: 0, width: 640, height: 400, imageUrl: '/samples/room.svg' },
] as const;
const PROMPT = '@sofa in @room, warm evening light';

let e2e: E2E;

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await e2e.resetAsync();
  const ids = await e2e.addLayersAsync(LAYERS);
  await e2e.host('select', ids);
});

/** Starts recording every change of the plugin window's visibility (the host hides it with the `hidden` attribute). */
async function watchWindowAsync(): Promise<void> {
  await e2e.page.evaluate(() => {
    const element = document.querySelector('.plugin-window') as HTMLElement;
    const seen: boolean[] = [];
    (window as unknown as { seenVisible: boolean[] }).seenVisible = seen;
    new MutationObserver(() => seen.push(!element.hidden)).observe(element, { attributes: true, attributeFilter: ['hidden'] });
  });
}

/** Whether the plugin window was visible at any change since watchWindowAsync. */
async function windowWasVisibleAsync(): Promise<boolean> {
  return e2e.page.evaluate(() => (window as unknown as { seenVisible: boolean[] }).seenVisible.includes(true));
}

/** Runs the quick action with `parameters` and waits for the plugin to close; returns whether its window ever showed. */
async function quickRunAsync(parameters: NonNullable<PluginLaunch['parameters']>): Promise<{ everVisible: boolean }> {
  await watchWindowAsync();
  await e2e.host('openPlugin', { parameters });
  await expect.poll(() => e2e.host('isPluginOpen'), { timeout: RUN_TIMEOUT_MS }).toBe(false);
  return { everVisible: await windowWasVisibleAsync() };
}

describe('quick action', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('generates from the selection without showing the panel, places a 960×960 layer and says so', async () => {
    const { everVisible } = await quickRunAsync({ prompt: PROMPT, ratio: '960:960' });
    expect(everVisible).toBe(false);

    const posts = e2e.standIn.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe(STAND_IN_PATH);
    expect(posts[0]?.headers['x-api-key']).toBe(E2E_KEY);
    expect(posts[0]?.body).toEqual({
      promptText: PROMPT,
      ratio: '960:960',
      referenceImages: [
        { tag: 'sofa', uri: expect.stringMatching(/^data:image\/(jpeg|png|webp);base64,/) },
        { tag: 'room', uri: expect.stringMatching(/^data:image\/(jpeg|png|webp);base64,/) },
      ],
    });

    const placed = await e2e.placedLayersAsync();
    expect(placed.map((layer) => [layer.width, layer.height, layer.fills[0]?.type])).toEqual([[960, 960, 'IMAGE']]);
    expect(await e2e.host('toasts')).toEqual([{ message: `Placed “${placed[0]?.name ?? ''}”`, error: false }]);
    // The plugin closed itself once placed: the generation is in History all the same.
    const stored = await e2e.host('clientStorage');
    const histories = Object.entries(stored).filter(([key]) => key.startsWith('history/'));
    expect(histories.map(([, entries]) => (entries as { layerId: string }[]).map((entry) => entry.layerId))).toEqual([[placed[0]?.id]]);
  });

  it.each([
    ['no-credits', 'Not enough Segmind credits for this image. Top up at segmind.com, then generate again.'],
    ['unauthorized', 'Segmind refused the API key. Open settings and check the key.'],
  ] as const)("shows Segmind's refusal (%s) as an error, places nothing and closes", async (mode, message) => {
    e2e.standIn.setMode(mode);
    await quickRunAsync({ prompt: PROMPT });
    expect(e2e.standIn.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(await e2e.placedLayersAsync()).toEqual([]);
    expect(await e2e.host('toasts')).toEqual([{ message, error: true }]);
  });

  it('refuses a prompt naming a tag no selected layer has, sending nothing', async () => {
    await quickRunAsync({ prompt: '@sofa next to @lamp', ratio: '960:960' });
    expect(e2e.standIn.requests).toEqual([]);
    expect(await e2e.placedLayersAsync()).toEqual([]);
    expect(await e2e.host('toasts')).toEqual([{ message: '@lamp is not a selected layer’s tag: the tags are @sofa, @room.', error: true }]);
  });

  it("suggests Segmind's ratios while the ratio is typed, and refuses one it doesn't offer", async () => {
    expect(await e2e.host('parameterSuggestions', { key: 'ratio', query: '960', parameters: { prompt: PROMPT } })).toEqual({
      suggestions: [{ name: '960:960 — 1:1, square post', data: '960:960' }],
    });
    expect(await e2e.host('parameterSuggestions', { key: 'ratio', query: '1024' })).toEqual({
      error: 'No Segmind ratio matches “1024”: try 1280:720 or 1920:1080.',
    });
    expect(await e2e.host('parameterSuggestions', { key: 'prompt', query: '@sofa' })).toEqual({ suggestions: [] });
  });

  it('still opens the panel from the plugins menu', async () => {
    await watchWindowAsync();
    await e2e.openPluginAsync();
    expect(await windowWasVisibleAsync()).toBe(true);
    expect(e2e.standIn.requests).toEqual([]);
    expect(await e2e.host('toasts')).toEqual([]);
  });
});
