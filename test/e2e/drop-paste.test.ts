// References from outside the canvas, in real Chromium: a PNG file dropped on the panel and a JPEG pasted into
// it become file cards tagged from their names, reach the provider as data URIs of the same pixels, and stay
// while the selection changes; a PDF is refused with a message.
import { beforeEach, describe, expect, it } from 'vitest';
import { decode, encodeJpeg, encodePng, halves, near, pixelAt, type Pixels, type Rgba } from '../browser/fixtures/image-samples';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = [{ name: 'model', type: 'FRAME', x: 0, y: 0, width: 300, height: 400, imageUrl: '/samples/person.svg' }] as const;
const RED: Rgba = [220, 30, 40, 255];
const BLUE: Rgba = [30, 60, 210, 255];
const GREEN: Rgba = [40, 170, 70, 255];
const YELLOW: Rgba = [240, 210, 40, 255];
const DRESS = halves(240, 180, RED, BLUE);
const STUDIO = halves(200, 160, GREEN, YELLOW);

/** A file the test hands to the page: its bytes travel as base64. */
interface FileSpec {
  readonly name: string;
  readonly type: string;
  readonly base64: string;
}

function spec(name: string, type: string, bytes: Uint8Array): FileSpec {
  return { name, type, base64: Buffer.from(bytes).toString('base64') };
}

let e2e: E2E;
let ids: string[] = [];

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  ids = await openWithReferencesAsync(e2e, LAYERS);
});

function cardNamesAsync(): Promise<string[]> {
  return e2e.plugin.locator('.card .name').allTextContents();
}

/** A DataTransfer holding `files`, made inside the plugin's frame (a DataTransfer can't cross from Node). */
async function dataTransferAsync(files: readonly FileSpec[]) {
  const frame = await e2e.pluginFrameAsync();
  return frame.evaluateHandle((specs) => {
    const transfer = new DataTransfer();
    for (const { name, type, base64 } of specs) {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type }));
    }
    return transfer;
  }, files);
}

/** Drags `files` onto the panel and, unless `release` is false, drops them there, as the browser's events do. */
async function dropAsync(files: readonly FileSpec[], release = true): Promise<void> {
  const dataTransfer = await dataTransferAsync(files);
  const panel = e2e.plugin.locator('main.panel');
  await panel.dispatchEvent('dragenter', { dataTransfer });
  await panel.dispatchEvent('dragover', { dataTransfer });
  if (release) await panel.dispatchEvent('drop', { dataTransfer });
}

