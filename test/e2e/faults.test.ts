// Every way Segmind's answer can go wrong, injected by the stand-in, seen through the built plugin in the host:
// the panel names the specific problem and keeps everything the designer entered. Also Cancel, and the two
// odd-but-usable answers (WebP, an image over Figma's 4096 px) that are converted and placed.
import { beforeEach, describe, expect, it } from 'vitest';
import { decode } from '../browser/fixtures/image-samples';
import { E2E_KEY, type E2E, type PanelState, E2E_TEST_TIMEOUT_MS, POLL } from '../support/e2e';
import { shareE2EWithSavedKey } from '../support/e2e-suite';
import { HUGE_IMAGE_SIZE, STAND_IN_ERRORS, type SegmindStandInMode } from '../support/segmind-stand-in';

const PROMPT = '@model wearing @cloth, walking through a garden at noon';
const RESET_AT = '2031-05-06T07:08:09Z';
const LAYERS = [
  { name: 'model', type: 'FRAME', x: 0, y: 0, width: 300, height: 400, fill: '#8a4f7d' },
  { name: 'cloth', type: 'FRAME', x: 360, y: 0, width: 320, height: 240, fill: '#4f8a5b' },
] as const;

let e2e: E2E;
let ids: string[] = [];

shareE2EWithSavedKey((started) => {
  e2e = started;
});
beforeEach(async () => {
  await e2e.resetAsync();
  ids = await e2e.addLayersAsync(LAYERS);
  await e2e.openPluginAsync();
  await e2e.host('select', ids);
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption('1104:832');
  await e2e.waitForReadyAsync();
});

interface Fault {
  readonly mode: SegmindStandInMode;
  readonly kind: string;
  /** What the message must say: the problem in the plugin's words, and the provider's own where it gave any. */
  readonly says: readonly (string | RegExp)[];
}

const FAULTS: readonly Fault[] = [
  {
    mode: 'unauthorized',
    kind: 'auth',
    says: [
      `Segmind refused the API key (HTTP 401, invalid or missing key: "${STAND_IN_ERRORS.unauthorized}")`,
      'Open settings and check the key.',
    ],
  },
  {
    mode: 'no-credits',
    kind: 'credits',
    says: [`Not enough Segmind credits for this image (HTTP 406: "${STAND_IN_ERRORS.noCredits}")`, 'Top up at segmind.com'],
  },
  {
    mode: 'rate-limited',
    kind: 'rate-limited',
    says: [`Segmind's rate limit was reached (HTTP 429: "${STAND_IN_ERRORS.rateLimited}"`, 'Try again after 07:08 UTC.'],
  },
  {
    mode: 'server-error',
    kind: 'server',
    says: [`Segmind failed to make the image (HTTP 500: "${STAND_IN_ERRORS.serverError}")`, 'Try again'],
  },
  {
    mode: 'unavailable',
    kind: 'server',
    says: [`Segmind is unavailable right now (HTTP 503: "${STAND_IN_ERRORS.unavailableTitle}")`, 'Try again in a few minutes.'],
  },
  { mode: 'drop', kind: 'unreachable', says: ['The request could not reach Segmind from the plugin.'] },
  {
    mode: 'drop-mid-body',
    kind: 'unreachable',
    says: ['Segmind answered, but the connection dropped while downloading the image.', 'try again'],
  },
  { mode: 'not-image', kind: 'not-image', says: [`Segmind's answer was not an image (it was text/html): "Segmind". Try again.`] },
  { mode: 'not-image-json', kind: 'not-image', says: [`Segmind answered without an image: "${STAND_IN_ERRORS.notImageJson}".`] },
  {
    mode: 'truncated',
    kind: 'not-image',
    says: [/The image from Segmind arrived incomplete \(\d+ bytes of JPEG, its end is missing\)\. Try again\./],
  },
];

describe('a failed generation says why and loses nothing', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it.each(FAULTS)('$mode → a $kind message', async ({ mode, kind, says }) => {
    const before = await e2e.panelStateAsync();
    expect(before).toMatchObject({
      prompt: PROMPT,
      ratio: '1104:832',
      tags: [
        ['model', 'model'],
        ['cloth', 'cloth'],
      ],
      storedKey: E2E_KEY,
    });
    e2e.standIn.setMode(mode);
    e2e.standIn.setRateLimitResetAt(RESET_AT);

    const end = await e2e.generateAsync();
    expect(end.kind).toBe(kind);
    for (const part of says) {
      if (typeof part === 'string') expect(end.text).toContain(part);
      else expect(end.text).toMatch(part);
    }
    expect(end.text, 'the key never shows').not.toContain(E2E_KEY);
    if (mode === 'unauthorized') await e2e.screenshotAsync('error-unauthorized', 'panel');
    if (mode === 'rate-limited') await e2e.screenshotAsync('error-rate-limited', 'panel');

    // Nothing placed, nothing lost: the same prompt, ratio, tags, selection and key; Generate works again.
    expect(await e2e.placedLayersAsync()).toEqual([]);
    expect(await e2e.panelStateAsync()).toEqual<PanelState>(before);
    expect(
      e2e.standIn.requests.some((request) => request.method === 'POST'),
      'the request reached the stand-in',
    ).toBe(true);
    if (mode === 'unauthorized') {
      // Settings opens at the key field and says why; back in the panel, Generate works again.
      await expect
        .poll(() => e2e.plugin.getByLabel('API key', { exact: true }).isVisible(), { ...POLL, message: 'settings opens' })
        .toBe(true);
      expect(await e2e.plugin.locator('#settings [role="alert"]').textContent()).toContain('Segmind refused the API key');
      await e2e.closeSettingsAsync();
    } else {
      expect(await e2e.plugin.getByLabel('API key', { exact: true }).isVisible(), 'settings stays closed').toBe(false);
    }
    await e2e.waitForReadyAsync();
  });
});

