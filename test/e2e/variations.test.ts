// Variations end to end on the production build with the Segmind stand-in: three images from one click line up
// in one row beside the references, and a refusal of one request (a 429) fails only that variation.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerInfo } from '../host/host-api';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL, RUN_TIMEOUT_MS } from '../support/e2e';
import { openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';
import { STAND_IN_ERRORS, STAND_IN_PATH } from '../support/segmind-stand-in';

const LAYERS = [
  { name: 'beach', type: 'FRAME', x: 0, y: 0, width: 480, height: 320, fill: '#d8b36a' },
  { name: 'dog', type: 'FRAME', x: 520, y: 0, width: 320, height: 320, imageUrl: '/samples/product.svg' },
] as const;
const PROMPT = '@dog running on @beach at sunset';
/** core/layout.ts PLACEMENT_GAP_PX: the space between the layers of a row. */
const GAP_PX = 80;
/** core/layout.ts SECTION_PADDING_PX: the room round a run's row inside its section. */
const PAD_PX = 80;

let e2e: E2E;
let referenceIds: string[];

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  referenceIds = await openWithReferencesAsync(e2e, LAYERS);
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('1280:720');
  await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('3');
});

/** Each variation's line in the panel's list, in order. */
function linesAsync(): Promise<string[]> {
  return e2e.plugin.getByRole('list', { name: 'Variations' }).getByRole('listitem').allTextContents();
}

function overlap(a: LayerInfo, b: LayerInfo): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The run's section and its frames, left to right, in page coordinates (a frame in a section counts from it). */
async function framesAsync(): Promise<{ section: LayerInfo | undefined; placed: LayerInfo[] }> {
  const layers = await e2e.placedLayersAsync();
  const section = layers.find((layer) => layer.type === 'SECTION');
  const placed = layers
    .filter((layer) => layer.type === 'FRAME')
    .map((layer) => (section && layer.parentId === section.id ? { ...layer, x: section.x + layer.x, y: section.y + layer.y } : layer))
    .sort((a, b) => a.x - b.x);
  return { section, placed };
}

function generationPosts(): number {
  return e2e.standIn.requests.filter((request) => request.method === 'POST' && request.path === STAND_IN_PATH).length;
}

describe('variations', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('three variations: three requests, three layers in one row right of the references, in a section, named n of 3', async () => {
    const end = await e2e.generateAsync();
    expect(end, JSON.stringify(e2e.browserErrors)).toEqual({ text: 'Placed 3 of 3 variations', kind: null });
    expect(generationPosts()).toBe(3);
    await expect
      .poll(linesAsync, POLL)
      // The stand-in gives every variation the prompt's seed: it tells them apart no better than "2 of 3", so it goes.
      .toEqual([1, 2, 3].map((n) => `${n} ✓Placed “dog running on beach at sunset · ${n} of 3”`));

    const { section, placed } = await framesAsync();
    expect(section?.name).toBe('dog running on beach at sunset');
    expect(placed.map(({ type, width, height }) => [type, width, height])).toEqual(Array.from({ length: 3 }, () => ['FRAME', 1280, 720]));
    expect(new Set(placed.map((layer) => layer.y))).toEqual(new Set([PAD_PX]));
    const references = (await e2e.host('layers')).filter((layer) => referenceIds.includes(layer.id));
    const right = Math.max(...references.map((layer) => layer.x + layer.width));
    expect([section?.x, section?.y]).toEqual([right + GAP_PX, 0]);
    expect(placed.map((layer) => layer.x)).toEqual([0, 1, 2].map((i) => right + GAP_PX + PAD_PX + i * (1280 + GAP_PX)));
    // Shown once for the run, not once per variation.
    expect((await e2e.host('toasts')).filter((toast) => toast.message.startsWith('Placed'))).toHaveLength(1);
    for (const layer of placed) {
      for (const other of [...placed, ...references])
        if (other.id !== layer.id) expect(overlap(layer, other), `${layer.id} on ${other.id}`).toBe(false);
    }
    // Each layer holds its own answer and records how it was made.
    for (const layer of placed)
      expect(JSON.parse(layer.pluginData.generation ?? 'null')).toMatchObject({ prompt: PROMPT, ratio: '1280:720' });
    await e2e.screenshotAsync('variations-row');
  });

  it('a 429 for one request fails only that variation: two layers placed, one failure with its message', async () => {
    e2e.standIn.setRateLimitResetAt(null);
    e2e.standIn.queueModes(['rate-limited']);
    await e2e.waitForReadyAsync();
    await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    const end = await e2e.waitForRunEndAsync();
    expect(end, JSON.stringify(e2e.browserErrors)).toEqual({ text: 'Placed 2 of 3 variations', kind: 'partial' });
    expect(generationPosts()).toBe(3);

    const lines = await linesAsync();
    expect(lines.filter((line) => line.includes('✓Placed'))).toHaveLength(2);
    const failed = e2e.plugin.getByRole('list', { name: 'Variations' }).locator('li[data-kind="rate-limited"]');
    await expect.poll(() => failed.count(), POLL).toBe(1);
    const message = await failed.textContent();
    expect(message).toContain("Segmind's rate limit was reached (HTTP 429");
    expect(message).toContain(STAND_IN_ERRORS.rateLimited);
    expect(message).toContain('Try again in about a minute.');

    // The two that were placed fill the row's first two slots: no hole where the failure would have gone.
    const { placed } = await framesAsync();
    expect(placed).toHaveLength(2);
    expect(placed[1]!.x - placed[0]!.x).toBe(1280 + GAP_PX);
    expect(placed[0]!.y).toBe(placed[1]!.y);
    // Nothing typed is lost, and the next run can start.
    expect(await e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue()).toBe(PROMPT);
    await e2e.plugin.locator('button.primary:enabled', { hasText: /^Generate$/ }).waitFor({ timeout: RUN_TIMEOUT_MS });
    await e2e.screenshotAsync('variations-one-failed', 'panel');
  });
});
