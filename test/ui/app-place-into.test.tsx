// @vitest-environment happy-dom
// Place into in the panel: the mode is chosen per run (never a saved setting) and told to the sandbox; the sandbox's
// snapshot names the target, shown apart from the references; the ratio follows the target's shape; Generate says
// which layer's image it replaces, is blocked without a target and sends the target chosen when it was clicked;
// Place again goes where Place into points now; Iterate restores the mode the sandbox could restore.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { MainToUi, PlaceInto, SelectedLayer, TargetLayer } from '../../core/protocol';
import { FINDING_TARGET } from '../../ui/state/place-into';
import {
  exportedBytes,
  generateButton,
  initWithKey,
  layer,
  promptField,
  renderPanel,
  settleAsync,
  type Panel,
  placeholderId,
} from './fakes';
import type { FakeBridge } from './fakes';

afterEach(cleanup);

const PRODUCT: TargetLayer = { id: '2:1', name: 'Product', width: 400, height: 300, imageFill: true };
const HERO: TargetLayer = { id: '2:2', name: 'Hero shot', width: 300, height: 400, imageFill: false };
const PROMPT = '@Sneaker on a marble plinth';

function placeIntoSelect(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Place into' });
}

function ratioSelect(): HTMLSelectElement {
  return screen.getByRole('combobox', { name: 'Aspect ratio' });
}