describe('answers Figma cannot take as they are are converted and placed', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('webp → placed as a PNG of the ratio size', async () => {
    e2e.standIn.setMode('webp');
    const end = await e2e.generateAsync();
    const [placed] = await e2e.placedLayersAsync();
    expect(end.text).toBe(`✓Placed “${placed?.name}”`);
    expect(placed).toMatchObject({ width: 1104, height: 832 });
    const fill = placed!.fills[0];
    const image = decode(await e2e.imageBytesAsync(fill?.type === 'IMAGE' ? fill.imageHash : ''));
    expect([image.kind, image.width, image.height]).toEqual(['png', 1104, 832]);
  });

  it(`huge (${HUGE_IMAGE_SIZE.width}×${HUGE_IMAGE_SIZE.height}) → placed scaled to at most 4096 px`, async () => {
    e2e.standIn.setMode('huge');
    const end = await e2e.generateAsync();
    const [placed] = await e2e.placedLayersAsync();
    expect(end.text).toBe(`✓Placed “${placed?.name}”`);
    // The layer keeps the ratio's size; its image is the answer scaled down to Figma's limit.
    expect(placed).toMatchObject({ width: 1104, height: 832 });
    const fill = placed!.fills[0];
    const image = decode(await e2e.imageBytesAsync(fill?.type === 'IMAGE' ? fill.imageHash : ''));
    expect(image.kind).toBe('png');
    expect([image.width, image.height]).toEqual([4096, Math.round((HUGE_IMAGE_SIZE.height * 4096) / HUGE_IMAGE_SIZE.width)]);
  });
});

describe('Cancel', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it('during a slow answer → cancelled, nothing placed; then a normal generation works', async () => {
    e2e.standIn.setMode('slow');
    const before = await e2e.panelStateAsync();
    await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    await e2e.plugin.getByRole('status').filter({ hasText: 'Generating…' }).waitFor();
    // The request is with the stand-in, which holds its answer for 30 s.
    await e2e.standIn.waitForRequestsAsync(2);
    const generate = e2e.plugin.getByRole('button', { name: 'Generate', exact: true });
    expect(await generate.isDisabled(), 'no second start while running').toBe(true);
    // It looks disabled too, though the pointer is still over it from the click.
    const looks = await generate.evaluate((button) => {
      const probe = document.createElement('div');
      probe.style.background = 'var(--disabled)';
      document.body.append(probe);
      const disabled = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return { background: getComputedStyle(button).backgroundColor, hovered: button.matches(':hover'), disabled };
    });
    expect(looks).toEqual({ background: looks.disabled, hovered: true, disabled: expect.stringMatching(/^rgb/) });
    await e2e.screenshotAsync('generating');
    await e2e.screenshotAsync('generating-panel', 'panel');
    await e2e.plugin.getByRole('button', { name: 'Cancel', exact: true }).click();

    const end = await e2e.waitForRunEndAsync();
    expect(end).toEqual({ text: '×Generation cancelled.', kind: 'cancelled' });
    expect(await e2e.plugin.getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0);
    expect(await e2e.placedLayersAsync()).toEqual([]);
    expect(await e2e.panelStateAsync()).toEqual<PanelState>(before);

    e2e.standIn.setMode('ok');
    const again = await e2e.generateAsync();
    const placed = await e2e.placedLayersAsync();
    expect(placed).toHaveLength(1);
    expect(again.text).toBe(`✓Placed “${placed[0]?.name}”`);
    expect(placed[0]).toMatchObject({ width: 1104, height: 832 });
  });

  it('when the answer stalls after half the image → cancelled, nothing placed', async () => {
    e2e.standIn.setMode('stall-mid-body');
    await e2e.plugin.getByRole('button', { name: 'Generate', exact: true }).click();
    await e2e.standIn.waitForRequestsAsync(2);
    await e2e.plugin.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await e2e.waitForRunEndAsync()).toEqual({ text: '×Generation cancelled.', kind: 'cancelled' });
    expect(await e2e.placedLayersAsync()).toEqual([]);
  });
});
