// The host's figma emulation against Figma's documented rules, in real Chromium: a probe plugin (its own
// manifest, code and UI in a temporary folder) tries what Figma refuses and exports a layer, then reports
// with figma.notify; the exports come back as image fills whose bytes are decoded here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { PROBE_MANIFEST, startProbeAsync, type Probe } from '../support/probe-plugin';
import { solidJpeg, solidPng, webpBytes } from '../support/segmind-stand-in';
import type { LayerInfo } from './host-api';

const SMALL_PNG = solidPng(4, 4, [10, 200, 30]);

/** Bytes as a JavaScript array literal: the sandbox has no atob to decode base64. */
function literal(bytes: Uint8Array): string {
  return `[${Array.from(bytes).join(',')}]`;
}

const PROBE_CODE = `
const results = {};
const attempt = (name, run) => {
  try {
    results[name] = { ok: true, value: run() };
  } catch (error) {
    results[name] = { ok: false, message: String(error && error.message) };
  }
};
figma.showUI(__html__, { width: 200, height: 100, visible: false });
results.launch = { command: figma.command, editorType: figma.editorType };
const ran = new Promise((resolve) => figma.on('run', (event) => { results.runEvent = event; resolve(); }));
attempt('png', () => figma.createImage(new Uint8Array(${literal(SMALL_PNG)})).hash);
attempt('webp', () => figma.createImage(new Uint8Array(${literal(webpBytes(64, 64))})).hash);
attempt('huge', () => figma.createImage(new Uint8Array(${literal(solidPng(5000, 100, [1, 2, 3]))})).hash);
const jpegBytes = ${literal(solidJpeg(32, 32, [200, 100, 50]))};
attempt('truncated', () => figma.createImage(new Uint8Array(jpegBytes.slice(0, jpegBytes.length >> 1))).hash);
attempt('arrayBuffer', () => figma.createImage(new Uint8Array(${literal(SMALL_PNG)}).buffer));

const subject = figma.createFrame();
subject.name = 'subject';
subject.resize(100, 100);
subject.fills = [];
const square = figma.createFrame();
square.resize(50, 50);
square.fills = [{ type: 'SOLID', color: { r: 1, g: 0, b: 0 } }];
subject.appendChild(square);
attempt('mutateFills', () => subject.fills.push({ type: 'SOLID', color: { r: 0, g: 0, b: 0 } }));
attempt('gradient', () => { subject.fills = [{ type: 'GRADIENT_LINEAR', gradientStops: [], gradientTransform: [[1, 0, 0], [0, 1, 0]] }]; });
attempt('pluginDataLimit', () => subject.setPluginData('big', 'x'.repeat(100001)));
attempt('window', () => typeof window);
attempt('atob', () => typeof atob);
attempt('postArrayBuffer', () => figma.ui.postMessage({ bytes: new ArrayBuffer(4) }));
attempt('postUint8Array', () => figma.ui.postMessage({ bytes: new Uint8Array(4) }));
const gone = figma.createFrame();
gone.remove();
attempt('readRemoved', () => gone.name);
attempt('getNodeById', () => figma.getNodeById(subject.id));

let fired = 0;
figma.on('selectionchange', () => { fired += 1; });
figma.currentPage.selection = [subject];
results.firedAtOnce = fired;

const place = (name, bytes) => {
  const layer = figma.createFrame();
  layer.name = name;
  layer.fills = [{ type: 'IMAGE', scaleMode: 'FILL', imageHash: figma.createImage(bytes).hash }];
};
Promise.all([
  ran,
  subject.exportAsync({ format: 'JPG', constraint: { type: 'WIDTH', value: 50 } }),
  subject.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 2 } }),
]).then(([, jpg, png]) => {
  place('jpg-export', jpg);
  place('png-export', png);
  results.firedLater = fired;
  figma.notify(JSON.stringify(results));
}, (error) => figma.notify('export failed: ' + error.message, { error: true }));
`;

type Attempt = { ok: true; value: unknown } | { ok: false; message: string };
type ProbeResults = Record<string, Attempt> & {
  firedAtOnce: number;
  firedLater: number;
  launch: { command: string; editorType: string };
  runEvent: unknown;
};

let probe: Probe;
let results: ProbeResults;
let layers: LayerInfo[];
const host: Probe['host'] = (name, ...args) => probe.host(name, ...args);

