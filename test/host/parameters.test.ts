// The host's quick-action parameters against Figma's documented behaviour, in real Chromium: a probe plugin with
// a manifest `parameters` list answers input events (host.parameterSuggestions) and, run with parameters, opens a
// hidden UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_MANIFEST, startProbeAsync, type Probe } from '../support/probe-plugin';
import type { HostApi } from './host-api';

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

let probe: Probe;
const host: Probe['host'] = (name, ...args) => probe.host(name, ...args);

beforeAll(async () => {
  probe = await startProbeAsync(PROBE_CODE, {
    ...PROBE_MANIFEST,
    name: 'Parameters probe',
    id: 'parameters-probe',
    parameters: [
      { name: 'Size', key: 'size' },
      { name: 'Label', key: 'label', allowFreeform: true, optional: true },
    ],
    parameterOnly: false,
  });
}, 60_000);

afterAll(async () => {
  await probe?.close();
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
    expect(await host('parameterSuggestions', { key: 'label', query: 'big', parameters: { size: '800' } })).toEqual({
      suggestions: ['big at 800'],
    });
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
    await expect(host('parameterSuggestions', { key: 'colour', query: '' })).rejects.toThrow(
      'manifest.json declares no parameter "colour"',
    );
    await expect(host('parameterSuggestions', { key: 'label', query: 'silent' })).rejects.toThrow('answered no input event for "label"');
    expect(await host('isPluginOpen')).toBe(false);
  }, 20_000);
});

describe('a run with parameters', () => {
  it('fires run with them, and a UI shown with visible: false stays out of sight', async () => {
    await host('openPlugin', { parameters: { size: '800', label: 'big' } });
    await probe.page.waitForFunction(() => (window as unknown as { host: HostApi }).host.toasts().length > 0, null, { timeout: 20_000 });
    expect(await host('toasts')).toEqual([{ message: 'ran with {"size":"800","label":"big"}', error: false }]);
    expect(await host('isPluginOpen')).toBe(true);
    expect(await probe.page.locator('.plugin-window').isHidden()).toBe(true);
    await host('closePlugin');
  });
});
