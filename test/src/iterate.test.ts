// Iterate against the fake: a placed layer carries the relaunch button and its record; opened from it, the
// sandbox re-selects the references still on the page and tells the panel how the layer was made.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaceRequest } from '../../core/protocol';
import {
  GENERATED_RELAUNCH_DATA,
  GENERATION_DATA_KEY,
  ITERATE_COMMAND,
  ITERATE_RELAUNCH_DATA,
  UPSCALE_COMMAND,
} from '../../src/generated-layer';
import { startIterationAsync } from '../../src/iterate';
import { placeResultAsync } from '../../src/place-result';
import { createTargetFinder } from '../../src/place-into';
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
    expect(frame.getRelaunchData()).toEqual({
      iterate: 'Open with this layer’s prompt, ratio and references',
      upscale: 'Make this image larger with Runway’s upscaler',
    });
    expect(ITERATE_RELAUNCH_DATA.iterate?.length).toBeLessThanOrEqual(1000);
    expect(JSON.parse(frame.getPluginData(GENERATION_DATA_KEY))).toMatchObject({ seed: '4242', ratio: '1104:832', model: 'gen4_image' });
  });
});

describe('manifest.json', () => {
  it('offers a relaunch button for every command generated layers carry', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));
    expect(manifest.relaunchButtons).toEqual([
      { command: ITERATE_COMMAND, name: 'Iterate' },
      { command: UPSCALE_COMMAND, name: 'Upscale ×2' },
    ]);
    expect(Object.keys(GENERATED_RELAUNCH_DATA)).toEqual([ITERATE_COMMAND, UPSCALE_COMMAND]);
    expect(Object.keys(ITERATE_RELAUNCH_DATA)).toEqual([ITERATE_COMMAND]);
  });
});

