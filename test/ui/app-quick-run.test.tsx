// @vitest-environment happy-dom
// The hidden panel of a quick action: after init, 'quick-run' makes it generate through its own pipeline once the
// selection's references are ready, and it answers the sandbox with quick-done or quick-failed.
import { cleanup, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  exportedBytes,
  initWithKey,
  init,
  layer,
  PNG_BYTES,
  renderPanel,
  select,
  settleAsync,
  TEST_KEY,
  uriOf,
  placeholderId,
} from './fakes';
import type { Panel } from './fakes';

afterEach(cleanup);

const LAYERS = [layer('1:1', 'Beach walk'), layer('1:2', 'Dog')];
const PROMPT = '@Beach_walk with @Dog at sunset';

/** A hidden panel as the sandbox starts it for a quick run: init with the run's settings, then quick-run. */
function quickPanel(prompt = PROMPT): Panel {
  const panel = renderPanel();
  initWithKey(panel.bridge, { ratios: { 'runway-gen4-image': '960:960' } });
  panel.bridge.deliver('quick-run', { prompt });
  return panel;
}

describe('a quick run that places its layer', () => {
  it('waits for the references, sends the exact request, places the image and says so', async () => {
    const { bridge, provider } = quickPanel();
    select(bridge, 1, LAYERS, false);
    await settleAsync();
    expect(provider.calls).toHaveLength(0);

    select(bridge, 1, LAYERS);
    await waitFor(() => expect(provider.calls).toHaveLength(1));
    expect(provider.calls[0]?.request).toEqual({
      model: 'runway-gen4-image',
      prompt: PROMPT,
      ratio: '960:960',
      references: [
        { uri: uriOf(exportedBytes(0)), tag: 'Beach_walk' },
        { uri: uriOf(exportedBytes(1)), tag: 'Dog' },
      ],
    });
    expect(provider.calls[0]?.options.apiKey).toBe(TEST_KEY);

    await provider.succeedAsync();
    const [place] = bridge.postsOf('place');
    expect(place).toMatchObject({
      bytes: PNG_BYTES,
      prompt: PROMPT,
      ratio: '960:960',
      target: { kind: 'placeholder', nodeId: placeholderId(1, 0) },
    });
    expect(bridge.postsOf('quick-done')).toEqual([]);

    bridge.deliver('placed', { requestId: place?.requestId ?? -1, nodeId: '9:1', name: 'Beach walk with Dog at sunset' });
    await settleAsync();
    expect(bridge.postsOf('quick-done')).toEqual([{ type: 'quick-done' }]);
    expect(bridge.postsOf('quick-failed')).toEqual([]);
  });

  it('generates once, whatever else arrives afterwards', async () => {
    const { bridge, provider } = quickPanel();
    select(bridge, 1, LAYERS);
    await waitFor(() => expect(provider.calls).toHaveLength(1));
    select(bridge, 2, LAYERS);
    await settleAsync();
    expect(provider.calls).toHaveLength(1);
  });
});

describe('a quick run that fails', () => {
  it("answers with the provider's own failure message, placing nothing", async () => {
    const { bridge, provider } = quickPanel();
    select(bridge, 1, LAYERS);
    await waitFor(() => expect(provider.calls).toHaveLength(1));
    await provider.failAsync({ kind: 'credits', message: 'Segmind has no credits left for this key (406).' });
    expect(bridge.postsOf('quick-failed')).toEqual([{ type: 'quick-failed', message: 'Segmind has no credits left for this key (406).' }]);
    expect(bridge.postsOf('place')).toEqual([]);
  });

  it("answers with the sandbox's reason when the image can't be placed", async () => {
    const { bridge, provider } = quickPanel();
    select(bridge, 1, LAYERS);
    await waitFor(() => expect(provider.calls).toHaveLength(1));
    await provider.succeedAsync();
    const [place] = bridge.postsOf('place');
    bridge.deliver('place-failed', { requestId: place?.requestId ?? -1, message: 'Figma refused the image.' });
    await settleAsync();
    expect(bridge.postsOf('quick-failed')).toEqual([{ type: 'quick-failed', message: 'Figma refused the image.' }]);
  });
});

describe('a quick run refused before anything is sent', () => {
  it('refuses a prompt naming a tag no selected layer has', async () => {
    const { bridge, provider } = quickPanel('@Beach_walk with @Cat');
    select(bridge, 1, LAYERS);
    await waitFor(() => expect(bridge.postsOf('quick-failed')).toHaveLength(1));
    expect(bridge.postsOf('quick-failed')[0]?.message).toBe('@Cat is not a selected layer’s tag: the tags are @Beach_walk, @Dog.');
    expect(provider.calls).toHaveLength(0);
  });

  it('refuses an empty selection with the panel’s own reason', async () => {
    const { bridge, provider } = quickPanel('a beach at sunset');
    select(bridge, 1, []);
    await waitFor(() => expect(bridge.postsOf('quick-failed')).toHaveLength(1));
    expect(bridge.postsOf('quick-failed')[0]?.message).toBe('Select at least one layer on the canvas to use as a reference.');
    expect(provider.calls).toHaveLength(0);
  });

  it('refuses when no reference could be prepared', async () => {
    const { bridge, provider, images } = quickPanel('@Beach_walk at sunset');
    images.unpreparable.add(exportedBytes(0).at(-1) ?? -1);
    select(bridge, 1, [LAYERS[0] ?? layer('1:1', 'Beach walk')]);
    await waitFor(() => expect(bridge.postsOf('quick-failed')).toHaveLength(1));
    expect(bridge.postsOf('quick-failed')[0]?.message).toBe(
      'None of the selected layers could be exported: see the messages on their cards.',
    );
    expect(provider.calls).toHaveLength(0);
  });

  it('refuses without a key (a relay-less Runway, say) with what is missing', async () => {
    const { bridge, provider, runway } = renderPanel();
    init(bridge, { provider: 'runway', apiKeys: { segmind: null, runway: 'sk-test-runway' } });
    bridge.deliver('quick-run', { prompt: '@Beach_walk at sunset' });
    select(bridge, 1, LAYERS);
    await waitFor(() => expect(bridge.postsOf('quick-failed')).toHaveLength(1));
    expect(bridge.postsOf('quick-failed')[0]?.message).toMatch(/^Runway is reached through a relay/);
    expect(provider.calls).toHaveLength(0);
    expect(runway.calls).toHaveLength(0);
  });
});

describe('a quick run over the cost limit', () => {
  it('refuses instead of asking a question nobody would see', async () => {
    const { bridge, runway } = renderPanel();
    init(bridge, {
      provider: 'runway',
      relayUrl: 'http://127.0.0.1:8787',
      apiKeys: { segmind: null, runway: 'sk-test-runway' },
      costLimit: 1,
    });
    bridge.deliver('quick-run', { prompt: '@Beach_walk at sunset' });
    select(bridge, 1, LAYERS);
    await waitFor(() => expect(bridge.postsOf('quick-failed')).toHaveLength(1));
    expect(bridge.postsOf('quick-failed')[0]?.message).toMatch(
      /^It costs about \d+ credits, over your limit of 1: generate from the panel\.$/,
    );
    expect(runway.calls).toHaveLength(0);
  });
});

describe('a panel opened from the menu', () => {
  it('never generates or answers on its own', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, LAYERS);
    await settleAsync();
    expect(provider.calls).toHaveLength(0);
    expect(bridge.posts.filter((m) => m.type === 'quick-done' || m.type === 'quick-failed')).toEqual([]);
  });
});
