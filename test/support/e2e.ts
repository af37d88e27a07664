// The end-to-end harness: the production build in the Figma stand-in host (test/host/), in real Chromium,
// talking to the Segmind stand-in. The build keeps its real https://api.segmind.com: Chromium maps that
// host name to the stand-in (--host-resolver-rules), which serves HTTPS with a test-only certificate that
// Chromium is told to accept (--ignore-certificate-errors). Nothing in dist/ knows about the tests.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import type { HostApi, LayerInfo, LayerSpec } from '../host/host-api';
import { startHostServer } from '../host/server';
import { launchBrowserAsync, type Browser } from './browser';
import { hostMappingArgs, testCertificateAsync } from './segmind-mapping';
import { startSegmindStandIn, type SegmindStandIn } from './segmind-stand-in';

export { OUTSIDE_HOST, SEGMIND_HOST } from './segmind-mapping';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the run's screenshots go (gitignored); the best are copied into docs/ by hand. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'e2e');

/** A fake key: never a real one in tests. */
export const E2E_KEY = 'sk-test-e2e-4f1c9a';
/** The seed's example prompt. */
export const SEED_PROMPT = 'photo of a model wearing a cloth and standing in a garden.';
/** Limit for one generation to end in the panel (the stand-in answers at once unless told otherwise). */
export const RUN_TIMEOUT_MS = 20_000;
/** Per test: a few generations with page loads in between, on a busy two-core machine. */
export const E2E_TEST_TIMEOUT_MS = 90_000;
/** Limit for any one Playwright step (a click, a wait for an element), so a stuck step names itself. */
const STEP_TIMEOUT_MS = 15_000;
/** For expect.poll: its own default (1 s) is too short for a loaded machine. */
export const POLL = { timeout: STEP_TIMEOUT_MS } as const;
/** Where the sandbox keeps the Segmind key in clientStorage (API_KEY_STORAGE_KEYS.segmind in src/settings.ts, which needs Figma's typings). */
const STORED_KEY_NAME = 'segmind-api-key';
/** How the host page shows the plugin: its only iframe. */
const PLUGIN_IFRAME = 'iframe';
/** Room for the canvas and the 360 px panel side by side. */
const VIEWPORT = { width: 1280, height: 800 } as const;

/** A host API method's result, as it comes back through page.evaluate. */
type HostResult<K extends keyof HostApi> = Awaited<ReturnType<HostApi[K]>>;

/** The panel's state that a failed generation must not lose. */
export interface PanelState {
  readonly prompt: string;
  readonly ratio: string;
  /** Tag per card, by layer name, in card order. */
  readonly tags: readonly (readonly [string, string])[];
  readonly selection: readonly string[];
  readonly storedKey: unknown;
}

/** How a generation ended in the panel's status line. */
export interface RunEnd {
  readonly text: string;
  /** The failure kind (data-kind), or null for "Placed …". */
  readonly kind: string | null;
}

/** Problems the host saw; both lists stay empty in a healthy run. */
export interface HostProblems {
  /** Errors thrown by the plugin's sandbox code, and unhandled rejections. */
  readonly sandboxErrors: readonly string[];
  /** Messages the bridge refused because they carried what Figma doesn't pass. */
  readonly rejectedMessages: readonly string[];
}

