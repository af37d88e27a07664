// Where results land and what they are called, against the fake (issue 11 §4): beside the layer Iterate was opened
// from, a run's variations in one section with short distinct names, and one notification per run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLACEMENT_GAP_PX, SECTION_PADDING_PX } from '../../core/layout';
import type { PlaceRequest, ReserveRequest } from '../../core/protocol';
import { GENERATION_DATA_KEY } from '../../src/generated-layer';
import { startIterationAsync } from '../../src/iterate';
import { createTargetFinder } from '../../src/place-into';
import { placeResultAsync } from '../../src/place-result';
import { endVariationAsync, reservePlaceholdersAsync } from '../../src/placeholders';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { jpegBytes } from './images';

const GAP = PLACEMENT_GAP_PX;
const PAD = SECTION_PADDING_PX;
const PROMPT = '@room with @sofa by a tall window, morning light, Scandinavian style';

let fake: FakeFigma;
let batchId = 500;
beforeEach(() => {
  fake = installFakeFigma();
  batchId += 1;
});
afterEach(removeFakeFigmaAsync);

const recordOf = (nodes: readonly FakeNode[]) => nodes.map((node) => ({ tag: node.name, layerId: node.id, layerName: node.name }));

function reserve(references: readonly FakeNode[], count: number): ReserveRequest {
  return {
    batchId,
    count,
    ratio: '1280:720',
    prompt: PROMPT,
    provider: 'runway',
    model: 'gen4_image',
    references: recordOf(references),
    resumable: false,
  };
}

function place(references: readonly FakeNode[], index: number, count: number, target: PlaceRequest['target']): PlaceRequest {
  return {
    requestId: batchId * 10 + index,
    bytes: jpegBytes(128, 72),
    prompt: PROMPT,
    ratio: '1280:720',
    provider: 'runway',
    model: 'gen4_image',
    references: recordOf(references),
    seed: String(900 + index),
    target,
    batch: { batchId, index, count },
  };
}

const byId = (id: string | null | undefined): FakeNode | undefined => fake.allNodes().find((node) => node.id === id);

/** Iterate from an earlier 1280×720 result at (6000, 2000), far from its one reference `room`. */
async function iterateFromResultAsync(room: FakeNode): Promise<void> {
  const source = fake.add({ name: 'Earlier result', x: 6000, y: 2000, width: 1280, height: 720 });
  source.setPluginData(
    GENERATION_DATA_KEY,
    JSON.stringify({ prompt: PROMPT, ratio: '1280:720', provider: 'runway', model: 'gen4_image', references: recordOf([room]), seed: '5' }),
  );
  fake.select(source);
  await startIterationAsync(createTargetFinder());
}

describe('Iterate', () => {
  it('places the next result beside the layer it iterates, not beside its far-away references', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    await iterateFromResultAsync(room);
    await placeResultAsync(place([room], 0, 1, { kind: 'new-layer' }));
    const placed = byId(fake.ui.ofType('placed')[0]?.nodeId);
    expect([placed?.x, placed?.y]).toEqual([6000 + 1280 + GAP, 2000]);
  });

  it('leaves a run on other references beside those references', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    const lamp = fake.add({ name: 'lamp', x: 0, y: 3000, width: 300, height: 300 });
    await iterateFromResultAsync(room);
    await placeResultAsync(place([lamp], 0, 1, { kind: 'new-layer' }));
    const placed = byId(fake.ui.ofType('placed')[0]?.nodeId);
    expect([placed?.x, placed?.y]).toEqual([300 + GAP, 3000]);
  });
});

