// @vitest-environment happy-dom
// Nothing typed is lost when the plugin closes: the panel restores the file's draft at init, sends its draft and
// each tag edit to be kept a moment after they change, shows a layer's saved tag when it is selected again, and
// keeps nothing of a quick run.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../core/workspace';
import { SAVE_DELAY_MS } from '../../ui/session/use-workspace';
import { init, initWithKey, layer, promptField, renderPanel, select, TEST_KEY } from './fakes';

afterEach(cleanup);

const DRAFT: Draft = {
  prompt: '@model wearing @cloth on a pier',
  presetId: '',
  ratio: { model: 'runway-gen4-image', ratio: '832:1104' },
  variations: 3,
  seed: { text: '', fixed: false },
};

const tagField = (name: string) => screen.getByRole('textbox', { name: `Tag for ${name}` }) as HTMLInputElement;
const comboValue = (name: string) => (screen.getByRole('combobox', { name }) as HTMLSelectElement).value;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('restoring the draft', () => {
  it('brings back the prompt, ratio and variations, storing the settings it changes in one save', () => {
    const { bridge } = renderPanel();
    init(bridge, { apiKeys: { segmind: TEST_KEY, runway: null } }, DRAFT);
    expect(promptField().value).toBe(DRAFT.prompt);
    expect(comboValue('Aspect ratio')).toBe('832:1104');
    expect(comboValue('Variations')).toBe('3');
    expect(bridge.postsOf('save-settings').map((save) => save.patch)).toEqual([
      { ratio: { model: 'runway-gen4-image', ratio: '832:1104' }, variations: 3 },
    ]);
  });

  it('brings back the preset picked', () => {
    const { bridge } = renderPanel();
    // With a key: without one, Settings would show in place of the options.
    init(
      bridge,
      { apiKeys: { segmind: TEST_KEY, runway: null } },
      { ...DRAFT, presetId: 'virtual-try-on', ratio: { model: 'runway-gen4-image', ratio: '1280:720' } },
    );
    expect(comboValue('Preset')).toBe('virtual-try-on');
  });

  it('brings back a fixed seed as typed, even one with a problem, without storing a wrong one', () => {
    const { bridge } = renderPanel();
    init(
      bridge,
      { provider: 'runway', relayUrl: 'https://relay.example.com' },
      { ...DRAFT, ratio: null, variations: 1, seed: { text: '12x', fixed: true } },
    );
    expect((screen.getByLabelText('Seed') as HTMLInputElement).value).toBe('12x');
    expect((screen.getByRole('checkbox', { name: 'Fixed seed' }) as HTMLInputElement).checked).toBe(true);
    expect(bridge.postsOf('save-settings')).toEqual([]);
  });

  it('does not write a restored draft straight back', async () => {
    const { bridge } = renderPanel();
    // As the panel sends it: the ratio picked for the model, never none.
    init(bridge, {}, { ...DRAFT, ratio: { model: 'runway-gen4-image', ratio: '1280:720' }, variations: 1 });
    await pause(SAVE_DELAY_MS * 2);
    expect(bridge.postsOf('save-draft')).toEqual([]);
  });
});

describe('keeping the draft', () => {
  it('sends the draft once typing has rested, not at every key', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    for (const text of ['@mo', '@model', '@model on a pier']) fireEvent.input(promptField(), { target: { value: text } });
    expect(bridge.postsOf('save-draft')).toEqual([]);
    await waitFor(() => expect(bridge.postsOf('save-draft')).toHaveLength(1));
    expect(bridge.postsOf('save-draft')[0]?.draft).toEqual({
      prompt: '@model on a pier',
      presetId: '',
      ratio: { model: 'runway-gen4-image', ratio: '1280:720' },
      variations: 1,
      seed: { text: '', fixed: false },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Variations' }), { target: { value: '2' } });
    await waitFor(() => expect(bridge.postsOf('save-draft')).toHaveLength(2));
    expect(bridge.postsOf('save-draft')[1]?.draft.variations).toBe(2);
  });

  it('keeps nothing of a quick run: its prompt is not the designer’s draft', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    bridge.deliver('quick-run', { prompt: 'a desk lamp' });
    await pause(SAVE_DELAY_MS * 2);
    expect(bridge.postsOf('save-draft')).toEqual([]);
  });
});

describe('tags stick to their layers', () => {
  it('sends an edited tag to be kept once it has rested, and shows it again when the layer is selected again', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [layer('1:1', 'model'), layer('1:2', 'cloth')]);
    fireEvent.input(tagField('cloth'), { target: { value: 'gar' } });
    fireEvent.input(tagField('cloth'), { target: { value: 'garment' } });
    await waitFor(() => expect(bridge.postsOf('save-tag')).toEqual([{ type: 'save-tag', layerId: '1:2', tag: 'garment' }]));
    select(bridge, 2, [layer('1:1', 'model')]);
    select(bridge, 3, [layer('1:2', 'cloth'), layer('1:1', 'model')]);
    expect(tagField('cloth').value).toBe('garment');
  });

  it('shows the tag the file kept for a layer, in a later run', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [{ ...layer('1:2', 'cloth'), savedTag: 'garment' }, layer('1:3', 'garment')]);
    expect(tagField('cloth').value).toBe('garment');
    // A default never takes a kept tag: the other layer gets its own.
    expect(tagField('garment').value).toBe('garment_2');
  });

  it('gives a generated layer named after its prompt a short tag', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [
      { ...layer('1:4', 'photo of a model wearing a cloth · seed 12'), tagBase: 'result' },
      { ...layer('1:5', 'photo of a model · seed 13'), tagBase: 'result' },
    ]);
    expect(tagField('photo of a model wearing a cloth · seed 12').value).toBe('result');
    expect(tagField('photo of a model · seed 13').value).toBe('result_2');
  });
});

describe('keeping the draft of a run', () => {
  it('sends the draft at once when Generate is clicked: the plugin may be closed on the run right away', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [layer('1:1', 'model')]);
    fireEvent.input(promptField(), { target: { value: '@model on a pier' } });
    await waitFor(() => expect((screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(bridge.postsOf('save-draft').map((save) => save.draft.prompt)).toEqual(['@model on a pier']);
    await pause(SAVE_DELAY_MS * 2);
    expect(bridge.postsOf('save-draft')).toHaveLength(1);
  });
});
