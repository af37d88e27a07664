// The plugin in FigJam (the host opened with editorType 'figjam'): a sticky and a shape with text are sent as
// references, the result lands as a rectangle with an image fill at the ratio's size beside them, marked like a
// generated frame in Figma design; board furniture such as a connector is listed as skipped, with its reason. The
// other flows run on the board too: Selected layer, Region (a rectangle in a section), variations and Iterate.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerInfo, LayerSpec } from '../host/host-api';
import { decode, near, pixelAt, type Rgba } from '../browser/fixtures/image-samples';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { layerNamed, onlyPostedBody, shareE2EWithSavedKey, targetTextAsync } from '../support/e2e-suite';
import { renderStandInImage } from '../support/segmind-stand-in';

const NOTE = { name: 'note', type: 'STICKY', x: 0, y: 0, width: 240, height: 240, text: 'Sunset', fill: '#ffe299' } as const;
const SHAPE = { name: 'shape', type: 'SHAPE_WITH_TEXT', x: 300, y: 0, width: 208, height: 208, text: 'Sofa', fill: '#3dadff' } as const;
const LINK = { name: 'link', type: 'CONNECTOR', x: 0, y: 300, width: 508, height: 40 } as const;
const NOTE_RGB: Rgba = [0xff, 0xe2, 0x99, 255];
const SHAPE_RGB: Rgba = [0x3d, 0xad, 0xff, 255];
const PROMPT = '@note above @shape as a warm poster';
/** core/layout.ts PLACEMENT_GAP_PX: the space between the layers of a row. */
const GAP_PX = 80;
/** core/layout.ts SECTION_PADDING_PX: the room round a run's row inside its section. */
const SECTION_PADDING_PX = 80;

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
  // Place into and Variations are kept in clientStorage across tests: every test starts from the defaults.
  await e2e.plugin.getByLabel('Place into', { exact: true }).selectOption('new-layer');
  await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('1');
});

function cardNamesAsync(): Promise<string[]> {
  return e2e.plugin.locator('.card .name').allTextContents();
}

