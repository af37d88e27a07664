// `npm start -- --runway` end to end: the playground started as scripts/start.mjs starts it (Runway's stand-in
// behind the real relay on the manifest's dev port, the host page with its sample layers), and the production
// build driven in Chromium through the steps the playground prints: Runway and the relay set in Settings, two
// sample layers clicked on the canvas, a 1920:1080 image generated, then upscaled ×2 in place from the panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerInfo } from '../host/host-api';
import { parsePlaygroundArgs, startPlaygroundAsync, type Playground } from '../host/playground';
import { decode } from '../browser/fixtures/image-samples';
import { devOriginAsync, whenPortFreeAsync } from '../support/dev-port';
import { E2E_TEST_TIMEOUT_MS, POLL, startE2EAsync, type E2E } from '../support/e2e';
import { screenPointAsync } from '../support/e2e-suite';

/** Queues the playground may wait behind: other test files use the same port. */
const PORT_WAIT_MS = 120_000;
/** The playground's Runway tasks take two polls, 5 s apart; the upscale's output is a 3840×2160 JPEG drawn in JS. */
const UPSCALE_TIMEOUT_MS = 45_000;
const PROMPT = '@Model wearing @Jacket';

let playground: Playground | undefined;
let e2e: E2E | undefined;
/** What `npm start` would print below its guide. */
const log: string[] = [];

beforeAll(async () => {
  const parsed = parsePlaygroundArgs(['--runway']);
  if ('error' in parsed) throw new Error(parsed.error);
  const { port } = await devOriginAsync();
  // The host page on a free port, so a person's own `npm start` (on 8790) is left alone; the relay needs the dev port.
  playground = await whenPortFreeAsync(
    port,
    () => startPlaygroundAsync({ ...parsed.options, port: 0 }, { log: (line) => log.push(line) }),
    PORT_WAIT_MS,
  );
  e2e = await startE2EAsync({ hostUrl: `${playground.hostUrl}?samples=1` });
}, PORT_WAIT_MS + 60_000);
afterAll(async () => {
  // The dev port first: other files wait for it.
  await playground?.close();
  await e2e?.close();
});

/** The layer `id` now; fails if it is gone. */
async function layerAsync(id: string): Promise<LayerInfo> {
  const layer = (await e2e!.host('layers')).find((candidate) => candidate.id === id);
  if (!layer) throw new Error(`No layer ${id}`);
  return layer;
}

/** Clicks the middle of top-level layer `layer` on the host's canvas, as a designer does (Shift-click adds). */
async function clickLayerAsync(layer: LayerInfo, modifiers: 'Shift'[] = []): Promise<void> {
  const point = await screenPointAsync(e2e!, { x: layer.x + layer.width / 2, y: layer.y + layer.height / 2 });
  await e2e!.page.mouse.move(point.x, point.y);
  for (const key of modifiers) await e2e!.page.keyboard.down(key);
  await e2e!.page.mouse.down();
  await e2e!.page.mouse.up();
  for (const key of modifiers) await e2e!.page.keyboard.up(key);
}

function imageHashOf(layer: LayerInfo): string {
  const fill = layer.fills[0];
  if (fill?.type !== 'IMAGE') throw new Error(`${layer.name} has no image fill: ${JSON.stringify(layer.fills)}`);
  return fill.imageHash;
}