function blockers(): string[] {
  const list = screen.queryByRole('list', { name: 'Before you can generate' });
  return [...(list?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
}

/** Delivers a snapshot read for `placeInto` with `target`, and the references' images. */
function selectFor(
  bridge: FakeBridge,
  version: number,
  placeInto: PlaceInto,
  layers: SelectedLayer[],
  target: TargetLayer | null,
  { problem = null, choices = target ? [target] : [] }: { problem?: string | null; choices?: TargetLayer[] } = {},
): void {
  bridge.deliver('selection', { version, layers, skipped: [], placeInto, target, targetProblem: problem, targetChoices: choices });
  layers.forEach((l, index) => {
    bridge.deliver('reference-image', { version, id: l.id, bytes: exportedBytes(index), mime: 'image/jpeg' });
  });
}

/** A panel in `mode` with a key, the prompt and one reference, whose snapshot names `target`. */
function panelIn(mode: PlaceInto, target: TargetLayer | null, options?: Parameters<typeof selectFor>[5]): Panel {
  const panel = renderPanel();
  initWithKey(panel.bridge);
  if (mode !== 'new-layer') fireEvent.change(placeIntoSelect(), { target: { value: mode } });
  selectFor(panel.bridge, 1, mode, [layer('1:1', 'Sneaker')], target, options);
  fireEvent.input(promptField(), { target: { value: PROMPT } });
  return panel;
}

describe('the Place into field', () => {
  it('offers New layer, Selected layer and Region, starts in New layer and tells the sandbox a choice without storing it', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    expect([...placeIntoSelect().options].map((o) => [o.value, o.textContent])).toEqual([
      ['new-layer', 'New layer'],
      ['selected-layer', 'Selected layer'],
      ['region', 'Region'],
    ]);
    expect(placeIntoSelect().value).toBe('new-layer');
    fireEvent.change(placeIntoSelect(), { target: { value: 'region' } });
    expect(bridge.postsOf('place-into')).toEqual([{ type: 'place-into', mode: 'region' }]);
    expect(bridge.postsOf('save-settings')).toEqual([]);
    expect(placeIntoSelect().value).toBe('region');
  });

  it('takes the mode Iterate restored, and New layer when it restored none', () => {
    const { bridge } = renderPanel();
    initWithKey(bridge);
    const start: MainToUi['iterate'] = {
      found: true,
      prompt: '@Sneaker on a plinth',
      ratio: '1104:832',
      provider: 'segmind',
      model: 'runway-gen4-image',
      seed: null,
      placeInto: 'selected-layer',
      tags: {},
      missing: [],
    };
    bridge.deliver('iterate', start);
    expect(placeIntoSelect().value).toBe('selected-layer');
    // The sandbox set its own mode: the panel doesn't echo it back.
    expect(bridge.postsOf('place-into')).toEqual([]);
    bridge.deliver('iterate', { ...start, placeInto: 'new-layer' });
    expect(placeIntoSelect().value).toBe('new-layer');
  });

  it('waits for the sandbox to find the target after a change of mode', async () => {
    const { bridge } = panelIn('new-layer', null);
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.change(placeIntoSelect(), { target: { value: 'selected-layer' } });
    expect(blockers()).toEqual([FINDING_TARGET]);
    expect(generateButton().disabled).toBe(true);
    selectFor(bridge, 2, 'selected-layer', [layer('1:1', 'Sneaker')], PRODUCT);
    await waitFor(() => expect(generateButton().disabled).toBe(false));
  });
});

describe('Selected layer', () => {
  it('shows the target apart from the references, with its name and size', () => {
    panelIn('selected-layer', PRODUCT);
    const card = screen.getByRole('group', { name: 'Target' });
    expect(card.textContent).toBe('TargetProduct 400 × 300');
    expect(screen.getByRole('textbox', { name: 'Tag for Sneaker' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Tag for Product' })).toBeNull();
    // Apart from the references: in the options, right under Place into, which says what is filled.
    const references = screen.getByRole('region', { name: 'References' });
    expect(references.contains(card)).toBe(false);
    expect(screen.getByRole('group', { name: 'Options' }).contains(card)).toBe(true);
    expect(placeIntoSelect().compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('locks the ratio to the one closest to the target and says so', () => {
    panelIn('selected-layer', PRODUCT);
    expect(ratioSelect().value).toBe('1104:832');
    expect(ratioSelect().disabled).toBe(true);
    expect(screen.getByText('Closest to the target’s 400 × 300: 1104 × 832 px')).toBeTruthy();
  });

  it('generates at that ratio and places into the target chosen when Generate was clicked', async () => {
    const { bridge, provider } = panelIn('selected-layer', PRODUCT, { choices: [PRODUCT, HERO] });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(provider.calls[0]?.request.ratio).toBe('1104:832');
    expect(provider.calls[0]?.request.references.map((r) => r.tag)).toEqual(['Sneaker']);
    // A new selection while the image is made changes nothing for this run.
    selectFor(bridge, 2, 'selected-layer', [layer('1:1', 'Sneaker')], HERO, { choices: [PRODUCT, HERO] });
    await provider.succeedAsync();
    const [place] = bridge.postsOf('place');
    expect(place?.target).toEqual({ kind: 'selected-layer', nodeId: PRODUCT.id });
    expect(place?.ratio).toBe('1104:832');
    expect(place?.references).toEqual([{ tag: 'Sneaker', layerId: '1:1', layerName: 'Sneaker' }]);
  });

  it('lets the designer pick another selected layer as the target', () => {
    const { bridge } = panelIn('selected-layer', PRODUCT, { choices: [PRODUCT, HERO] });
    const picker = screen.getByRole('combobox', { name: 'Target layer' }) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(['Product', 'Hero shot']);
    fireEvent.change(picker, { target: { value: HERO.id } });
    expect(bridge.postsOf('choose-target')).toEqual([{ type: 'choose-target', layerId: HERO.id }]);
  });

  it('names the layer whose image Generate replaces, next to Generate', async () => {
    panelIn('selected-layer', PRODUCT);
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    const note = screen.getByText('Replaces the image of “Product”.');
    expect(generateButton().getAttribute('aria-describedby')).toBe(note.id);
    fireEvent.change(screen.getByRole('combobox', { name: 'Variations' }), { target: { value: '3' } });
    expect(screen.getByText('Replaces the image of “Product”; the other 2 variations become new layers beside it.')).toBeTruthy();
  });

  it('says it fills a layer that shows no image yet, and says nothing in New layer', () => {
    const { bridge } = panelIn('selected-layer', HERO);
    expect(screen.getByText('Fills “Hero shot” with the image.')).toBeTruthy();
    fireEvent.change(placeIntoSelect(), { target: { value: 'new-layer' } });
    selectFor(bridge, 2, 'new-layer', [layer('1:1', 'Sneaker')], null);
    expect(screen.queryByText(/Fills|Replaces/)).toBeNull();
    expect(generateButton().getAttribute('aria-describedby')).toBeNull();
  });

  it('offers no picker when only one layer can be the target', () => {
    panelIn('selected-layer', PRODUCT);
    expect(screen.queryByRole('combobox', { name: 'Target layer' })).toBeNull();
  });

  it('blocks Generate with the sandbox’s reason when there is no target, and keeps the designer’s ratio', async () => {
    const problem = 'Select the layer to fill as well as the references.';
    panelIn('selected-layer', null, { problem });
    await settleAsync();
    expect(blockers()).toEqual([problem]);
    expect(generateButton().disabled).toBe(true);
    expect(screen.queryByRole('group', { name: 'Target' })).toBeNull();
    expect(screen.getAllByText(problem).length).toBeGreaterThan(0);
    expect(ratioSelect().disabled).toBe(false);
    expect(ratioSelect().value).toBe('1280:720');
  });

  it('places the first variation into the target and the others as new layers', async () => {
    const { bridge, provider } = panelIn('selected-layer', PRODUCT);
    fireEvent.change(screen.getByRole('combobox', { name: 'Variations' }), { target: { value: '2' } });
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    expect(provider.calls).toHaveLength(2);
    provider.calls[0]?.resolve({
      ok: true,
      image: { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1]), creditsLeft: null, seed: null, cost: null },
    });
    provider.calls[1]?.resolve({
      ok: true,
      image: { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 2]), creditsLeft: null, seed: null, cost: null },
    });
    await settleAsync();
    const targets = bridge.postsOf('place').map((place) => [place.batch.index, place.target]);
    expect(targets.sort()).toEqual([
      [0, { kind: 'selected-layer', nodeId: PRODUCT.id }],
      [1, { kind: 'new-layer' }],
    ]);
  });
});

describe('Region', () => {
  const REGION: TargetLayer = { id: '3:4', name: 'Box', width: 1000, height: 200, imageFill: false };

  it('calls the target a region and generates at the ratio closest to it', async () => {
    const { bridge, provider } = panelIn('region', REGION);
    expect(screen.getByRole('group', { name: 'Target' }).textContent).toBe('Target regionBox 1000 × 200');
    expect(ratioSelect().value).toBe('1584:672');
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    await provider.succeedAsync();
    expect(bridge.postsOf('place')[0]).toMatchObject({ ratio: '1584:672', target: { kind: 'region', nodeId: REGION.id } });
  });

  it('places again into the region selected now when the first one was deleted', async () => {
    const { bridge, provider } = panelIn('region', REGION);
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    await provider.succeedAsync();
    bridge.deliver('place-failed', { requestId: 1, message: "Couldn't place the image: The region was deleted before the image arrived." });
    const redrawn = { ...REGION, id: '3:9' };
    selectFor(bridge, 2, 'region', [layer('1:1', 'Sneaker')], redrawn);
    fireEvent.click(screen.getByRole('button', { name: 'Place again' }));
    await settleAsync();
    expect(bridge.postsOf('place').map((place) => place.target)).toEqual([
      { kind: 'region', nodeId: REGION.id },
      { kind: 'region', nodeId: redrawn.id },
    ]);
  });
});

describe('New layer', () => {
  it('shows no target and leaves the ratio to the designer', async () => {
    const { bridge, provider } = panelIn('new-layer', null);
    expect(screen.queryByRole('group', { name: 'Target' })).toBeNull();
    expect(ratioSelect().disabled).toBe(false);
    expect(screen.getByText('New layer: 1280 × 720 px')).toBeTruthy();
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    fireEvent.click(generateButton());
    await provider.succeedAsync();
    // Into the placeholder the sandbox made for it when the run started.
    expect(bridge.postsOf('reserve')).toMatchObject([{ batchId: 1, count: 1, ratio: '1280:720', resumable: false }]);
    expect(bridge.postsOf('place')[0]?.target).toEqual({ kind: 'placeholder', nodeId: placeholderId(1, 0) });
  });
});
