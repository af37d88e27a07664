// A closed run is a destroyed VM: a layer export it started must never call back into its code (which would find
// the plugin closed and throw), just as Figma drops a closed plugin's pending promises.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startProbeAsync, type Probe } from '../support/probe-plugin';
import type { HostApi } from './host-api';

// A big layer, so its export is still rendering when the run is closed.
const PROBE_CODE = `
const layer = figma.createFrame();
layer.resize(3000, 3000);
layer.exportAsync({ format: 'PNG' }).then(
  () => figma.notify('export settled'),
  () => figma.notify('export failed'),
);
`;

let probe: Probe;

beforeAll(async () => {
  probe = await startProbeAsync(PROBE_CODE);
}, 60_000);

afterAll(async () => {
  await probe?.close();
});

it('never settles an export of a run that was closed while it rendered', async () => {
  const after = await probe.page.evaluate(async () => {
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
