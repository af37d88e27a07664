// The start-up bench's top-level page: opens a panel's HTML in a fresh sandboxed srcdoc iframe, as Figma opens the
// plugin's UI, hands it the sandbox's first message when it has loaded (as Figma hands over what it queued), and
// times iframe created → that message handled.
import type { MainToUi } from '../core/protocol';
import { DEFAULT_SETTINGS } from '../core/settings';

export interface StartupBenchPage {
  /** Milliseconds from creating an iframe holding `html` to its first message handled. */
  measureAsync(html: string): Promise<number>;
}

declare global {
  interface Window {
    startupBench: StartupBenchPage;
  }
}

const PROBE_KEY = 'startupProbe';
/**
 * Added after the panel's own script, so its listener comes after the panel's: it runs once the panel's handler
 * has, and once the render that handler scheduled has (Preact renders in a microtask, and microtasks run between
 * listeners).
 */
const PROBE = `<script>addEventListener('message', function probe() {
  removeEventListener('message', probe);
  parent.postMessage({ ${PROBE_KEY}: true }, '*');
});</script>`;

/** What src/main.ts sends first: the stored settings (here a first run's) and no draft. */
const INIT: { readonly type: 'init' } & MainToUi['init'] = { type: 'init', settings: DEFAULT_SETTINGS, draft: null, layout: null };

window.startupBench = {
  measureAsync(html) {
    return new Promise((resolve) => {
      const created = performance.now();
      const frame = document.createElement('iframe');
      // Figma's plugin iframe allows scripts only (test/host/page/plugin-window.ts), at the plugin's window size.
      frame.sandbox.value = 'allow-scripts';
      frame.width = '360';
      frame.height = '640';
      const reported = (event: MessageEvent): void => {
        if (event.source !== frame.contentWindow || !(event.data as Record<string, unknown> | null)?.[PROBE_KEY]) return;
        removeEventListener('message', reported);
        frame.remove();
        resolve(performance.now() - created);
      };
      addEventListener('message', reported);
      frame.addEventListener('load', () => frame.contentWindow?.postMessage({ pluginMessage: INIT }, '*'), { once: true });
      const end = html.lastIndexOf('</body>');
      frame.srcdoc = end < 0 ? html + PROBE : html.slice(0, end) + PROBE + html.slice(end);
      document.body.append(frame);
    });
  },
};