/** One browser, the host page and the stand-in, shared by the tests of a file. */
export interface E2E {
  readonly standIn: SegmindStandIn;
  readonly browser: Browser;
  readonly page: Page;
  /** Errors the host page and the plugin iframe logged or threw, for failure messages. */
  readonly browserErrors: string[];
  /** The host page's address on 127.0.0.1. */
  readonly hostUrl: string;
  /** The plugin panel inside the host's sandboxed iframe. */
  readonly plugin: FrameLocator;
  /** Calls `window.host[name](...args)` in the page (test/host/host-api.ts). */
  host<K extends keyof HostApi>(name: K, ...args: Parameters<HostApi[K]>): Promise<HostResult<K>>;
  /** Loads a fresh host page (the canvas empty, clientStorage kept) and sets the stand-in back to 'ok' with no requests. */
  resetAsync(options?: { readonly theme?: 'light' | 'dark' }): Promise<void>;
  /** Opens the plugin and waits for its panel to render. */
  openPluginAsync(): Promise<void>;
  /** Types `key` into Settings and saves it, waiting for "Key saved.". */
  saveKeyAsync(key?: string): Promise<void>;
  /** Shows the Settings view (with `advanced`, its Advanced part open too: provider, relay, cost limit). */
  openSettingsAsync(options?: { readonly advanced?: boolean }): Promise<void>;
  /** Back from Settings to the panel, when Settings is shown. */
  closeSettingsAsync(): Promise<void>;
  /** Adds layers to the canvas and returns their ids in order. */
  addLayersAsync(specs: readonly LayerSpec[]): Promise<string[]>;
  /** Waits until Generate is enabled: key saved, prompt written, every reference exported and prepared. */
  waitForReadyAsync(): Promise<void>;
  /** Clicks Generate and waits for the run to end; returns the status line. */
  generateAsync(): Promise<RunEnd>;
  /** Waits until the status line no longer says the run is under way. */
  waitForRunEndAsync(): Promise<RunEnd>;
  /** The layers on the canvas that the test did not add (since the last reset): what the plugin placed. */
  placedLayersAsync(): Promise<LayerInfo[]>;
  /** The bytes behind an image fill's hash. */
  imageBytesAsync(hash: string): Promise<Uint8Array>;
  /** What went wrong in the host since the page loaded: sandbox errors and messages the bridge refused. */
  hostProblemsAsync(): Promise<HostProblems>;
  /** The plugin iframe's frame, to run code inside it. */
  pluginFrameAsync(): Promise<Frame>;
  panelStateAsync(): Promise<PanelState>;
  /**
   * Writes test-results/e2e/<name>.png of the whole host page (zoomed to fit the layers), or only of the plugin
   * panel (scrolled to its status line when it shows one).
   */
  screenshotAsync(name: string, what?: 'page' | 'panel'): Promise<string>;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** A host page served already (the playground's) to open instead of starting a host server; close() leaves it running. */
  readonly hostUrl?: string;
}

/** Starts the TLS stand-in, the host server and Chromium with the host mapping; resetAsync opens the host page. */
export async function startE2EAsync(options: E2EOptions = {}): Promise<E2E> {
  const standIn = await startSegmindStandIn({ tls: await testCertificateAsync() });
  const server = options.hostUrl === undefined ? await startHostServer() : { url: options.hostUrl, close: async () => {} };
  let browser: Browser;
  try {
    browser = await launchBrowserAsync(hostMappingArgs(standIn.port));
  } catch (error) {
    await Promise.allSettled([standIn.close(), server.close()]);
    throw error;
  }
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.setViewportSize(VIEWPORT);
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const browserErrors: string[] = [];
  page.on('pageerror', (error) => browserErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') browserErrors.push(message.text());
  });
  const plugin = page.frameLocator(PLUGIN_IFRAME);
  /** Layers the test added since the last reset. */
  const added = new Set<string>();

  const host = <K extends keyof HostApi>(name: K, ...args: Parameters<HostApi[K]>): Promise<HostResult<K>> =>
    page.evaluate(
      // Runs in the page: window.host is the host page's API.
      async ([method, params]) => {
        const api = (window as unknown as { host: Record<string, (...a: unknown[]) => unknown> }).host;
        return (await api[method]!(...params)) as never;
      },
      [name, args as unknown[]] as const,
    ) as Promise<HostResult<K>>;

  const generateButton = plugin.getByRole('button', { name: 'Generate', exact: true });

  /** The messages that crossed the bridge since the plugin opened, for failure messages. */
  const bridgeMessagesAsync = async (): Promise<string[]> =>
    (await host('timeline').catch(() => []))
      .filter((event) => event.event === 'to-ui' || event.event === 'from-ui')
      .map((event) => `${event.event}:${event.detail ?? ''}`);

