// The quick action through the real entry module: Figma fires 'run' with the parameters typed in its quick
// actions; the plugin opens a hidden UI, asks it to generate, and turns its answer into a notification and a close.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quickRunSettings } from '../../core/quick-parameters';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { Settings } from '../../core/settings';
import { QUICK_RUN_LIMIT_MS } from '../../src/quick-action';
import { API_KEY_STORAGE_KEYS, PREFERENCES_STORAGE_KEY } from '../../src/settings';
import { FAKE_HTML, installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';
import { pngBytes } from './images';

const KEY = 'sk-test-quick-action';
const STORED: Settings = { ...DEFAULT_SETTINGS, apiKeys: { segmind: KEY, runway: null } };

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
  vi.resetModules();
});
afterEach(async () => {
  vi.useRealTimers();
  await removeFakeFigmaAsync();
});

async function runWith(parameters: ParameterValues | undefined): Promise<void> {
  fake.launch = { command: '', ...(parameters ? { parameters } : {}) };
  await import('../../src/main');
}

async function saveKeyAsync(): Promise<void> {
  await fake.clientStorage.setAsync(API_KEY_STORAGE_KEYS.segmind, KEY);
}

describe('quick action: a run with parameters', () => {
  it('opens a hidden UI, hands it the settings for one new layer at the ratio picked, then asks it to generate', async () => {
    await saveKeyAsync();
    const card = fake.add({ name: 'Card' });
    fake.select(card);

    await runWith({ prompt: '@Card on a desk', ratio: '960:960' });
    await fake.ui.waitFor('selection');
    expect(fake.shownUi).toEqual({ html: FAKE_HTML, options: { visible: false } });
    expect(fake.ui.posted.slice(0, 2)).toEqual([
      { type: 'init', settings: quickRunSettings(STORED, '960:960'), draft: null, layout: null },
      { type: 'quick-run', prompt: '@Card on a desk' },
    ]);
    // Every selected layer is a reference: a quick run always places a new layer.
    expect(fake.ui.ofType('selection')[0]).toMatchObject({
      version: 1,
      layers: [{ id: card.id, name: 'Card', width: 100, height: 100 }],
      target: null,
    });
    // Nothing of it is stored: the panel still opens with the designer's own ratio.
    expect(fake.clientStorage.peek(PREFERENCES_STORAGE_KEY)).toBeUndefined();
    await fake.ui.waitFor('reference-image', (m) => m.id === card.id);
  });

  it('uses every selected layer as a reference, as one image, even when an older version stored Selected layer', async () => {
    await saveKeyAsync();
    await fake.clientStorage.setAsync(PREFERENCES_STORAGE_KEY, { placeInto: 'selected-layer', variations: 4 });
    const mockup = fake.add({ name: 'Mockup' });
    fake.select(mockup);

    await runWith({ prompt: '@Mockup at dusk' });
    const selection = await fake.ui.waitFor('selection');
    expect(selection).toMatchObject({ layers: [{ id: mockup.id }], target: null });
    expect(fake.ui.ofType('init')[0]?.settings).toMatchObject({ variations: 1 });
    expect(fake.ui.ofType('init')[0]?.settings).not.toHaveProperty('placeInto');
    await fake.ui.waitFor('reference-image', (m) => m.id === mockup.id);
  });

  it('closes once the placing it asked for has finished, leaving the one notification placing gives', async () => {
    await saveKeyAsync();
    await runWith({ prompt: 'a desk lamp', ratio: '960:960' });
    await fake.ui.waitFor('quick-run');
    // The UI answers quick-done as soon as it hears 'placed'; the sandbox may still be recording the layer then.
    fake.ui.send({
      type: 'place',
      requestId: 1,
      bytes: pngBytes(960, 960),
      prompt: 'a desk lamp',
      ratio: '960:960',
      provider: 'segmind',
      model: 'runway-gen4-image',
      references: [],
      seed: null,
      target: { kind: 'new-layer' },
      batch: { batchId: 1, index: 0, count: 1 },
    });
    const placedAtClose: number[] = [];
    const close = fake.closePlugin.bind(fake);
    fake.closePlugin = () => {
      placedAtClose.push(fake.ui.ofType('placed').length);
      close();
    };
    fake.ui.send({ type: 'quick-done' });

    await vi.waitFor(() => expect(fake.closed).toBe(true));
    expect(placedAtClose).toEqual([1]);
    const placed = await fake.ui.waitFor('placed');
    expect(fake.allNodes().map((node) => [node.id, node.width, node.height])).toEqual([[placed.nodeId, 960, 960]]);
    expect(fake.notifications).toEqual([`Placed “${placed.name}”`]);
    expect(fake.errorNotifications).toEqual([]);
  });

  it("shows the UI's failure as an error, without its bracketed details when too long, and closes", async () => {
    await saveKeyAsync();
    await runWith({ prompt: 'a desk lamp' });
    await fake.ui.waitFor('quick-run');

    fake.ui.send({
      type: 'quick-failed',
      message:
        'Not enough Segmind credits for this image (HTTP 406: "Insufficient credits. Please add credits to your account."). Top up at segmind.com, then generate again.',
    });
    await vi.waitFor(() => expect(fake.closed).toBe(true));
    expect(fake.errorNotifications).toEqual(['Not enough Segmind credits for this image. Top up at segmind.com, then generate again.']);
  });

  it('ends once: a late answer after the first neither notifies nor closes again', async () => {
    await saveKeyAsync();
    await runWith({ prompt: 'a desk lamp' });
    await fake.ui.waitFor('quick-run');
    fake.ui.send({ type: 'quick-failed', message: 'Segmind refused the API key.' });
    fake.ui.send({ type: 'quick-failed', message: 'A second answer.' });
    await vi.waitFor(() => expect(fake.closed).toBe(true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.notifications).toEqual(['Segmind refused the API key.']);
  });

  it('gives up with an error after its time limit, when the UI never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await saveKeyAsync();
    await runWith({ prompt: 'a desk lamp' });
    await fake.ui.waitFor('quick-run');
    vi.advanceTimersByTime(QUICK_RUN_LIMIT_MS - 1);
    expect(fake.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(fake.errorNotifications).toEqual(['No image after 6 minutes: the quick action gave up.']);
    expect(fake.closed).toBe(true);
  });
});

describe('createQuickRun', () => {
  it('holds the close until the work it was given has settled, failed work included', async () => {
    const { createQuickRun } = await import('../../src/quick-action');
    const run = createQuickRun({ prompt: 'a desk lamp' });
    let finish: () => void = () => undefined;
    run.holdCloseFor(new Promise<void>((resolve) => (finish = resolve)));
    run.holdCloseFor(Promise.reject(new Error('placing failed')));
    run.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.closed).toBe(false);

    finish();
    await vi.waitFor(() => expect(fake.closed).toBe(true));
    expect(fake.notifications).toEqual([]);
  });
});

