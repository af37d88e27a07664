// The cost guard end to end with Runway (published prices) through the real relay to the Runway stand-in: a run
// over the limit asks instead of starting and nothing reaches Runway until the designer says so; then both
// variations are made (one queued by Runway as THROTTLED first) and placed in one row.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRelayApp } from '../../relay/src/app';
import { readRelayConfig } from '../../relay/src/config';
import { startNodeRelayAsync, type NodeRelayServer } from '../../relay/src/serve-node';
import { devOriginAsync, whenPortFreeAsync } from '../support/dev-port';
import { E2E_TEST_TIMEOUT_MS, POLL, startE2EAsync, type E2E } from '../support/e2e';
import { MODEL_AND_CLOTH } from '../support/e2e-suite';
import { startRunwayStandIn, type RunwayStandIn } from '../support/runway-stand-in';

/** Made up for the test, in the shape of a Runway key. */
const RUNWAY_KEY = `key_${'5eed1e55'.repeat(16)}`;
const LAYERS = MODEL_AND_CLOTH;
const PROMPT = '@model wearing @cloth on a rooftop';
/** core/layout.ts PLACEMENT_GAP_PX. */
const GAP_PX = 80;
/** Queues the relay may wait behind: other test files use the same port. */
const PORT_WAIT_MS = 120_000;

let e2e: E2E;
let standIn: RunwayStandIn;
let relay: NodeRelayServer;
let relayOrigin: string;

beforeAll(async () => {
  standIn = await startRunwayStandIn({ apiKey: RUNWAY_KEY, lifecycle: ['SUCCEEDED'] });
  const { origin, port } = await devOriginAsync();
  relayOrigin = origin;
  const read = readRelayConfig({ RUNWAY_API_BASE: standIn.url, RUNWAY_OUTPUT_BASE: standIn.outputBase });
  if (!read.ok) throw new Error(`relay config: ${read.problems.join('; ')}`);
  const app = createRelayApp(read.config, { log: () => undefined });
  // The plugin's CSP allows only this local address; the port is held for the whole file.
  relay = await whenPortFreeAsync(
    port,
    () => startNodeRelayAsync((request) => app.fetch(request), { port, host: '127.0.0.1' }),
    PORT_WAIT_MS,
  );
  e2e = await startE2EAsync();
}, PORT_WAIT_MS + 60_000);
afterEach(async () => {
  expect(await e2e.hostProblemsAsync()).toEqual({ sandboxErrors: [], rejectedMessages: [] });
});
afterAll(async () => {
  await Promise.allSettled([e2e?.close(), relay?.closeAsync(), standIn?.close()]);
});

describe('the cost guard with Runway', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('asks before a run over the limit, starts nothing on Cancel, and runs both variations on "Generate anyway"', async () => {
    await e2e.resetAsync();
    const { plugin } = e2e;
    const ids = await e2e.addLayersAsync(LAYERS);
    await e2e.openPluginAsync();
    await e2e.openSettingsAsync({ advanced: true });
    await plugin.getByLabel('Provider', { exact: true }).selectOption('runway');
    await e2e.saveKeyAsync(RUNWAY_KEY);
    await plugin.getByLabel('Relay URL', { exact: true }).fill(relayOrigin);
    await plugin.getByRole('button', { name: 'Save relay', exact: true }).click();
    await plugin.getByText('Relay saved.', { exact: true }).waitFor();
    await e2e.host('select', ids);
    await expect.poll(() => plugin.locator('.card .name').allTextContents(), POLL).toEqual(['model', 'cloth']);
    await plugin.getByLabel('Model', { exact: true }).selectOption('gen4_image');
    await plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('1920:1080');
    await plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
    await plugin.getByLabel('Variations', { exact: true }).selectOption('4');

    // 4 × 8 credits is over the default limit, 4 generations at gen4_image's cheapest price (4 × 5).
    await plugin.getByText('About 32 credits for 4 generations', { exact: true }).waitFor();
    await e2e.waitForReadyAsync();
    await plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    const question = plugin.getByText('This run costs about 32 credits, over your limit of 20. Generate anyway?', { exact: true });
    await question.waitFor();
    await e2e.screenshotAsync('cost-guard-question', 'panel');
    await plugin.getByRole('button', { name: 'Cancel', exact: true }).click();
    await question.waitFor({ state: 'detached' });
    expect(standIn.requests).toEqual([]);
    expect(await plugin.getByLabel('Prompt', { exact: true }).inputValue()).toBe(PROMPT);

    // The designer's own limit, from Settings.
    await e2e.openSettingsAsync({ advanced: true });
    await plugin.getByLabel('Ask before runs over', { exact: true }).fill('10');
    await plugin.getByLabel('Ask before runs over', { exact: true }).press('Tab');
    await plugin.getByText('Cost limit saved.', { exact: true }).waitFor();
    await e2e.closeSettingsAsync();
    expect(await e2e.host('clientStorage')).toMatchObject({ preferences: expect.objectContaining({ costLimit: 10 }) });
    await plugin.getByLabel('Variations', { exact: true }).selectOption('2');
    await plugin.getByText('About 16 credits for 2 generations', { exact: true }).waitFor();
    await plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    await plugin.getByText('This run costs about 16 credits, over your limit of 10. Generate anyway?', { exact: true }).waitFor();
    expect(standIn.requests).toEqual([]);

    // Runway queues the second task (THROTTLED) before running it: the panel says so for that variation.
    standIn.setLifecycles([['SUCCEEDED'], ['THROTTLED', 'SUCCEEDED']]);
    await plugin.getByRole('button', { name: 'Generate anyway', exact: true }).click();
    await expect
      .poll(() => plugin.getByRole('list', { name: 'Variations' }).getByRole('listitem').allTextContents(), POLL)
      .toContain('2 Queued…');
    const end = await e2e.waitForRunEndAsync();
    expect(end, JSON.stringify(e2e.browserErrors)).toEqual({ text: 'Placed 2 of 2 variations', kind: null });

    expect(standIn.tasks).toHaveLength(2);
    expect(standIn.requestsTo('create')).toHaveLength(2);
    // The run's two frames, in the section that groups them.
    const layers = await e2e.placedLayersAsync();
    const section = layers.find((layer) => layer.type === 'SECTION');
    const placed = layers.filter((layer) => layer.parentId === section?.id).sort((a, b) => a.x - b.x);
    expect(placed.map(({ width, height }) => [width, height])).toEqual([
      [1920, 1080],
      [1920, 1080],
    ]);
    expect(placed[0]!.y).toBe(placed[1]!.y);
    expect(placed[1]!.x - placed[0]!.x).toBe(1920 + GAP_PX);
    // Runway reports the seed it used: each layer is named with its own.
    const seeds = standIn.tasks.map((task) => task.body.seed);
    for (const seed of seeds) expect(Number.isInteger(seed)).toBe(true);
    expect(placed.map((layer) => layer.name.replace(/.* · seed /, '')).sort()).toEqual(seeds.map(String).sort());
    await plugin.getByText('The last 2 images cost 16 credits.', { exact: true }).waitFor();
    await e2e.screenshotAsync('cost-guard-placed', 'panel');
  });
});
