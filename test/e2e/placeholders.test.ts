// Placeholders in the real panel and host, with Segmind: a layer of the exact size stands where the image will land
// from the moment Generate is clicked, and the image fills that same layer; a failure or Cancel removes it; closing
// the plugin mid-run marks it Interrupted (with Iterate to make it again) and the next open says so.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerInfo } from '../host/host-api';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = MODEL_AND_CLOTH;
const PROMPT = '@model wearing @cloth on a pier at dusk';

let e2e: E2E;

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await openWithReferencesAsync(e2e, LAYERS);
  await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('960:960');
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  await e2e.waitForReadyAsync();
});

const generateButton = () => e2e.plugin.getByRole('button', { name: 'Generate', exact: true });

/** The placeholders on the page now. */
async function placeholdersAsync(): Promise<LayerInfo[]> {
  return (await e2e.placedLayersAsync()).filter((layer) => layer.pluginData.placeholder);
}

describe('placeholders', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('stand where the image lands from the click on, and the image fills that same layer', async () => {
    e2e.standIn.setLatencyMs(2000);
    await generateButton().click();
    await expect.poll(async () => (await placeholdersAsync()).length, POLL).toBe(1);
    const [placeholder] = await placeholdersAsync();
    expect(placeholder).toMatchObject({ type: 'FRAME', width: 960, height: 960, name: 'Generating… model wearing cloth on a pier…' });
    expect(placeholder?.fills[0]?.type).toBe('SOLID');
    expect(await e2e.plugin.locator('#closing-note').textContent()).toBe(
      'Closing the plugin stops this run: its placeholder is marked Interrupted, to generate again with Iterate.',
    );
    await e2e.screenshotAsync('placeholder-generating');

    expect((await e2e.waitForRunEndAsync()).text).toContain('Placed');
    const placed = await e2e.placedLayersAsync();
    expect(placed.map((layer) => layer.id)).toEqual([placeholder?.id]);
    expect(placed[0]).toMatchObject({ x: placeholder?.x, y: placeholder?.y, width: 960, height: 960 });
    expect(placed[0]?.pluginData).not.toHaveProperty('placeholder');
    expect(placed[0]?.fills[0]?.type).toBe('IMAGE');
    expect(await e2e.host('selection')).toEqual([placeholder?.id]);
    expect(await e2e.host('undoSteps')).toBe(1);
  });

  it('are removed when the run fails, and when it is cancelled', async () => {
    e2e.standIn.setLatencyMs(1500);
    e2e.standIn.setMode('server-error');
    await generateButton().click();
    await expect.poll(async () => (await placeholdersAsync()).length, POLL).toBe(1);
    expect((await e2e.waitForRunEndAsync()).kind).toBe('server');
    await expect.poll(() => e2e.placedLayersAsync(), POLL).toEqual([]);

    e2e.standIn.setMode('slow');
    await generateButton().click();
    await expect.poll(async () => (await placeholdersAsync()).length, POLL).toBe(1);
    await e2e.plugin.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect((await e2e.waitForRunEndAsync()).kind).toBe('cancelled');
    await expect.poll(() => e2e.placedLayersAsync(), POLL).toEqual([]);
  });

  it('are marked Interrupted when the plugin closes mid-run; the next open says so, and Iterate makes it again', async () => {
    e2e.standIn.setMode('slow');
    await generateButton().click();
    await expect.poll(async () => (await placeholdersAsync()).length, POLL).toBe(1);
    await e2e.host('closePlugin');

    const [interrupted] = await placeholdersAsync();
    expect(interrupted).toMatchObject({
      name: 'Interrupted — select it and click Iterate to generate again (model wearing cloth on a pier…)',
      pluginData: { placeholder: 'interrupted' },
      relaunchData: { iterate: 'Open with this layer’s prompt, ratio and references' },
    });
    await e2e.screenshotAsync('placeholder-interrupted');

    await e2e.host('openPlugin', {});
    await e2e.plugin
      .getByText('1 image was interrupted when the plugin closed: select its placeholder and click Iterate to generate again.')
      .waitFor();
    await e2e.screenshotAsync('placeholder-interrupted-panel', 'panel');

    e2e.standIn.setMode('ok');
    await e2e.host('closePlugin');
    await e2e.host('select', [interrupted!.id]);
    await e2e.host('openPlugin', { command: 'iterate' });
    await expect.poll(() => e2e.plugin.getByLabel('Prompt', { exact: true }).inputValue(), POLL).toBe(PROMPT);
    await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(['model', 'cloth']);
    expect((await e2e.generateAsync()).text).toContain('Placed');
    // The image went into the Interrupted placeholder itself: nothing is left to clean up.
    const placed = await e2e.placedLayersAsync();
    expect(placed.map((layer) => layer.id)).toEqual([interrupted!.id]);
    expect(placed[0]?.fills[0]?.type).toBe('IMAGE');
  });
});
