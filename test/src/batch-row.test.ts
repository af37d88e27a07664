// A run's variations on the canvas: one tidy row, slots taken in the order the images arrive, no holes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLACEMENT_GAP_PX, SECTION_PADDING_PX, placeBeside } from '../../core/layout';
import type { Rect } from '../../core/layout';
import type { PlaceRequest } from '../../core/protocol';
import { rowPosition } from '../../src/batch-row';
import { placeResultAsync } from '../../src/place-result';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { jpegBytes, WEBP_1X1 } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

const IMAGE = jpegBytes(1280, 720);
const GAP = PLACEMENT_GAP_PX;
/** The sandbox remembers rows for the whole session: each test uses batches of its own. */
let nextBatchId = 100;

function variation(
  reference: FakeNode,
  batchId: number,
  index: number,
  count: number,
  overrides: Partial<PlaceRequest> = {},
): PlaceRequest {
  return {
    requestId: batchId * 10 + index,
    bytes: IMAGE,
    prompt: 'Beach walk',
    ratio: '1280:720',
    provider: 'runway',
    model: 'gen4_image',
    references: [{ tag: 'beach', layerId: reference.id, layerName: reference.name }],
    seed: String(1234 + index),
    target: { kind: 'new-layer' },
    batch: { batchId, index, count },
    ...overrides,
  };
}

/** The frames placed for `batchId`'s requests, by the answers the UI got, left to right on the page. */
function placedFrames(): FakeNode[] {
  const ids = fake.ui.ofType('placed').map((answer) => answer.nodeId);
  return fake
    .allNodes()
    .filter((node) => ids.includes(node.id))
    .sort((a, b) => a.absoluteBoundingBox.y - b.absoluteBoundingBox.y || a.absoluteBoundingBox.x - b.absoluteBoundingBox.x);
}

/** Where `frame` stands on the page (a frame in a section counts its x and y from the section). */
const at = (frame: FakeNode): [number, number] => [frame.absoluteBoundingBox.x, frame.absoluteBoundingBox.y];

const PAD = SECTION_PADDING_PX;
const STEP = 1280 + GAP;

