// Upscale against the fake: the selected layer's image handed to the panel, the larger image put in the same paint
// (size, place, name, crop kept; one undo step), the first original kept for Revert, and nothing changed when the
// layer or its image changed meanwhile.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendUpscaleSourceAsync, swapImageAsync, UPSCALED_FROM_KEY } from '../../src/upscale';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { jpegBytes } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

const SMALL = jpegBytes(480, 270);
const LARGE = jpegBytes(960, 540);

function imageLayer(bytes = SMALL): { node: FakeNode; hash: string } {
  const { hash } = figma.createImage(bytes);
  const node = fake.add({
    type: 'RECTANGLE',
    name: 'Hero',
    x: 10,
    y: 20,
    width: 480,
    height: 270,
    fills: [
      { type: 'SOLID', color: { r: 1, g: 1, b: 1 } },
      {
        type: 'IMAGE',
        scaleMode: 'CROP',
        imageHash: hash,
        imageTransform: [
          [0.5, 0, 0.25],
          [0, 0.5, 0.25],
        ],
      },
    ],
  });
  return { node, hash };
}

const imageHashOf = (node: FakeNode): unknown => (node.fills as readonly { imageHash?: string }[])[1]?.imageHash;

describe('the image to upscale', () => {
  it('is the top image fill of the one selected layer, its bytes as Figma holds them', async () => {
    const { node, hash } = imageLayer();
    fake.select(node);
    await sendUpscaleSourceAsync();
    expect(fake.ui.ofType('upscale-source')).toEqual([
      { type: 'upscale-source', layerId: node.id, name: 'Hero', hash, bytes: SMALL, upscaled: false },
    ]);
  });

  it('is none for no selection, two layers, or a layer without an image on top; the panel hears why', async () => {
    const { node } = imageLayer();
    const plain = fake.add({ type: 'RECTANGLE', name: 'Plain' });
    for (const selection of [[], [node, plain], [plain]]) {
      fake.select(...selection);
      await sendUpscaleSourceAsync();
    }
    expect(fake.ui.ofType('upscale-source')).toEqual([]);
    expect(fake.ui.ofType('upscale-failed').map((m) => m.message)).toEqual(
      Array.from({ length: 3 }, () => 'Select one layer whose top fill is an image to upscale it.'),
    );
  });
});

describe('placing the upscaled image', () => {
  it('replaces the image in the same paint, keeps the layer, keeps the first original, in one undo step each', async () => {
    const { node, hash } = imageLayer();
    const before = { x: node.x, y: node.y, width: node.width, height: node.height, name: node.name };
    await swapImageAsync(node.id, hash, LARGE);
    const larger = fake.ui.ofType('upscaled')[0]?.hash as string;
    expect(larger).not.toBe(hash);
    expect(fake.hasImage(larger)).toBe(true);
    expect(imageHashOf(node)).toBe(larger);
    expect(node.fills[1]).toMatchObject({
      scaleMode: 'CROP',
      imageTransform: [
        [0.5, 0, 0.25],
        [0, 0.5, 0.25],
      ],
    });
    expect(node.fills[0]).toMatchObject({ type: 'SOLID' });
    expect({ x: node.x, y: node.y, width: node.width, height: node.height, name: node.name }).toEqual(before);
    expect(node.getPluginData(UPSCALED_FROM_KEY)).toBe(hash);
    expect(fake.undoCommits).toBe(1);

    // Upscaled again: the original stays the first image.
    await swapImageAsync(node.id, larger, jpegBytes(1920, 1080));
    expect(node.getPluginData(UPSCALED_FROM_KEY)).toBe(hash);

    // Revert to original.
    const current = imageHashOf(node) as string;
    await swapImageAsync(node.id, current, null);
    expect(imageHashOf(node)).toBe(hash);
    expect(node.getPluginData(UPSCALED_FROM_KEY)).toBe('');
    expect(fake.ui.ofType('upscaled').at(-1)).toEqual({ type: 'upscaled', layerId: node.id, hash });
    expect(fake.undoCommits).toBe(3);
  });

  it('changes nothing when the layer shows another image by then, was deleted, or has no original; says why', async () => {
    const { node, hash } = imageLayer();
    await swapImageAsync(node.id, 'not-its-image', LARGE);
    await swapImageAsync(node.id, hash, null);
    const gone = imageLayer();
    gone.node.remove();
    await swapImageAsync(gone.node.id, gone.hash, LARGE);
    expect(imageHashOf(node)).toBe(hash);
    expect(fake.ui.ofType('upscaled')).toEqual([]);
    expect(fake.ui.ofType('upscale-failed').map((m) => m.message)).toEqual(
      Array.from({ length: 3 }, () => "Couldn't change the image: the layer or its image changed meanwhile"),
    );
    expect(fake.undoCommits).toBe(0);
  });

  it('refuses an image Figma can’t take, and keeps the layer as it was', async () => {
    const { node, hash } = imageLayer();
    await swapImageAsync(node.id, hash, jpegBytes(5000, 100));
    expect(imageHashOf(node)).toBe(hash);
    expect(fake.ui.ofType('upscale-failed')[0]?.message).toMatch(/^Couldn't change the image: /);
  });
});