async function exportedBytesAsync(name: string): Promise<Buffer> {
  const fill = layers.find((layer) => layer.name === name)?.fills[0];
  if (fill?.type !== 'IMAGE') throw new Error(`No image layer named ${name}`);
  return Buffer.from((await host('imageBase64', fill.imageHash)) ?? '', 'base64');
}

beforeAll(async () => {
  probe = await startProbeAsync(PROBE_CODE, { ...PROBE_MANIFEST, editorType: ['figma', 'figjam'] });
  results = await probe.runAsync<ProbeResults>({ command: 'probe-command', parameters: { prompt: 'a cat' }, editorType: 'figjam' });
  layers = await host('layers');
}, 60_000);

afterAll(async () => {
  await probe?.close();
});

function refused(name: string): string {
  const attempt = results[name];
  if (!attempt || attempt.ok) throw new Error(`${name} was accepted: ${JSON.stringify(attempt)}`);
  return attempt.message;
}

describe('launch', () => {
  it('gives the code the command and editor it was opened with, then fires run with the parameters', () => {
    expect(results.launch).toEqual({ command: 'probe-command', editorType: 'figjam' });
    expect(results.runEvent).toEqual({ command: 'probe-command', parameters: { prompt: 'a cat' } });
  });
});

describe('createImage', () => {
  it('takes a PNG and names it by the SHA-1 of its bytes', () => {
    expect(results.png).toEqual({ ok: true, value: createHash('sha1').update(SMALL_PNG).digest('hex') });
  });

  it('refuses WebP, images over 4096 px, cut-short data and an ArrayBuffer, saying why', () => {
    expect(refused('webp')).toMatch(/unsupported: WebP/);
    expect(refused('huge')).toContain('5000×100 px (at most 4096 px a side)');
    expect(refused('truncated')).toContain('the JPEG data is cut short');
    expect(refused('arrayBuffer')).toContain('Uint8Array');
  });
});

describe('layers', () => {
  it('freeze fills and take only the paints the host draws', () => {
    expect(refused('mutateFills')).toMatch(/not extensible|read only|frozen/);
    expect(refused('gradient')).toContain('GRADIENT_LINEAR');
  });

  it('limit plugin data to 100 kB and throw when a removed layer is read', () => {
    expect(refused('pluginDataLimit')).toContain('100 kB');
    expect(refused('readRemoved')).toContain('does not exist');
  });
});

describe('the sandbox', () => {
  it('has no browser globals and only the async node lookup (dynamic-page)', () => {
    expect(results.window).toEqual({ ok: true, value: 'undefined' });
    expect(results.atob).toEqual({ ok: true, value: 'undefined' });
    expect(refused('getNodeById')).toContain('getNodeByIdAsync');
  });

  it('hears selectionchange after the change, not during it', () => {
    expect(results.firedAtOnce).toBe(0);
    expect(results.firedLater).toBe(1);
  });

  it('can post a Uint8Array to the UI but not an ArrayBuffer', async () => {
    expect(results.postUint8Array).toEqual({ ok: true });
    expect(refused('postArrayBuffer')).toContain('an ArrayBuffer at message.bytes');
    expect(await host('rejectedMessages')).toEqual([expect.stringContaining('an ArrayBuffer at message.bytes')]);
    expect(await host('errors')).toEqual([]);
  });
});

describe('exportAsync', () => {
  it('renders JPG at the WIDTH constraint, transparent parts white', async () => {
    const image = jpeg.decode(await exportedBytesAsync('jpg-export'), { useTArray: true });
    expect([image.width, image.height]).toEqual([50, 50]);
    const pixel = (x: number, y: number): number[] => Array.from(image.data.subarray((y * 50 + x) * 4, (y * 50 + x) * 4 + 3));
    // JPEG is lossy: close to pure red inside the child, close to white outside it.
    expect(pixel(8, 8)[0]).toBeGreaterThan(230);
    expect(pixel(8, 8)[1]).toBeLessThan(30);
    expect(Math.min(...pixel(40, 40))).toBeGreaterThan(240);
  });

  it('renders PNG at the SCALE constraint, keeping transparency', async () => {
    const image = PNG.sync.read(await exportedBytesAsync('png-export'));
    expect([image.width, image.height]).toEqual([200, 200]);
    const rgba = (x: number, y: number): number[] => Array.from(image.data.subarray((y * 200 + x) * 4, (y * 200 + x) * 4 + 4));
    expect(rgba(20, 20)).toEqual([255, 0, 0, 255]);
    expect(rgba(150, 150)[3]).toBe(0);
  });
});
