// The host as FigJam, in real Chromium: FigJam's layers (sticky, shape with text, section, connector) drawn and
// exported like Figma's, createRectangle, each editor's figma global without the other editor's APIs, and the
// manifest's editorType deciding where the plugin may run. A probe plugin reports with figma.notify; its exports
// come back as image fills whose bytes are decoded here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchBrowserAsync, type Browser } from '../support/browser';
import type { HostApi, LayerSpec } from './host-api';
import { startHostServer, type HostServer } from './server';

const PROBE_CODE = `
const results = { editorType: figma.editorType };
const attempt = (name, run) => {
  try {
    results[name] = { ok: true, value: run() };
  } catch (error) {
    results[name] = { ok: false, kind: error && error.name, message: String(error && error.message) };
  }
};
figma.showUI(__html__, { visible: false });
if (figma.editorType === 'figma') {
  attempt('createSticky', () => figma.createSticky());
  figma.notify(JSON.stringify(results));
} else {
  attempt('createRectangle', () => {
    const made = figma.createRectangle();
    return { type: made.type, name: made.name, size: [made.width, made.height], fills: made.fills, parent: made.parent.type };
  });
  attempt('createFrame', () => figma.createFrame().type);
  attempt('createPage', () => figma.createPage());
  attempt('createComponent', () => figma.createComponent());
  const layers = figma.currentPage.children.filter((node) => ['sticky', 'shape', 'section', 'connector'].includes(node.name));
  results.types = layers.map((node) => node.type);
  Promise.all(layers.map((node) => node.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 1 } }))).then((exports) => {
    exports.forEach((bytes, i) => {
      const shown = figma.createRectangle();
      shown.name = 'export-' + layers[i].name;
      shown.fills = [{ type: 'IMAGE', scaleMode: 'FILL', imageHash: figma.createImage(bytes).hash }];
    });
    figma.notify(JSON.stringify(results));
  }, (error) => figma.notify('export failed: ' + error.message, { error: true }));
}
`;

const BOTH_EDITORS = ['figma', 'figjam'];
const LAYERS: readonly LayerSpec[] = [
  { name: 'sticky', type: 'STICKY', x: 0, y: 0, width: 240, height: 240, text: 'Idea' },
  { name: 'shape', type: 'SHAPE_WITH_TEXT', x: 300, y: 0, width: 208, height: 208, fill: '#3dadff', text: 'Box' },
  { name: 'section', type: 'SECTION', x: 600, y: 0, width: 300, height: 200, fill: '#f5fbff' },
  { name: 'connector', type: 'CONNECTOR', x: 0, y: 300, width: 200, height: 40 },
];

type Attempt = { ok: true; value: unknown } | { ok: false; kind: string; message: string };
type ProbeResults = Record<string, Attempt> & { editorType: string; types: string[] };
type Rgba = [number, number, number, number];

let folder: string;
let server: HostServer;
let browser: Browser;
let page: Page;

