// History in the real panel: each generation is listed with its thumbnail and survives closing the plugin; a
// deleted layer is marked (at once) and placed again from the file's image; an existing one is selected and
// zoomed to; Reuse starts again from an entry.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerInfo } from '../host/host-api';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = [{ name: 'room', type: 'FRAME', x: 0, y: 0, width: 400, height: 300, imageUrl: '/samples/room.svg' }] as const;

let e2e: E2E;

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await openWithReferencesAsync(e2e, LAYERS);
});

const entries = () => e2e.plugin.locator('.history-entry');

async function generateAsync(prompt: string): Promise<void> {
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(prompt);
  expect((await e2e.generateAsync()).text).toContain('Placed');
}

/** Opens the History section (unless it opened so, as it was left) and returns each entry's text. */
async function historyTextsAsync(count: number): Promise<string[]> {
  const summary = e2e.plugin.getByText(`History (${count})`, { exact: true });
  await summary.waitFor();
  if ((await e2e.plugin.locator('#history').getAttribute('open')) === null) await summary.click();
  await expect.poll(() => entries().count(), POLL).toBe(count);
  return entries().allTextContents();
}

function imageHashOf(layer: LayerInfo | undefined): string {
  const fill = layer?.fills[0];
  if (fill?.type !== 'IMAGE') throw new Error(`Not an image layer: ${JSON.stringify(layer)}`);
  return fill.imageHash;
}

async function reopenAsync(): Promise<void> {
  await e2e.host('closePlugin');
  await e2e.openPluginAsync();
}

describe('History', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('lists two generations with thumbnails, newest first, and keeps them across a reopen', async () => {
    await generateAsync('@room in the morning');
    await generateAsync('@room at night');
    const texts = await historyTextsAsync(2);
    expect(texts[0]).toMatch(/^@room at night1280:720 · Segmind · /);
    expect(texts[1]).toMatch(/^@room in the morning1280:720 · Segmind · /);
    // Each thumbnail is exported just after its image is placed.
    const sources = () =>
      entries()
        .locator('img')
        .evaluateAll((images) =>
          images.map((image) => ({ src: (image as HTMLImageElement).src.slice(0, 23), loaded: (image as HTMLImageElement).naturalWidth })),
        );
    await expect.poll(sources, POLL).toEqual([
      { src: 'data:image/jpeg;base64,', loaded: 96 },
      { src: 'data:image/jpeg;base64,', loaded: 96 },
    ]);
    await e2e.screenshotAsync('history-panel', 'panel');

    await reopenAsync();
    // Left open, it opens open.
    await expect.poll(() => e2e.plugin.locator('#history').getAttribute('open'), POLL).not.toBeNull();
    expect(await historyTextsAsync(2)).toEqual(texts);
    const stored = Object.keys(await e2e.host('clientStorage')).filter((key) => key.startsWith('history/'));
    expect(stored).toHaveLength(1);
  });

  it('marks a deleted layer, places it again with the same image, and selects an existing one', async () => {
    await generateAsync('@room in the morning');
    await generateAsync('@room at night');
    const [morning, night] = await e2e.placedLayersAsync();
    const hash = imageHashOf(morning);

    await e2e.host('closePlugin');
    await e2e.host('removeLayer', morning?.id as string);
    await e2e.openPluginAsync();
    const texts = await historyTextsAsync(2);
    expect(texts[0]?.endsWith('deleted')).toBe(false);
    expect(texts[1]).toMatch(/ · deleted$/);

    await entries().nth(1).click();
    await e2e.plugin.getByText(/^The layer was deleted: placed its image again as “@room in the morning”\.$/).waitFor();
    const placed = await e2e.placedLayersAsync();
    const again = placed.find((layer) => layer.id !== night?.id && layer.id !== morning?.id);
    expect(imageHashOf(again)).toBe(hash);
    expect([again?.width, again?.height]).toEqual([morning?.width, morning?.height]);
    expect(again?.relaunchData).toEqual({
      iterate: 'Open with this layer’s prompt, ratio and references',
      upscale: 'Make this image larger with Runway’s upscaler',
    });
    expect(await e2e.host('selection')).toEqual([again?.id]);
    await expect.poll(() => entries().nth(1).textContent(), POLL).not.toMatch(/deleted$/);

    await entries().nth(0).click();
    await expect.poll(() => e2e.host('selection'), POLL).toEqual([night?.id]);
    expect((await e2e.host('viewport')).zoomedTo).toEqual([night?.id]);
  });

  it('marks a layer deleted at once, while the plugin is open, and Reuse starts again from an entry', async () => {
    const [room] = await e2e.host('selection');
    await generateAsync('@room with a green sofa');
    await historyTextsAsync(1);
    const [placed] = await e2e.placedLayersAsync();
    // The designer selects the result and deletes it: Figma empties the selection.
    await e2e.host('select', [placed?.id as string]);
    await e2e.host('removeLayer', placed?.id as string);
    await e2e.host('select', []);
    await expect.poll(() => entries().nth(0).textContent(), POLL).toMatch(/ · deleted$/);

    // Reuse: the prompt comes back and the reference is selected again, its card tagged as before.
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('something else');
    await e2e.plugin.getByRole('button', { name: 'Reuse', exact: true }).click();
    await expect.poll(() => e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue(), POLL).toBe('@room with a green sofa');
    await expect.poll(() => e2e.host('selection'), POLL).toEqual([room]);
    await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['room']);
    await e2e.waitForReadyAsync();
  });
});
