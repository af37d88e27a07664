// @vitest-environment happy-dom
// The panel opened with Iterate: it takes the layer's prompt, provider, model, ratio and seed, gives the re-selected
// layers their saved tags, names the references that are gone, and a changed word generates again.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { MainToUi } from '../../core/protocol';
import { generateButton, initWithKey, layer, promptField, renderPanel, select } from './fakes';

afterEach(cleanup);

function tagValue(name: string): string {
  return (screen.getByRole('textbox', { name: `Tag for ${name}` }) as HTMLInputElement).value;
}

function selectValue(label: string): string {
  return (screen.getByLabelText(label, { exact: true }) as HTMLSelectElement).value;
}

const RUNWAY_LAYER: MainToUi['iterate'] = {
  found: true,
  prompt: '@hero wearing @jacket on a rooftop',
  ratio: '720:1280',
  provider: 'runway',
  model: 'gen4_image_turbo',
  seed: '4242',
  placeInto: 'new-layer',
  tags: { '1:2': 'hero', '1:3': 'jacket' },
  missing: [{ tag: 'cloth', layerName: 'cloth', where: 'deleted' }],
};

describe('opened with Iterate', () => {
  it('fills in the prompt, provider, model, ratio, seed and tags, and names the missing reference', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge, { relayUrl: 'https://relay.example.com' });
    bridge.deliver('iterate', RUNWAY_LAYER);
    select(bridge, 1, [layer('1:2', 'Model photo'), layer('1:3', 'Coat')]);

    expect(promptField().value).toBe('@hero wearing @jacket on a rooftop');
    expect(selectValue('Model')).toBe('gen4_image_turbo');
    expect(selectValue('Aspect ratio')).toBe('720:1280');
    expect((screen.getByLabelText('Seed') as HTMLInputElement).value).toBe('4242');
    expect((screen.getByRole('checkbox', { name: 'Fixed seed' }) as HTMLInputElement).checked).toBe(true);
    expect([tagValue('Model photo'), tagValue('Coat')]).toEqual(['hero', 'jacket']);
    expect(screen.getByText('“cloth” no longer exists: select a replacement for @cloth.')).toBeTruthy();
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([
      {
        provider: 'runway',
        model: { provider: 'runway', model: 'gen4_image_turbo' },
        ratio: { model: 'gen4_image_turbo', ratio: '720:1280' },
      },
      { seed: 4242 },
    ]);
  });

  it('drops the missing-reference note once a run starts with the references chosen since', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('iterate', { ...RUNWAY_LAYER, provider: 'segmind', model: 'runway-gen4-image', ratio: '960:960' });
    const note = '“cloth” no longer exists: select a replacement for @cloth.';
    expect(screen.getByText(note)).toBeTruthy();
    select(bridge, 1, [layer('1:2', 'Model photo'), layer('1:3', 'Coat')]);
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    await waitFor(() => expect(provider.calls).toHaveLength(1));
    expect(screen.queryByText(note)).toBeNull();
  });

  it('leaves the seed alone for a model that takes none', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('iterate', { ...RUNWAY_LAYER, provider: 'segmind', model: 'runway-gen4-image', ratio: '1584:672', missing: [] });
    expect(selectValue('Aspect ratio')).toBe('1584:672');
    expect(screen.queryByLabelText('Seed')).toBeNull();
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([
      {
        provider: 'segmind',
        model: { provider: 'segmind', model: 'runway-gen4-image' },
        ratio: { model: 'runway-gen4-image', ratio: '1584:672' },
      },
    ]);
  });

  it('generates again with one word changed, sending the saved tags', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('iterate', { ...RUNWAY_LAYER, provider: 'segmind', model: 'runway-gen4-image', ratio: '960:960', missing: [] });
    select(bridge, 1, [layer('1:2', 'Model photo'), layer('1:3', 'Coat')]);
    fireEvent.input(promptField(), { target: { value: '@hero wearing @jacket on a beach' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    await waitFor(() => expect(provider.calls).toHaveLength(1));
    expect(provider.calls[0]?.request).toMatchObject({
      prompt: '@hero wearing @jacket on a beach',
      ratio: '960:960',
      references: [{ tag: 'hero' }, { tag: 'jacket' }],
    });
  });

  it('shows why it could not iterate, and the panel works as usual', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('iterate', {
      found: false,
      message: '“Photo” wasn’t made by this plugin: there is nothing to iterate on.',
    });
    expect(screen.getByText('“Photo” wasn’t made by this plugin: there is nothing to iterate on.')).toBeTruthy();
    expect(promptField().value).toBe('');
    expect(bridge.postsOf('save-settings')).toEqual([]);
  });
});
