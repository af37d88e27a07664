// Upscale against the fake: the selected layer's image handed to the panel, the larger image put in the same paint
// (size, place, name, crop kept; one undo step), the first original kept for Revert, History told, a new layer when
// the layer or its image changed meanwhile, and the Runway task kept in clientStorage for the next open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyStorageKey, parseHistory } from '../../core/history';
import { JOB_EXPIRY_MS } from '../../core/pending-run';
import { pendingUpscaleStorageKey, UPSCALE_MODEL } from '../../core/upscale';
import type { PendingUpscale, UpscaleDone } from '../../core/upscale';
import { FILE_ID_KEY } from '../../src/file-id';
import { GENERATION_DATA_KEY } from '../../src/generated-layer';
import { openHistoryAsync } from '../../src/history';
import {
  noteUpscaleJobAsync,
  placeUpscaleAsync,
  resumeUpscaleAsync,
  revertUpscaleAsync,
  sendUpscaleSourceAsync,
  UPSCALED_FROM_KEY,
} from '../../src/upscale';
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

const done = (node: FakeNode, hash: string): UpscaleDone => ({ layerId: node.id, hash, name: 'Hero', factor: 2 });
const history = () => parseHistory(fake.clientStorage.peek(historyStorageKey(fake.root.getPluginData(FILE_ID_KEY))));

