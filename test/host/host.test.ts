// Smoke test of the Figma stand-in host in real Chromium: the built plugin (dist/) runs in the host page with the
// sample layers, reaches the Segmind stand-in through the playground's fetch rewrite, and places a generated image.
// Also: the key stays in clientStorage (never in plugin data) across closing, reopening and a reload, and the
// manifest's networkAccess refuses other domains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { sniffImage } from '../../core/image-bytes';
import { launchBrowserAsync, type Browser } from '../support/browser';
import { devOriginAsync, whenPortFreeAsync } from '../support/dev-port';
import { renderStandInImage, startSegmindStandIn, type SegmindStandIn } from '../support/segmind-stand-in';
import { fetchRewriteScript } from './fetch-rewrite';
import type { HostApi, LayerInfo } from './host-api';
import { startHostServer, type HostServer } from './server';

const KEY = 'sk-test-host-smoke-7c21';
const PROMPT = 'photo of @Model wearing @Jacket in a garden.';
const FLOW_TIMEOUT_MS = 60_000;

let browser: Browser;
let page: Page;
let standIn: SegmindStandIn;
let server: HostServer;

/** Calls window.host[name](...args) in the page. */
async function host<K extends keyof HostApi>(name: K, ...args: Parameters<HostApi[K]>): Promise<Awaited<ReturnType<HostApi[K]>>> {
  return page.evaluate(
    ([method, params]) => {
      const api = (window as unknown as { host: Record<string, (...a: unknown[]) => unknown> }).host;
      return api[method]!(...params) as Awaited<ReturnType<HostApi[K]>>;
    },
    [name, args] as [string, unknown[]],
  );
}

function plugin(): FrameLocator {
  return page.frameLocator('iframe');
}

function pluginFrame(): Frame {
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  if (!frame) throw new Error('The plugin iframe is not open');
  return frame;
}

async function openHostAsync(): Promise<void> {
  await page.goto(`${server.url}?samples=1`);
  await page.waitForFunction(() => 'host' in window, null, { timeout: 20_000 });
}

function decodedSize(bytes: Uint8Array): { width: number; height: number } {
  const kind = sniffImage(bytes)?.kind;
  if (kind === 'jpeg') return jpeg.decode(bytes, { useTArray: true });
  if (kind === 'png') return PNG.sync.read(Buffer.from(bytes));
  throw new Error(`The placed image is ${kind ?? 'not an image'}`);
}

beforeAll(async () => {
  const { origin, port } = await devOriginAsync();
  standIn = await whenPortFreeAsync(port, () => startSegmindStandIn({ port }));
  server = await startHostServer({ uiPatch: { scriptBeforeUi: fetchRewriteScript('https://api.segmind.com', origin) } });
  browser = await launchBrowserAsync();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await openHostAsync();
}, FLOW_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await standIn?.close();
});

