// A closed run is a destroyed VM: a layer export it started must never call back into its code (which would find
// the plugin closed and throw), just as Figma drops a closed plugin's pending promises.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowserAsync, type Browser } from '../support/browser';
import type { HostApi } from './host-api';
import { startHostServer, type HostServer } from './server';

// A big layer, so its export is still rendering when the run is closed.
const PROBE_CODE = `
const layer = figma.createFrame();
layer.resize(3000, 3000);
layer.exportAsync({ format: 'PNG' }).then(
  () => figma.notify('export settled'),
  () => figma.notify('export failed'),
);
`;

let folder: string;
let server: HostServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'host-closed-'));
  const manifest = { name: 'Probe', id: 'probe', api: '1.0.0', main: 'code.js', ui: 'ui.html', editorType: ['figma'], networkAccess: { allowedDomains: ['none'] } };
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

it('never settles an export of a run that was closed while it rendered', async () => {
  const after = await page.evaluate(async () => {
    const host = (window as unknown as { host: HostApi }).host;
    void host.openPlugin().catch(() => undefined);
    // The code runs as the run opens, so the export is under way once the plugin counts as open.
    while (!host.isPluginOpen()) await new Promise((resolve) => setTimeout(resolve, 0));
    host.closePlugin();
    const rendered = () => host.timeline().some((entry) => entry.event === 'export');
    for (let waited = 0; !rendered() && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { rendered: rendered(), toasts: host.toasts().map((toast) => toast.message), errors: host.errors() };
  });
  // The host did finish rendering; the closed run just never heard of it.
  expect(after).toEqual({ rendered: true, toasts: [], errors: [] });
});
