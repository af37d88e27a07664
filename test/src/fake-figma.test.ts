// The fake stands in for Figma in every sandbox test, so it must refuse what Figma refuses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';
import { decodeImage, GIF_1X1, pngBytes, WEBP_1X1 } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

describe('fake figma', () => {
  it('keeps fills immutable: a new array is taken, changing the one read throws', () => {
    const frame = fake.createFrame();
    expect(() => (frame.fills as Paint[]).push({ type: 'SOLID', color: { r: 0, g: 0, b: 0 } })).toThrow(TypeError);
    frame.fills = [{ type: 'SOLID', color: { r: 0, g: 0, b: 0 } }];
    expect(frame.fills).toHaveLength(1);
    expect(() => (frame.fills = [{ type: 'IMAGE', scaleMode: 'FILL', imageHash: 'no-such-hash' }])).toThrow(/does not exist/);
  });

  it('creates images only from PNG, JPEG or GIF up to 4096 px a side', () => {
    expect(fake.createImage(pngBytes(4096, 1)).hash).toMatch(/^[0-9a-f]{40}$/);
    expect(fake.createImage(GIF_1X1).hash).toMatch(/^[0-9a-f]{40}$/);
    expect(() => fake.createImage(pngBytes(4097, 1))).toThrow('Image is too large');
    expect(() => fake.createImage(WEBP_1X1)).toThrow('Image type is unsupported');
    expect(() => fake.createImage(pngBytes(20, 20).subarray(0, 60))).toThrow();
  });

  it('exports real images of the size the scale constraint asks for', async () => {
    const node = fake.add({ width: 300, height: 101 });
    const bytes = await node.exportAsync({ format: 'JPG', constraint: { type: 'SCALE', value: 0.5 } });
    expect(decodeImage(bytes)).toEqual({ kind: 'jpeg', width: 150, height: 51 });
  });
});
