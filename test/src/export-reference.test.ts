import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportReferenceAsync, isSurelyOpaque } from '../../src/export-reference';
import { readSelection } from '../../src/selection';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode, NodeInit } from './fake-figma';
import { decodeImage, pngBytes } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

/** The node as the sandbox sees it after reading the selection. */
function referenceOf(node: FakeNode) {
  fake.select(node);
  const [reference] = readSelection(figma.currentPage.selection, 1).nodes;
  if (!reference) throw new Error(`${node.name} is not usable`);
  return reference;
}

async function exported(init: NodeInit) {
  const outcome = await exportReferenceAsync(referenceOf(fake.add(init)));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.image;
}

const RED: SolidPaint = { type: 'SOLID', color: { r: 1, g: 0, b: 0 } };
const SHADOW: DropShadowEffect = {
  type: 'DROP_SHADOW',
  color: { r: 0, g: 0, b: 0, a: 0.3 },
  offset: { x: 0, y: 4 },
  radius: 8,
  visible: true,
  blendMode: 'NORMAL',
};

describe('isSurelyOpaque', () => {
  it.each<[string, NodeInit]>([
    ['a clipping frame with an opaque solid fill', { fills: [RED] }],
    ['a component', { type: 'COMPONENT', fills: [RED] }],
    ['an instance', { type: 'INSTANCE', fills: [RED] }],
    ['a frame whose opaque fill sits under a translucent one', { fills: [RED, { ...RED, opacity: 0.2 }] }],
    ['a frame with a stroke inside its edges', { strokes: [RED], strokeAlign: 'INSIDE' }],
    ['a frame with an inner shadow', { effects: [{ ...SHADOW, type: 'INNER_SHADOW' }] }],
    ['a frame with a hidden drop shadow', { effects: [{ ...SHADOW, visible: false }] }],
  ])('is true for %s', (_, init) => {
    expect(isSurelyOpaque(referenceOf(fake.add(init)))).toBe(true);
  });

  it.each<[string, NodeInit]>([
    ['a group', { type: 'GROUP' }],
    ['a rectangle, even an opaque one', { type: 'RECTANGLE', fills: [RED] }],
    ['a section', { type: 'SECTION', fills: [RED] }],
    ['a frame that does not clip its content', { clipsContent: false }],
    ['a frame without fills', { fills: [] }],
    ['a frame with a translucent fill', { fills: [{ ...RED, opacity: 0.5 }] }],
    ['a frame with a hidden fill', { fills: [{ ...RED, visible: false }] }],
    ['a frame whose fill multiplies', { fills: [{ ...RED, blendMode: 'MULTIPLY' }] }],
    [
      'a frame with a gradient fill only',
      {
        fills: [
          {
            type: 'GRADIENT_LINEAR',
            gradientTransform: [
              [1, 0, 0],
              [0, 1, 0],
            ],
            gradientStops: [],
          },
        ],
      },
    ],
    ['a frame with layer opacity', { opacity: 0.9 }],
    ['a frame with a blend mode', { blendMode: 'SCREEN' }],
    ['a frame with rounded corners', { cornerRadius: 12 }],
    ['a frame used as a mask', { isMask: true }],
    ['a frame with a drop shadow', { effects: [SHADOW] }],
    ['a frame with a stroke outside its edges', { strokes: [RED], strokeAlign: 'OUTSIDE' }],
    ['a frame with a centred stroke', { strokes: [RED], strokeAlign: 'CENTER' }],
  ])('is false for %s', (_, init) => {
    expect(isSurelyOpaque(referenceOf(fake.add(init)))).toBe(false);
  });
});

describe('exportReferenceAsync: format and size', () => {
  it('exports an opaque 300×200 frame as a JPEG at its own size', async () => {
    const image = await exported({ name: 'Card', width: 300, height: 200 });
    expect(image.mime).toBe('image/jpeg');
    expect(decodeImage(image.bytes)).toEqual({ kind: 'jpeg', width: 300, height: 200 });
    expect(fake.exports).toEqual([{ nodeId: expect.any(String), format: 'JPG', width: 300, height: 200 }]);
  });

  it('exports a 4000×3000 group as a PNG with its long edge capped at 2048', async () => {
    const image = await exported({ type: 'GROUP', width: 4000, height: 3000 });
    expect(image.mime).toBe('image/png');
    expect(decodeImage(image.bytes)).toEqual({ kind: 'png', width: 2048, height: 1536 });
  });

  it('caps a tall layer by its height and rounds the other side', async () => {
    const image = await exported({ type: 'RECTANGLE', width: 1000, height: 5000 });
    expect(decodeImage(image.bytes)).toEqual({ kind: 'png', width: 410, height: 2048 });
  });

  it('does not upscale a small transparent layer', async () => {
    const image = await exported({ type: 'ELLIPSE', width: 48, height: 48 });
    expect(image.mime).toBe('image/png');
    expect(decodeImage(image.bytes)).toEqual({ kind: 'png', width: 48, height: 48 });
  });

  it('hands over the bytes as Figma made them: the panel reads their size (an export can include effects outside the layer)', async () => {
    const node = fake.add({ type: 'GROUP', width: 300, height: 200 });
    node.exportResult = pngBytes(320, 224);
    const outcome = await exportReferenceAsync(referenceOf(node));
    expect(outcome).toEqual({ ok: true, image: { bytes: node.exportResult, mime: 'image/png' } });
  });
});

describe('exportReferenceAsync: failures name the layer', () => {
  it('turns a failed export into a message with the layer name and Figma’s reason', async () => {
    const node = fake.add({ name: 'Hero', width: 300, height: 200 });
    node.exportFailure = 'Render timed out';
    expect(await exportReferenceAsync(referenceOf(node))).toEqual({
      ok: false,
      message: 'Couldn\'t export "Hero": Render timed out',
    });
  });
});