describe('a run of variations with placeholders', () => {
  it('fills them in place in one section, and is shown once: its images selected, its section zoomed to, one notification', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    const ids = await reservePlaceholdersAsync(reserve([room], 3));
    const section = byId(ids[0])?.parent as FakeNode;
    expect(section).toMatchObject({ type: 'SECTION', name: 'room with sofa by a tall…', x: 800 + GAP, y: 0 });
    await endVariationAsync({ batchId, index: 1, count: 3 }, ids[1]);
    await placeResultAsync(place([room], 2, 3, { kind: 'placeholder', nodeId: ids[2] as string }));
    expect(fake.notifications).toEqual([]);
    expect(fake.currentPage.selection).toEqual([]);
    await placeResultAsync(place([room], 0, 3, { kind: 'placeholder', nodeId: ids[0] as string }));
    const images = [byId(ids[0]), byId(ids[2])];
    expect(images.map((image) => image?.name)).toEqual([
      'room with sofa by a tall… · 1 of 3 · seed 900',
      'room with sofa by a tall… · 3 of 3 · seed 902',
    ]);
    // The failed variation left no hole: the third moved into its slot, and the section fits the two.
    expect(images.map((image) => image?.x)).toEqual([PAD, PAD + 1280 + GAP]);
    expect(section.width).toBe(2 * 1280 + GAP + 2 * PAD);
    expect(fake.notifications).toEqual(['Placed 2 of 3 images of “room with sofa by a tall…”']);
    expect(fake.currentPage.selection).toEqual(images);
    expect(fake.viewport.scrolledTo).toEqual([[section.id]]);
    // The full prompt stays in each layer's record, for Iterate.
    expect(JSON.parse(images[0]?.getPluginData(GENERATION_DATA_KEY) ?? '{}')).toMatchObject({ prompt: PROMPT });
    expect(fake.undoCommits).toBe(2);
  });

  it('groups FigJam rectangles in a section too', async () => {
    fake.editorType = 'figjam';
    const sticky = fake.add({ type: 'STICKY', name: 'note', x: 0, y: 0, width: 240, height: 240 });
    const ids = await reservePlaceholdersAsync(reserve([sticky], 2));
    const section = byId(ids[0])?.parent as FakeNode;
    expect(section.type).toBe('SECTION');
    expect(ids.map((id) => byId(id)?.type)).toEqual(['RECTANGLE', 'RECTANGLE']);
    expect(ids.map((id) => byId(id)?.absoluteBoundingBox.x)).toEqual([240 + GAP + PAD, 240 + GAP + PAD + 1280 + GAP]);
  });

  it('keeps one image alone: no section, shown at once', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    const [id] = await reservePlaceholdersAsync(reserve([room], 1));
    await placeResultAsync(place([room], 0, 1, { kind: 'placeholder', nodeId: id as string }));
    expect(byId(id)?.parent).toBe(fake.currentPage);
    expect(byId(id)?.name).toBe('room with sofa by a tall… · seed 900');
    expect(fake.notifications).toEqual(['Placed “room with sofa by a tall… · seed 900”']);
  });
});

describe('a run started from a preset', () => {
  const TITLE = 'Virtual try-on';

  it('is titled by the preset: its placeholders, section, layers and notification; the record keeps the full prompt', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    const ids = await reservePlaceholdersAsync({ ...reserve([room], 2), title: TITLE });
    const section = byId(ids[0])?.parent as FakeNode;
    expect(section).toMatchObject({ type: 'SECTION', name: TITLE });
    expect(ids.map((id) => byId(id)?.name)).toEqual(['Generating… Virtual try-on · 1 of 2', 'Generating… Virtual try-on · 2 of 2']);
    for (const index of [0, 1]) {
      await placeResultAsync({ ...place([room], index, 2, { kind: 'placeholder', nodeId: ids[index] as string }), title: TITLE });
    }
    expect(ids.map((id) => byId(id)?.name)).toEqual(['Virtual try-on · 1 of 2 · seed 900', 'Virtual try-on · 2 of 2 · seed 901']);
    expect(fake.notifications).toEqual(['Placed 2 images of “Virtual try-on”']);
    const record = JSON.parse(byId(ids[0])?.getPluginData(GENERATION_DATA_KEY) ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({ prompt: PROMPT, seed: '900' });
    expect(record).not.toHaveProperty('title');
  });

  it('names a single image by the preset too, with its seed', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    await placeResultAsync({ ...place([room], 0, 1, { kind: 'new-layer' }), title: `  ${TITLE} ` });
    expect(fake.ui.ofType('placed')[0]?.name).toBe('Virtual try-on · seed 900');
    expect(fake.notifications).toEqual(['Placed “Virtual try-on · seed 900”']);
  });

  it('falls back to the prompt for a title that is too long or not text', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    const ids = await reservePlaceholdersAsync({ ...reserve([room], 2), title: 'x'.repeat(41) });
    expect(byId(ids[0])?.parent?.name).toBe('room with sofa by a tall…');
    await placeResultAsync({ ...place([room], 0, 1, { kind: 'new-layer' }), title: 42 } as unknown as PlaceRequest);
    expect(fake.ui.ofType('placed')[0]?.name).toBe('room with sofa by a tall… · seed 900');
  });
});