describe('placing the upscaled image', () => {
  it('replaces the image in the same paint, keeps the layer, keeps the first original, in one undo step each', async () => {
    const { node, hash } = imageLayer();
    const before = { x: node.x, y: node.y, width: node.width, height: node.height, name: node.name };
    await placeUpscaleAsync(done(node, hash), LARGE, {});
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
    expect(fake.ui.ofType('upscaled')).toEqual([{ type: 'upscaled', layerId: node.id, hash: larger, newLayer: false }]);
    expect(fake.undoCommits).toBe(1);

    // Upscaled again: the original stays the first image.
    await placeUpscaleAsync(done(node, larger), jpegBytes(1920, 1080), {});
    expect(node.getPluginData(UPSCALED_FROM_KEY)).toBe(hash);

    // Revert to original.
    const current = imageHashOf(node) as string;
    await revertUpscaleAsync(node.id, current);
    expect(imageHashOf(node)).toBe(hash);
    expect(node.getPluginData(UPSCALED_FROM_KEY)).toBe('');
    expect(fake.ui.ofType('upscaled').at(-1)).toEqual({ type: 'upscaled', layerId: node.id, hash, newLayer: false });
    expect(fake.undoCommits).toBe(3);
  });

  it('keeps each upscale in History: a generated layer’s with its generation, any other image’s as an upscaled image', async () => {
    const generated = imageLayer();
    const record = {
      prompt: 'hero shot of @model',
      ratio: '1920:1080',
      provider: 'runway',
      model: 'gen4_image',
      references: [{ tag: 'model', layerId: '1:2', layerName: 'Model' }],
      seed: '7',
      createdAt: '2026-12-01T10:00:00.000Z',
      target: { kind: 'new-layer' },
    };
    generated.node.setPluginData(GENERATION_DATA_KEY, JSON.stringify(record));
    await placeUpscaleAsync(done(generated.node, generated.hash), LARGE, {});
    const plain = imageLayer(jpegBytes(400, 300));
    await placeUpscaleAsync({ ...done(plain.node, plain.hash), factor: 4 }, jpegBytes(1600, 1200), {});
    await fake.exportsSettledAsync();

    const [plainEntry, generatedEntry] = history();
    expect(generatedEntry).toMatchObject({
      prompt: 'hero shot of @model',
      model: 'gen4_image',
      seed: '7',
      layerId: generated.node.id,
      imageHash: imageHashOf(generated.node),
      upscaled: 2,
    });
    expect(plainEntry).toMatchObject({
      prompt: '',
      ratio: '1600:1200',
      provider: 'runway',
      model: UPSCALE_MODEL,
      references: [],
      layerId: plain.node.id,
      imageHash: imageHashOf(plain.node),
      upscaled: 4,
    });
    // Each with its thumbnail, added after the panel heard of it.
    expect(history().every((entry) => entry.thumbnail !== null)).toBe(true);
    expect(fake.ui.ofType('history').at(-1)?.entries).toHaveLength(2);
  });

  it('places an upscaled image of no generation again from History unmarked: there is nothing to iterate on', async () => {
    const plain = imageLayer();
    await placeUpscaleAsync(done(plain.node, plain.hash), LARGE, {});
    await fake.exportsSettledAsync();
    plain.node.remove();
    await openHistoryAsync(history()[0]?.id);
    const again = fake.currentPage.selection[0] as FakeNode;
    expect(again).toMatchObject({ name: 'Upscaled image', width: 480, height: 270 });
    expect((again.fills[0] as ImagePaint).imageHash).toBe(fake.ui.ofType('upscaled')[0]?.hash);
    expect(again.getPluginData(GENERATION_DATA_KEY)).toBe('');
  });

  it('places the larger image as a new layer beside it when the layer shows another image by then, or was deleted', async () => {
    const { node, hash } = imageLayer();
    await placeUpscaleAsync(done(node, 'not-its-image'), LARGE, {});
    expect(imageHashOf(node)).toBe(hash);
    const [moved] = fake.ui.ofType('upscaled');
    expect(moved).toMatchObject({ newLayer: true });
    const added = fake.allNodes().find((candidate) => candidate.id === moved?.layerId);
    // The layer's size, beside it, named for it, selected; nothing else changed.
    expect(added).toMatchObject({ name: 'Hero ×2', width: 480, height: 270 });
    expect(added!.x).toBeGreaterThanOrEqual(node.x + node.width);
    expect((added!.fills[0] as ImagePaint).imageHash).toBe(moved?.hash);
    expect(fake.currentPage.selection.map((layer) => layer.id)).toEqual([added!.id]);

    const gone = imageLayer();
    gone.node.remove();
    await placeUpscaleAsync(done(gone.node, gone.hash), LARGE, {});
    // No layer to take its size from: the image's own size over the factor.
    const again = fake.allNodes().find((candidate) => candidate.id === fake.ui.ofType('upscaled')[1]?.layerId);
    expect(again).toMatchObject({ name: 'Hero ×2', width: 480, height: 270 });
    expect(fake.ui.ofType('upscale-failed')).toEqual([]);
  });

  it('changes nothing and records nothing when the layer already shows the larger image (fetched again after a close)', async () => {
    const { node, hash } = imageLayer();
    await placeUpscaleAsync(done(node, hash), LARGE, {});
    const commits = fake.undoCommits;
    await placeUpscaleAsync(done(node, hash), LARGE, {});
    await fake.exportsSettledAsync();
    expect(fake.undoCommits).toBe(commits);
    expect(history()).toHaveLength(1);
    expect(fake.ui.ofType('upscaled').at(-1)).toEqual({ type: 'upscaled', layerId: node.id, hash: imageHashOf(node), newLayer: false });
  });

  it('reverts only a layer that still shows the image and has an original; says why not', async () => {
    const { node, hash } = imageLayer();
    await revertUpscaleAsync(node.id, hash);
    await placeUpscaleAsync(done(node, hash), LARGE, {});
    await revertUpscaleAsync(node.id, 'not-its-image');
    expect(imageHashOf(node)).not.toBe(hash);
    expect(fake.ui.ofType('upscale-failed').map((m) => m.message)).toEqual(
      Array.from({ length: 2 }, () => "Couldn't change the image: the layer or its image changed meanwhile"),
    );
  });

  it('refuses an image Figma can’t take, and keeps the layer as it was', async () => {
    const { node, hash } = imageLayer();
    await placeUpscaleAsync(done(node, hash), jpegBytes(5000, 100), {});
    expect(imageHashOf(node)).toBe(hash);
    expect(fake.ui.ofType('upscale-failed')[0]?.message).toMatch(/^Couldn't place the larger image: /);
    expect(fake.undoCommits).toBe(0);
  });
});

describe('an upscale under way, across a close', () => {
  const pending = (node: FakeNode, hash: string, startedAt = Date.now()): PendingUpscale => ({
    ...done(node, hash),
    jobId: 'task-7',
    width: 960,
    height: 540,
    startedAt,
  });
  const stored = () => fake.clientStorage.peek(pendingUpscaleStorageKey(fake.root.getPluginData(FILE_ID_KEY)));

  it('is kept when Runway takes it, handed to the panel at the next open, and forgotten once its image is in place', async () => {
    const { node, hash } = imageLayer();
    const job = pending(node, hash);
    // Only the job's own fields are kept: never a key that came along.
    await noteUpscaleJobAsync({ ...job, apiKey: 'key_secret' });
    expect(stored()).toEqual(job);

    await resumeUpscaleAsync();
    expect(fake.ui.ofType('upscale-resume')).toEqual([{ type: 'upscale-resume', job }]);
    await placeUpscaleAsync(done(node, hash), LARGE, {});
    expect(stored()).toBeUndefined();
    await resumeUpscaleAsync();
    expect(fake.ui.ofType('upscale-resume')).toHaveLength(1);
  });

  it('is forgotten when it ended without an image, or when what is sent is not one', async () => {
    const { node, hash } = imageLayer();
    await noteUpscaleJobAsync(pending(node, hash));
    await noteUpscaleJobAsync(null);
    expect(stored()).toBeUndefined();
    await noteUpscaleJobAsync({ ...pending(node, hash), factor: 3 });
    expect(stored()).toBeUndefined();
  });

  it('is dropped at open after two days, and the panel hears that Runway no longer keeps its image', async () => {
    const { node, hash } = imageLayer();
    await noteUpscaleJobAsync(pending(node, hash, Date.now() - JOB_EXPIRY_MS - 1));
    await resumeUpscaleAsync();
    expect(fake.ui.ofType('upscale-resume')).toEqual([]);
    expect(fake.ui.ofType('upscale-failed').map((m) => m.message)).toEqual([
      'The upscale of “Hero” started over 2 days ago, and Runway no longer keeps its image.',
    ]);
    expect(stored()).toBeUndefined();
  });
});