async function host<K extends keyof HostApi>(name: K, ...args: Parameters<HostApi[K]>): Promise<Awaited<ReturnType<HostApi[K]>>> {
  return page.evaluate(
    async ([method, params]) => {
      const api = (window as unknown as { host: Record<string, (...a: unknown[]) => unknown> }).host;
      return (await api[method]!(...params)) as never;
    },
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<HostApi[K]>>>;
}

async function writeManifestAsync(editorType: readonly string[] | undefined): Promise<void> {
  const manifest = {
    name: 'Probe',
    id: 'probe',
    api: '1.0.0',
    main: 'code.js',
    ui: 'ui.html',
    editorType,
    networkAccess: { allowedDomains: ['none'] },
  };
  await writeFile(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
}

async function loadHostAsync(): Promise<void> {
  await page.goto(server.url);
  await page.waitForFunction(() => 'host' in window || !document.getElementById('fatal')?.hidden, null, { timeout: 20_000 });
}

/** Opens the probe in `editorType` and returns what it reported. */
async function probeAsync(editorType: 'figma' | 'figjam'): Promise<ProbeResults> {
  const before = (await host('toasts')).length;
  await host('openPlugin', { editorType });
  await page.waitForFunction((count) => (window as unknown as { host: HostApi }).host.toasts().length > count, before, { timeout: 20_000 });
  const toast = (await host('toasts'))[before]!;
  if (toast.error) throw new Error(toast.message);
  return JSON.parse(toast.message) as ProbeResults;
}

async function exportedAsync(name: string): Promise<PNG> {
  const fill = (await host('layers')).find((layer) => layer.name === `export-${name}`)?.fills[0];
  if (fill?.type !== 'IMAGE') throw new Error(`No export of ${name}`);
  return PNG.sync.read(Buffer.from((await host('imageBase64', fill.imageHash)) ?? '', 'base64'));
}

function pixel(image: PNG, x: number, y: number): Rgba {
  const at = (y * image.width + x) * 4;
  return Array.from(image.data.subarray(at, at + 4)) as Rgba;
}

function near(actual: Rgba, expected: Rgba, tolerance = 3): boolean {
  return actual.every((channel, i) => Math.abs(channel - expected[i]!) <= tolerance);
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'host-figjam-'));
  await Promise.all([
    writeManifestAsync(BOTH_EDITORS),
    writeFile(path.join(folder, 'code.js'), PROBE_CODE),
    writeFile(path.join(folder, 'ui.html'), '<!doctype html><html><head></head><body>probe</body></html>'),
  ]);
  server = await startHostServer({ pluginDir: folder });
  browser = await launchBrowserAsync();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('the host as FigJam', () => {
  let results: ProbeResults;
  beforeAll(async () => {
    await writeManifestAsync(BOTH_EDITORS);
    await loadHostAsync();
    const ids: string[] = [];
    // One at a time, so the page holds them in this order.
    for (const spec of LAYERS) ids.push(await host('addLayer', spec));
    await host('addLayer', {
      name: 'inside',
      type: 'RECTANGLE',
      x: 50,
      y: 50,
      width: 100,
      height: 100,
      fill: '#ff0000',
      parentId: ids[2]!,
    });
    results = await probeAsync('figjam');
  }, 60_000);

  it("gives the code FigJam's layers, and createRectangle as Figma makes it: 100×100, light grey, on the page", () => {
    expect(results.editorType).toBe('figjam');
    expect(results.types).toEqual(['STICKY', 'SHAPE_WITH_TEXT', 'SECTION', 'CONNECTOR']);
    expect(results.createRectangle).toEqual({
      ok: true,
      value: {
        type: 'RECTANGLE',
        name: 'Rectangle',
        size: [100, 100],
        fills: [{ type: 'SOLID', color: { r: 0xd9 / 255, g: 0xd9 / 255, b: 0xd9 / 255 } }],
        parent: 'PAGE',
      },
    });
  });

  it("keeps createFrame (the typings don't limit it to Figma design) but throws Figma's TypeError for design-only APIs", () => {
    expect(results.createFrame).toEqual({ ok: true, value: 'FRAME' });
    expect(results.createPage).toEqual({
      ok: false,
      kind: 'TypeError',
      message: "figma.createPage no such property 'createPage' on the figma global object",
    });
    expect(results.createComponent).toEqual({
      ok: false,
      kind: 'TypeError',
      message: "figma.createComponent no such property 'createComponent' on the figma global object",
    });
  });

  it('exports a sticky in its yellow with its text drawn on it', async () => {
    const image = await exportedAsync('sticky');
    expect([image.width, image.height]).toEqual([240, 240]);
    expect(near(pixel(image, 10, 10), [0xff, 0xe2, 0x99, 255])).toBe(true);
    let dark = 0;
    for (let x = 40; x < 200; x += 1) if (pixel(image, x, 120)[0] < 0x80) dark += 1;
    expect(dark, 'the text "Idea" across the middle').toBeGreaterThan(0);
  });

  it('exports a shape with text in its fill', async () => {
    const image = await exportedAsync('shape');
    expect([image.width, image.height]).toEqual([208, 208]);
    expect(near(pixel(image, 10, 10), [0x3d, 0xad, 0xff, 255])).toBe(true);
  });

  it('exports a section with the layers inside it, placed relative to the section', async () => {
    const image = await exportedAsync('section');
    expect([image.width, image.height]).toEqual([300, 200]);
    expect(near(pixel(image, 10, 10), [0xf5, 0xfb, 0xff, 255])).toBe(true);
    expect(near(pixel(image, 100, 100), [255, 0, 0, 255])).toBe(true);
    expect(near(pixel(image, 200, 100), [0xf5, 0xfb, 0xff, 255])).toBe(true);
  });

  it('exports a connector as a charcoal line on a transparent ground', async () => {
    const image = await exportedAsync('connector');
    expect([image.width, image.height]).toEqual([200, 40]);
    expect(near(pixel(image, 100, 20), [0x1e, 0x1e, 0x1e, 255])).toBe(true);
    expect(pixel(image, 100, 2)[3]).toBe(0);
  });

  it('refuses a connector with a fill, and reports every FigJam layer with its type', async () => {
    await expect(host('addLayer', { name: 'filled', type: 'CONNECTOR', x: 0, y: 0, width: 10, height: 10, fill: '#000' })).rejects.toThrow(
      'addLayer: "filled" is a CONNECTOR, a line with no fills',
    );
    const layers = await host('layers');
    expect(layers.filter((layer) => LAYERS.some((spec) => spec.name === layer.name)).map((layer) => [layer.name, layer.type])).toEqual([
      ['sticky', 'STICKY'],
      ['shape', 'SHAPE_WITH_TEXT'],
      ['section', 'SECTION'],
      ['connector', 'CONNECTOR'],
    ]);
    expect(layers.find((layer) => layer.name === 'inside')?.parentId).toBe(layers.find((layer) => layer.name === 'section')?.id);
    expect(await host('errors')).toEqual([]);
  });
});

describe('the host as Figma design', () => {
  it("throws Figma's TypeError for FigJam-only APIs", async () => {
    await writeManifestAsync(BOTH_EDITORS);
    await loadHostAsync();
    const results = await probeAsync('figma');
    expect(results.editorType).toBe('figma');
    expect(results.createSticky).toEqual({
      ok: false,
      kind: 'TypeError',
      message: "figma.createSticky no such property 'createSticky' on the figma global object",
    });
  });
});

describe("the manifest's editorType", () => {
  it('keeps a plugin made for Figma design out of FigJam, and runs it in Figma design', async () => {
    await writeManifestAsync(['figma']);
    await loadHostAsync();
    await expect(host('openPlugin', { editorType: 'figjam' })).rejects.toThrow(
      `FigJam doesn't offer this plugin: manifest.json's editorType is ["figma"], without "figjam"`,
    );
    expect(await host('isPluginOpen')).toBe(false);
    expect((await probeAsync('figma')).editorType).toBe('figma');
  });

  it('is required: a manifest without it stops the host with the reason', async () => {
    await writeManifestAsync(undefined);
    await loadHostAsync();
    expect(await page.locator('#fatal').textContent()).toBe(
      `The host couldn't start: manifest.json needs "editorType" (a list of editors such as ["figma", "figjam"])`,
    );
  });
});
