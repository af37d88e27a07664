// The seed's example end to end on the production build: two frames, `model` and `cloth`, the seed prompt
// and 1280:720 → a 1280×720 image layer beside them, and a request to api.segmind.com exactly as Segmind
// documents it (CONTRACTS §1), references sized and encoded as Runway takes them (CONTRACTS §2).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decode, near, pixelAt, type Rgba } from '../browser/fixtures/image-samples';
import { E2E_KEY, SEED_PROMPT, SEGMIND_HOST, startE2EAsync, type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { renderStandInImage, standInSlotCentres, STAND_IN_PATH } from '../support/segmind-stand-in';

const MODEL = { name: 'model', type: 'FRAME', x: 0, y: 0, width: 400, height: 600, fill: '#c65d3b' } as const;
// Wider than the 2048 px cap and than the 2:1 limit: exported at 2048×768, then padded to 2048×1024.
const CLOTH = { name: 'cloth', type: 'FRAME', x: 480, y: 0, width: 2400, height: 900, fill: '#3b6fc6' } as const;
const MODEL_RGB: Rgba = [0xc6, 0x5d, 0x3b, 255];
const CLOTH_RGB: Rgba = [0x3b, 0x6f, 0xc6, 255];
const WHITE: Rgba = [255, 255, 255, 255];

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2EAsync();
});
afterEach(async () => {
  expect(await e2e.hostProblemsAsync()).toEqual({ sandboxErrors: [], rejectedMessages: [] });
});
afterAll(async () => {
  await e2e?.close();
});
beforeEach(async () => {
  await e2e.resetAsync();
});

/** The bytes of a base64 data URI, checking that they are what its media type says. */
function dataUriImage(uri: string): ReturnType<typeof decode> {
  const match = /^data:(image\/(?:jpeg|png));base64,([A-Za-z0-9+/]+=*)$/.exec(uri);
  if (!match) throw new Error(`not a base64 PNG or JPEG data URI: ${uri.slice(0, 40)}…`);
  const pixels = decode(new Uint8Array(Buffer.from(match[2]!, 'base64')));
  expect(`image/${pixels.kind}`, 'the data URI media type names its bytes').toBe(match[1]);
  return pixels;
}

