// @vitest-environment happy-dom
// The Preset field: a use case sets the provider's ratio for it (saved like a ratio change), fills an empty
// prompt with its starter, offers the starter when something is typed, and shows which references to select.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generateButton,
  init,
  initWithKey,
  layer,
  PNG_BYTES,
  promptField,
  renderPanel,
  select,
  settleAsync,
  chooseProvider,
} from './fakes';

afterEach(cleanup);

const INTERIOR_STARTER = '@sofa in @room, wide interior photo, soft daylight, editorial style';
const INTERIOR_TIP = 'Select a photo of the empty room tagged room and the furniture product shot tagged sofa.';

function presetSelect(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Preset' });
}

function ratioSelect(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Aspect ratio' });
}

function useStarter(): HTMLElement | null {
  return screen.queryByRole('button', { name: 'Use starter' });
}

function choosePreset(id: string): void {
  fireEvent.change(presetSelect(), { target: { value: id } });
}

/** Picks the provider under Settings' Advanced, opening Settings first, then goes back to the panel. */
describe('the preset on Segmind', () => {
  it('lists None and the five use cases at their ratios, in the options after the aspect ratio', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    expect([...presetSelect().options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'None'],
      ['virtual-try-on', 'Virtual try-on — 1280:720'],
      ['game-asset', 'Game asset — 1920:1080'],
      ['interior-design', 'Interior design — 1584:672'],
      ['social-promo', 'Social promo — 1080:1920'],
      ['square-post', 'Square post — 960:960'],
    ]);
    expect(presetSelect().value).toBe('');
    // The options read Aspect ratio, Place into, then Preset.
    const options = screen.getByRole('group', { name: 'Options' });
    expect(options.contains(presetSelect())).toBe(true);
    expect(options.contains(ratioSelect())).toBe(true);
    const order = ratioSelect().compareDocumentPosition(presetSelect());
    expect(order & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('sets 1584:672, saves it as a ratio change, fills the empty prompt and shows the tip', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    choosePreset('interior-design');
    expect(ratioSelect().value).toBe('1584:672');
    expect(screen.getByText('New layer: 1584 × 672 px')).toBeTruthy();
    expect(bridge.postsOf('save-settings').map((m) => m.patch)).toEqual([{ ratio: { model: 'runway-gen4-image', ratio: '1584:672' } }]);
    expect(promptField().value).toBe(INTERIOR_STARTER);
    expect(screen.getByText(INTERIOR_TIP)).toBeTruthy();
    expect(presetSelect().value).toBe('interior-design');
    expect(useStarter()).toBeNull();
  });

  it('never overwrites a typed prompt: the starter is offered by a button instead', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    fireEvent.input(promptField(), { target: { value: 'my own words' } });
    choosePreset('interior-design');
    expect(ratioSelect().value).toBe('1584:672');
    expect(promptField().value).toBe('my own words');
    fireEvent.click(useStarter()!);
    expect(promptField().value).toBe(INTERIOR_STARTER);
    expect(useStarter()).toBeNull();
  });

  it('writes the starter with the cards’ own tags: the first card is the room, the second the sofa', async () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [layer('1:1', 'Loft'), layer('1:2', 'Chair')]);
    await settleAsync();
    choosePreset('interior-design');
    expect(promptField().value).toBe('@Chair in @Loft, wide interior photo, soft daylight, editorial style');
    expect(useStarter()).toBeNull();
    fireEvent.input(promptField(), { target: { value: 'my own words' } });
    fireEvent.click(useStarter()!);
    expect(promptField().value).toBe('@Chair in @Loft, wide interior photo, soft daylight, editorial style');
  });

  it('titles a run by the preset while the prompt is its starter, by the prompt once it has words of its own', async () => {
    const { bridge, provider } = renderPanel();
    initWithKey(bridge);
    select(bridge, 1, [layer('1:1', 'Loft'), layer('1:2', 'Chair')]);
    await settleAsync();
    choosePreset('interior-design');
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(bridge.postsOf('reserve')[0]).toMatchObject({ title: 'Interior design', prompt: promptField().value });
    bridge.deliver('reserved', { batchId: 1, placeholders: [null] });
    provider.calls[0]?.resolve({ ok: true, image: { bytes: PNG_BYTES, seed: '7', cost: null, creditsLeft: null } });
    await settleAsync();
    const place = bridge.postsOf('place')[0];
    expect(place).toMatchObject({
      title: 'Interior design',
      prompt: '@Chair in @Loft, wide interior photo, soft daylight, editorial style',
    });
    bridge.deliver('placed', { requestId: place?.requestId ?? -1, nodeId: '9:1', name: 'Interior design · seed 7' });

    fireEvent.input(promptField(), { target: { value: '@Chair in @Loft, velvet, evening light' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(bridge.postsOf('reserve')[1]).not.toHaveProperty('title');
  });

  it('does not fill a prompt that became non-empty after another preset filled it', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    choosePreset('square-post');
    const squareStarter = promptField().value;
    expect(squareStarter).toContain('square social post');
    choosePreset('game-asset');
    expect(ratioSelect().value).toBe('1920:1080');
    expect(promptField().value).toBe(squareStarter);
    expect(useStarter()).toBeTruthy();
  });

  it('returns to None when another ratio is picked, and None changes nothing', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    choosePreset('social-promo');
    fireEvent.change(ratioSelect(), { target: { value: '960:960' } });
    expect(presetSelect().value).toBe('');
    expect(screen.queryByText(/tagged product/)).toBeNull();
    const saves = bridge.postsOf('save-settings').length;
    choosePreset('');
    expect(ratioSelect().value).toBe('960:960');
    expect(bridge.postsOf('save-settings')).toHaveLength(saves);
  });

  it('does not save again when the ratio is already the preset’s', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge, { ratios: { 'runway-gen4-image': '1280:720' } });
    choosePreset('virtual-try-on');
    expect(presetSelect().value).toBe('virtual-try-on');
    expect(bridge.postsOf('save-settings')).toEqual([]);
    expect(promptField().value).toBe('@model wearing @cloth, full-body fashion photo, studio light');
  });
});

describe('the preset on Runway', () => {
  it('offers the nearest ratio Runway has, and sets it for the Runway model', () => {
    const { bridge } = renderPanel();
    init(bridge, { relayUrl: 'http://127.0.0.1:8787', relayToken: 'relay-test-token' });
    chooseProvider('runway');
    const labels = [...presetSelect().options].map((o) => o.textContent);
    expect(labels).toContain('Interior design — 1808:768 (nearest to 1584:672)');
    expect(labels).toContain('Square post — 1024:1024 (nearest to 960:960)');
    expect(labels).toContain('Virtual try-on — 1280:720');
    choosePreset('interior-design');
    expect(ratioSelect().value).toBe('1808:768');
    expect(bridge.postsOf('save-settings').at(-1)?.patch).toEqual({ ratio: { model: 'gen4_image', ratio: '1808:768' } });
    expect(promptField().value).toBe(INTERIOR_STARTER);
  });
});
