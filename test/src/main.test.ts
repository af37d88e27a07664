// Runs the real entry module against the fake, as Figma would when the plugin starts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PANEL_LAYOUT_STORAGE_KEY } from '../../core/panel-layout';
import { NO_TARGET } from '../../core/place-into';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { API_KEY_STORAGE_KEYS, LEGACY_RATIO_STORAGE_KEY, PREFERENCES_STORAGE_KEY } from '../../src/settings';
import { FAKE_HTML, installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';
import { pngBytes } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
  vi.resetModules();
});
afterEach(removeFakeFigmaAsync);

async function startPlugin(): Promise<void> {
  await import('../../src/main');
  await fake.ui.waitFor('selection');
}

describe('main: start', () => {
  it('opens the themed panel and sends the stored settings, then the selection', async () => {
    await fake.clientStorage.setAsync(API_KEY_STORAGE_KEYS.segmind, 'sk-test-stored');
    await fake.clientStorage.setAsync(LEGACY_RATIO_STORAGE_KEY, '960:960');
    const card = fake.add({ name: 'Card' });
    fake.currentPage.selection = [card];

    await startPlugin();
    expect(fake.shownUi).toEqual({ html: FAKE_HTML, options: { width: 360, height: 640, themeColors: true } });
    expect(fake.ui.posted.slice(0, 2)).toEqual([
      {
        type: 'init',
        settings: { ...DEFAULT_SETTINGS, apiKeys: { segmind: 'sk-test-stored', runway: null }, ratios: { 'runway-gen4-image': '960:960' } },
        draft: null,
        layout: null,
      },
      {
        type: 'selection',
        version: 1,
        layers: [{ id: card.id, name: 'Card', width: 100, height: 100, savedTag: null, tagBase: 'Card' }],
        skipped: [],
        ...NO_TARGET,
      },
    ]);
    await fake.ui.waitFor('reference-image', (m) => m.id === card.id);
  });

  it('sends empty settings on a first run', async () => {
    await startPlugin();
    expect(fake.ui.posted[0]).toEqual({ type: 'init', settings: DEFAULT_SETTINGS, draft: null, layout: null });
  });
});

describe('main: Figma events', () => {
  it('follows the selection and the current page', async () => {
    await startPlugin();
    const hero = fake.add({ name: 'Hero' });
    fake.select(hero);
    expect(await fake.ui.waitFor('selection', (m) => m.version === 2)).toMatchObject({ layers: [{ id: hero.id }] });

    const moodboard = fake.addPage('Moodboard');
    const chair = fake.add({ name: 'Chair' }, moodboard);
    moodboard.selection = [chair];
    fake.showPage(moodboard);
    expect(await fake.ui.waitFor('selection', (m) => m.version === 3)).toMatchObject({ layers: [{ id: chair.id }] });
  });
});