describe('the seed example: model + cloth, 1280:720', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('places a 1280×720 image beside the frames, after a request that matches the contract exactly', async () => {
    const [modelId, clothId] = await e2e.addLayersAsync([MODEL, CLOTH]);
    await e2e.openPluginAsync();
    await e2e.saveKeyAsync();
    await e2e.host('select', [modelId!, clothId!]);
    const { plugin } = e2e;
    await expect.poll(() => plugin.getByLabel('Tag for model', { exact: true }).inputValue(), POLL).toBe('model');
    await expect.poll(() => plugin.getByLabel('Tag for cloth', { exact: true }).inputValue(), POLL).toBe('cloth');
    await plugin.getByLabel('Prompt', { exact: true }).fill(SEED_PROMPT);
    await plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('1280:720');
    await e2e.waitForReadyAsync();
    await e2e.screenshotAsync('seed-ready');

    const end = await e2e.generateAsync();
    const [placed, ...others] = await e2e.placedLayersAsync();
    expect(others).toEqual([]);
    expect(end).toEqual({ text: `✓Placed “${placed?.name}”`, kind: null });
    expect(await e2e.host('selection')).toEqual([placed!.id]);
    expect((await e2e.host('viewport')).zoomedTo).toEqual([placed!.id]);
    await e2e.screenshotAsync('seed-placed');

    // The layer: 1280×720, to the right of both frames, top-aligned with them, covering nothing.
    expect(placed).toMatchObject({ type: 'FRAME', width: 1280, height: 720, y: 0, parentId: null });
    const right = CLOTH.x + CLOTH.width;
    expect(placed!.x).toBeGreaterThanOrEqual(right);
    const layers = await e2e.host('layers');
    for (const other of layers.filter((layer) => layer.id !== placed!.id && layer.parentId === null)) {
      const apart =
        placed!.x >= other.x + other.width ||
        other.x >= placed!.x + placed!.width ||
        placed!.y >= other.y + other.height ||
        other.y >= placed!.y + placed!.height;
      expect(apart, `the new layer overlaps "${other.name}"`).toBe(true);
    }
    expect(await e2e.host('toasts')).toContainEqual({ message: `Placed “${placed!.name}”`, error: false });

    // Its fill: exactly the JPEG the stand-in drew for the request, 1280×720, showing the model, then the cloth.
    const fill = placed!.fills[0];
    expect(fill).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL' });
    const bytes = await e2e.imageBytesAsync(fill!.type === 'IMAGE' ? fill.imageHash : '');
    const sent = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect(Buffer.from(bytes).equals(Buffer.from(renderStandInImage(sent?.body)))).toBe(true);
    const image = decode(bytes);
    expect([image.kind, image.width, image.height]).toEqual(['jpeg', 1280, 720]);
    const [modelSlot, clothSlot] = standInSlotCentres('1280:720', 2);
    expect(near(pixelAt(image, modelSlot!.x, modelSlot!.y), MODEL_RGB, 10), 'the model in the first slot').toBe(true);
    expect(near(pixelAt(image, clothSlot!.x, clothSlot!.y), CLOTH_RGB, 10), 'the cloth in the second slot').toBe(true);

    // How it was made is saved on the layer, with the tags and layers, never the key.
    const record = JSON.parse(placed!.pluginData.generation ?? 'null') as Record<string, unknown>;
    expect(record).toMatchObject({
      prompt: SEED_PROMPT,
      ratio: '1280:720',
      provider: 'segmind',
      model: 'runway-gen4-image',
      references: [
        { tag: 'model', layerId: modelId, layerName: 'model' },
        { tag: 'cloth', layerId: clothId, layerName: 'cloth' },
      ],
    });
    expect(JSON.stringify(layers)).not.toContain(E2E_KEY);

    // The request: an Origin: null preflight, then one POST to the production host.
    const [preflight, post, ...more] = e2e.standIn.requests;
    expect(more).toEqual([]);
    expect(preflight).toMatchObject({ method: 'OPTIONS', path: STAND_IN_PATH });
    expect(preflight!.headers).toMatchObject({ origin: 'null', host: SEGMIND_HOST, 'access-control-request-method': 'POST' });
    const asked = preflight!.headers['access-control-request-headers']
      ?.split(',')
      .map((h) => h.trim())
      .sort();
    expect(asked).toEqual(['content-type', 'x-api-key']);

    expect(post).toMatchObject({ method: 'POST', path: STAND_IN_PATH });
    expect(post!.headers).toMatchObject({ origin: 'null', host: SEGMIND_HOST, 'x-api-key': E2E_KEY, 'content-type': 'application/json' });
    expect(post!.headers.authorization).toBeUndefined();
    expect(post!.body).toStrictEqual({
      promptText: SEED_PROMPT,
      referenceImages: [
        { uri: expect.stringMatching(/^data:image\/(jpeg|png);base64,/), tag: 'model' },
        { uri: expect.stringMatching(/^data:image\/(jpeg|png);base64,/), tag: 'cloth' },
      ],
      ratio: '1280:720',
    });

    // The references: the frames as they look, at their pixel size, capped and letterboxed where needed.
    const body = post!.body as { referenceImages: { uri: string }[] };
    const model = dataUriImage(body.referenceImages[0]!.uri);
    expect([model.width, model.height]).toEqual([400, 600]);
    expect(near(pixelAt(model, 200, 300), MODEL_RGB, 10)).toBe(true);
    const cloth = dataUriImage(body.referenceImages[1]!.uri);
    // 2400×900 at 2048/2400 is 2048×768 (ratio 2.67); padded to 2:1 → 2048×1024, 128 px above and below.
    expect([cloth.width, cloth.height]).toEqual([2048, 1024]);
    expect(near(pixelAt(cloth, 1024, 512), CLOTH_RGB, 10)).toBe(true);
    expect(near(pixelAt(cloth, 1024, 20), WHITE, 10), 'the padding is white').toBe(true);
    expect(near(pixelAt(cloth, 1024, 1003), WHITE, 10), 'the padding is white').toBe(true);
    expect(near(pixelAt(cloth, 1024, 140), CLOTH_RGB, 10), 'the image starts 128 px down').toBe(true);
  });
});