describe('a run of several variations', () => {
  it('lines up in one row right of the references, in a section titled for the run, named "n of 3" with their seeds', async () => {
    const reference = fake.add({ name: 'Beach', x: 0, y: 40, width: 600, height: 400 });
    const batchId = (nextBatchId += 1);
    // Started together, as the UI's variations arrive.
    await Promise.all([0, 1, 2].map((index) => placeResultAsync(variation(reference, batchId, index, 3))));
    const frames = placedFrames();
    const start = 600 + GAP + PAD;
    expect(frames.map(at)).toEqual([
      [start, 40 + PAD],
      [start + STEP, 40 + PAD],
      [start + 2 * STEP, 40 + PAD],
    ]);
    expect(frames.map((frame) => [frame.width, frame.height])).toEqual([
      [1280, 720],
      [1280, 720],
      [1280, 720],
    ]);
    expect(frames.map((frame) => frame.name)).toEqual([
      'Beach walk · 1 of 3 · seed 1234',
      'Beach walk · 2 of 3 · seed 1235',
      'Beach walk · 3 of 3 · seed 1236',
    ]);
    const section = frames[0]?.parent as FakeNode;
    expect(section).toMatchObject({ type: 'SECTION', name: 'Beach walk', x: 600 + GAP, y: 40 });
    expect(frames.every((frame) => frame.parent === section)).toBe(true);
  });

  it('is selected, zoomed to and announced once, when its last variation has landed', async () => {
    const reference = fake.add({ name: 'Beach', x: 0, y: 0, width: 600, height: 400 });
    const batchId = (nextBatchId += 1);
    await placeResultAsync(variation(reference, batchId, 0, 3));
    await placeResultAsync(variation(reference, batchId, 1, 3));
    expect(fake.notifications).toEqual([]);
    expect(fake.viewport.scrolledTo).toEqual([]);
    await placeResultAsync(variation(reference, batchId, 2, 3));
    const frames = placedFrames();
    expect(fake.notifications).toEqual(['Placed 3 images of “Beach walk”']);
    expect(fake.currentPage.selection).toEqual(frames);
    expect(fake.viewport.scrolledTo).toEqual([[frames[0]?.parent?.id]]);
    // Each image is still its own undo step.
    expect(fake.undoCommits).toBe(3);
  });

  it('takes the slots in the order the images arrive, not by variation number', async () => {
    const reference = fake.add({ name: 'Beach', x: 0, y: 0, width: 600, height: 400 });
    const batchId = (nextBatchId += 1);
    await placeResultAsync(variation(reference, batchId, 2, 3));
    await placeResultAsync(variation(reference, batchId, 0, 3));
    const names = placedFrames().map((frame) => frame.name);
    expect(names).toEqual(['Beach walk · 3 of 3 · seed 1236', 'Beach walk · 1 of 3 · seed 1234']);
  });

  it('leaves no hole for a variation that could not be placed', async () => {
    const reference = fake.add({ name: 'Beach', x: 0, y: 0, width: 600, height: 400 });
    const batchId = (nextBatchId += 1);
    await placeResultAsync(variation(reference, batchId, 0, 3, { bytes: WEBP_1X1 }));
    // Figma refuses this one after the frame exists (plugin data over 100 kB): the half-made frame goes again.
    await placeResultAsync(variation(reference, batchId, 1, 3, { prompt: 'x'.repeat(120_000) }));
    await placeResultAsync(variation(reference, batchId, 2, 3));
    expect(fake.ui.ofType('place-failed')).toHaveLength(2);
    expect(placedFrames().map(at)).toEqual([[600 + GAP + PAD, PAD]]);
  });

  it('reserves room for the whole row, so a later variation never lands on a layer the first one missed', async () => {
    const reference = fake.add({ name: 'Beach', x: 0, y: 0, width: 600, height: 400 });
    // Room right of the references for one 1280 px frame, not for two: the row goes below them.
    const note = fake.add({ name: 'Note', x: 600 + GAP + 1280 + GAP + 100, y: 0, width: 200, height: 200 });
    const batchId = (nextBatchId += 1);
    await placeResultAsync(variation(reference, batchId, 0, 2));
    await placeResultAsync(variation(reference, batchId, 1, 2));
    const frames = placedFrames();
    expect(frames.map(at)).toEqual([
      [PAD, 400 + GAP + PAD],
      [PAD + STEP, 400 + GAP + PAD],
    ]);
    for (const frame of frames) expect(overlaps(frame.absoluteBoundingBox, note.absoluteBoundingBox)).toBe(false);
  });

  it('starts the next run in a section of its own, clear of the last one, at the nearest free spot', async () => {
    const reference = fake.add({ name: 'Beach', x: 0, y: 0, width: 600, height: 400 });
    const first = (nextBatchId += 1);
    await Promise.all([0, 1].map((index) => placeResultAsync(variation(reference, first, index, 2))));
    const second = (nextBatchId += 1);
    await Promise.all([0, 1].map((index) => placeResultAsync(variation(reference, second, index, 2))));
    const sections = fake.currentPage.children.filter((node) => node.type === 'SECTION');
    expect(sections).toHaveLength(2);
    expect(overlaps(sections[0]!.absoluteBoundingBox, sections[1]!.absoluteBoundingBox)).toBe(false);
    // The first right of the references; the second below them, nearer than right of the first.
    expect([sections[0]?.x, sections[0]?.y]).toEqual([600 + GAP, 0]);
    expect([sections[1]?.x, sections[1]?.y]).toEqual([0, 720 + 2 * PAD + GAP]);
  });

  it('places a variation again into the slot its failed placement left free', async () => {
    const reference = fake.add({ name: 'Beach', x: 0, y: 0, width: 600, height: 400 });
    const batchId = (nextBatchId += 1);
    await placeResultAsync(variation(reference, batchId, 0, 3));
    await placeResultAsync(variation(reference, batchId, 1, 3, { prompt: 'x'.repeat(120_000) }));
    await placeResultAsync(variation(reference, batchId, 2, 3));
    await placeResultAsync(variation(reference, batchId, 1, 3, { requestId: 9999 }));
    const start = 600 + GAP + PAD;
    expect(placedFrames().map((frame) => [at(frame)[0], frame.name])).toEqual([
      [start, 'Beach walk · 1 of 3 · seed 1234'],
      [start + STEP, 'Beach walk · 3 of 3 · seed 1236'],
      [start + 2 * STEP, 'Beach walk · 2 of 3 · seed 1235'],
    ]);
  });

  it('starts the row again on the page the designer moved to', async () => {
    const reference = fake.add({ name: 'Beach', x: 0, y: 0, width: 600, height: 400 });
    const batchId = (nextBatchId += 1);
    await placeResultAsync(variation(reference, batchId, 0, 2));
    const other = fake.addPage('Moodboard');
    await figma.setCurrentPageAsync(other as unknown as PageNode);
    fake.viewport.center = { x: 10_000, y: 0 };
    await placeResultAsync(variation(reference, batchId, 1, 2));
    const frame = fake.allNodes().find((node) => node.name === 'Beach walk · 2 of 2 · seed 1235');
    expect(frame?.parent?.type).toBe('SECTION');
    expect(frame?.parent?.parent).toBe(other);
    // Centred as a whole row of two on the viewport, in its first slot.
    expect(frame && at(frame)).toEqual([Math.round(10_000 - (2 * 1280 + GAP) / 2), -360]);
  });
});

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('rowPosition', () => {
  const anchor = { x: 0, y: 0, width: 600, height: 400 };
  const size = { width: 1280, height: 720 };
  const center = { x: 0, y: 0 };

  it('is placeBeside for a single image and for other targets than a new layer', () => {
    const single = rowPosition(
      { target: { kind: 'new-layer' }, batch: { batchId: 1, index: 0, count: 1 } },
      size,
      '0:1',
      anchor,
      center,
      [],
    );
    expect(single).toEqual(placeBeside(size, anchor, center, []));
    for (const target of [
      { kind: 'selected-layer', nodeId: '1:2' },
      { kind: 'region', nodeId: '1:3' },
    ] as const) {
      const batch = { batchId: (nextBatchId += 1), index: 1, count: 3 };
      expect(rowPosition({ target, batch }, size, '0:1', anchor, center, [])).toEqual(placeBeside(size, anchor, center, []));
    }
  });

  it('puts a layer beside a full row', () => {
    const batch = { batchId: (nextBatchId += 1), index: 0, count: 2 };
    const request = { target: { kind: 'new-layer' } as const, batch };
    const first = rowPosition(request, size, '0:1', anchor, center, []);
    const taken = [0, 1].map((i) => ({ x: first.x + i * (size.width + GAP), y: first.y, ...size }));
    expect(rowPosition(request, size, '0:1', anchor, center, taken)).toEqual(placeBeside(size, anchor, center, taken));
  });
});
