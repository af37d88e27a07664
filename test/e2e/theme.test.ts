// Light and dark: the panel takes the editor's theme tokens (themeColors: true) and renders in both.
// Screenshots of each (and of a placed image) go to test-results/e2e for a person to look at.
import { describe, expect, it } from 'vitest';
import { type E2E, E2E_TEST_TIMEOUT_MS } from '../support/e2e';
import { MODEL_AND_CLOTH, shareE2EWithSavedKey } from '../support/e2e-suite';
import { renderStandInImage } from '../support/segmind-stand-in';

const LAYERS = MODEL_AND_CLOTH;

let e2e: E2E;
shareE2EWithSavedKey((started) => {
  e2e = started;
});

interface Colours {
  /** --figma-color-bg as the host injected it. */
  readonly token: string;
  /** That token resolved by the browser to rgb(…). */
  readonly tokenRgb: string;
  readonly body: string;
  readonly text: string;
}

/** The panel's computed colours and the theme token they should come from, read inside the plugin iframe. */
async function panelColoursAsync(): Promise<Colours> {
  const frame = await e2e.pluginFrameAsync();
  return frame.evaluate(() => {
    const token = getComputedStyle(document.documentElement).getPropertyValue('--figma-color-bg').trim();
    const probe = document.createElement('div');
    probe.style.backgroundColor = token;
    document.body.append(probe);
    const tokenRgb = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const body = getComputedStyle(document.body);
    return { token, tokenRgb, body: body.backgroundColor, text: body.color };
  });
}

/** Opens the plugin in `theme` with two references and a prompt, and screenshots the page and the panel. */
async function renderAsync(theme: 'light' | 'dark'): Promise<Colours> {
  await e2e.resetAsync({ theme });
  const ids = await e2e.addLayersAsync(LAYERS);
  await e2e.openPluginAsync();
  await e2e.host('select', ids);
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill('@model wearing @cloth, standing in a garden');
  await e2e.waitForReadyAsync();
  await e2e.screenshotAsync(`theme-${theme}`);
  await e2e.screenshotAsync(`theme-${theme}-panel`, 'panel');
  return panelColoursAsync();
}

describe('themes', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('renders light and dark from the injected theme tokens', async () => {
    const dark = await renderAsync('dark');
    const light = await renderAsync('light');
    for (const colours of [light, dark]) {
      expect(colours.token, 'the host injects --figma-color-bg').not.toBe('');
      expect(colours.body).toBe(colours.tokenRgb);
      expect(colours.text).not.toBe(colours.body);
    }
    expect(dark.body).not.toBe(light.body);
    expect(dark.text).not.toBe(light.text);
    // Dark is darker: the sum of its background's channels is lower.
    const brightness = (rgb: string): number => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, n) => sum + Number(n), 0);
    expect(brightness(dark.body)).toBeLessThan(brightness(light.body));

    // The light panel after a generation, with the image the stand-in drew from both samples placed beside them.
    const end = await e2e.generateAsync();
    const [placed] = await e2e.placedLayersAsync();
    expect(end.text).toBe(`✓Placed “${placed?.name}”`);
    const fill = placed?.fills[0];
    const bytes = await e2e.imageBytesAsync(fill?.type === 'IMAGE' ? fill.imageHash : '');
    const sent = e2e.standIn.requests.find((request) => request.method === 'POST');
    expect(Buffer.from(bytes).equals(Buffer.from(renderStandInImage(sent?.body)))).toBe(true);
    await e2e.screenshotAsync('placed');
  });
});
