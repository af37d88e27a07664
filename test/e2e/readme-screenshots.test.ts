// The README's pictures, taken from the production build in the browser host at the plugin's own size: the
// one-screen flow in light and dark, a batch of three in its section, Settings in light and dark, and a refusal.
// Each picture is checked for what it must show before it is taken. `npm run screenshots` writes them to docs/;
// a plain test run writes them to test-results/e2e/ only, so the tests never change the tree.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { MODEL_AND_CLOTH, openWithReferencesAsync, shareE2EWithSavedKey } from '../support/e2e-suite';

const DOCS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
const WRITE_DOCS = process.env.README_SCREENSHOTS === '1';
const PROMPT = '@model wearing @cloth on a rooftop at dusk';

let e2e: E2E;
shareE2EWithSavedKey((started) => {
  e2e = started;
});

/** Takes `name` (the panel alone, or the page fitted to its layers) and, for `npm run screenshots`, puts it in docs/. */
async function shotAsync(name: string, what: 'panel' | 'page'): Promise<void> {
  const file = await e2e.screenshotAsync(`readme-${name}`, what);
  if (WRITE_DOCS) await copyFile(file, path.join(DOCS, `${name}.png`));
}

/** Two references and a prompt in `theme` (applied to the open panel, as Figma does when the editor's changes). */
async function readyAsync(theme: 'light' | 'dark'): Promise<void> {
  await openWithReferencesAsync(e2e, MODEL_AND_CLOTH);
  await e2e.host('setTheme', theme);
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  await e2e.waitForReadyAsync();
}

describe('README screenshots', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it.each(['light', 'dark'] as const)('the one-screen flow, %s', async (theme) => {
    await readyAsync(theme);
    expect(await e2e.plugin.locator('.card .name').allTextContents()).toEqual(['model', 'cloth']);
    expect(await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).isEnabled()).toBe(true);
    await shotAsync(`panel-${theme}`, 'panel');
  });

  it('a batch of three in its section, with the panel saying so', async () => {
    await readyAsync('light');
    e2e.standIn.setVaryRepeats(true);
    await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('3');
    expect((await e2e.generateAsync()).text).toContain('3 of 3');
    const layers = await e2e.placedLayersAsync();
    expect(layers.filter((layer) => layer.type === 'SECTION')).toHaveLength(1);
    expect(layers.filter((layer) => layer.fills[0]?.type === 'IMAGE')).toHaveLength(3);
    await shotAsync('batch', 'page');
    e2e.standIn.setVaryRepeats(false);
  });

  it.each(['light', 'dark'] as const)('Settings, %s', async (theme) => {
    await readyAsync(theme);
    await e2e.openSettingsAsync({ advanced: true });
    await expect.poll(() => e2e.plugin.getByLabel('Relay URL', { exact: true }).isVisible(), POLL).toBe(true);
    await shotAsync(`settings-${theme}`, 'panel');
    await e2e.closeSettingsAsync();
  });

  it('a refusal says why, next to Generate', async () => {
    await readyAsync('light');
    await e2e.plugin.getByLabel('Variations', { exact: true }).selectOption('1');
    e2e.standIn.setMode('rate-limited');
    const end = await e2e.generateAsync();
    expect(end.kind).toBe('rate-limited');
    await shotAsync('error', 'panel');
  });
});