  const e2e: E2E = {
    standIn,
    browser,
    page,
    browserErrors,
    hostUrl: server.url,
    plugin,
    host,

    async resetAsync({ theme = 'light' } = {}) {
      standIn.setMode('ok');
      standIn.setCors(true);
      standIn.setExposeHeaders(true);
      standIn.setLatencyMs(0);
      standIn.setRateLimitResetAt(undefined);
      await page.goto(server.url);
      await page.waitForFunction(() => typeof (window as unknown as { host?: unknown }).host === 'object');
      await host('setTheme', theme);
      // After the page load: a plugin left running by the last test can't add to the count.
      standIn.requests.length = 0;
      browserErrors.length = 0;
      added.clear();
    },

    async openPluginAsync() {
      await host('openPlugin');
      // The panel, or the Settings view a first run opens with.
      await plugin.locator('.view:not([hidden])').first().waitFor({ state: 'visible' });
    },

    async saveKeyAsync(key = E2E_KEY) {
      const field = plugin.getByLabel('API key', { exact: true });
      if (!(await field.isVisible())) await plugin.getByRole('button', { name: 'Settings', exact: true }).click();
      await field.fill(key);
      await plugin.getByRole('button', { name: 'Save key', exact: true }).click();
      try {
        await plugin.getByText('Key saved.', { exact: true }).waitFor();
      } catch (error) {
        const notes = await plugin
          .locator('#settings .note')
          .allTextContents()
          .catch(() => []);
        const messages = await bridgeMessagesAsync();
        throw new Error(`The key was not saved. Notes: ${JSON.stringify(notes)}; bridge: ${JSON.stringify(messages)}`, { cause: error });
      }
    },

    async openSettingsAsync({ advanced = false } = {}) {
      if (!(await plugin.locator('#settings').isVisible())) await plugin.getByRole('button', { name: 'Settings', exact: true }).click();
      const details = plugin.locator('#settings details.advanced');
      if (advanced && (await details.getAttribute('open')) === null) await details.locator('summary').click();
    },

    async closeSettingsAsync() {
      const back = plugin.getByRole('button', { name: 'Back to the panel', exact: true });
      if (await back.isVisible()) await back.click();
    },

    async addLayersAsync(specs) {
      const ids: string[] = [];
      // One at a time: ids come back in the order of the specs.
      for (const spec of specs) ids.push(await host('addLayer', spec));
      for (const id of ids) added.add(id);
      return ids;
    },

    async waitForReadyAsync() {
      try {
        await plugin.locator('button.primary:enabled', { hasText: /^Generate$/ }).waitFor({ timeout: RUN_TIMEOUT_MS });
      } catch (error) {
        // Say what the panel says is missing, so a stuck test names its reason.
        const blockers = await plugin
          .locator('.blockers li')
          .allTextContents()
          .catch(() => []);
        const status = await plugin
          .locator('.status')
          .allTextContents()
          .catch(() => []);
        const cards = await plugin
          .locator('.card .name')
          .allTextContents()
          .catch(() => []);
        const messages = await bridgeMessagesAsync();
        throw new Error(
          `Generate stayed disabled. Blockers: ${JSON.stringify(blockers)}; cards: ${JSON.stringify(cards)}; ` +
            `status: ${JSON.stringify(status)}; bridge: ${JSON.stringify(messages)}; browser errors: ${JSON.stringify(browserErrors)}`,
          { cause: error },
        );
      }
    },

    async generateAsync() {
      await e2e.waitForReadyAsync();
      await generateButton.click();
      return e2e.waitForRunEndAsync();
    },

    async waitForRunEndAsync() {
      const frame = await e2e.pluginFrameAsync();
      // The status line appears with Generating… (Runway's tasks also say Queued… and Downloading…) and ends as
      // Placed …, a failure, or "Generation cancelled."
      const ended = await frame.waitForFunction(
        () => {
          const line = document.querySelector('.status');
          const text = line?.textContent?.trim() ?? '';
          if (text === '' || /^(Queued…|Generating…|Downloading…|Cancelling…|Placing…)/.test(text)) return false;
          return { text, kind: line?.getAttribute('data-kind') ?? null };
        },
        undefined,
        { timeout: RUN_TIMEOUT_MS },
      );
      return (await ended.jsonValue()) as RunEnd;
    },

    async placedLayersAsync() {
      const layers = await host('layers');
      return layers.filter((layer) => !added.has(layer.id));
    },

    async imageBytesAsync(hash) {
      const base64 = await host('imageBase64', hash);
      if (base64 === null) throw new Error(`The host has no image for hash ${hash}`);
      return new Uint8Array(Buffer.from(base64, 'base64'));
    },

    async hostProblemsAsync() {
      return { sandboxErrors: await host('errors'), rejectedMessages: await host('rejectedMessages') };
    },

    async pluginFrameAsync() {
      const element = await page.locator(PLUGIN_IFRAME).elementHandle();
      const frame = await element?.contentFrame();
      if (!frame) throw new Error('The host page shows no plugin iframe');
      return frame;
    },

    async panelStateAsync() {
      const names = await plugin.locator('.card .name').allTextContents();
      const tags: [string, string][] = [];
      for (const name of names) tags.push([name, await plugin.getByLabel(`Tag for ${name}`, { exact: true }).inputValue()]);
      return {
        prompt: await plugin.getByLabel('Prompt', { exact: true }).inputValue(),
        ratio: await plugin.getByLabel('Aspect ratio', { exact: true }).inputValue(),
        tags,
        selection: await host('selection'),
        storedKey: (await host('clientStorage'))[STORED_KEY_NAME],
      };
    },

    async screenshotAsync(name, what = 'page') {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      if (what === 'panel') {
        // The panel scrolls inside its window: bring the first status line (the Upscale section's, else the run's in
        // the footer) into the picture.
        const status = plugin.locator('.status').first();
        if (await status.isVisible()) await status.scrollIntoViewIfNeeded();
        await page.locator(PLUGIN_IFRAME).screenshot({ path: file });
      } else {
        // Fitted to the layers, as Shift+1 in Figma, so the picture shows the whole canvas.
        await host('zoomToFit');
        await page.screenshot({ path: file });
      }
      return file;
    },

    async close() {
      await Promise.allSettled([browser.close(), standIn.close(), server.close()]);
    },
  };
  return e2e;
}
