// Place into in the real panel and the host: Selected layer swaps the product photo inside a mockup (the layer's
// fill becomes the generated image, nothing else moves), Region generates at the ratio closest to a rectangle drawn
// over a frame, with the frame sent as a reference, and places the result exactly over the region.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerSpec } from '../host/host-api';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { layerNamed, onlyPostedBody, shareE2EWithSavedKey, targetTextAsync } from '../support/e2e-suite';
import { renderStandInImage } from '../support/segmind-stand-in';

let e2e: E2E;

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await e2e.resetAsync();
});

/** Adds `frame`, then `children` inside it (in order, last on top); returns every id by layer name. */
async function addFrameAsync(frame: LayerSpec, children: readonly Omit<LayerSpec, 'parentId'>[], loose: readonly LayerSpec[] = []) {
  const [frameId] = await e2e.addLayersAsync([frame]);
  const childIds = await e2e.addLayersAsync(children.map((child) => ({ ...child, parentId: frameId! })));
  const looseIds = await e2e.addLayersAsync(loose);
  const names = [frame, ...children, ...loose].map((layer) => layer.name);
  return Object.fromEntries(names.map((name, index) => [name, [frameId!, ...childIds, ...looseIds][index]!]));
}

async function placeIntoAsync(mode: 'new-layer' | 'selected-layer' | 'region'): Promise<void> {
  await e2e.openPluginAsync();
  await e2e.plugin.getByLabel('Place into', { exact: true }).selectOption(mode);
}

function cardNamesAsync(): Promise<string[]> {
  return e2e.plugin.locator('.card .name').allTextContents();
}

function tagAsync(name: string): Promise<string> {
  return e2e.plugin.getByLabel(`Tag for ${name}`, { exact: true }).inputValue();
}

