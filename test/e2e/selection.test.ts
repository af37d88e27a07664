// The panel follows the canvas while it is open: cards come and go with the selection, an edited tag
// survives reselecting its layer, layers over the limit are listed as not sent, unusable ones as skipped.
import { beforeEach, describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = [
  ...MODEL_AND_CLOTH,
  { name: 'room', type: 'FRAME', x: 680, y: 0, width: 480, height: 320, imageUrl: '/samples/room.svg' },
  { name: 'product', type: 'RECTANGLE', x: 1200, y: 0, width: 320, height: 320, imageUrl: '/samples/product.svg' },
  { name: 'draft', type: 'FRAME', x: 1560, y: 0, width: 200, height: 200, fill: '#999999', visible: false },
] as const;

let e2e: E2E;
let ids: Record<string, string> = {};

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await e2e.resetAsync();
  const added = await e2e.addLayersAsync(LAYERS);
  ids = Object.fromEntries(LAYERS.map((layer, index) => [layer.name, added[index]!]));
  await e2e.openPluginAsync();
});

/** Selects layers by name, as a designer clicking them on the canvas would. */
async function selectAsync(...names: string[]): Promise<void> {
  await e2e.host(
    'select',
    names.map((name) => ids[name]!),
  );
}

/** The cards' layer names, in order. */
function cardNamesAsync(): Promise<string[]> {
  return e2e.plugin.locator('.card .name').allTextContents();
}

function tagAsync(name: string): Promise<string> {
  return e2e.plugin.getByLabel(`Tag for ${name}`, { exact: true }).inputValue();
}

describe('selection changes while the panel is open', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('cards follow the selection, in selection order', async () => {
    await expect
      .poll(() => e2e.plugin.getByText('Select frames or layers on the canvas to use as references').isVisible(), POLL)
      .toBe(true);
    expect(await cardNamesAsync()).toEqual([]);
    await e2e.screenshotAsync('empty');
    await e2e.screenshotAsync('empty-panel', 'panel');

    await selectAsync('model');
    await expect.poll(cardNamesAsync, POLL).toEqual(['model']);
    await selectAsync('cloth', 'model');
    await expect.poll(cardNamesAsync, POLL).toEqual(['cloth', 'model']);
    expect([await tagAsync('cloth'), await tagAsync('model')]).toEqual(['cloth', 'model']);
    await selectAsync('room');
    await expect.poll(cardNamesAsync, POLL).toEqual(['room']);
    await selectAsync();
    await expect.poll(cardNamesAsync, POLL).toEqual([]);
    expect(await e2e.plugin.getByText('Select frames or layers on the canvas to use as references').isVisible()).toBe(true);
  });

  it('an edited tag is kept when its layer is deselected and selected again', async () => {
    await selectAsync('model', 'cloth');
    await expect.poll(cardNamesAsync, POLL).toEqual(['model', 'cloth']);
    await e2e.plugin.getByLabel('Tag for cloth', { exact: true }).fill('garment');

    await selectAsync('model');
    await expect.poll(cardNamesAsync, POLL).toEqual(['model']);
    await selectAsync('model', 'cloth');
    await expect.poll(cardNamesAsync, POLL).toEqual(['model', 'cloth']);
    expect(await tagAsync('cloth')).toBe('garment');
    expect(await tagAsync('model')).toBe('model');

    // The edited tag is what is sent.
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@model wearing @garment');
    const end = await e2e.generateAsync();
    expect(end.text).toMatch(/^✓Placed /);
    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect((post?.body as { referenceImages: { tag: string }[] }).referenceImages.map((image) => image.tag)).toEqual(['model', 'garment']);
  });

  it('a 4th selected layer gets a card marked not sent, a hidden one is skipped', async () => {
    await selectAsync('model', 'cloth', 'room', 'product', 'draft');
    await expect.poll(cardNamesAsync, POLL).toEqual(['model', 'cloth', 'room', 'product']);
    await e2e.plugin.getByText('Not sent: the model takes 3 references. Mention @product in the prompt to send it.').waitFor();
    await expect
      .poll(() => e2e.plugin.locator('.aside li').allTextContents(), POLL)
      .toEqual(['draft: Skipped — Hidden: show the layer to use it']);
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@model in @room wearing @cloth');
    await e2e.waitForReadyAsync();
    await e2e.screenshotAsync('references-prompt');
    await e2e.screenshotAsync('references-prompt-panel', 'panel');

    // Three references are sent; the fourth is not.
    await e2e.generateAsync();
    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect((post?.body as { referenceImages: { tag: string }[] }).referenceImages.map((image) => image.tag)).toEqual([
      'model',
      'cloth',
      'room',
    ]);
  });
});
