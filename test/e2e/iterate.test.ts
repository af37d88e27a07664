// Iterate in the real panel: a placed layer opened with its relaunch command brings back its prompt, ratio and
// tags with its references re-selected; one changed word makes a second layer; a deleted reference is named.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerInfo } from '../host/host-api';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = MODEL_AND_CLOTH;
const PROMPT = '@model wearing @garment in a garden';

let e2e: E2E;
let referenceIds: string[];

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  referenceIds = await openWithReferencesAsync(e2e, LAYERS);
});

const promptField = () => e2e.plugin.getByLabel('Prompt', { exact: true });
const ratioField = () => e2e.plugin.getByLabel('Aspect ratio', { exact: true });
const tagField = (name: string) => e2e.plugin.getByLabel(`Tag for ${name}`, { exact: true });

/** Generates once with the cloth layer retagged @garment, at 960:960; returns the placed layer. */
async function generateFirstAsync(): Promise<LayerInfo> {
  await tagField('cloth').fill('garment');
  await ratioField().selectOption('960:960');
  await promptField().fill(PROMPT);
  expect((await e2e.generateAsync()).text).toContain('Placed');
  const [placed] = await e2e.placedLayersAsync();
  if (!placed) throw new Error('Nothing was placed');
  return placed;
}

/** Closes the plugin, selects `layerId` and opens the plugin from its Iterate relaunch button. */
async function iterateFromAsync(layerId: string): Promise<void> {
  await e2e.host('closePlugin');
  await e2e.host('select', [layerId]);
  await e2e.host('openPlugin', { command: 'iterate' });
  await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).waitFor({ state: 'visible' });
}

describe('Iterate', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('reopens with the prompt, ratio and tags, re-selects the references, and one changed word makes a second layer', async () => {
    const first = await generateFirstAsync();
    expect(first.relaunchData).toEqual({
      iterate: 'Open with this layer’s prompt, ratio and references',
      upscale: 'Make this image larger with Runway’s upscaler',
    });
    expect(JSON.parse(first.pluginData.generation ?? '{}')).toMatchObject({ prompt: PROMPT, ratio: '960:960' });

    await iterateFromAsync(first.id);
    await expect.poll(() => e2e.host('selection'), POLL).toEqual(referenceIds);
    await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['model', 'cloth']);
    expect(await promptField().inputValue()).toBe(PROMPT);
    expect(await ratioField().inputValue()).toBe('960:960');
    expect([await tagField('model').inputValue(), await tagField('cloth').inputValue()]).toEqual(['model', 'garment']);
    await e2e.screenshotAsync('iterate-panel', 'panel');

    e2e.standIn.requests.length = 0;
    await promptField().fill('@model wearing @garment in a forest');
    expect((await e2e.generateAsync()).text).toContain('Placed');
    const placed = await e2e.placedLayersAsync();
    expect(placed).toHaveLength(2);
    expect(placed.map((layer) => [layer.width, layer.height])).toEqual([
      [960, 960],
      [960, 960],
    ]);
    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect(post?.body).toMatchObject({
      promptText: '@model wearing @garment in a forest',
      ratio: '960:960',
      referenceImages: [{ tag: 'model' }, { tag: 'garment' }],
    });
  });

  it('names a reference that was deleted and re-selects the rest', async () => {
    const first = await generateFirstAsync();
    await e2e.host('removeLayer', referenceIds[1] as string);
    await iterateFromAsync(first.id);
    await e2e.plugin.getByText('“cloth” no longer exists: select a replacement for @garment.').waitFor();
    await expect.poll(() => e2e.host('selection'), POLL).toEqual([referenceIds[0]]);
    await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['model']);
  });

  it('opens as usual, saying why, from a layer the plugin did not make', async () => {
    await iterateFromAsync(referenceIds[0] as string);
    await e2e.plugin.getByText('“model” wasn’t made by this plugin: there is nothing to iterate on.').waitFor();
    expect(await promptField().inputValue()).toBe('');
    await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['model']);
  });
});
