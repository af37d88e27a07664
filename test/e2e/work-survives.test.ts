// Nothing typed is lost when the plugin closes, in the real panel and host: an edited tag comes back with its
// layer (reselected in the same run, and after closing), the draft comes back when the plugin opens again, and a
// generated layer used as a reference gets a short tag.
import { beforeEach, describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const LAYERS = MODEL_AND_CLOTH;
/** Longer than the panel waits before it sends a change to be kept. */
const REST_MS = 800;

let e2e: E2E;
let ids: string[];

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  ids = await openWithReferencesAsync(e2e, LAYERS);
});

const promptField = () => e2e.plugin.getByLabel('Prompt', { exact: true });
const tagField = (name: string) => e2e.plugin.getByLabel(`Tag for ${name}`, { exact: true });
const cardNames = () => e2e.plugin.locator('.card .name').allTextContents();

async function reopenAsync(command?: string): Promise<void> {
  await e2e.host('closePlugin');
  await e2e.host('openPlugin', command ? { command } : {});
  await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).waitFor({ state: 'visible' });
}

describe('work survives closing the plugin', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('an edited tag comes back when its layer is selected again, in this run and the next', async () => {
    await tagField('cloth').fill('garment');
    await e2e.host('select', [ids[0]!]);
    await expect.poll(cardNames, POLL).toEqual(['model']);
    await e2e.host('select', ids);
    await expect.poll(cardNames, POLL).toEqual(['model', 'cloth']);
    expect(await tagField('cloth').inputValue()).toBe('garment');

    await e2e.page.waitForTimeout(REST_MS);
    await reopenAsync();
    await expect.poll(cardNames, POLL).toEqual(['model', 'cloth']);
    expect(await tagField('cloth').inputValue()).toBe('garment');
  });

  it('the prompt, ratio and variations come back when the plugin opens again, but not for Iterate', async () => {
    await promptField().fill('@model wearing @cloth on a pier at dusk');
    await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('960:960');
    expect((await e2e.generateAsync()).text).toContain('Placed');
    const [result] = await e2e.placedLayersAsync();
    await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('2');
    await promptField().fill('@model wearing @cloth on a pier at dawn');
    await e2e.page.waitForTimeout(REST_MS);

    await reopenAsync();
    expect(await promptField().inputValue()).toBe('@model wearing @cloth on a pier at dawn');
    expect(await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).inputValue()).toBe('960:960');
    expect(await e2e.plugin.getByLabel('Variations', { exact: true }).inputValue()).toBe('2');
    await e2e.screenshotAsync('work-survives-draft', 'panel');

    await e2e.host('closePlugin');
    await e2e.host('select', [result!.id]);
    await e2e.host('openPlugin', { command: 'iterate' });
    await expect.poll(() => promptField().inputValue(), POLL).toBe('@model wearing @cloth on a pier at dusk');
  });

  it('a generated layer used as a reference is tagged @result, not by its prompt', async () => {
    await promptField().fill('photo of @model wearing @cloth in a garden');
    expect((await e2e.generateAsync()).text).toContain('Placed');
    // The draft keeps two variations: their section is placed too, so take a generated layer.
    const result = (await e2e.placedLayersAsync()).find((layer) => layer.pluginData.generation);
    await e2e.host('select', [ids[0]!, result!.id]);
    await expect.poll(cardNames, POLL).toEqual(['model', result!.name]);
    expect(await tagField(result!.name).inputValue()).toBe('result');
  });
});
