import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaceRequest } from '../../core/protocol';
import { GENERATION_DATA_KEY, placeResultAsync } from '../../src/place-result';
import { createSettingsStore } from '../../src/settings';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { GIF_1X1, jpegBytes, pngBytes, WEBP_1X1 } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

const IMAGE = jpegBytes(1280, 720);

function request(overrides: Partial<Record<keyof PlaceRequest, unknown>> = {}): PlaceRequest {
  return {
    requestId: 7,
    bytes: IMAGE,
    prompt: '@model wearing @cloth\n  in a garden',
    ratio: '1280:720',
    provider: 'segmind',
    model: 'runway-gen4-image',
    references: [],
    seed: null,
    target: { kind: 'new-layer' },
    batch: { batchId: 7, index: 0, count: 1 },
    ...overrides,
  } as PlaceRequest;
}

function referenceTo(node: FakeNode, tag: string) {
  return { tag, layerId: node.id, layerName: node.name };
}

/** The frame the last 'placed' answer names. */
function placedFrame(): FakeNode {
  const placed = fake.ui.ofType('placed').at(-1);
  const frame = fake.allNodes().find((node) => node.id === placed?.nodeId);
  if (!frame) throw new Error(`Nothing was placed: ${JSON.stringify(fake.ui.posted)}`);
  return frame;
}

