// The smallest Preact panel that does what the plugin's panel does at start-up: renders into #app, listens for
// Figma's {pluginMessage} from a layout effect (as ui/session/use-sandbox-messages.ts, so nothing queued is missed), and renders what came.
// bench/startup.ts times it beside dist/ui.html: the difference is what the panel's own code costs.
import { h, render } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

function MinimalPanel() {
  const [type, setType] = useState<string | null>(null);
  useLayoutEffect(() => {
    const listener = (event: MessageEvent): void => {
      const message: unknown = (event.data as { pluginMessage?: unknown } | null)?.pluginMessage;
      const kind = (message as { type?: unknown } | null)?.type;
      if (typeof kind === 'string') setType(kind);
    };
    addEventListener('message', listener);
    return () => removeEventListener('message', listener);
  }, []);
  return h('p', null, type === null ? 'Waiting for the plugin…' : `Got ${type}`);
}

const root = document.getElementById('app');
if (root) render(h(MinimalPanel, null), root);
