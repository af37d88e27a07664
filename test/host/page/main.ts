// The host page's entry: reads the plugin's manifest and the host's configuration, builds the host, the toolbar,
// the Rectangle tool, the relaunch buttons, the playground's Fault menu and (with ?samples=1) the sample layers,
// then exposes window.host. ?theme=dark starts in the dark theme.
import type { HostConfig } from '../server';
import { mountFaultControl } from './fault-control';
import { Host } from './host';
import { readManifest } from './manifest';
import { mountRectangleTool } from './rectangle-tool';
import { mountRelaunchPanel } from './relaunch-panel';
import { SAMPLE_LAYERS } from './samples';
import { mountToolbar } from './toolbar';

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The host page has no #${id}`);
  return found;
}

async function fetchJsonAsync(path: string): Promise<unknown> {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`Couldn't load ${path}: ${await response.text()}`);
  return response.json() as Promise<unknown>;
}

async function bootAsync(): Promise<void> {
  const [manifestJson, config] = await Promise.all([fetchJsonAsync('/manifest.json'), fetchJsonAsync('/host-config.json')]);
  const manifest = readManifest(manifestJson);
  let refreshToolbar = (): void => undefined;
  let refreshRelaunch = (): void => undefined;
  const host = new Host({
    manifest,
    scriptBeforeUi: (config as HostConfig).scriptBeforeUi,
    elements: { canvas: element('canvas', HTMLCanvasElement), dock: element('dock', HTMLElement), toasts: element('toasts', HTMLElement) },
    storage: window.localStorage,
    onStateChange: () => {
      refreshToolbar();
      refreshRelaunch();
    },
  });
  refreshToolbar = mountToolbar(
    host,
    {
      open: element('open-plugin', HTMLButtonElement),
      close: element('close-plugin', HTMLButtonElement),
      page: element('page', HTMLSelectElement),
      addPage: element('add-page', HTMLButtonElement),
      theme: element('theme', HTMLSelectElement),
      fit: element('zoom-to-fit', HTMLButtonElement),
    },
    (error) => console.error('[host] Opening the plugin failed:', error),
  );
  refreshToolbar();
  const logError = (error: unknown): void => console.error('[host]', error);
  mountRectangleTool(
    host,
    { button: element('rectangle-tool', HTMLButtonElement), canvas: element('canvas', HTMLCanvasElement) },
    logError,
  );
  refreshRelaunch = mountRelaunchPanel(host, element('relaunch-buttons', HTMLElement), manifest.relaunchButtons, logError);
  refreshRelaunch();
  mountFaultControl(element('fault', HTMLSelectElement), (config as HostConfig).faults);

  const params = new URLSearchParams(location.search);
  if (params.get('theme') === 'dark') host.setTheme('dark');
  if (params.get('samples') === '1') {
    for (const spec of SAMPLE_LAYERS) await host.addLayer(spec);
    host.zoomToFit();
  }
  Object.assign(window, { host });
  document.documentElement.dataset.hostReady = 'true';
}

bootAsync().catch((error: unknown) => {
  const banner = document.getElementById('fatal');
  if (banner) {
    banner.textContent = `The host couldn't start: ${error instanceof Error ? error.message : String(error)}`;
    banner.hidden = false;
  }
  console.error(error);
});