describe('npm start -- --runway: Runway and its upscaler in the playground, with no Runway key', () => {
  it('its guide names the controls and the relay to paste', () => {
    const { guide, relay } = playground!;
    expect(relay).not.toBeNull();
    expect(relay!.url).toBe('http://127.0.0.1:8787');
    for (const step of [
      `Open  ${playground!.hostUrl}?samples=1`,
      '"Open plugin"',
      'Provider "Runway"',
      `Relay URL ${relay!.url}`,
      `Relay token ${relay!.token}`,
      '"Save relay"',
      '1920:1080',
      '"Upscale selected image…"',
      '"Upscale ×2"',
      '3840 × 2160',
    ])
      expect(guide).toContain(step);
  });

  it(
    'Settings → Runway and the relay, two sample layers clicked, Generate at 1920:1080, then Upscale ×2: the same layer, filled with 3840 × 2160',
    { timeout: E2E_TEST_TIMEOUT_MS + UPSCALE_TIMEOUT_MS },
    async () => {
      const { page, plugin } = e2e!;
      const { url: relayUrl, token } = playground!.relay!;
      await e2e!.resetAsync();
      const samples = await e2e!.host('layers');
      const named = (name: string): LayerInfo => samples.find((layer) => layer.name === name)!;
      expect(samples.map((layer) => layer.name)).toEqual(['Model', 'Jacket', 'Living room', 'Mug']);

      // 1–2. Open plugin; the first run shows Settings (no key): Advanced → Runway, the relay's URL and token.
      await page.getByRole('button', { name: 'Open plugin', exact: true }).click();
      await plugin.locator('.view:not([hidden])').first().waitFor({ state: 'visible' });
      await e2e!.openSettingsAsync({ advanced: true });
      await plugin.getByLabel('Provider', { exact: true }).selectOption('runway');
      await plugin.getByLabel('Relay URL', { exact: true }).fill(relayUrl);
      await plugin.getByLabel('Relay token', { exact: true }).fill(token);
      await plugin.getByRole('button', { name: 'Save relay', exact: true }).click();
      await plugin.getByText('Relay saved.', { exact: true }).waitFor();
      await e2e!.closeSettingsAsync();
      // No key was typed: the relay holds the stand-in's.
      expect(Object.keys(await e2e!.host('clientStorage')).filter((name) => name.endsWith('api-key'))).toEqual([]);

      // 3. Click "Model", Shift-click "Jacket" on the canvas (fitted beside the open panel, as its toolbar button does).
      await page.getByRole('button', { name: 'Zoom to fit', exact: true }).click();
      await clickLayerAsync(named('Model'));
      await clickLayerAsync(named('Jacket'), ['Shift']);
      await expect.poll(() => e2e!.host('selection'), POLL).toEqual([named('Model').id, named('Jacket').id]);
      await expect.poll(() => plugin.locator('.card .name').allTextContents(), POLL).toEqual(['Model', 'Jacket']);

      // 4. A prompt with their tags, 1920:1080, Generate.
      await plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('1920:1080');
      await plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
      const end = await e2e!.generateAsync();
      expect(end, JSON.stringify(e2e!.browserErrors)).toMatchObject({ text: expect.stringMatching(/^✓Placed “/), kind: null });
      const placed = (await e2e!.host('layers')).filter((layer) => !samples.some((sample) => sample.id === layer.id));
      expect(placed.map(({ type, width, height }) => ({ type, width, height }))).toEqual([{ type: 'FRAME', width: 1920, height: 1080 }]);
      const generated = placed[0]!;
      const original = imageHashOf(generated);
      expect(decode(await e2e!.imageBytesAsync(original))).toMatchObject({ width: 1920, height: 1080 });

      // 5. Select the generated layer by clicking it, "Upscale selected image…", "Upscale ×2".
      await clickLayerAsync(generated);
      await expect.poll(() => e2e!.host('selection'), POLL).toEqual([generated.id]);
      await plugin.getByRole('button', { name: 'Upscale selected image…', exact: true }).click();
      await plugin.getByText(/: 1920 × 1080 → ×2, 3840 × 2160 px$/).waitFor();
      await plugin.getByRole('button', { name: 'Upscale ×2', exact: true }).click();
      await plugin.getByText(/^Upscaled “.*” ×2 to 3840 × 2160 px\.$/).waitFor({ timeout: UPSCALE_TIMEOUT_MS });
      await e2e!.screenshotAsync('playground-runway-upscaled', 'panel');

      // The same layer, size and place; its image fill is now Runway's 3840×2160 upscale.
      const after = await layerAsync(generated.id);
      expect([after.x, after.y, after.width, after.height, after.name]).toEqual([
        generated.x,
        generated.y,
        generated.width,
        generated.height,
        generated.name,
      ]);
      expect(imageHashOf(after)).not.toBe(original);
      expect(decode(await e2e!.imageBytesAsync(imageHashOf(after)))).toMatchObject({ kind: 'jpeg', width: 3840, height: 2160 });
      expect(await e2e!.hostProblemsAsync()).toEqual({ sandboxErrors: [], rejectedMessages: [] });

      // What `npm start` printed meanwhile: the relay's requests, each with method, path, status and time, no preflight,
      // and never a key or the token.
      const relayLines = log.filter((line) => line.startsWith('  relay     '));
      expect(relayLines).toEqual(log);
      for (const line of relayLines)
        expect(line).toMatch(/^ {2}relay {5}(GET|POST|DELETE) \/runway(-output)?\/\S+ \d{3}( [a-z-]+)? \d+ms$/);
      const requests = relayLines.map((line) => line.trim().split(/\s+/).slice(1, 4).join(' '));
      expect(requests).toContain('POST /runway/v1/text_to_image 200');
      expect(requests).toContain('POST /runway/v1/image_upscale 200');
      expect(requests.filter((request) => request.startsWith('GET /runway-output/'))).toHaveLength(2);
      expect(log.join('\n')).not.toMatch(/key_|Bearer/);
      expect(log.join('\n')).not.toContain(token);
    },
  );
});