describe('main: UI messages', () => {
  it('saves and removes the key, answering each save by its id', async () => {
    await startPlugin();
    fake.ui.send({ type: 'save-settings', id: 1, patch: { apiKey: { provider: 'segmind', key: ' sk-test-typed ' } } });
    expect(await fake.ui.waitFor('settings-stored')).toEqual({
      type: 'settings-stored',
      id: 1,
      settings: { ...DEFAULT_SETTINGS, apiKeys: { segmind: 'sk-test-typed', runway: null } },
      error: null,
    });
    fake.ui.send({ type: 'save-settings', id: 2, patch: { apiKey: { provider: 'segmind', key: null } } });
    expect(await fake.ui.waitFor('settings-stored', (m) => m.id === 2)).toMatchObject({ settings: DEFAULT_SETTINGS, error: null });
    expect(fake.clientStorage.peek(API_KEY_STORAGE_KEYS.segmind)).toBeUndefined();
  });

  it('remembers the provider, the model and its ratio, for the next start', async () => {
    await startPlugin();
    fake.ui.send({ type: 'save-settings', id: 1, patch: { provider: 'runway', model: { provider: 'runway', model: 'gen4_image_turbo' } } });
    fake.ui.send({ type: 'save-settings', id: 2, patch: { ratio: { model: 'gen4_image_turbo', ratio: '720:1280' } } });
    await fake.ui.waitFor('settings-stored', (m) => m.id === 2);
    expect(fake.clientStorage.peek(PREFERENCES_STORAGE_KEY)).toMatchObject({
      provider: 'runway',
      models: { runway: 'gen4_image_turbo' },
      ratios: { gen4_image_turbo: '720:1280' },
    });
  });

  it('resizes the panel as it is dragged and keeps the layout the drag ends at, for the next start', async () => {
    await startPlugin();
    fake.ui.send({ type: 'layout', width: 380, height: 600, historyOpen: false, final: false });
    fake.ui.send({ type: 'layout', width: 400, height: 680, historyOpen: true, final: true });
    // A size Figma refuses changes nothing and is not kept.
    fake.ui.send({ type: 'layout', width: Number.NaN, height: 680, historyOpen: true, final: true });
    await vi.waitFor(() =>
      expect(fake.clientStorage.peek(PANEL_LAYOUT_STORAGE_KEY)).toEqual({ width: 400, height: 680, historyOpen: true }),
    );
    expect(fake.ui.sizes).toEqual([
      [380, 600],
      [400, 680],
    ]);
  });

  it('hands the panel the layout kept last time', async () => {
    await fake.clientStorage.setAsync(PANEL_LAYOUT_STORAGE_KEY, { width: 400, height: 680, historyOpen: true });
    await startPlugin();
    expect(fake.ui.ofType('init')[0]?.layout).toEqual({ width: 400, height: 680, historyOpen: true });
  });

  it('says why a save was refused', async () => {
    await startPlugin();
    fake.ui.send({ type: 'save-settings', id: 5, patch: { relayUrl: 'http://relay.example.com' } });
    const answer = await fake.ui.waitFor('settings-stored');
    expect(answer).toMatchObject({ id: 5, settings: DEFAULT_SETTINGS });
    expect(answer.error).toEqual({ code: 'relay-http' });
  });

  it('places an image sent by the UI and answers once', async () => {
    await startPlugin();
    fake.ui.send({
      type: 'place',
      requestId: 11,
      bytes: pngBytes(960, 960),
      prompt: 'A chair in a sunny room',
      ratio: '960:960',
      provider: 'segmind',
      model: 'runway-gen4-image',
      references: [],
      seed: null,
      target: { kind: 'new-layer' },
      batch: { batchId: 11, index: 0, count: 1 },
    });
    const placed = await fake.ui.waitFor('placed');
    expect(placed).toMatchObject({ requestId: 11, name: 'A chair in a sunny room' });
    expect(fake.allNodes().map((n) => [n.id, n.width, n.height])).toEqual([[placed.nodeId, 960, 960]]);
    expect(fake.currentPage.selection.map((n) => n.id)).toEqual([placed.nodeId]);
    expect(fake.ui.ofType('placed')).toHaveLength(1);
  });

  it('keeps the references through the selection of the placed layer, then follows the designer again', async () => {
    const model = fake.add({ name: 'model', width: 400, height: 600 });
    fake.currentPage.selection = [model];
    await startPlugin();
    fake.ui.send({
      type: 'place',
      requestId: 12,
      bytes: pngBytes(1280, 720),
      prompt: 'photo of @model in a garden',
      ratio: '1280:720',
      provider: 'segmind',
      model: 'runway-gen4-image',
      references: [{ tag: 'model', layerId: model.id, layerName: 'model' }],
      seed: null,
      target: { kind: 'new-layer' },
      batch: { batchId: 12, index: 0, count: 1 },
    });
    const placed = await fake.ui.waitFor('placed');
    expect(fake.currentPage.selection.map((n) => n.id)).toEqual([placed.nodeId]);

    const chair = fake.add({ name: 'chair', width: 300, height: 300 });
    fake.currentPage.selection = [chair];
    await fake.ui.waitFor('selection', (m) => m.layers[0]?.id === chair.id);
    const snapshots = fake.ui.ofType('selection');
    expect(snapshots.map((m) => m.layers.map((l) => l.name))).toEqual([['model'], ['chair']]);
  });

  it('ignores messages that are not the plugin’s', async () => {
    await startPlugin();
    const before = fake.ui.posted.length;
    fake.ui.send({ type: 'resize', width: 10 });
    fake.ui.send('save-settings');
    fake.ui.send({ type: 'save-key', apiKey: 'sk-test-old-protocol' });
    fake.ui.send({ type: 'save-settings', id: 1, patch: { apiKey: { provider: 'segmind', key: 'sk-test-after-noise' } } });
    await fake.ui.waitFor('settings-stored');
    expect(fake.ui.posted.slice(before).map((m) => m.type)).toEqual(['settings-stored']);
  });
});
