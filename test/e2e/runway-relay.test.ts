// Runway end to end on the production build: the plugin in Chromium, set to Runway, talks to the real relay
// (relay/, under Node on the manifest's dev port), which forwards to the Runway stand-in; a 1920×1080 image
// is placed. Then the relay holds the team's Runway key and asks for its token: the panel needs no key, and a
// wrong token gets the relay's own message.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRelayApp } from '../../relay/src/app';
import { readRelayConfig } from '../../relay/src/config';
import { startNodeRelayAsync, type NodeRelayServer } from '../../relay/src/serve-node';
import { RELAY_ERROR_HEADER } from '../../core/relay-contract';
import { relayFailure } from '../../ui/providers/relay-errors';
import { decode } from '../browser/fixtures/image-samples';
import { devOriginAsync, whenPortFreeAsync } from '../support/dev-port';
import type { LayerInfo } from '../host/host-api';
import { E2E_TEST_TIMEOUT_MS, POLL, startE2EAsync, type E2E } from '../support/e2e';
import { MODEL_AND_CLOTH } from '../support/e2e-suite';
import {
  runwayStandInPrice,
  RUNWAY_STAND_IN_UPSCALE_CREDITS,
  RUNWAY_STAND_IN_VERSION,
  startRunwayStandIn,
  type RunwayStandIn,
} from '../support/runway-stand-in';

/** Made up for the test, in the shape of a Runway key. */
const RUNWAY_KEY = `key_${'c0ffee42'.repeat(16)}`;
const RELAY_TOKEN = 'relay-test-token-e2e-7d3a';
const LAYERS = MODEL_AND_CLOTH;
const PROMPT = '@model wearing @cloth, standing in a garden';
const MODEL = 'gen4_image';
const RATIO = '1920:1080';
/** The stand-in's storage names (src/settings.ts needs Figma's typings). */
const RUNWAY_KEY_STORED = 'runway-api-key';
/** Queues the relay may wait behind: other test files use the same port. */
const PORT_WAIT_MS = 120_000;

let e2e: E2E;
let standIn: RunwayStandIn;
let relay: NodeRelayServer;
let relayOrigin: string;
/** The relay app now serving the port; each test sets its own config, as a restart with other settings would. */
let relayHandler: (request: Request) => Response | Promise<Response> = () => new Response('not configured', { status: 503 });
const relayLog: string[] = [];

/** Serves a relay built from `env` (plus the stand-in's bases) on the dev port from now on. */
function configureRelay(env: Readonly<Record<string, string>>): void {
  const read = readRelayConfig({ RUNWAY_API_BASE: standIn.url, RUNWAY_OUTPUT_BASE: standIn.outputBase, ...env });
  if (!read.ok) throw new Error(`relay config: ${read.problems.join('; ')}`);
  const app = createRelayApp(read.config, { log: (line) => relayLog.push(line) });
  relayHandler = (request) => app.fetch(request);
}

beforeAll(async () => {
  standIn = await startRunwayStandIn({ apiKey: RUNWAY_KEY, lifecycle: ['SUCCEEDED'] });
  const { origin, port } = await devOriginAsync();
  relayOrigin = origin;
  // The plugin's CSP allows only this local address; the port is held for the whole file.
  relay = await whenPortFreeAsync(
    port,
    () => startNodeRelayAsync((request) => relayHandler(request), { port, host: '127.0.0.1' }),
    PORT_WAIT_MS,
  );
  e2e = await startE2EAsync();
}, PORT_WAIT_MS + 60_000);
beforeEach(async () => {
  await e2e.resetAsync();
  standIn.reset();
  relayLog.length = 0;
});
afterEach(async () => {
  expect(await e2e.hostProblemsAsync()).toEqual({ sandboxErrors: [], rejectedMessages: [] });
  // The relay logs method, path, status and time: never a key or a token.
  expect(relayLog.join('\n')).not.toContain(RUNWAY_KEY);
  expect(relayLog.join('\n')).not.toContain(RELAY_TOKEN);
});
afterAll(async () => {
  await Promise.allSettled([e2e?.close(), relay?.closeAsync(), standIn?.close()]);
});

