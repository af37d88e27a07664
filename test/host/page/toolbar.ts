// The host page's toolbar: open and close the plugin, switch or add pages, pick the editor theme, fit the view.
import type { HostApi } from '../host-api';

export interface ToolbarElements {
  readonly open: HTMLButtonElement;
  readonly close: HTMLButtonElement;
  readonly page: HTMLSelectElement;
  readonly addPage: HTMLButtonElement;
  readonly theme: HTMLSelectElement;
  readonly fit: HTMLButtonElement;
}

/** Wires the toolbar to `host`; the returned function brings it up to date with the host's state. */
export function mountToolbar(host: HostApi, elements: ToolbarElements, onError: (error: unknown) => void): () => void {
  elements.open.addEventListener('click', () => void host.openPlugin().catch(onError));
  elements.close.addEventListener('click', () => host.closePlugin());
  elements.page.addEventListener('change', () => host.switchPage(elements.page.value));
  elements.addPage.addEventListener('click', () => host.switchPage(host.addPage(`Page ${host.pages().length + 1}`)));
  elements.theme.addEventListener('change', () => host.setTheme(elements.theme.value === 'dark' ? 'dark' : 'light'));
  elements.fit.addEventListener('click', () => host.zoomToFit());

  return () => {
    const open = host.isPluginOpen();
    elements.open.disabled = open;
    elements.close.disabled = !open;
    elements.theme.value = host.theme();
    const pages = host.pages();
    if (elements.page.options.length !== pages.length || pages.some((page, i) => elements.page.options[i]?.value !== page.id)) {
      elements.page.replaceChildren(...pages.map((page) => new Option(page.name, page.id)));
    }
    elements.page.value = pages.find((page) => page.current)?.id ?? '';
  };
}