describe('quick action: refused before anything is sent', () => {
  it('asks for the key when none is saved, never showing a key', async () => {
    await fake.clientStorage.setAsync(API_KEY_STORAGE_KEYS.runway, 'sk-test-runway-only');
    await runWith({ prompt: '@Card on a desk' });
    await vi.waitFor(() => expect(fake.closed).toBe(true));
    expect(fake.errorNotifications).toEqual(['Open Gen-4 References and save your Segmind API key first']);
    expect(fake.ui.posted).toEqual([]);
  });

  it("refuses a ratio the provider doesn't offer", async () => {
    await saveKeyAsync();
    await runWith({ prompt: 'a desk lamp', ratio: '1024:1024' });
    await vi.waitFor(() => expect(fake.closed).toBe(true));
    expect(fake.errorNotifications).toEqual(['1024:1024 is not a ratio Segmind offers: pick one the quick action suggests.']);
    expect(fake.ui.posted).toEqual([]);
  });

  it('refuses parameters without a prompt', async () => {
    await saveKeyAsync();
    await runWith({ ratio: '960:960' });
    await vi.waitFor(() => expect(fake.closed).toBe(true));
    expect(fake.errorNotifications).toEqual(['Type a prompt in the quick action.']);
    expect(fake.ui.posted).toEqual([]);
  });
});

describe('quick action: a run from the menu', () => {
  it('opens the panel as always, and a stray quick answer does not close it', async () => {
    await saveKeyAsync();
    await runWith(undefined);
    await fake.ui.waitFor('selection');
    expect(fake.shownUi?.options).toEqual({ width: 360, height: 640, themeColors: true });
    expect(fake.ui.ofType('quick-run')).toEqual([]);
    fake.ui.send({ type: 'quick-done' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.closed).toBe(false);
    expect(fake.notifications).toEqual([]);
  });
});

describe('quick action: suggestions while typing', () => {
  it("offers the chosen model's ratios that match, with their use", async () => {
    await fake.clientStorage.setAsync(PREFERENCES_STORAGE_KEY, { provider: 'runway', models: { runway: 'gen4_image_turbo' } });
    await runWith({ prompt: 'unused' });
    expect(await fake.parameters.inputAsync('ratio', '1080')).toEqual({
      suggestions: [
        { name: '1920:1080 — 16:9 Full HD, game assets, wallpapers', data: '1920:1080' },
        { name: '1080:1920 — 9:16 Full HD, Stories/TikTok', data: '1080:1920' },
        { name: '1080:1080 — 1:1 Full HD, Instagram post', data: '1080:1080' },
        { name: '1440:1080 — 4:3 Full HD, presentations', data: '1440:1080' },
        { name: '1080:1440 — 3:4 Full HD, portraits, try-on', data: '1080:1440' },
      ],
    });
  });

  it('refuses a ratio that matches none, and suggests nothing for the free-form prompt', async () => {
    await runWith({ prompt: 'unused' });
    expect(await fake.parameters.inputAsync('ratio', '4000:1')).toEqual({
      error: 'No Segmind ratio matches “4000:1”: try 1280:720 or 1920:1080.',
    });
    expect(await fake.parameters.inputAsync('prompt', '@Card on a')).toEqual({ suggestions: [] });
  });
});