/** The image behind `layer`'s one fill, which must be an image fill covering the layer. */
async function imageFillBytesAsync(layer: LayerInfo): Promise<Buffer> {
  expect(layer.fills).toHaveLength(1);
  const [fill] = layer.fills;
  if (fill?.type !== 'IMAGE') throw new Error(`“${layer.name}” has no image fill: ${JSON.stringify(layer.fills)}`);
  expect(fill.scaleMode).toBe('FILL');
  return Buffer.from(await e2e.imageBytesAsync(fill.imageHash));
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
    expect(Object.keys(placed!.relaunchData)).toEqual(['iterate', 'upscale']);
    expect(await e2e.host('selection')).toEqual([placed!.id]);
  });

  it('lists a connector as skipped with its reason and sends only the sticky', async () => {
    await e2e.host('select', [ids.link!, ids.note!]);
    await expect.poll(cardNamesAsync, POLL).toEqual(['note']);
    await expect
      .poll(() => e2e.plugin.locator('.aside li').allTextContents(), POLL)
      .toEqual(['link: Skipped — A connector: select the shapes it joins']);
    await e2e.screenshotAsync('figjam-skipped-panel', 'panel');

    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@note as a photo');
    const end = await e2e.generateAsync();
    expect(end.text).toMatch(/^✓Placed /);
    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect((post?.body as { referenceImages: { tag: string }[] }).referenceImages.map((image) => image.tag)).toEqual(['note']);
    expect((await e2e.placedLayersAsync()).map((layer) => layer.type)).toEqual(['RECTANGLE']);
  });

  it('Selected layer: a rectangle on the board takes the image as its fill, size and place kept; the shape stays a reference', async () => {
    const [posterId] = await e2e.addLayersAsync([
      { name: 'Poster', type: 'RECTANGLE', x: 600, y: 0, width: 400, height: 300, fill: '#9a9a9a' },
    ]);
    const before = await e2e.host('layers');
    await e2e.plugin.getByLabel('Place into', { exact: true }).selectOption('selected-layer');
    await e2e.host('select', [posterId!, ids.note!, ids.shape!]);
    await expect.poll(() => targetTextAsync(e2e), POLL).toBe('Poster 400 × 300');
    // A shape with text is FigJam content, not a fillable layer: it is sent as a reference.
    await expect.poll(cardNamesAsync, POLL).toEqual(['note', 'shape']);
    expect(await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).inputValue()).toBe('1104:832');
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);

    const end = await e2e.generateAsync();
    expect(end.text).toContain('Placed “Poster”');
    const body = onlyPostedBody(e2e);
    expect([body.ratio, body.referenceImages.map((image) => image.tag)]).toEqual(['1104:832', ['note', 'shape']]);

    expect(await e2e.placedLayersAsync()).toEqual([]);
    const after = await e2e.host('layers');
    const poster = layerNamed(after, 'Poster');
    const { fills: _oldFills, pluginData: _oldData, relaunchData: _oldRelaunch, ...kept } = layerNamed(before, 'Poster');
    expect(poster).toMatchObject({ ...kept, type: 'RECTANGLE', x: 600, y: 0, width: 400, height: 300 });
    expect((await imageFillBytesAsync(poster)).equals(Buffer.from(renderStandInImage(body)))).toBe(true);
    expect(JSON.parse(poster.pluginData.generation ?? '{}')).toMatchObject({ prompt: PROMPT, ratio: '1104:832' });
    for (const name of ['note', 'shape', 'link']) expect(layerNamed(after, name)).toEqual(layerNamed(before, name));
    expect(await e2e.host('selection')).toEqual([posterId]);
  });

  it('Region: a rectangle drawn in a section sends the section as a reference and gets the result exactly over it', async () => {
    const [boardId] = await e2e.addLayersAsync([
      { name: 'Board', type: 'SECTION', x: 0, y: 400, width: 1200, height: 800, fill: '#f1efe9' },
    ]);
    const [regionId, captionId] = await e2e.addLayersAsync([
      { name: 'Region', type: 'RECTANGLE', x: 600, y: 100, width: 500, height: 200, fill: 'rgba(255, 0, 0, 0.3)', parentId: boardId! },
      { name: 'Caption', type: 'STICKY', x: 40, y: 40, width: 240, height: 240, text: 'Hero', parentId: boardId! },
    ]);
    const before = await e2e.host('layers');
    await e2e.plugin.getByLabel('Place into', { exact: true }).selectOption('region');
    await e2e.host('select', [regionId!, ids.shape!]);
    await expect.poll(() => targetTextAsync(e2e), POLL).toBe('Region 500 × 200');
    await expect.poll(cardNamesAsync, POLL).toEqual(['Board', 'shape']);
    // 500 × 200 is 2.5:1: Segmind's widest, 1584:672, is the closest.
    expect(await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).inputValue()).toBe('1584:672');
    const boardTag = await e2e.plugin.getByLabel('Tag for Board', { exact: true }).inputValue();
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(`@shape on @${boardTag}, flat colours`);

    expect((await e2e.generateAsync()).text).toContain('Placed');
    const body = onlyPostedBody(e2e);
    expect([body.ratio, body.referenceImages.map((image) => image.tag)]).toEqual(['1584:672', [boardTag, 'shape']]);

    const [result, ...others] = await e2e.placedLayersAsync();
    expect(others).toEqual([]);
    const region = layerNamed(before, 'Region');
    expect(result).toMatchObject({
      type: 'RECTANGLE',
      parentId: boardId,
      x: region.x,
      y: region.y,
      width: region.width,
      height: region.height,
    });
    expect((await imageFillBytesAsync(result!)).equals(Buffer.from(renderStandInImage(body)))).toBe(true);
    const after = await e2e.host('layers');
    // Just above the region, under the sticky drawn after it; the rest of the board untouched.
    expect(after.filter((layer) => layer.parentId === boardId).map((layer) => layer.id)).toEqual([regionId, result!.id, captionId]);
    for (const name of ['Board', 'Region', 'Caption', 'note', 'shape', 'link'])
      expect(layerNamed(after, name)).toEqual(layerNamed(before, name));
  });

  it('two variations land as two rectangles in one row right of the references, in a section', async () => {
    await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('2');
    await e2e.host('select', [ids.note!, ids.shape!]);
    await expect.poll(cardNamesAsync, POLL).toEqual(['note', 'shape']);
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
    await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('1280:720');

    expect(await e2e.generateAsync()).toEqual({ text: 'Placed 2 of 2 variations', kind: null });
    expect(e2e.standIn.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
    const layers = await e2e.placedLayersAsync();
    // FigJam has sections too: the run's two rectangles are grouped in one, titled for the run.
    const section = layers.find((layer) => layer.type === 'SECTION');
    expect(section?.parentId).toBeNull();
    const placed = layers
      .filter((layer) => layer.type === 'RECTANGLE')
      .sort((a, b) => a.x - b.x)
      // Page coordinates: a layer in a section counts its x and y from the section.
      .map((layer) => ({ ...layer, x: (section?.x ?? 0) + layer.x, y: (section?.y ?? 0) + layer.y }));
    expect(placed.map(({ type, width, height, parentId }) => [type, width, height, parentId])).toEqual([
      ['RECTANGLE', 1280, 720, section?.id],
      ['RECTANGLE', 1280, 720, section?.id],
    ]);
    const right = SHAPE.x + SHAPE.width;
    expect([section?.x, section?.y]).toEqual([right + GAP_PX, 0]);
    expect(placed.map((layer) => [layer.x, layer.y])).toEqual([
      [right + GAP_PX + SECTION_PADDING_PX, SECTION_PADDING_PX],
      [right + GAP_PX + SECTION_PADDING_PX + 1280 + GAP_PX, SECTION_PADDING_PX],
    ]);
    for (const layer of placed) {
      for (const other of [NOTE, SHAPE, LINK]) expect(overlapping(layer, other), `${layer.name} on ${other.name}`).toBe(false);
      expect(Object.keys(layer.relaunchData)).toEqual(['iterate', 'upscale']);
    }
    expect((await e2e.host('layers')).map((layer) => layer.type)).not.toContain('FRAME');
  });

  it('Iterate on a placed rectangle reopens FigJam’s panel with its prompt, ratio and references re-selected', async () => {
    await e2e.host('select', [ids.note!, ids.shape!]);
    await expect.poll(cardNamesAsync, POLL).toEqual(['note', 'shape']);
    await e2e.plugin.getByLabel('Tag for shape', { exact: true }).fill('sofa');
    await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('960:960');
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@note above @sofa as a warm poster');
    expect((await e2e.generateAsync()).text).toContain('Placed');
    const [placed] = await e2e.placedLayersAsync();
    expect(placed).toMatchObject({ type: 'RECTANGLE', width: 960, height: 960 });

    await e2e.host('closePlugin');
    await e2e.host('select', [placed!.id]);
    await e2e.host('openPlugin', { command: 'iterate', editorType: 'figjam' });
    await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).waitFor({ state: 'visible' });
    await expect.poll(() => e2e.host('selection'), POLL).toEqual([ids.note, ids.shape]);
    await expect.poll(cardNamesAsync, POLL).toEqual(['note', 'shape']);
    expect(await e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue()).toBe('@note above @sofa as a warm poster');
    expect(await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).inputValue()).toBe('960:960');
    expect(await e2e.plugin.getByLabel('Tag for shape', { exact: true }).inputValue()).toBe('sofa');
  });
});
