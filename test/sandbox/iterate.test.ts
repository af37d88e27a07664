// Iterate against the fake: a placed layer carries the relaunch button and its record; opened from it, the
// sandbox re-selects the references still on the page and tells the panel how the layer was made.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaceRequest } from '../../core/protocol';
import { GENERATION_DATA_KEY, ITERATE_COMMAND, ITERATE_RELAUNCH_DATA } from '../../src/generated-layer';
import { startIterationAsync } from '../../src/iterate';
import { placeResultAsync } from '../../src/place-result';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { jpegBytes } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

function request(references: readonly FakeNode[], overrides: Partial<PlaceRequest> = {}): PlaceRequest {
  return {
    requestId: 1,
    bytes: jpegBytes(128, 72),
    prompt: '@model wearing @cloth in a garden',
    ratio: '1104:832',
    provider: 'runway',
    model: 'gen4_image',
    references: references.map((node) => ({ tag: node.name.toLowerCase(), layerId: node.id, layerName: node.name })),
    seed: '4242',
    target: { kind: 'new-layer' },
    batch: { batchId: 1, index: 0, count: 1 },
    ...overrides,
  };
}

async function placeAsync(references: readonly FakeNode[], overrides: Partial<PlaceRequest> = {}): Promise<FakeNode> {
  await placeResultAsync(request(references, overrides));
  const placed = fake.ui.ofType('placed').at(-1);
  const node = fake.allNodes().find((candidate) => candidate.id === placed?.nodeId);
  if (!node) throw new Error(`Nothing was placed: ${JSON.stringify(fake.ui.ofType('place-failed'))}`);
  return node;
}

describe('a generated layer', () => {
  it('carries the Iterate relaunch button and a record with its seed', async () => {
    const model = fake.add({ name: 'Model' });
    const frame = await placeAsync([model]);
    expect(frame.getRelaunchData()).toEqual({ iterate: 'Open with this layer’s prompt, ratio and references' });
    expect(ITERATE_RELAUNCH_DATA.iterate?.length).toBeLessThanOrEqual(1000);
    expect(JSON.parse(frame.getPluginData(GENERATION_DATA_KEY))).toMatchObject({ seed: '4242', ratio: '1104:832', model: 'gen4_image' });
  });
});

describe('manifest.json', () => {
  it('offers a relaunch button for every command generated layers carry', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));
    expect(manifest.relaunchButtons).toEqual([{ command: ITERATE_COMMAND, name: 'Iterate' }]);
    expect(Object.keys(ITERATE_RELAUNCH_DATA)).toEqual([ITERATE_COMMAND]);
  });
});

describe('startIterationAsync', () => {
  it('re-selects the references still on the page and sends how the layer was made', async () => {
    const model = fake.add({ name: 'Model', x: 0 });
    const cloth = fake.add({ name: 'Cloth', x: 200 });
    const frame = await placeAsync([model, cloth]);
    fake.select(frame);

    const selected = await startIterationAsync();
    expect(selected).toEqual([model.id, cloth.id]);
    expect(fake.currentPage.selection).toEqual([model, cloth]);
    expect(fake.ui.ofType('iterate')).toEqual([
      {
        type: 'iterate',
        found: true,
        prompt: '@model wearing @cloth in a garden',
        ratio: '1104:832',
        provider: 'runway',
        model: 'gen4_image',
        seed: '4242',
        tags: { [model.id]: 'model', [cloth.id]: 'cloth' },
        missing: [],
      },
    ]);
  });

  it('names the references that were deleted or are on another page', async () => {
    const model = fake.add({ name: 'Model' });
    const cloth = fake.add({ name: 'Cloth' });
    const moodboard = fake.addPage('Moodboard');
    const shoe = fake.add({ name: 'Shoe' }, moodboard);
    const frame = await placeAsync([model, cloth, shoe]);
    cloth.remove();
    fake.select(frame);

    expect(await startIterationAsync()).toEqual([model.id]);
    expect(fake.currentPage.selection).toEqual([model]);
    const [message] = fake.ui.ofType('iterate');
    expect(message).toMatchObject({
      found: true,
      tags: { [model.id]: 'model' },
      missing: [
        { tag: 'cloth', layerName: 'Cloth', where: 'deleted' },
        { tag: 'shoe', layerName: 'Shoe', where: 'other-page' },
      ],
    });
  });

  it('names a reference that was an image file apart: it is never a layer to select', async () => {
    const model = fake.add({ name: 'Model' });
    const file = { tag: 'Red_dress', layerId: 'file:1', layerName: 'Red dress.png' };
    const frame = await placeAsync([model], { references: [{ tag: 'model', layerId: model.id, layerName: 'Model' }, file] });
    fake.select(frame);

    await startIterationAsync();
    expect(fake.currentPage.selection).toEqual([model]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ missing: [{ tag: 'Red_dress', layerName: 'Red dress.png', where: 'file' }] });
  });

  it('reads a layer generated by an older version, whose record has no seed', async () => {
    const frame = fake.add({ name: 'Old result' });
    frame.setPluginData(
      GENERATION_DATA_KEY,
      JSON.stringify({ prompt: 'a chair', ratio: '960:960', references: [], provider: 'segmind', model: 'runway-gen4-image', createdAt: '2024-05-01T10:00:00.000Z' }),
    );
    fake.select(frame);
    expect(await startIterationAsync()).toEqual([]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ found: true, prompt: 'a chair', seed: null, tags: {}, missing: [] });
  });

  it('says so, and leaves the selection, when the selected layer was not generated', async () => {
    const photo = fake.add({ name: 'Photo' });
    fake.select(photo);
    expect(await startIterationAsync()).toBeNull();
    expect(fake.currentPage.selection).toEqual([photo]);
    expect(fake.ui.ofType('iterate')).toEqual([
      { type: 'iterate', found: false, message: '“Photo” wasn’t made by this plugin, so there is nothing to iterate on: start a new generation.' },
    ]);
  });

  it('says so when nothing is selected', async () => {
    expect(await startIterationAsync()).toBeNull();
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ found: false, message: expect.stringMatching(/^Select a generated layer/) });
  });

  it('treats damaged plugin data as no record', async () => {
    const frame = fake.add({ name: 'Damaged' });
    frame.setPluginData(GENERATION_DATA_KEY, '{"prompt": ');
    fake.select(frame);
    expect(await startIterationAsync()).toBeNull();
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ found: false });
  });
});