describe('startIterationAsync', () => {
  it('re-selects the references still on the page and sends how the layer was made', async () => {
    const model = fake.add({ name: 'Model', x: 0 });
    const cloth = fake.add({ name: 'Cloth', x: 200 });
    const frame = await placeAsync([model, cloth]);
    fake.select(frame);

    const selected = await startIterationAsync(createTargetFinder());
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
        placeInto: 'new-layer',
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

    expect(await startIterationAsync(createTargetFinder())).toEqual([model.id]);
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

    await startIterationAsync(createTargetFinder());
    expect(fake.currentPage.selection).toEqual([model]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ missing: [{ tag: 'Red_dress', layerName: 'Red dress.png', where: 'file' }] });
  });

  it('reads a layer generated by an older version, whose record has no seed', async () => {
    const frame = fake.add({ name: 'Old result' });
    frame.setPluginData(
      GENERATION_DATA_KEY,
      JSON.stringify({
        prompt: 'a chair',
        ratio: '960:960',
        references: [],
        provider: 'segmind',
        model: 'runway-gen4-image',
        createdAt: '2024-05-01T10:00:00.000Z',
      }),
    );
    fake.select(frame);
    expect(await startIterationAsync(createTargetFinder())).toEqual([]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ found: true, prompt: 'a chair', seed: null, tags: {}, missing: [] });
  });

  it('restores Selected layer when the layer it filled is still here: the layer is selected too and made the target', async () => {
    const model = fake.add({ name: 'Model' });
    const hero = fake.add({ type: 'RECTANGLE', name: 'Hero', x: 400, width: 400, height: 300 });
    const filled = await placeAsync([model], { target: { kind: 'selected-layer', nodeId: hero.id } });
    expect(filled).toBe(hero);
    fake.select(hero);

    const targets = createTargetFinder();
    expect(await startIterationAsync(targets)).toEqual([model.id, hero.id]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ found: true, placeInto: 'selected-layer', tags: { [model.id]: 'model' } });
    // Read as the feed reads it next: the filled layer is the target, the reference stays a reference.
    const { snapshot } = targets.read(fake.currentPage.selection as unknown as SceneNode[], 1);
    expect(snapshot).toMatchObject({ placeInto: 'selected-layer', target: { id: hero.id, imageFill: true }, layers: [{ id: model.id }] });
  });

  it('restores Region with the region selected beside the frame it is drawn in', async () => {
    const room = fake.add({ type: 'FRAME', name: 'Room', width: 1200, height: 800 });
    const region = fake.add({ type: 'RECTANGLE', name: 'Region', x: 600, y: 100, width: 500, height: 200 }, room);
    const sofa = fake.add({ name: 'Sofa', x: 1300 });
    const result = await placeAsync([room, sofa], { target: { kind: 'region', nodeId: region.id } });
    fake.select(result);

    const targets = createTargetFinder();
    expect(await startIterationAsync(targets)).toEqual([room.id, sofa.id, region.id]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ placeInto: 'region' });
    expect(targets.read(fake.currentPage.selection as unknown as SceneNode[], 1).snapshot).toMatchObject({
      placeInto: 'region',
      target: { id: region.id },
      layers: [{ id: room.id }, { id: sofa.id }],
    });
  });

  it('starts in New layer when the recorded target is one of the references it re-selects', async () => {
    const model = fake.add({ type: 'RECTANGLE', name: 'Model' });
    const cloth = fake.add({ name: 'Cloth', x: 400 });
    const result = fake.add({ name: 'Result', x: 800 });
    // What an earlier version could write: Selected layer remembered across runs made a reference the target.
    const record = {
      prompt: '@cloth',
      ratio: '960:960',
      provider: 'segmind',
      model: 'runway-gen4-image',
      seed: null,
      createdAt: '2026-11-30T10:00:00.000Z',
    };
    const references = [
      { tag: 'model', layerId: model.id, layerName: 'Model' },
      { tag: 'cloth', layerId: cloth.id, layerName: 'Cloth' },
    ];
    result.setPluginData(
      GENERATION_DATA_KEY,
      JSON.stringify({ ...record, references, target: { kind: 'selected-layer', nodeId: model.id } }),
    );
    fake.select(result);

    const targets = createTargetFinder();
    expect(await startIterationAsync(targets)).toEqual([model.id, cloth.id]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ placeInto: 'new-layer' });
    expect(targets.read(fake.currentPage.selection as unknown as SceneNode[], 1).snapshot).toMatchObject({
      placeInto: 'new-layer',
      target: null,
      layers: [{ id: model.id }, { id: cloth.id }],
    });
  });

  it('starts in New layer when the recorded target was deleted or is on another page', async () => {
    const model = fake.add({ name: 'Model' });
    const hero = fake.add({ type: 'RECTANGLE', name: 'Hero', x: 400 });
    const result = await placeAsync([model], { target: { kind: 'selected-layer', nodeId: hero.id } });
    const copy = fake.add({ name: 'Copy', x: 900 });
    copy.setPluginData(GENERATION_DATA_KEY, result.getPluginData(GENERATION_DATA_KEY));
    hero.remove();
    fake.select(copy);
    expect(await startIterationAsync(createTargetFinder())).toEqual([model.id]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ placeInto: 'new-layer' });
  });

  it('says so, and leaves the selection, when the selected layer was not generated', async () => {
    const photo = fake.add({ name: 'Photo' });
    fake.select(photo);
    expect(await startIterationAsync(createTargetFinder())).toBeNull();
    expect(fake.currentPage.selection).toEqual([photo]);
    expect(fake.ui.ofType('iterate')).toEqual([
      {
        type: 'iterate',
        found: false,
        message: '“Photo” wasn’t made by this plugin: there is nothing to iterate on.',
      },
    ]);
  });

  it('says so when nothing is selected', async () => {
    expect(await startIterationAsync(createTargetFinder())).toBeNull();
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ found: false, message: expect.stringMatching(/^Select a generated layer/) });
  });

  it('treats damaged plugin data as no record', async () => {
    const frame = fake.add({ name: 'Damaged' });
    frame.setPluginData(GENERATION_DATA_KEY, '{"prompt": ');
    fake.select(frame);
    expect(await startIterationAsync(createTargetFinder())).toBeNull();
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ found: false });
  });
});
