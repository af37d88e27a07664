// A probe plugin for the host's own tests: its code, manifest and a blank UI in a temporary folder, served by the
// host in real Chromium. The probe tries what Figma allows or refuses and reports with figma.notify.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { HostApi, PluginLaunch } from '../host/host-api';
import { startHostServer } from '../host/server';
import { launchBrowserAsync } from './browser';

/** A manifest for a probe in Figma design that reaches no network. */
export const PROBE_MANIFEST = {
  name: 'Probe',
  id: 'probe',
  api: '1.0.0',
  main: 'code.js',
  ui: 'ui.html',
  editorType: ['figma'],
  networkAccess: { allowedDomains: ['none'] },
};

export interface Probe {
  readonly page: Page;
  /** Calls window.host's `name` in the page. */
  host<K extends keyof HostApi>(name: K, ...args: Parameters<HostApi[K]>): Promise<Awaited<ReturnType<HostApi[K]>>>;
  /** Opens the probe and returns the JSON of the next toast it shows; an error toast fails. */
  runAsync<T>(launch?: PluginLaunch): Promise<T>;
  close(): Promise<void>;
}

/** Serves a probe with `code` (run as the plugin's main) and `manifest`, and opens the host page. */
export async function startProbeAsync(code: string, manifest: object = PROBE_MANIFEST): Promise<Probe> {
  const folder = await mkdtemp(path.join(tmpdir(), 'host-probe-'));
  await Promise.all([
    writeFile(path.join(folder, 'manifest.json'), JSON.stringify(manifest)),
    writeFile(path.join(folder, 'code.js'), code),
    writeFile(path.join(folder, 'ui.html'), '<!doctype html><html><head></head><body>probe</body></html>'),
  ]);
  const server = await startHostServer({ pluginDir: folder });
  const browser = await launchBrowserAsync();
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'host' in window, null, { timeout: 20_000 });

  const host: Probe['host'] = (name, ...args) =>
    page.evaluate(
      ([method, params]) => {
        const api = (window as unknown as { host: Record<string, (...a: unknown[]) => unknown> }).host;
        return api[method]!(...params) as never;
      },
      [name, args] as [string, unknown[]],
    );

  return {
    page,
    host,
    async runAsync<T>(launch?: PluginLaunch): Promise<T> {
      const before = (await host('toasts')).length;
      await host('openPlugin', launch);
      await page.waitForFunction((count) => (window as unknown as { host: HostApi }).host.toasts().length > count, before, {
        timeout: 20_000,
      });
      const toast = (await host('toasts'))[before];
      if (!toast || toast.error) throw new Error(toast?.message ?? 'The probe reported nothing');
      return JSON.parse(toast.message) as T;
    },
    async close() {
      await browser.close();
      await server.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
