// A reference is never overwritten: the sequence that once replaced a reference's image, run in the real panel.
// Generate a new layer from "model" and "cloth"; fill "Hero" with Place into → Selected layer; close the plugin;
// Iterate from the first result and change a word. Place into starts again in New layer, both references are sent
// at the first result's ratio, and every reference keeps its image.
import { beforeEach, describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { layerNamed, MODEL_AND_CLOTH, openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = [
  ...MODEL_AND_CLOTH,
  { name: 'Hero', type: 'RECTANGLE', x: 0, y: 1400, width: 600, height: 400, imageUrl: '/samples/room.svg' },
] as const;

let e2e: E2E;
let ids: string[];

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  ids = await openWithReferencesAsync(e2e, LAYERS);
});

const promptField = () => e2e.plugin.getByLabel('Prompt', { exact: true });
const placeInto = () => e2e.plugin.getByLabel('Place into', { exact: true });
const ratioField = () => e2e.plugin.getByLabel('Aspect ratio', { exact: true });
const cardNames = () => e2e.plugin.locator('.card .name').allTextContents();
const posts = () =>
  e2e.standIn.requests
    .filter((request) => request.method === 'POST')
    .map((request) => request.body as { promptText: string; ratio: string; referenceImages: { tag: string }[] });

describe('a reference is never overwritten', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('Iterate after a Selected layer run starts in New layer, sends both references and fills none of them', async () => {
    const [modelId, clothId, heroId] = ids as [string, string, string];
    // 1. A new layer from model and cloth, at a ratio that is not the model layer's shape.
    await e2e.host('select', [modelId, clothId]);
    await expect.poll(cardNames, POLL).toEqual(['model', 'cloth']);
    await ratioField().selectOption('1280:720');
    await promptField().fill('@model wearing @cloth in a garden');
    expect((await e2e.generateAsync()).text).toContain('Placed');
    const [first] = await e2e.placedLayersAsync();
    if (!first) throw new Error('The first run placed nothing');

    // 2. Fill Hero with Place into → Selected layer; the panel names the image it replaces first.
    await placeInto().selectOption('selected-layer');
    await e2e.host('select', [heroId, clothId]);
    await expect.poll(cardNames, POLL).toEqual(['cloth']);
    await promptField().fill('@cloth as a wallpaper pattern');
    await e2e.plugin.getByText('Replaces the image of “Hero”.').waitFor();
    const undoBefore = await e2e.host('undoSteps');
    expect((await e2e.generateAsync()).text).toContain('Placed “Hero”');
    expect(await e2e.host('undoSteps')).toBe(undoBefore + 1);
    const before = await e2e.host('layers');

    // 3. Close; select the first result and Iterate from it.
    await e2e.host('closePlugin');
    await e2e.host('select', [first.id]);
    await e2e.host('openPlugin', { command: 'iterate' });
    await expect.poll(cardNames, POLL).toEqual(['model', 'cloth']);
    expect(await placeInto().inputValue()).toBe('new-layer');
    expect(await e2e.host('selection')).toEqual([modelId, clothId]);
    expect(await ratioField().inputValue()).toBe('1280:720');
    await e2e.screenshotAsync('reference-safety-iterate', 'panel');

    // 4. One word changed, Generate: a new layer, both references sent, every reference as it was.
    e2e.standIn.requests.length = 0;
    await promptField().fill('@model wearing @cloth in a forest');
    expect((await e2e.generateAsync()).text).toContain('Placed');
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ ratio: '1280:720', referenceImages: [{ tag: 'model' }, { tag: 'cloth' }] });
    const after = await e2e.host('layers');
    for (const name of ['model', 'cloth', 'Hero']) expect(layerNamed(after, name)).toEqual(layerNamed(before, name));
    const placed = await e2e.placedLayersAsync();
    expect(placed.map((layer) => [layer.width, layer.height])).toEqual([
      [1280, 720],
      [1280, 720],
    ]);
  });

  it('Iterate from a filled layer restores Selected layer with that layer as the target, never a reference', async () => {
    const [modelId, , heroId] = ids as [string, string, string];
    await placeInto().selectOption('selected-layer');
    await e2e.host('select', [heroId, modelId]);
    await expect.poll(cardNames, POLL).toEqual(['model']);
    await promptField().fill('@model on a rooftop');
    expect((await e2e.generateAsync()).text).toContain('Placed “Hero”');

    await e2e.host('closePlugin');
    await e2e.host('select', [heroId]);
    await e2e.host('openPlugin', { command: 'iterate' });
    await expect.poll(cardNames, POLL).toEqual(['model']);
    expect(await placeInto().inputValue()).toBe('selected-layer');
    await expect.poll(() => e2e.plugin.getByRole('group', { name: 'Target' }).locator('.name').textContent(), POLL).toContain('Hero');
    await e2e.plugin.getByText('Replaces the image of “Hero”.').waitFor();
  });
});
