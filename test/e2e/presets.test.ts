// Presets in the real panel: a use case sets the ratio and starts the prompt, and the run that follows places a
// layer of exactly that ratio's size.
import { beforeEach, describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS } from '../support/e2e';
import { openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = [
  { name: 'sofa', type: 'FRAME', x: 0, y: 0, width: 480, height: 320, fill: '#b08d57' },
  { name: 'room', type: 'FRAME', x: 520, y: 0, width: 640, height: 400, imageUrl: '/samples/room.svg' },
] as const;

let e2e: E2E;

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await openWithReferencesAsync(e2e, LAYERS);
});

describe('presets', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('Interior design sets 1584:672, starts the prompt, and the placed layer is 1584×672', async () => {
    await e2e.plugin.getByLabel('Preset', { exact: true }).selectOption({ label: 'Interior design — 1584:672' });
    expect(await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).inputValue()).toBe('1584:672');
    const prompt = await e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue();
    expect(prompt).toMatch(/^@sofa in @room, /);

    const end = await e2e.generateAsync();
    expect(end.text).toContain('Placed');
    const placed = await e2e.placedLayersAsync();
    expect(placed.map((layer) => [layer.width, layer.height])).toEqual([[1584, 672]]);
    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect(post?.body).toMatchObject({ ratio: '1584:672', promptText: prompt });
  });

  it('offers "Use starter" on one line over typed words; the starter names the cards, and the result is named after the preset', async () => {
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('my own words');
    await e2e.plugin.getByLabel('Preset', { exact: true }).selectOption({ label: 'Interior design — 1584:672' });
    expect(await e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue(), 'typed words are not replaced').toBe('my own words');
    const starter = e2e.plugin.getByRole('button', { name: 'Use starter', exact: true });
    expect((await starter.boundingBox())?.height, 'one line, 24 px').toBe(24);
    await starter.click();
    const prompt = await e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue();
    expect(prompt).toMatch(/@sofa/);
    expect(prompt).toMatch(/@room/);
    expect((await e2e.generateAsync()).text).toContain('Placed');
    const [layer] = await e2e.placedLayersAsync();
    expect(layer?.name).toMatch(/^Interior design · seed \d+$/);
  });
});
