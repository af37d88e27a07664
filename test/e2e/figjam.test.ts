// The plugin in FigJam (the host opened with editorType 'figjam'): a sticky and a shape with text are sent as
// references, the result lands as a rectangle with an image fill at the ratio's size beside them, marked like a
// generated frame in Figma design; board furniture such as a connector is listed as skipped, with its reason.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerInfo, LayerSpec } from '../host/host-api';
import { decode, near, pixelAt, type Rgba } from '../browser/fixtures/image-samples';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { shareE2EWithSavedKey } from '../support/e2e-suite';

const NOTE = { name: 'note', type: 'STICKY', x: 0, y: 0, width: 240, height: 240, text: 'Sunset', fill: '#ffe299' } as const;
const SHAPE = { name: 'shape', type: 'SHAPE_WITH_TEXT', x: 300, y: 0, width: 208, height: 208, text: 'Sofa', fill: '#3dadff' } as const;
const LINK = { name: 'link', type: 'CONNECTOR', x: 0, y: 300, width: 508, height: 40 } as const;
const NOTE_RGB: Rgba = [0xff, 0xe2, 0x99, 255];
const SHAPE_RGB: Rgba = [0x3d, 0xad, 0xff, 255];
const PROMPT = '@note above @shape as a warm poster';

let e2e: E2E;
let ids: Record<string, string> = {};

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await e2e.resetAsync();
  const layers: readonly LayerSpec[] = [NOTE, SHAPE, LINK];
  const added = await e2e.addLayersAsync(layers);
  ids = Object.fromEntries(layers.map((layer, index) => [layer.name, added[index]!]));
  await e2e.host('openPlugin', { editorType: 'figjam' });
  await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).waitFor({ state: 'visible' });
});

function cardNamesAsync(): Promise<string[]> {
  return e2e.plugin.locator('.card .name').allTextContents();
}

function overlapping(a: LayerInfo, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('FigJam', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('sends a sticky and a shape as references and places a rectangle filled with the result beside them', async () => {
    await e2e.host('select', [ids.note!, ids.shape!]);
    await expect.poll(cardNamesAsync, POLL).toEqual(['note', 'shape']);
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
    await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('1104:832');
    await e2e.waitForReadyAsync();
    await e2e.screenshotAsync('figjam-ready');

    const end = await e2e.generateAsync();
    const [placed, ...others] = await e2e.placedLayersAsync();
    expect(others).toEqual([]);
    expect(end).toEqual({ text: `✓Placed “${placed!.name}”`, kind: null });
    await e2e.screenshotAsync('figjam-placed');

    // The request carries both references, each a real image of its layer.
    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    const body = post?.body as { promptText: string; ratio: string; referenceImages: { uri: string; tag: string }[] };
    expect([body.promptText, body.ratio]).toEqual([PROMPT, '1104:832']);
    expect(body.referenceImages.map((image) => image.tag)).toEqual(['note', 'shape']);
    const [note, shape] = body.referenceImages.map(({ uri }) => decode(new Uint8Array(Buffer.from(uri.split(',')[1]!, 'base64'))));
    expect([note!.width, note!.height]).toEqual([240, 240]);
    expect([shape!.width, shape!.height]).toEqual([208, 208]);
    expect(near(pixelAt(note!, 8, 8), NOTE_RGB, 10), 'the sticky in its yellow').toBe(true);
    expect(near(pixelAt(shape!, 8, 8), SHAPE_RGB, 10), 'the shape in its blue').toBe(true);

    // The result: a rectangle, not a frame, at the ratio's size, right of the references and clear of every layer.
    expect(placed).toMatchObject({ type: 'RECTANGLE', width: 1104, height: 832, parentId: null });
    expect(placed!.fills).toEqual([{ type: 'IMAGE', scaleMode: 'FILL', imageHash: expect.any(String) }]);
    const fill = placed!.fills[0]!;
    const image = decode(await e2e.imageBytesAsync(fill.type === 'IMAGE' ? fill.imageHash : ''));
    expect([image.width, image.height]).toEqual([1104, 832]);
    expect(placed!.x).toBeGreaterThanOrEqual(SHAPE.x + SHAPE.width);
    expect(placed!.y).toBe(0);
    for (const layer of [NOTE, SHAPE, LINK]) expect(overlapping(placed!, layer), layer.name).toBe(false);
    expect((await e2e.host('layers')).map((layer) => layer.type)).not.toContain('FRAME');

    // Marked as in Figma design: how it was made, and the Iterate button.
    expect(JSON.parse(placed!.pluginData.generation ?? 'null')).toMatchObject({
      prompt: PROMPT,
      ratio: '1104:832',
      references: [
        { tag: 'note', layerId: ids.note, layerName: 'note' },
        { tag: 'shape', layerId: ids.shape, layerName: 'shape' },
      ],
    });
    expect(Object.keys(placed!.relaunchData)).toEqual(['iterate']);
    expect(await e2e.host('selection')).toEqual([placed!.id]);
  });

  it('lists a connector as skipped with its reason and sends only the sticky', async () => {
    await e2e.host('select', [ids.link!, ids.note!]);
    await expect.poll(cardNamesAsync, POLL).toEqual(['note']);
    await expect
      .poll(() => e2e.plugin.locator('.aside li').allTextContents(), POLL)
      .toEqual(['link: Skipped — A connector only links layers: select the shapes it joins instead']);
    await e2e.screenshotAsync('figjam-skipped-panel', 'panel');

    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@note as a photo');
    const end = await e2e.generateAsync();
    expect(end.text).toMatch(/^✓Placed /);
    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect((post?.body as { referenceImages: { tag: string }[] }).referenceImages.map((image) => image.tag)).toEqual(['note']);
    expect((await e2e.placedLayersAsync()).map((layer) => layer.type)).toEqual(['RECTANGLE']);
  });
});
