// The host's quick-action parameters against Figma's documented behaviour, in real Chromium: a probe plugin with
// a manifest `parameters` list answers input events (host.parameterSuggestions) and, run with parameters, opens a
// hidden UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowserAsync, type Browser } from '../support/browser';
import type { HostApi } from './host-api';
import { startHostServer, type HostServer } from './server';

const PROBE_CODE = `
const attempt = (run) => {
  try {
    return run();
  } catch (error) {
    return 'refused: ' + error.message;
  }
};
figma.parameters.on('input', ({ key, query, parameters, result }) => {
  if (key === 'size') {
    const sizes = ['640', '800', '960'].filter((size) => size.includes(query));
    if (sizes.length === 0) result.setError('No size has ' + query);
    else result.setSuggestions(sizes.map((size) => ({ name: size + ' px', data: Number(size) })));
  } else if (query === 'error') {
    result.setSuggestions([attempt(() => result.setError('never shown'))]);
  } else if (query === 'ui') {
    result.setSuggestions([attempt(() => figma.showUI(__html__))]);
  } else if (query === 'late') {
    setTimeout(() => result.setSuggestions([query + ' after a while']), 10);
  } else if (query !== 'silent') {
    result.setSuggestions([query + ' at ' + parameters.size]);
  }
});
figma.on('run', ({ parameters }) => {
  figma.showUI(__html__, { visible: false });
  figma.notify('ran with ' + JSON.stringify(parameters));
});
`;

let folder: string;
let server: HostServer;
let browser: Browser;
let page: Page;

async function host<K extends keyof HostApi>(name: K, ...args: Parameters<HostApi[K]>): Promise<Awaited<ReturnType<HostApi[K]>>> {
  return page.evaluate(
    ([method, params]) => {
      const api = (window as unknown as { host: Record<string, (...a: unknown[]) => unknown> }).host;
      return api[method]!(...params) as Awaited<ReturnType<HostApi[K]>>;
    },
    [name, args] as [string, unknown[]],
  );
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'host-parameters-'));
  const manifest = {
    name: 'Parameters probe',
    id: 'parameters-probe',
    api: '1.0.0',
    main: 'code.js',
    ui: 'ui.html',
    editorType: ['figma'],
    parameters: [
      { name: 'Size', key: 'size' },
      { name: 'Label', key: 'label', allowFreeform: true, optional: true },
    ],
    parameterOnly: false,
    networkAccess: { allowedDomains: ['none'] },
  };
  await Promise.all([
    writeFile(path.join(folder, 'manifest.json'), JSON.stringify(manifest)),
    writeFile(path.join(folder, 'code.js'), PROBE_CODE),
    writeFile(path.join(folder, 'ui.html'), '<!doctype html><html><head></head><body>probe</body></html>'),
  ]);
  server = await startHostServer({ pluginDir: folder });
  browser = await launchBrowserAsync();
  page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'host' in window, null, { timeout: 20_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('parameterSuggestions', () => {
  it("returns the plugin's suggestions for what is typed, with their data", async () => {
    expect(await host('parameterSuggestions', { key: 'size', query: '0' })).toEqual({
      suggestions: [
        { name: '640 px', data: 640 },
        { name: '800 px', data: 800 },
        { name: '960 px', data: 960 },
      ],
    });
    expect(await host('parameterSuggestions', { key: 'size', query: '8' })).toEqual({ suggestions: [{ name: '800 px', data: 800 }] });
  });

  it('returns the error that holds the designer on a field', async () => {
    expect(await host('parameterSuggestions', { key: 'size', query: '7' })).toEqual({ error: 'No size has 7' });
  });

  it('hands over the values entered before, and waits for an answer that comes later', async () => {
    expect(await host('parameterSuggestions', { key: 'label', query: 'big', parameters: { size: '800' } })).toEqual({ suggestions: ['big at 800'] });
    expect(await host('parameterSuggestions', { key: 'label', query: 'late' })).toEqual({ suggestions: ['late after a while'] });
  });

  it('refuses setError on a free-form parameter and showUI before run, as Figma does', async () => {
    expect(await host('parameterSuggestions', { key: 'label', query: 'error' })).toEqual({
      suggestions: ['refused: setError is not available for the free-form parameter "label"'],
    });
    const [refusal] = ((await host('parameterSuggestions', { key: 'label', query: 'ui' })) as { suggestions: string[] }).suggestions;
    expect(refusal).toMatch(/^refused: figma\.showUI can't be called while the quick action takes parameters/);
  });

  it("doesn't run the plugin, and closes the run once it has answered", async () => {
    await host('parameterSuggestions', { key: 'size', query: '6' });
    expect(await host('isPluginOpen')).toBe(false);
    expect(await host('toasts')).toEqual([]);
  });

  it('rejects a key the manifest does not declare, and an event nobody answers', async () => {
    await expect(host('parameterSuggestions', { key: 'colour', query: '' })).rejects.toThrow('manifest.json declares no parameter "colour"');
    await expect(host('parameterSuggestions', { key: 'label', query: 'silent' })).rejects.toThrow('answered no input event for "label"');
    expect(await host('isPluginOpen')).toBe(false);
  }, 20_000);
});

describe('a run with parameters', () => {
  it('fires run with them, and a UI shown with visible: false stays out of sight', async () => {
    await host('openPlugin', { parameters: { size: '800', label: 'big' } });
    await page.waitForFunction(() => (window as unknown as { host: HostApi }).host.toasts().length > 0, null, { timeout: 20_000 });
    expect(await host('toasts')).toEqual([{ message: 'ran with {"size":"800","label":"big"}', error: false }]);
    expect(await host('isPluginOpen')).toBe(true);
    expect(await page.locator('.plugin-window').isHidden()).toBe(true);
    await host('closePlugin');
  });
});
