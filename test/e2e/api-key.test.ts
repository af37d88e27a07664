// The API key on a fresh machine: asked for once, saved with clientStorage, and reused after the plugin is
// closed and reopened (and after the editor reloads) without asking again. It never shows in the panel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { E2E_KEY, startE2EAsync, type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';

const LAYER = { name: 'product', type: 'FRAME', x: 0, y: 0, width: 320, height: 320, fill: '#3d8fa3' } as const;
const PROMPT = '@product on a marble table, soft daylight';

let e2e: E2E;
beforeAll(async () => {
  // Its own browser profile: clientStorage starts empty.
  e2e = await startE2EAsync();
});
afterEach(async () => {
  expect(await e2e.hostProblemsAsync()).toEqual({ sandboxErrors: [], rejectedMessages: [] });
});
afterAll(async () => {
  await e2e?.close();
});

/** Selects the product layer, writes the prompt and generates; returns the x-api-key the stand-in saw. */
async function generateWithProductAsync(id: string): Promise<string | string[] | undefined> {
  e2e.standIn.requests.length = 0;
  await e2e.host('select', [id]);
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  const end = await e2e.generateAsync();
  expect(end.text).toMatch(/^✓Placed /);
  return e2e.standIn.requests.find((request) => request.method === 'POST')?.headers['x-api-key'];
}

async function settingsOpenAsync(): Promise<boolean> {
  return e2e.plugin.getByLabel('API key', { exact: true }).isVisible();
}

describe('the API key', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('is asked for on the first run, saved once, and reused after closing and reopening the plugin', async () => {
    await e2e.resetAsync();
    const [id] = await e2e.addLayersAsync([LAYER]);
    expect(await e2e.host('clientStorage')).not.toHaveProperty('segmind-api-key');

    // First run: the Settings view, with just the key field (focused) and where to get a key; the panel behind it
    // says what Generate is missing.
    await e2e.openPluginAsync();
    await expect.poll(settingsOpenAsync, POLL).toBe(true);
    await expect.poll(() => e2e.plugin.locator('#api-key').evaluate((field) => field === document.activeElement), POLL).toBe(true);
    expect(await e2e.plugin.getByLabel('Relay URL', { exact: true }).isVisible(), 'the relay waits under Advanced').toBe(false);
    await e2e.screenshotAsync('first-run-panel', 'panel');
    await e2e.closeSettingsAsync();
    await expect.poll(() => e2e.plugin.getByText('Save your Segmind API key in Settings.').isVisible(), POLL).toBe(true);
    await e2e.saveKeyAsync(E2E_KEY);
    expect(await e2e.host('clientStorage')).toMatchObject({ 'segmind-api-key': E2E_KEY });
    // Saved, the panel is back, and says so.
    expect(await settingsOpenAsync()).toBe(false);
    await e2e.plugin.getByRole('button', { name: 'Settings', exact: true }).click();
    expect(await e2e.plugin.getByLabel('API key', { exact: true }).inputValue(), 'the field is emptied').toBe('');
    await e2e.closeSettingsAsync();
    expect(await generateWithProductAsync(id!)).toBe(E2E_KEY);

    // Closed and opened again: no prompt for the key, and the same key is sent.
    await e2e.host('closePlugin');
    await expect.poll(() => e2e.host('isPluginOpen'), POLL).toBe(false);
    await e2e.openPluginAsync();
    expect(await e2e.host('isPluginOpen')).toBe(true);
    expect(await generateWithProductAsync(id!)).toBe(E2E_KEY);
    // Checked once the panel has used the stored key: Settings opens only when init brings no key.
    expect(await settingsOpenAsync()).toBe(false);

    // A reload of the editor keeps it too: it lives in clientStorage, not in the plugin's memory.
    await e2e.resetAsync();
    const [again] = await e2e.addLayersAsync([LAYER]);
    await e2e.openPluginAsync();
    expect(await generateWithProductAsync(again!)).toBe(E2E_KEY);
    expect(await settingsOpenAsync()).toBe(false);

    // The key itself is never rendered in the panel, nor written into the document.
    const frame = await e2e.pluginFrameAsync();
    expect(await frame.content()).not.toContain(E2E_KEY);
    expect(JSON.stringify(await e2e.host('layers'))).not.toContain(E2E_KEY);
  });
});