async function openSettingsAsync(): Promise<void> {
  await e2e.openSettingsAsync({ advanced: true });
}

/** Saves the relay's URL and, when given, its token, in Settings, waiting for "Relay saved." (back in the panel). */
async function saveRelayAsync(token?: string): Promise<void> {
  await e2e.openSettingsAsync({ advanced: true });
  await e2e.plugin.getByLabel('Relay URL', { exact: true }).fill(relayOrigin);
  if (token !== undefined) await e2e.plugin.getByLabel('Relay token', { exact: true }).fill(token);
  await e2e.plugin.getByRole('button', { name: 'Save relay', exact: true }).click();
  await e2e.plugin.getByText('Relay saved.', { exact: true }).waitFor();
}

/** Opens the plugin, chooses Runway, saves the designer's Runway key and the relay (the plugin is back in its panel). */
async function openWithRunwayKeyAsync(): Promise<void> {
  await e2e.openPluginAsync();
  await openSettingsAsync();
  await e2e.plugin.getByLabel('Provider', { exact: true }).selectOption('runway');
  await e2e.saveKeyAsync(RUNWAY_KEY);
  await saveRelayAsync();
}

/** Adds and selects the two frames, picks Gen-4 Image at 1920:1080 and writes the prompt. */
async function prepareRunAsync(): Promise<void> {
  const ids = await e2e.addLayersAsync(LAYERS);
  await e2e.host('select', ids);
  await e2e.plugin.getByLabel('Model', { exact: true }).selectOption(MODEL);
  await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption(RATIO);
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['model', 'cloth']);
}

/** Generates one 1920×1080 image with Runway through the relay (the designer's key) and answers its layer. */
async function generatedLayerAsync(): Promise<LayerInfo> {
  configureRelay({});
  await openWithRunwayKeyAsync();
  await prepareRunAsync();
  expect((await e2e.generateAsync()).text).toMatch(/^✓Placed “/);
  const [layer] = await e2e.placedLayersAsync();
  if (!layer) throw new Error('Nothing was placed');
  return layer;
}

/** The one generated layer: a 1920×1080 frame filled with exactly the stand-in's output for its only task. */
async function expectPlacedOutputAsync(): Promise<void> {
  const placed = await e2e.placedLayersAsync();
  expect(placed.map(({ type, width, height }) => ({ type, width, height }))).toEqual([{ type: 'FRAME', width: 1920, height: 1080 }]);
  const fill = placed[0]!.fills[0];
  if (fill?.type !== 'IMAGE') throw new Error(`the placed layer has no image fill: ${JSON.stringify(placed[0]!.fills)}`);
  const bytes = await e2e.imageBytesAsync(fill.imageHash);
  expect(standIn.tasks).toHaveLength(1);
  expect(Buffer.from(bytes).equals(Buffer.from(standIn.outputBytes(standIn.tasks[0]!))), 'the fill is the downloaded output').toBe(true);
  expect(decode(bytes)).toMatchObject({ kind: 'jpeg', width: 1920, height: 1080 });

  const record = JSON.parse(placed[0]!.pluginData.generation ?? 'null') as Record<string, unknown> | null;
  expect(record).toMatchObject({ provider: 'runway', model: MODEL, ratio: RATIO, prompt: PROMPT });
  expect(JSON.stringify(placed)).not.toContain(RUNWAY_KEY);
  expect(JSON.stringify(placed)).not.toContain(RELAY_TOKEN);
}