describe('place into', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('Selected layer: the product rectangle’s fill becomes the generated image, its size and place kept', async () => {
    const ids = await addFrameAsync(
      { name: 'Mockup', type: 'FRAME', x: 0, y: 0, width: 800, height: 600, fill: '#f1efe9' },
      [
        { name: 'Product', type: 'RECTANGLE', x: 40, y: 60, width: 400, height: 300, fill: '#9a9a9a' },
        { name: 'Headline', type: 'TEXT', x: 40, y: 420, width: 500, height: 60, text: 'New season' },
      ],
      [{ name: 'Sneaker', type: 'RECTANGLE', x: 900, y: 0, width: 320, height: 320, imageUrl: '/samples/product.svg' }],
    );
    const before = await e2e.host('layers');
    await placeIntoAsync('selected-layer');
    await e2e.host('select', [ids.Product!, ids.Sneaker!]);
    await expect.poll(() => targetTextAsync(e2e), POLL).toBe('Product 400 × 300');
    // The reference is a rectangle too, so it is offered as the other possible target.
    const picker = e2e.plugin.getByLabel('Target layer', { exact: true });
    expect(await picker.locator('option').allTextContents()).toEqual(['Product', 'Sneaker']);
    expect(await picker.inputValue()).toBe(ids.Product);
    expect(await cardNamesAsync()).toEqual(['Sneaker']);
    expect(await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).inputValue()).toBe('1104:832');
    expect(await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).isDisabled()).toBe(true);
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(`@${await tagAsync('Sneaker')} on a marble plinth, studio light`);

    const end = await e2e.generateAsync();
    expect(end.text).toContain('Placed “Product”');
    const body = onlyPostedBody(e2e);
    expect(body.ratio).toBe('1104:832');
    expect(body.referenceImages.map((reference) => reference.tag)).toEqual(['Sneaker']);

    const after = await e2e.host('layers');
    expect(await e2e.placedLayersAsync()).toEqual([]);
    const product = layerNamed(after, 'Product');
    const { fills: _oldFills, pluginData: _oldData, ...kept } = layerNamed(before, 'Product');
    expect(product).toMatchObject(kept);
    expect(product.fills).toHaveLength(1);
    const [fill] = product.fills;
    expect(fill).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL' });
    if (fill?.type !== 'IMAGE') throw new Error('not an image fill');
    expect(Buffer.from(await e2e.imageBytesAsync(fill.imageHash)).equals(Buffer.from(renderStandInImage(body)))).toBe(true);
    expect(JSON.parse(product.pluginData.generation ?? '{}')).toMatchObject({ ratio: '1104:832', references: [{ layerId: ids.Sneaker }] });
    // Everything else as it was: the mockup, its headline, the reference.
    for (const name of ['Mockup', 'Headline', 'Sneaker']) expect(layerNamed(after, name)).toEqual(layerNamed(before, name));
    expect(await e2e.host('selection')).toEqual([ids.Product]);
    expect(await e2e.host('undoSteps')).toBe(1);
    await e2e.screenshotAsync('place-into-selected-layer');
  });

  it('Region: the frame goes as a reference, and the result lands exactly on the region, above it', async () => {
    const ids = await addFrameAsync(
      { name: 'Living room', type: 'FRAME', x: 0, y: 0, width: 1200, height: 800, imageUrl: '/samples/room.svg' },
      [
        { name: 'Rug', type: 'RECTANGLE', x: 100, y: 600, width: 700, height: 150, fill: '#b08d57' },
        { name: 'Region', type: 'RECTANGLE', x: 600, y: 100, width: 500, height: 200, fill: 'rgba(255, 0, 0, 0.3)' },
        { name: 'Caption', type: 'TEXT', x: 100, y: 40, width: 400, height: 40, text: 'Spring living' },
      ],
      [{ name: 'Sofa', type: 'FRAME', x: 1300, y: 0, width: 480, height: 320, fill: '#5b7f95' }],
    );
    const before = await e2e.host('layers');
    await placeIntoAsync('region');
    await e2e.host('select', [ids.Region!, ids.Sofa!]);
    await expect.poll(() => targetTextAsync(e2e), POLL).toBe('Region 500 × 200');
    await expect.poll(cardNamesAsync, POLL).toEqual(['Living room', 'Sofa']);
    // 500 × 200 is 2.5:1: Segmind's widest, 1584:672, is the closest.
    expect(await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).inputValue()).toBe('1584:672');
    const roomTag = await tagAsync('Living room');
    const sofaTag = await tagAsync('Sofa');
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(`@${sofaTag} by the window of @${roomTag}, soft daylight`);

    const end = await e2e.generateAsync();
    expect(end.text).toContain('Placed');
    const body = onlyPostedBody(e2e);
    expect(body.ratio).toBe('1584:672');
    expect(body.referenceImages.map((reference) => reference.tag)).toEqual([roomTag, sofaTag]);

    const placed = await e2e.placedLayersAsync();
    expect(placed).toHaveLength(1);
    const [result] = placed;
    const region = layerNamed(before, 'Region');
    expect(result).toMatchObject({
      type: 'RECTANGLE',
      parentId: ids['Living room'],
      x: region.x,
      y: region.y,
      width: region.width,
      height: region.height,
    });
    const fill = result?.fills[0];
    if (fill?.type !== 'IMAGE') throw new Error(`The result has no image fill: ${JSON.stringify(result?.fills)}`);
    expect(fill.scaleMode).toBe('FILL');
    expect(Buffer.from(await e2e.imageBytesAsync(fill.imageHash)).equals(Buffer.from(renderStandInImage(body)))).toBe(true);

    const after = await e2e.host('layers');
    const childNames = after.filter((layer) => layer.parentId === ids['Living room']).map((layer) => layer.name);
    expect(childNames).toEqual(['Rug', 'Region', result?.name, 'Caption']);
    for (const name of ['Living room', 'Rug', 'Region', 'Caption', 'Sofa'])
      expect(layerNamed(after, name)).toEqual(layerNamed(before, name));
    expect(await e2e.host('undoSteps')).toBe(1);
    await e2e.screenshotAsync('place-into-region');
  });

  it('Generate waits for a target and says what to select', async () => {
    await e2e.addLayersAsync([{ name: 'Sofa', type: 'FRAME', x: 0, y: 0, width: 480, height: 320, fill: '#5b7f95' }]);
    await placeIntoAsync('region');
    await e2e.host('select', [(await e2e.host('layers'))[0]!.id]);
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@Sofa in a loft');
    await expect
      .poll(() => e2e.plugin.locator('.blockers li').allTextContents(), POLL)
      .toContain('A region is a rectangle drawn inside a frame: draw one and select it.');
    expect(await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).isDisabled()).toBe(true);
    // Back to New layer: the same selection is a reference again and Generate opens.
    await e2e.plugin.getByLabel('Place into', { exact: true }).selectOption('new-layer');
    await e2e.waitForReadyAsync();
  });
});