describe('the host with the built plugin', () => {
  let placed: LayerInfo;

  it(
    'runs the whole flow: references, key, prompt, Generate, a placed 1280×720 image layer',
    async () => {
      await host('openPlugin');
      const samples = await host('layers');
      expect(samples.map((layer) => layer.name)).toEqual(['Model', 'Jacket', 'Living room', 'Mug']);
      const [model, jacket] = samples;
      await host('select', [model!.id, jacket!.id]);

      // The sandbox exported both layers and the UI prepared them: two cards with thumbnails.
      await expect.poll(() => plugin().locator('.card img.thumb').count(), { timeout: 20_000 }).toBe(2);
      expect(await plugin().locator('.card .name').allTextContents()).toEqual(['Model', 'Jacket']);

      await plugin().locator('#api-key').fill(KEY);
      await plugin().getByRole('button', { name: 'Save key' }).click();
      await plugin().getByText('Key saved.').waitFor({ timeout: 10_000 });
      await plugin().locator('#prompt').fill(PROMPT);
      await plugin().getByRole('button', { name: 'Generate' }).click();
      await plugin().getByText('Placed “').waitFor({ timeout: 30_000 });

      const layers = await host('layers');
      expect(layers).toHaveLength(5);
      placed = layers[4]!;
      expect(placed).toMatchObject({ type: 'FRAME', width: 1280, height: 720, parentId: null });
      expect(placed.fills).toHaveLength(1);
      const fill = placed.fills[0]!;
      if (fill.type !== 'IMAGE') throw new Error(`The placed layer's fill is ${fill.type}, not IMAGE`);
      const base64 = await host('imageBase64', fill.imageHash);
      expect(base64).not.toBeNull();
      expect(decodedSize(new Uint8Array(Buffer.from(base64!, 'base64')))).toMatchObject({ width: 1280, height: 720 });
      expect(await host('selection')).toEqual([placed.id]);
      expect((await host('viewport')).zoomedTo).toEqual([placed.id]);
      expect(await host('undoSteps')).toBe(1);
      expect(await host('toasts')).toEqual([{ message: `Placed “${placed.name}”`, error: false }]);

      // The request went to the stand-in, not to the internet, with both references tagged; the layer shows its answer.
      const post = standIn.requests.find((request) => request.method === 'POST');
      expect(Buffer.from(base64!, 'base64').equals(Buffer.from(renderStandInImage(post?.body)))).toBe(true);
      expect(post?.headers['x-api-key']).toBe(KEY);
      expect((post?.body as { referenceImages: { tag: string }[] }).referenceImages.map((reference) => reference.tag)).toEqual([
        'Model',
        'Jacket',
      ]);
      expect(await host('errors')).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it('keeps the key in clientStorage only, never in plugin data', async () => {
    expect(await host('clientStorage')).toMatchObject({ 'segmind-api-key': KEY });
    const layers = await host('layers');
    expect(layers.find((layer) => layer.id === placed.id)?.pluginData.generation).toContain(PROMPT);
    for (const layer of layers) {
      for (const value of Object.values(layer.pluginData)) expect(value).not.toContain(KEY);
    }
  });

  it(
    'keeps the key after closing and reopening the plugin: no settings prompt',
    async () => {
      await host('closePlugin');
      expect(await host('isPluginOpen')).toBe(false);
      expect(await page.locator('iframe').count()).toBe(0);
      await host('openPlugin');
      // The card of the selected (placed) layer shows once the sandbox has sent its settings and the selection.
      await plugin().locator('.card .name', { hasText: placed.name }).waitFor({ timeout: 20_000 });
      expect(await plugin().locator('#api-key-help').textContent()).toMatch(/\bkey is saved on this computer\./);
      expect(await plugin().locator('#settings').isHidden()).toBe(true);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'keeps clientStorage through a page reload',
    async () => {
      await openHostAsync();
      expect(await host('clientStorage')).toMatchObject({ 'segmind-api-key': KEY });
      expect(await host('layers')).toHaveLength(4);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    "refuses a request to a domain outside the manifest's networkAccess, as Figma's CSP does",
    async () => {
      await host('openPlugin');
      const frame = pluginFrame();
      expect(await frame.evaluate(() => origin)).toBe('null');
      const outcome = await frame.evaluate(() =>
        fetch('https://example.com/').then(
          () => 'answered',
          (error: unknown) => String(error),
        ),
      );
      expect(outcome).toContain('Failed to fetch');
      await expect.poll(() => host('blockedRequests'), { timeout: 10_000 }).toContain('https://example.com/');
    },
    FLOW_TIMEOUT_MS,
  );

  it('refuses binary data other than Uint8Array at the bridge, naming it', async () => {
    const frame = pluginFrame();
    await frame.evaluate(() => parent.postMessage({ pluginMessage: { type: 'save-ratio', ratio: new ArrayBuffer(8) } }, '*'));
    await expect
      .poll(() => host('rejectedMessages'), { timeout: 10_000 })
      .toEqual(['The UI posted an ArrayBuffer at pluginMessage.ratio: Figma passes only plain data and Uint8Array']);
  });
});

describe('zoom to fit', () => {
  /** The top-level layers of the current page on screen (CSS pixels in the page), from the host's view. */
  async function layerBoxesOnScreenAsync(): Promise<{ name: string; left: number; right: number; top: number; bottom: number }[]> {
    const [{ center, zoom }, layers, canvas] = await Promise.all([host('viewport'), host('layers'), page.locator('#canvas').boundingBox()]);
    const current = (await host('pages')).find((p) => p.current)?.id;
    return layers
      .filter((layer) => layer.parentId === null && layer.pageId === current)
      .map((layer) => ({
        name: layer.name,
        left: canvas!.x + canvas!.width / 2 + (layer.x - center.x) * zoom,
        right: canvas!.x + canvas!.width / 2 + (layer.x + layer.width - center.x) * zoom,
        top: canvas!.y + canvas!.height / 2 + (layer.y - center.y) * zoom,
        bottom: canvas!.y + canvas!.height / 2 + (layer.y + layer.height - center.y) * zoom,
      }));
  }

  it(
    'fits the layers into the canvas left of the open plugin window, at most 100%',
    async () => {
      await openHostAsync();
      await host('openPlugin');
      await host('zoomToFit');
      const panel = (await page.locator('.plugin-window').boundingBox())!;
      const canvas = (await page.locator('#canvas').boundingBox())!;
      const open = await layerBoxesOnScreenAsync();
      expect(open.map((box) => box.name)).toEqual(['Model', 'Jacket', 'Living room', 'Mug']);
      for (const box of open) {
        expect(box.left, `${box.name} starts on the canvas`).toBeGreaterThanOrEqual(canvas.x);
        expect(box.right, `${box.name} ends left of the plugin window`).toBeLessThanOrEqual(panel.x);
        expect(box.top).toBeGreaterThanOrEqual(canvas.y);
        expect(box.bottom).toBeLessThanOrEqual(canvas.y + canvas.height);
      }
      const openZoom = (await host('viewport')).zoom;
      expect(openZoom).toBeLessThan(1);

      // Closed, the plugin leaves the whole canvas: the same layers fit larger and reach past where it was.
      await host('closePlugin');
      await host('zoomToFit');
      const closedZoom = (await host('viewport')).zoom;
      expect(closedZoom).toBeGreaterThan(openZoom);
      const closed = await layerBoxesOnScreenAsync();
      expect(Math.max(...closed.map((box) => box.right))).toBeGreaterThan(panel.x);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows a small layout at 100%, centred left of the plugin window',
    async () => {
      await openHostAsync();
      await host('openPlugin');
      const pageId = await host('addPage', 'Small');
      await host('switchPage', pageId);
      await host('addLayer', { name: 'Swatch', type: 'FRAME', x: 40, y: 30, width: 120, height: 90, fill: '#3b6fc6' });
      await host('zoomToFit');
      expect((await host('viewport')).zoom).toBe(1);
      const panel = (await page.locator('.plugin-window').boundingBox())!;
      const canvas = (await page.locator('#canvas').boundingBox())!;
      const [swatch] = await layerBoxesOnScreenAsync();
      expect(swatch!.right - swatch!.left).toBeCloseTo(120, 5);
      expect((swatch!.left + swatch!.right) / 2).toBeCloseTo((canvas.x + panel.x) / 2, 5);
      expect((swatch!.top + swatch!.bottom) / 2).toBeCloseTo(canvas.y + canvas.height / 2, 5);
    },
    FLOW_TIMEOUT_MS,
  );
});
