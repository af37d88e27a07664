// The host page's editor tools in real Chromium, driven as a designer would: the Rectangle tool draws into a frame
// by dragging (or adds 100×100 by a click), and a selected layer's relaunch buttons show as Figma's properties
// panel shows them and run the plugin with their command. A probe plugin stands in for the real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_MANIFEST, startProbeAsync, type Probe } from '../support/probe-plugin';
import type { LayerInfo } from './host-api';

const PROBE_CODE = `
if (figma.command === 'iterate') {
  figma.notify(JSON.stringify({ command: figma.command, selection: figma.currentPage.selection.map((node) => node.name) }));
} else {
  const generated = figma.createRectangle();
  generated.name = 'generated';
  generated.setRelaunchData({ iterate: 'Generate again from this layer' });
  const plain = figma.createRectangle();
  plain.name = 'plain';
  plain.x = 300;
  figma.notify(JSON.stringify({ generated: generated.id, plain: plain.id }));
}
`;
const MANIFEST = { ...PROBE_MANIFEST, relaunchButtons: [{ command: 'iterate', name: 'Iterate' }] };

let probe: Probe;

beforeAll(async () => {
  probe = await startProbeAsync(PROBE_CODE, MANIFEST);
}, 60_000);

afterAll(async () => {
  await probe?.close();
});

/** The screen point (page pixels of the browser) where the canvas shows page point `at`. */
async function screenPointAsync(at: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = await probe.page.locator('#canvas').boundingBox();
  if (!box) throw new Error('The canvas is not shown');
  const { center, zoom } = await probe.host('viewport');
  return { x: box.x + box.width / 2 + (at.x - center.x) * zoom, y: box.y + box.height / 2 + (at.y - center.y) * zoom };
}

async function newLayersAsync(before: readonly LayerInfo[]): Promise<LayerInfo[]> {
  const ids = new Set(before.map((layer) => layer.id));
  return (await probe.host('layers')).filter((layer) => !ids.has(layer.id));
}

describe('the relaunch buttons', () => {
  it('show for a selected layer with relaunch data, and run the plugin with their command', async () => {
    const { generated, plain } = await probe.runAsync<{ generated: string; plain: string }>();
    const panel = probe.page.getByRole('region', { name: 'Relaunch buttons' });
    const iterate = panel.getByRole('button', { name: 'Iterate', exact: true });

    await probe.host('select', [generated]);
    await iterate.waitFor();
    expect(await panel.textContent()).toContain('Generate again from this layer');

    // No relaunch data, or two layers for a button that isn't multipleSelection: nothing, as in Figma.
    await probe.host('select', [plain]);
    await panel.waitFor({ state: 'hidden' });
    await probe.host('select', [generated, plain]);
    await panel.waitFor({ state: 'hidden' });
    await probe.host('select', []);
    await panel.waitFor({ state: 'hidden' });

    await probe.host('select', [generated]);
    const before = (await probe.host('toasts')).length;
    await iterate.click();
    await probe.page.waitForFunction(
      (count) => (window as unknown as { host: { toasts(): unknown[] } }).host.toasts().length > count,
      before,
    );
    const toast = (await probe.host('toasts'))[before];
    expect(JSON.parse(toast?.message ?? 'null')).toEqual({ command: 'iterate', selection: ['generated'] });
  });
});

describe('the Rectangle tool', () => {
  let frameId: string;

  beforeAll(async () => {
    await probe.page.reload();
    await probe.page.waitForFunction(() => 'host' in window);
    frameId = await probe.host('addLayer', { name: 'Hero', type: 'FRAME', x: 0, y: 0, width: 400, height: 300, fill: '#8a4f7d' });
    await probe.host('zoomToFit');
  });

  it('a drag inside a frame → a rectangle in the frame over the dragged area, selected; the tool turns off', async () => {
    const before = await probe.host('layers');
    const tool = probe.page.getByRole('button', { name: 'Rectangle', exact: true });
    await tool.click();
    expect(await tool.getAttribute('aria-pressed')).toBe('true');
    const from = await screenPointAsync({ x: 50, y: 60 });
    const to = await screenPointAsync({ x: 250, y: 160 });
    await probe.page.mouse.move(from.x, from.y);
    await probe.page.mouse.down();
    await probe.page.mouse.move(to.x, to.y, { steps: 5 });
    // While dragging, an outline shows where the rectangle will go; the document is unchanged until the release.
    const draft = await probe.page.locator('.draft-rectangle').boundingBox();
    expect(draft && [Math.round(draft.width), Math.round(draft.height)]).toEqual([Math.round(to.x - from.x), Math.round(to.y - from.y)]);
    expect(await newLayersAsync(before)).toEqual([]);
    await probe.page.mouse.up();
    await probe.page.locator('.draft-rectangle').waitFor({ state: 'hidden' });

    await expect.poll(async () => (await newLayersAsync(before)).length).toBe(1);
    const [drawn] = await newLayersAsync(before);
    expect(drawn).toMatchObject({ type: 'RECTANGLE', name: 'Rectangle', parentId: frameId });
    const { zoom } = await probe.host('viewport');
    // Within a screen pixel of where the pointer went.
    for (const [got, want] of [
      [drawn!.x, 50],
      [drawn!.y, 60],
      [drawn!.width, 200],
      [drawn!.height, 100],
    ] as const) {
      expect(Math.abs(got - want), JSON.stringify(drawn)).toBeLessThanOrEqual(1 / zoom + 1);
    }
    expect(await probe.host('selection')).toEqual([drawn!.id]);
    expect(await tool.getAttribute('aria-pressed')).toBe('false');

    // With the tool off, a click selects again rather than drawing.
    const frameCentre = await screenPointAsync({ x: 350, y: 250 });
    await probe.page.mouse.click(frameCentre.x, frameCentre.y);
    expect(await probe.host('selection')).toEqual([frameId]);
    expect(await newLayersAsync(before)).toHaveLength(1);
  });

  it('R, then a click on the empty canvas → a 100×100 rectangle on the page; Escape turns the tool off', async () => {
    const before = await probe.host('layers');
    await probe.page.locator('#canvas').hover();
    await probe.page.keyboard.press('r');
    const at = await screenPointAsync({ x: 600, y: 40 });
    await probe.page.mouse.click(at.x, at.y);
    await expect.poll(async () => (await newLayersAsync(before)).length).toBe(1);
    const [clicked] = await newLayersAsync(before);
    expect(clicked).toMatchObject({ type: 'RECTANGLE', parentId: null, width: 100, height: 100 });
    expect(Math.abs(clicked!.x - 600)).toBeLessThanOrEqual(2);
    expect(Math.abs(clicked!.y - 40)).toBeLessThanOrEqual(2);

    await probe.page.keyboard.press('r');
    await probe.page.keyboard.press('Escape');
    expect(await probe.page.getByRole('button', { name: 'Rectangle', exact: true }).getAttribute('aria-pressed')).toBe('false');
  });
});
