// The playground's ways to show every state by clicking, with the production build in the host page: each
// `--fault` seen in the real panel, three variations drawn differently, a rectangle drawn with the host's
// Rectangle tool taken as the Region, and the Iterate relaunch button of a generated layer reopening the plugin.
import { beforeEach, describe, expect, it } from 'vitest';
import { applyPlaygroundFault, type PlaygroundFault } from '../host/playground-fault';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, openWithReferencesAsync, screenPointAsync, shareE2EWithSavedKey, targetTextAsync } from '../support/e2e-suite';
import { renderStandInImage } from '../support/segmind-stand-in';

const PROMPT = '@model wearing @cloth on a rooftop at dusk';

let e2e: E2E;
let referenceIds: string[];

shareE2EWithSavedKey((started) => {
  e2e = started;
});

async function promptAsync(prompt: string): Promise<void> {
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(prompt);
  await e2e.waitForReadyAsync();
}

describe('npm start -- --fault: each fault shows its own state in the panel', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  beforeEach(async () => {
    referenceIds = await openWithReferencesAsync(e2e, MODEL_AND_CLOTH);
    await promptAsync(PROMPT);
  });

  const FAULTS: readonly { fault: PlaygroundFault; kind: string; says: string }[] = [
    { fault: '401', kind: 'auth', says: 'Segmind refused the API key (HTTP 401' },
    { fault: '406', kind: 'credits', says: 'Not enough Segmind credits' },
    { fault: '429', kind: 'rate-limited', says: "Segmind's rate limit was reached (HTTP 429" },
    { fault: '500', kind: 'server', says: 'Segmind failed to make the image (HTTP 500' },
    { fault: 'cors', kind: 'unreachable', says: 'could not reach Segmind' },
    { fault: 'not-image', kind: 'not-image', says: "Segmind's answer was not an image" },
  ];

  it.each(FAULTS)('--fault $fault → a $kind message, nothing placed', async ({ fault, kind, says }) => {
    applyPlaygroundFault(e2e.standIn, fault);
    const end = await e2e.generateAsync();
    expect(end.kind).toBe(kind);
    expect(end.text).toContain(says);
    expect(await e2e.placedLayersAsync()).toEqual([]);
  });

  it('--fault slow → the run stays in progress, with Cancel', async () => {
    applyPlaygroundFault(e2e.standIn, 'slow');
    await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    await e2e.standIn.waitForRequestsAsync(2);
    await e2e.plugin.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await e2e.waitForRunEndAsync()).toMatchObject({ kind: 'cancelled' });
  });
});

describe('the playground canvas', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  beforeEach(async () => {
    e2e.standIn.setVaryRepeats(false);
    referenceIds = await openWithReferencesAsync(e2e, MODEL_AND_CLOTH);
    await promptAsync(PROMPT);
  });

  it('three variations of one run → three different images, as the playground’s stand-in draws them', async () => {
    e2e.standIn.setVaryRepeats(true);
    await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('3');
    const end = await e2e.generateAsync();
    expect(end.text).toContain('3 of 3');
    // Only the image layers: the batch may also get a layer of its own to hold them.
    const placed = (await e2e.placedLayersAsync()).filter((layer) => layer.fills[0]?.type === 'IMAGE');
    expect(placed).toHaveLength(3);
    const images = await Promise.all(
      placed.map(async (layer) => {
        const fill = layer.fills[0];
        if (fill?.type !== 'IMAGE') throw new Error(`${layer.name} has no image fill`);
        return Buffer.from(await e2e.imageBytesAsync(fill.imageHash)).toString('base64');
      }),
    );
    const body = e2e.standIn.requests.find((request) => request.method === 'POST')?.body;
    const drawn = [0, 1, 2].map((n) => Buffer.from(renderStandInImage(body, n)).toString('base64'));
    expect(new Set(images).size).toBe(3);
    expect([...images].sort()).toEqual([...drawn].sort());
    await e2e.screenshotAsync('playground-variations');
  });

  it('a generated layer shows Iterate in the host’s properties panel; clicking it reopens the plugin with its prompt', async () => {
    expect((await e2e.generateAsync()).text).toContain('Placed');
    const generated = (await e2e.placedLayersAsync()).find((layer) => layer.fills[0]?.type === 'IMAGE');
    await e2e.host('closePlugin');
    await e2e.host('select', [generated!.id]);
    const iterate = e2e.page.getByRole('region', { name: 'Relaunch buttons' }).getByRole('button', { name: 'Iterate', exact: true });
    await e2e.screenshotAsync('playground-relaunch');
    await iterate.click();
    await expect.poll(() => e2e.host('isPluginOpen'), POLL).toBe(true);
    await expect.poll(() => e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue(), POLL).toBe(PROMPT);
    await expect.poll(() => e2e.host('selection'), POLL).toEqual(referenceIds);
  });

  it('a rectangle drawn with the Rectangle tool inside a frame is the Region target, the frame a reference', async () => {
    const frameId = await e2e.host('addLayer', { name: 'Room', type: 'FRAME', x: 0, y: 600, width: 800, height: 500, fill: '#c9b79c' });
    await e2e.host('zoomToFit');
    await e2e.plugin.getByLabel('Place into', { exact: true }).selectOption('region');
    await e2e.page.getByRole('button', { name: 'Rectangle', exact: true }).click();
    const from = await screenPointAsync(e2e, { x: 400, y: 700 });
    const to = await screenPointAsync(e2e, { x: 700, y: 900 });
    await e2e.page.mouse.move(from.x, from.y);
    await e2e.page.mouse.down();
    await e2e.page.mouse.move(to.x, to.y, { steps: 5 });
    await e2e.page.mouse.up();

    await expect.poll(async () => (await e2e.host('layers')).filter((layer) => layer.name === 'Rectangle').length, POLL).toBe(1);
    const drawn = (await e2e.host('layers')).find((layer) => layer.name === 'Rectangle')!;
    expect(drawn).toMatchObject({ type: 'RECTANGLE', parentId: frameId });
    expect(await e2e.host('selection')).toEqual([drawn.id]);
    await expect.poll(() => targetTextAsync(e2e), POLL).toBe(`Rectangle ${drawn.width} × ${drawn.height}`);
    await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['Room']);
    await e2e.screenshotAsync('playground-rectangle-region');
  });
});