describe('Runway through the local relay', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("places a 1920×1080 image, with the designer's key passed through", async () => {
    configureRelay({});
    await openWithRunwayKeyAsync();
    expect(await e2e.host('clientStorage')).toMatchObject({ [RUNWAY_KEY_STORED]: RUNWAY_KEY });
    await prepareRunAsync();
    const price = runwayStandInPrice(MODEL, RATIO);
    await expect.poll(() => e2e.plugin.getByText(`About ${price} credits`, { exact: true }).isVisible(), POLL).toBe(true);

    const end = await e2e.generateAsync();
    expect(end, JSON.stringify(e2e.browserErrors)).toMatchObject({ text: expect.stringMatching(/^✓Placed “/), kind: null });
    await expectPlacedOutputAsync();

    // Runway saw one create, one poll (after the 5 s wait) and the download, all through the relay.
    const task = standIn.tasks[0]!;
    expect(standIn.requests.map((request) => [request.method, request.target])).toEqual([
      ['POST', 'create'],
      ['GET', 'poll'],
      ['GET', 'output'],
    ]);
    const create = standIn.requests[0]!;
    expect(create.path).toBe('/v1/text_to_image');
    expect(create.headers.authorization).toBe(`Bearer ${RUNWAY_KEY}`);
    expect(create.headers['x-runway-version']).toBe(RUNWAY_STAND_IN_VERSION);
    const body = create.body as { referenceImages: { uri: string; tag: string }[]; seed: unknown };
    expect(body).toEqual({
      model: MODEL,
      promptText: PROMPT,
      ratio: RATIO,
      referenceImages: [
        { uri: expect.stringMatching(/^data:image\/(png|jpeg);base64,/), tag: 'model' },
        { uri: expect.stringMatching(/^data:image\/(png|jpeg);base64,/), tag: 'cloth' },
      ],
      seed: expect.any(Number),
    });
    expect(Number.isInteger(body.seed)).toBe(true);
    for (const { uri } of body.referenceImages)
      expect(decode(new Uint8Array(Buffer.from(uri.split(',')[1]!, 'base64'))).width).toBeGreaterThan(0);
    expect(standIn.requests[1]!.path).toBe(`/v1/tasks/${task.id}`);
    expect(standIn.requests[2]!.path).toBe(`/output/stand-in/${task.id}/output.jpg?sig=${task.signature}`);
    // Preflights aside (the browser's to decide), the relay forwarded exactly those three.
    const forwarded = relayLog.filter((line) => !line.startsWith('OPTIONS '));
    expect(forwarded.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'POST /runway/v1/text_to_image 200',
      `GET /runway/v1/tasks/${task.id} 200`,
      `GET /runway-output/stand-in/${task.id}/output.jpg 200`,
    ]);

    // The seed used and the cost, after the run.
    await expect.poll(() => e2e.plugin.locator('#seed-help').textContent(), POLL).toContain(`Last image: seed ${String(body.seed)}.`);
    await expect.poll(() => e2e.plugin.getByText(`The last image cost ${price} credits.`, { exact: true }).isVisible(), POLL).toBe(true);
    await e2e.screenshotAsync('runway-relay-placed');
  });

  it("needs only the relay's token when the relay holds the key, and names a wrong token as the relay's refusal", async () => {
    configureRelay({ RUNWAY_API_KEY: RUNWAY_KEY, RELAY_TOKEN });
    await e2e.openPluginAsync();
    await openSettingsAsync();
    await e2e.plugin.getByLabel('Provider', { exact: true }).selectOption('runway');
    const remove = e2e.plugin.getByRole('button', { name: 'Remove key', exact: true });
    if (await remove.isVisible()) {
      await remove.click();
      await e2e.plugin.getByText('Key removed.', { exact: true }).waitFor();
    }
    await saveRelayAsync(RELAY_TOKEN);
    expect(await e2e.host('clientStorage')).not.toHaveProperty(RUNWAY_KEY_STORED);
    await prepareRunAsync();

    const end = await e2e.generateAsync();
    expect(end, JSON.stringify(e2e.browserErrors)).toMatchObject({ text: expect.stringMatching(/^✓Placed “/), kind: null });
    await expectPlacedOutputAsync();
    // The panel sent no key; the relay put in its own, and checked the token.
    const create = standIn.requestsTo('create');
    expect(create.map((request) => request.headers.authorization)).toEqual([`Bearer ${RUNWAY_KEY}`]);
    expect(create[0]!.headers).not.toHaveProperty('x-relay-token');

    // A wrong token: the relay refuses before Runway hears of it, and the panel says it is the relay's token.
    standIn.reset();
    const placedBefore = (await e2e.placedLayersAsync()).length;
    await saveRelayAsync('relay-test-token-wrong');
    const refused = await e2e.generateAsync();
    const expected = relayFailure(new Headers({ [RELAY_ERROR_HEADER]: 'token' }))!;
    expect(refused).toEqual({ text: `!${expected.message}`, kind: expected.kind });
    expect(standIn.requests).toEqual([]);
    expect(relayLog.at(-1)).toMatch(/^POST \/runway\/v1\/text_to_image 401 token /);
    expect(await e2e.placedLayersAsync()).toHaveLength(placedBefore);
  });

  it('finishes a task that was running when the plugin closed: the next open places it into its placeholder', async () => {
    configureRelay({});
    standIn.setLifecycle(['PENDING', 'RUNNING:0.4']);
    await openWithRunwayKeyAsync();
    await prepareRunAsync();
    await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    // The placeholder stands at once; the task is saved once Runway has made it.
    await expect
      .poll(async () => (await e2e.placedLayersAsync()).map((layer) => [layer.width, layer.height, layer.pluginData.placeholder]), POLL)
      .toEqual([[1920, 1080, 'generating']]);
    const [placeholder] = await e2e.placedLayersAsync();
    await expect
      .poll(() => e2e.plugin.locator('#closing-note').textContent(), POLL)
      .toBe('You can close the plugin: Runway goes on, and the image is placed when you open the plugin again in this file.');
    const storedTask = async (): Promise<unknown> =>
      Object.entries(await e2e.host('clientStorage')).find(([key]) => key.startsWith('pending-runs/'))?.[1];
    await expect.poll(storedTask, POLL).toEqual([expect.objectContaining({ placeholderId: placeholder!.id, jobId: standIn.tasks[0]?.id })]);
    expect(JSON.stringify(await storedTask())).not.toContain(RUNWAY_KEY);

    await e2e.host('closePlugin');
    expect((await e2e.placedLayersAsync())[0]).toMatchObject({ id: placeholder!.id, pluginData: { placeholder: 'generating' } });
    // Runway goes on meanwhile: nobody cancelled the task.
    expect(standIn.requestsTo('delete')).toEqual([]);
    standIn.finishTasks();

    await e2e.host('openPlugin', {});
    await e2e.plugin.getByText('Finished 1 image started before the plugin closed.').waitFor({ timeout: 30_000 });
    // The prompt typed before closing is back as well.
    expect(await e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue()).toBe(PROMPT);
    await expectPlacedOutputAsync();
    const [placed] = await e2e.placedLayersAsync();
    expect(placed?.id).toBe(placeholder!.id);
    expect(placed?.pluginData).not.toHaveProperty('placeholder');
    await expect.poll(storedTask, POLL).toBeUndefined();
    await e2e.screenshotAsync('runway-resumed', 'panel');
  });

  it('upscales a generated 1920×1080 layer through the relay to a 3840×2160 fill of the same layer, and reverts it', async () => {
    const layer = await generatedLayerAsync();
    const fillHash = (info: LayerInfo | undefined): string => {
      const fill = info?.fills[0];
      if (fill?.type !== 'IMAGE') throw new Error(`no image fill: ${JSON.stringify(info?.fills)}`);
      return fill.imageHash;
    };
    const original = fillHash(layer);

    await e2e.host('select', [layer.id]);
    await e2e.plugin.getByRole('button', { name: 'Upscale selected image…', exact: true }).click();
    await e2e.plugin.getByText(/: 1920 × 1080 → ×2, 3840 × 2160 px$/).waitFor();
    await e2e.plugin.getByRole('button', { name: 'Upscale ×2', exact: true }).click();
    await e2e.plugin.getByText(/^Upscaled “.*” ×2 to 3840 × 2160 px\.$/).waitFor({ timeout: 30_000 });
    await e2e.screenshotAsync('upscaled-panel', 'panel');

    // The same layer, the same size and place; its fill is Runway's 3840×2160 image, sent through the relay.
    const after = (await e2e.placedLayersAsync()).find((candidate) => candidate.id === layer.id);
    expect([after?.x, after?.y, after?.width, after?.height, after?.name]).toEqual([layer.x, layer.y, 1920, 1080, layer.name]);
    const upscaled = await e2e.imageBytesAsync(fillHash(after));
    expect(decode(upscaled)).toMatchObject({ kind: 'jpeg', width: 3840, height: 2160 });
    const create = standIn.requests.filter((request) => request.target === 'create').at(-1);
    expect(create?.path).toBe('/v1/image_upscale');
    expect(create?.body).toMatchObject({ model: 'magnific_precision_upscaler_v2', scaleFactor: 2, flavor: 'photo' });
    expect(relayLog.some((line) => line.startsWith('POST /runway/v1/image_upscale 200'))).toBe(true);

    await e2e.plugin.getByRole('button', { name: 'Revert to original', exact: true }).click();
    await e2e.plugin.getByText(/shows its original image again\.$/).waitFor();
    const reverted = (await e2e.placedLayersAsync()).find((candidate) => candidate.id === layer.id);
    expect(fillHash(reverted)).toBe(original);

    // Its Upscale button, as Figma's properties panel shows it, opens the plugin on its image.
    expect(reverted?.relaunchData).toMatchObject({ upscale: 'Make this image larger with Runway’s upscaler' });
    await e2e.host('closePlugin');
    await e2e.host('select', [layer.id]);
    await e2e.host('openPlugin', { command: 'upscale' });
    await e2e.plugin.getByText(/: 1920 × 1080 → ×2, 3840 × 2160 px$/).waitFor();
    expect(await e2e.plugin.getByRole('button', { name: 'Upscale ×2', exact: true }).isVisible()).toBe(true);
  });

  it('puts an upscale running when the plugin closed in place at the next open, with Runway’s estimate shown, and History lists it', async () => {
    const layer = await generatedLayerAsync();
    standIn.setLifecycle(['PENDING', 'RUNNING:0.4']);
    await e2e.host('select', [layer.id]);
    await e2e.plugin.getByRole('button', { name: 'Upscale selected image…', exact: true }).click();
    await e2e.plugin.getByRole('button', { name: 'Upscale ×2', exact: true }).click();
    // Runway's estimate shows as soon as it has taken the task; the task is kept for the next open.
    await e2e.plugin.getByText(`Runway's estimate: up to ${RUNWAY_STAND_IN_UPSCALE_CREDITS} credits.`, { exact: false }).waitFor();
    const storedUpscale = async (): Promise<unknown> =>
      Object.entries(await e2e.host('clientStorage')).find(([key]) => key.startsWith('upscale/'))?.[1];
    const task = standIn.tasks.at(-1);
    await expect.poll(storedUpscale, POLL).toMatchObject({ layerId: layer.id, jobId: task?.id, factor: 2, width: 3840, height: 2160 });
    expect(JSON.stringify(await storedUpscale())).not.toContain(RUNWAY_KEY);
    await e2e.screenshotAsync('upscale-running', 'panel');

    await e2e.host('closePlugin');
    expect(standIn.requestsTo('delete')).toEqual([]);
    standIn.finishTasks();
    await e2e.host('openPlugin', {});
    await e2e.plugin.getByText(/^Upscaled “.*” ×2 to 3840 × 2160 px\.$/).waitFor({ timeout: 30_000 });
    const after = (await e2e.placedLayersAsync()).find((candidate) => candidate.id === layer.id);
    const fill = after?.fills[0];
    if (fill?.type !== 'IMAGE') throw new Error(`no image fill: ${JSON.stringify(after?.fills)}`);
    expect(decode(await e2e.imageBytesAsync(fill.imageHash))).toMatchObject({ kind: 'jpeg', width: 3840, height: 2160 });
    expect([after?.width, after?.height]).toEqual([1920, 1080]);
    await expect.poll(storedUpscale, POLL).toBeUndefined();

    // History: the upscale on top of the generation it was made from.
    await e2e.plugin.getByRole('button', { name: 'History', exact: true }).click();
    await expect
      .poll(() => e2e.plugin.locator('.history-entry .hint').allTextContents(), POLL)
      .toEqual([expect.stringContaining(' · upscaled ×2 · '), expect.not.stringContaining('upscaled')]);
    await e2e.screenshotAsync('upscale-resumed', 'panel');
  });
});