describe('the seed in the names of a run of variations', () => {
  it('leaves the names once the run is shown when the provider gave every variation the same seed', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    for (const index of [0, 1, 2]) await placeResultAsync({ ...place([room], index, 3, { kind: 'new-layer' }), seed: '7' });
    const names = fake.ui.ofType('placed').map((placed) => byId(placed.nodeId)?.name);
    expect(names).toEqual([
      'room with sofa by a tall… · 1 of 3',
      'room with sofa by a tall… · 2 of 3',
      'room with sofa by a tall… · 3 of 3',
    ]);
    // It stays in each layer's record.
    const record = JSON.parse(byId(fake.ui.ofType('placed')[0]?.nodeId)?.getPluginData(GENERATION_DATA_KEY) ?? '{}') as { seed: unknown };
    expect(record.seed).toBe('7');
  });

  it('stays while the run waits; a name the designer gave meanwhile stays theirs', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    await placeResultAsync({ ...place([room], 0, 2, { kind: 'new-layer' }), seed: '7' });
    const first = byId(fake.ui.ofType('placed')[0]?.nodeId) as FakeNode;
    expect(first.name).toBe('room with sofa by a tall… · 1 of 2 · seed 7');
    first.name = 'Keeper';
    await placeResultAsync({ ...place([room], 1, 2, { kind: 'new-layer' }), seed: '7' });
    expect(first.name).toBe('Keeper');
    expect(byId(fake.ui.ofType('placed')[1]?.nodeId)?.name).toBe('room with sofa by a tall… · 2 of 2');
  });

  it('stays when each variation has its own seed', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    for (const index of [0, 1]) await placeResultAsync(place([room], index, 2, { kind: 'new-layer' }));
    const names = fake.ui.ofType('placed').map((placed) => byId(placed.nodeId)?.name);
    expect(names).toEqual(['room with sofa by a tall… · 1 of 2 · seed 900', 'room with sofa by a tall… · 2 of 2 · seed 901']);
  });
});

describe('a run of variations without placeholders', () => {
  it('is shown when the panel reports the variations that failed, and a placement that fails counts as ended', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    // No placeholders (Figma refused them): the panel still reports the variation that failed.
    await placeResultAsync(place([room], 0, 3, { kind: 'new-layer' }));
    await endVariationAsync({ batchId, index: 1, count: 3 }, null);
    expect(fake.notifications).toEqual([]);
    // The third's image is one Figma can't place: the run has nothing left to wait for.
    await placeResultAsync({ ...place([room], 2, 3, { kind: 'new-layer' }), bytes: new Uint8Array([1, 2, 3]) });
    expect(fake.ui.ofType('place-failed')).toHaveLength(1);
    expect(fake.notifications).toEqual(['Placed 1 of 3 images of “room with sofa by a tall…”']);
    // The one layer of the run that landed needs no seed to be told apart: "1 of 3" does that.
    expect(fake.currentPage.selection.map((node) => node.name)).toEqual(['room with sofa by a tall… · 1 of 3']);
    // Placed again later, it is shown on its own.
    await placeResultAsync(place([room], 2, 3, { kind: 'new-layer' }));
    expect(fake.notifications.at(-1)).toBe('Placed “room with sofa by a tall… · 3 of 3 · seed 902”');
    expect(fake.currentPage.selection.map((node) => node.name)).toEqual(['room with sofa by a tall… · 3 of 3 · seed 902']);
  });

  it('waits for a variation placed again before the rest of its run ended', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    await placeResultAsync({ ...place([room], 0, 2, { kind: 'new-layer' }), bytes: new Uint8Array([1, 2, 3]) });
    await placeResultAsync(place([room], 0, 2, { kind: 'new-layer' }));
    expect(fake.notifications).toEqual([]);
    await placeResultAsync(place([room], 1, 2, { kind: 'new-layer' }));
    expect(fake.notifications).toEqual(['Placed 2 images of “room with sofa by a tall…”']);
  });

  it('ignores an ended report that is not a variation of a run', async () => {
    const room = fake.add({ name: 'room', x: 0, y: 0, width: 800, height: 600 });
    await endVariationAsync({ batchId, index: 3, count: 2 }, null);
    await endVariationAsync('nonsense', null);
    await placeResultAsync(place([room], 0, 2, { kind: 'new-layer' }));
    expect(fake.notifications).toEqual([]);
  });
});