function overlapping(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('placeResultAsync: the new layer', () => {
  it('is a frame of the ratio’s pixels filled with the image, named after the prompt', async () => {
    await placeResultAsync(request());
    const frame = placedFrame();
    expect(frame.type).toBe('FRAME');
    expect([frame.width, frame.height]).toEqual([1280, 720]);
    expect(frame.fills).toEqual([{ type: 'IMAGE', scaleMode: 'FILL', imageHash: createHash('sha1').update(IMAGE).digest('hex') }]);
    // A short title: the mentions read without their @ (the full prompt stays in the record).
    expect(frame.name).toBe('model wearing cloth in a garden');
    expect(frame.parent).toBe(figma.currentPage);
    expect(fake.ui.ofType('placed')).toEqual([{ type: 'placed', requestId: 7, nodeId: frame.id, name: 'model wearing cloth in a garden' }]);
  });

  it('sizes the frame to the ratio, not to the image', async () => {
    await placeResultAsync(request({ ratio: '1080:1920', bytes: pngBytes(540, 960) }));
    expect([placedFrame().width, placedFrame().height]).toEqual([1080, 1920]);
  });

  it('takes a GIF as it is', async () => {
    await placeResultAsync(request({ ratio: '960:960', bytes: GIF_1X1 }));
    expect(placedFrame().width).toBe(960);
  });

  it('shortens a long prompt for the name', async () => {
    const prompt = 'A wide sunlit interior with oak floors, linen sofas and a view over the harbour at dusk';
    await placeResultAsync(request({ prompt }));
    expect(placedFrame().name).toBe('A wide sunlit interior with oak…');
  });

  it('is selected, scrolled into view, announced and one undo step', async () => {
    await placeResultAsync(request());
    const frame = placedFrame();
    expect(figma.currentPage.selection.map((n) => n.id)).toEqual([frame.id]);
    expect(fake.viewport.scrolledTo).toEqual([[frame.id]]);
    expect(fake.notifications).toEqual(['Placed “model wearing cloth in a garden”']);
    expect(fake.undoCommits).toBe(1);
  });

  it('records how it was made, and never the key', async () => {
    const key = 'sk-test-never-in-the-file';
    await createSettingsStore().saveAsync(1, { apiKey: { provider: 'segmind', key }, relayToken: 'relay-test-never-in-the-file' });
    const model = fake.add({ name: 'Model', width: 400, height: 600 });
    // An extra field a careless UI might send along must not reach the document either.
    await placeResultAsync({ ...request({ references: [referenceTo(model, 'model')] }), apiKey: key });
    const frame = placedFrame();
    expect(frame.getPluginDataKeys()).toEqual([GENERATION_DATA_KEY]);
    const record = JSON.parse(frame.getPluginData(GENERATION_DATA_KEY));
    expect(record).toEqual({
      prompt: '@model wearing @cloth\n  in a garden',
      ratio: '1280:720',
      references: [{ tag: 'model', layerId: model.id, layerName: 'Model' }],
      provider: 'segmind',
      model: 'runway-gen4-image',
      seed: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      target: { kind: 'new-layer' },
    });
    expect(Date.now() - Date.parse(record.createdAt)).toBeGreaterThanOrEqual(0);
    expect(fake.documentText()).not.toContain(key);
    expect(fake.documentText()).not.toContain('relay-test-never-in-the-file');
  });
});

describe('placeResultAsync: position', () => {
  it('goes below its references when a layer is in the way on the right and below is free: the nearest free spot', async () => {
    const model = fake.add({ name: 'Model', x: 0, y: 0, width: 400, height: 300 });
    const cloth = fake.add({ name: 'Cloth', x: 500, y: 0, width: 300, height: 300 });
    const sticker = fake.add({ name: 'Sticker', x: 900, y: 100, width: 200, height: 200 });
    fake.add({ name: 'Far below', x: 0, y: 5000, width: 3000, height: 100 });
    await placeResultAsync(request({ references: [referenceTo(model, 'model'), referenceTo(cloth, 'cloth')] }));
    const frame = placedFrame();
    expect([frame.x, frame.y]).toEqual([0, 300 + 80]);
    expect(frame.x).toBeLessThan(sticker.x);
    for (const other of figma.currentPage.children.filter((n) => n.id !== frame.id)) {
      expect(overlapping(frame.absoluteBoundingBox, other.absoluteBoundingBox!), other.name).toBe(false);
    }
  });

  it('uses page coordinates for a reference nested in a frame, and clears that frame', async () => {
    const board = fake.add({ name: 'Board', x: 2000, y: 1000, width: 1000, height: 800 });
    const shoe = fake.add({ name: 'Shoe', x: 100, y: 100, width: 200, height: 200 }, board);
    await placeResultAsync(request({ references: [referenceTo(shoe, 'shoe')] }));
    // Right of the shoe is inside the board: below the board is the nearest free spot.
    expect([placedFrame().x, placedFrame().y]).toEqual([2100, 1000 + 800 + 80]);
  });

  it('centres on the viewport when the references were deleted', async () => {
    const model = fake.add({ name: 'Model', width: 400, height: 300 });
    fake.add({ name: 'Other', width: 500, height: 500 });
    model.remove();
    fake.viewport.center = { x: 5000, y: 3000 };
    await placeResultAsync(request({ references: [referenceTo(model, 'model')] }));
    expect([placedFrame().x, placedFrame().y]).toEqual([5000 - 640, 3000 - 360]);
  });

  it('centres on the viewport when the references are on another page', async () => {
    const other = fake.addPage('Moodboard');
    const model = fake.add({ name: 'Model', x: 0, y: 0, width: 400, height: 300 }, other);
    fake.viewport.center = { x: -200, y: 100 };
    await placeResultAsync(request({ references: [referenceTo(model, 'model')] }));
    expect([placedFrame().x, placedFrame().y]).toEqual([-840, -260]);
    expect(placedFrame().parent).toBe(figma.currentPage);
    expect(other.children).toEqual([model]);
  });

  it('moves off the viewport centre when a layer is there', async () => {
    fake.add({ name: 'In the middle', x: -100, y: -100, width: 200, height: 200 });
    await placeResultAsync(request());
    const frame = placedFrame();
    // Down past it is nearer than right past it.
    expect([frame.x, frame.y]).toEqual([-640, 180]);
  });
});

describe('placeResultAsync: images Figma refuses', () => {
  // The panel checks the answer and makes PNG of what Figma can't take; what reaches the sandbox anyway, Figma refuses.
  it.each<[string, Uint8Array]>([
    ['WebP bytes', WEBP_1X1],
    ['a 5000 px wide PNG', pngBytes(5000, 10)],
    ['bytes that are no image', new TextEncoder().encode('{"error":"Internal error"}')],
    ['empty bytes', new Uint8Array(0)],
    ['a PNG cut off after its header', pngBytes(64, 64).subarray(0, 40)],
  ])('answers place-failed for %s and leaves nothing behind', async (_, bytes) => {
    const before = fake.allNodes().length;
    await placeResultAsync(request({ bytes }));
    expect(fake.ui.ofType('place-failed')).toEqual([
      { type: 'place-failed', requestId: 7, message: expect.stringMatching(/Figma refused the image \(.+\)/) },
    ]);
    expect(fake.ui.ofType('place-failed')[0]?.message).toMatch(/^Couldn't place the image: /);
    expect(fake.allNodes()).toHaveLength(before);
    expect([fake.undoCommits, fake.notifications.length, fake.ui.ofType('placed').length]).toEqual([0, 0, 0]);
  });

  it('removes the half-made frame when Figma refuses a step after creating it', async () => {
    // Plugin data is limited to 100 kB per entry; a huge prompt makes the last step fail.
    await placeResultAsync(request({ prompt: 'x'.repeat(120_000) }));
    expect(fake.ui.ofType('place-failed')[0]?.message).toBe("Couldn't place the image: Plugin data is limited to 100 kB per entry");
    expect(fake.allNodes()).toEqual([]);
    expect(fake.undoCommits).toBe(0);
  });
});

describe('placeResultAsync: invalid requests', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['bytes as a plain array', { bytes: [0x89, 0x50] }, 'The place request has no valid image bytes.'],
    ['no bytes', { bytes: undefined }, 'The place request has no valid image bytes.'],
    ['a prompt that is not text', { prompt: 42 }, 'The place request has no valid prompt.'],
    ['a ratio that is not text', { ratio: 1.78 }, 'The place request has no valid aspect ratio.'],
    ['a ratio that is not one', { ratio: 'wide' }, 'The place request has no valid aspect ratio.'],
    ['a zero ratio', { ratio: '0:720' }, 'The place request has no valid aspect ratio.'],
    ['no provider', { provider: null }, 'The place request has no valid provider or model.'],
    ['references that are not a list', { references: 'model' }, 'The place request has no valid references.'],
    ['a seed that is a number', { seed: 42 }, 'The place request has no valid seed.'],
    ['no target', { target: undefined }, 'The place request has no valid target.'],
    ['a target layer without an id', { target: { kind: 'selected-layer', nodeId: '' } }, 'The place request has no valid target.'],
    ['a variation past the count', { batch: { batchId: 1, index: 2, count: 2 } }, 'The place request has no valid variation number.'],
    ['no variation number', { batch: null }, 'The place request has no valid variation number.'],
    [
      'four references',
      { references: [1, 2, 3, 4].map((n) => ({ tag: `t${n}xx`, layerId: `1:${n}`, layerName: 'L' })) },
      'The place request has no valid references.',
    ],
    ['a reference without a name', { references: [{ tag: 'model', layerId: '1:2' }] }, 'The place request has no valid references.'],
  ])('refuses %s, naming the field that is wrong', async (_, overrides, message) => {
    await placeResultAsync(request(overrides));
    expect(fake.ui.ofType('place-failed')).toEqual([
      { type: 'place-failed', requestId: 7, message: `Couldn't place the image: ${message}` },
    ]);
    expect(fake.allNodes()).toEqual([]);
  });

  it('answers a request without an id as request -1', async () => {
    await placeResultAsync(request({ requestId: 'seven' }));
    expect(fake.ui.ofType('place-failed')).toEqual([
      { type: 'place-failed', requestId: -1, message: "Couldn't place the image: The place request has no valid request id." },
    ]);
  });
});