/** Pastes `files` into the prompt field, as the clipboard's paste event does. */
async function pasteAsync(files: readonly FileSpec[]): Promise<boolean> {
  const dataTransfer = await dataTransferAsync(files);
  const prompt = await e2e.plugin.getByLabel('Prompt', { exact: true }).elementHandle();
  if (!prompt) throw new Error('The panel has no prompt field');
  return prompt.evaluate((field, clipboardData) => {
    field.focus();
    return field.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, dataTransfer);
}

function decodeUri(uri: string): Pixels {
  return decode(new Uint8Array(Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64')));
}

/** The sent image has the file's size and, in each half, the file's colour (JPEG's error allowed). */
function expectSamePixels(sent: Pixels, file: Pixels): void {
  expect([sent.width, sent.height]).toEqual([file.width, file.height]);
  for (const x of [0.1, 0.25, 0.4, 0.6, 0.75, 0.9].map((f) => Math.round(f * file.width))) {
    for (const y of [0.1, 0.5, 0.9].map((f) => Math.round(f * file.height))) {
      const expected = pixelAt(file, x, y);
      expect(pixelAt(sent, x, y), `pixel at ${x},${y}`).toSatisfy((actual: Rgba) => near(actual, expected, 10));
    }
  }
}

describe('image files as references', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('a dropped PNG and a pasted JPEG become file cards and reach the provider with their pixels', async () => {
    await dropAsync([spec('Red dress.png', 'image/png', encodePng(DRESS))], false);
    await expect.poll(() => e2e.plugin.locator('.drop-target').isVisible(), POLL).toBe(true);
    await e2e.screenshotAsync('drop-target-panel', 'panel');
    const panel = e2e.plugin.locator('main.panel');
    await panel.dispatchEvent('drop', { dataTransfer: await dataTransferAsync([spec('Red dress.png', 'image/png', encodePng(DRESS))]) });
    await expect.poll(cardNamesAsync, POLL).toEqual(['model', 'Red dress.png']);
    expect(await e2e.plugin.locator('.drop-target').count()).toBe(0);

    // The paste is taken (cancelled) so nothing lands in the prompt as text.
    expect(await pasteAsync([spec('Studio shot.jpg', 'image/jpeg', encodeJpeg(STUDIO, 92))])).toBe(false);
    await expect.poll(cardNamesAsync, POLL).toEqual(['model', 'Red dress.png', 'Studio shot.jpg']);
    expect(await e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue()).toBe('');
    const tags = [];
    for (const name of ['Red dress.png', 'Studio shot.jpg'])
      tags.push(await e2e.plugin.getByLabel(`Tag for ${name}`, { exact: true }).inputValue());
    expect(tags).toEqual(['Red_dress', 'Studio_shot']);
    await expect(e2e.plugin.getByRole('button', { name: 'Remove Red dress.png' }).isVisible()).resolves.toBe(true);

    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@model wearing @Red_dress, lit like @Studio_shot');
    await e2e.screenshotAsync('file-references-panel', 'panel');
    const end = await e2e.generateAsync();
    expect(end.text).toContain('Placed');

    const post = e2e.standIn.requests.find((request) => request.method === 'POST');
    const body = post?.body as { referenceImages: { uri: string; tag: string }[] };
    expect(body.referenceImages.map((image) => image.tag)).toEqual(['model', 'Red_dress', 'Studio_shot']);
    const [, dress, studio] = body.referenceImages;
    expect(dress?.uri).toMatch(/^data:image\/(jpeg|png);base64,/);
    expectSamePixels(decodeUri(dress?.uri ?? ''), DRESS);
    expectSamePixels(decodeUri(studio?.uri ?? ''), STUDIO);

    // The placed layer records the files by name; their ids are no layer's, so nothing is looked up by them.
    const [placed] = await e2e.placedLayersAsync();
    const record = JSON.parse(placed?.pluginData.generation ?? '{}') as { references: unknown[] };
    expect(record.references).toEqual([
      { tag: 'model', layerId: ids[0], layerName: 'model' },
      { tag: 'Red_dress', layerId: 'file:1', layerName: 'Red dress.png' },
      { tag: 'Studio_shot', layerId: 'file:2', layerName: 'Studio shot.jpg' },
    ]);
  });

  it('refuses a dropped PDF with a clear message and makes no card', async () => {
    await dropAsync([spec('notes.pdf', 'application/pdf', new TextEncoder().encode('%PDF-1.7\n%%EOF\n'))]);
    await expect.poll(() => e2e.plugin.getByText("“notes.pdf” isn't an image: drop a PNG, JPEG or WebP").isVisible(), POLL).toBe(true);
    expect(await cardNamesAsync()).toEqual(['model']);
  });

  it('keeps file cards while the selection changes', async () => {
    await dropAsync([spec('Red dress.png', 'image/png', encodePng(DRESS))]);
    await expect.poll(cardNamesAsync, POLL).toEqual(['model', 'Red dress.png']);
    await e2e.host('select', []);
    await expect.poll(cardNamesAsync, POLL).toEqual(['Red dress.png']);
    await e2e.host('select', ids);
    await expect.poll(cardNamesAsync, POLL).toEqual(['model', 'Red dress.png']);
    await e2e.plugin.getByRole('button', { name: 'Remove Red dress.png' }).click();
    await expect.poll(cardNamesAsync, POLL).toEqual(['model']);
  });
});
