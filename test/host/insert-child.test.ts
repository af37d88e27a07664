// The host's insertChild against Figma's rules, in real Chromium: a probe plugin builds a frame of rectangles,
// inserts at the indices Figma allows (and one it doesn't), moves a layer in from the page, and exports the frame;
// the layer order shows in host.layers() and in the exported pixels (a later child is drawn over an earlier one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { startProbeAsync, type Probe } from '../support/probe-plugin';
import type { LayerInfo } from './host-api';

const PROBE_CODE = `
const results = {};
const attempt = (name, run) => {
  try {
    results[name] = { ok: true, value: run() };
  } catch (error) {
    results[name] = { ok: false, message: String(error && error.message) };
  }
};
const names = (parent) => parent.children.map((node) => node.name);
const rectangle = (name, x, width, rgb) => {
  const made = figma.createRectangle();
  made.name = name;
  made.resize(width, 100);
  made.x = x;
  made.fills = [{ type: 'SOLID', color: { r: rgb[0], g: rgb[1], b: rgb[2] } }];
  return made;
};
figma.showUI(__html__, { visible: false });
const frame = figma.createFrame();
frame.name = 'frame';
frame.resize(100, 100);
const red = rectangle('red', 0, 100, [1, 0, 0]);
const green = rectangle('green', 0, 40, [0, 1, 0]);
frame.appendChild(red);
frame.appendChild(green);
// Blue goes between red and green: drawn over red, under green.
const blue = rectangle('blue', 30, 70, [0, 0, 1]);
attempt('insertMiddle', () => { frame.insertChild(1, blue); return names(frame); });
attempt('insertFirst', () => { const grey = rectangle('grey', 0, 10, [0.5, 0.5, 0.5]); frame.insertChild(0, grey); return names(frame); });
attempt('insertLast', () => { const last = rectangle('last', 90, 10, [0, 0, 0]); frame.insertChild(4, last); return names(frame); });
attempt('outOfRange', () => frame.insertChild(9, rectangle('stray', 0, 10, [0, 0, 0])));
attempt('notInteger', () => frame.insertChild(1.5, rectangle('stray2', 0, 10, [0, 0, 0])));
attempt('sameIndex', () => { frame.insertChild(2, blue); return names(frame); });
attempt('parentAndPage', () => ({ parent: blue.parent.name, onPage: figma.currentPage.children.some((node) => node.id === blue.id) }));
frame.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 1 } }).then((bytes) => {
  const shown = figma.createRectangle();
  shown.name = 'export';
  shown.x = 200;
  shown.fills = [{ type: 'IMAGE', scaleMode: 'FILL', imageHash: figma.createImage(bytes).hash }];
  figma.notify(JSON.stringify(results));
}, (error) => figma.notify('export failed: ' + error.message, { error: true }));
`;

type Attempt = { ok: true; value: unknown } | { ok: false; message: string };

let probe: Probe;
let results: Record<string, Attempt>;
let layers: LayerInfo[];

beforeAll(async () => {
  probe = await startProbeAsync(PROBE_CODE);
  results = await probe.runAsync<Record<string, Attempt>>();
  layers = await probe.host('layers');
}, 60_000);

afterAll(async () => {
  await probe?.close();
});

describe('insertChild', () => {
  it('puts the layer at the index among the children before the move, 0 to their number', () => {
    expect(results.insertMiddle).toEqual({ ok: true, value: ['red', 'blue', 'green'] });
    expect(results.insertFirst).toEqual({ ok: true, value: ['grey', 'red', 'blue', 'green'] });
    expect(results.insertLast).toEqual({ ok: true, value: ['grey', 'red', 'blue', 'green', 'last'] });
    expect(results.sameIndex).toEqual({ ok: true, value: ['grey', 'red', 'blue', 'green', 'last'] });
  });

  it('refuses an index past the end or not a whole number, saying which are allowed', () => {
    expect(results.outOfRange).toEqual({ ok: false, message: 'insertChild: the index must be a whole number from 0 to 5, got 9' });
    expect(results.notInteger).toEqual({ ok: false, message: 'insertChild: the index must be a whole number from 0 to 5, got 1.5' });
  });

  it('moves a layer made on the page into the frame', () => {
    expect(results.parentAndPage).toEqual({ ok: true, value: { parent: 'frame', onPage: false } });
    const frame = layers.find((layer) => layer.name === 'frame');
    const inFrame = layers.filter((layer) => layer.parentId === frame?.id).map((layer) => layer.name);
    expect(inFrame).toEqual(['grey', 'red', 'blue', 'green', 'last']);
  });

  it('draws the children in their order: each over the ones before it', async () => {
    const fill = layers.find((layer) => layer.name === 'export')?.fills[0];
    if (fill?.type !== 'IMAGE') throw new Error('The probe placed no export');
    const png = PNG.sync.read(Buffer.from((await probe.host('imageBase64', fill.imageHash)) ?? '', 'base64'));
    const pixel = (x: number, y: number): number[] => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
    expect(pixel(5, 50)).toEqual([0, 255, 0]); // green over red over grey (inserted first, drawn first)
    expect(pixel(35, 50)).toEqual([0, 255, 0]); // green over blue
    expect(pixel(60, 50)).toEqual([0, 0, 255]); // blue, inserted between, over red
    expect(pixel(95, 50)).toEqual([0, 0, 0]); // last over blue
  });
});
