// Place into through the real entry module: every run starts in New layer, and a change of mode the panel sends
// and the designer's pick of target make the selection be read again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PREFERENCES_STORAGE_KEY } from '../../src/settings';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
  vi.resetModules();
});
afterEach(removeFakeFigmaAsync);

/** A mockup frame with a product rectangle in it, and a loose photo; the rectangle and the photo selected. */
function selectMockup() {
  const frame = fake.add({ type: 'FRAME', name: 'Mockup', width: 800, height: 600 });
  const product = fake.add({ type: 'RECTANGLE', name: 'Product', x: 40, y: 60, width: 400, height: 300 }, frame);
  const photo = fake.add({ type: 'RECTANGLE', name: 'Photo', x: 1000, width: 600, height: 600 });
  fake.currentPage.selection = [product, photo];
  return { frame, product, photo };
}

async function startPlugin(): Promise<void> {
  await import('../../src/main');
  await fake.ui.waitFor('selection');
}

describe('main: Place into', () => {
  it('starts every run in New layer, whatever an older version stored', async () => {
    await fake.clientStorage.setAsync(PREFERENCES_STORAGE_KEY, { placeInto: 'selected-layer' });
    const { product, photo } = selectMockup();
    await startPlugin();
    expect(fake.ui.ofType('selection')[0]).toMatchObject({
      version: 1,
      placeInto: 'new-layer',
      target: null,
      layers: [{ id: product.id }, { id: photo.id }],
    });
  });

  it('reads the selection again when the panel changes the mode, and not for settings or an unknown mode', async () => {
    const { frame, product, photo } = selectMockup();
    await startPlugin();
    expect(fake.ui.ofType('selection')[0]).toMatchObject({ placeInto: 'new-layer', target: null });

    fake.ui.send({ type: 'save-settings', id: 1, patch: { seed: 7 } });
    fake.ui.send({ type: 'place-into', mode: 'page' });
    fake.ui.send({ type: 'place-into', mode: 'new-layer' });
    fake.ui.send({ type: 'place-into', mode: 'region' });
    const region = await fake.ui.waitFor('selection', (m) => m.version === 2);
    expect(region).toMatchObject({ placeInto: 'region', target: { id: product.id }, layers: [{ id: frame.id }, { id: photo.id }] });
    // The frame goes along as the first reference: its image follows.
    await fake.ui.waitFor('reference-image', (m) => m.version === 2 && m.id === frame.id);
    await fake.ui.waitFor('settings-stored');
    expect(fake.ui.ofType('selection')).toHaveLength(2);
    // The mode is the run's own: nothing of it is stored for the next run.
    expect(JSON.stringify(fake.clientStorage.peek(PREFERENCES_STORAGE_KEY))).not.toContain('region');
  });

  it('makes the designer’s pick the target and reads the selection again', async () => {
    const { product, photo } = selectMockup();
    await startPlugin();
    fake.ui.send({ type: 'place-into', mode: 'selected-layer' });
    await fake.ui.waitFor('selection', (m) => m.version === 2);
    fake.ui.send({ type: 'choose-target', layerId: photo.id });
    const picked = await fake.ui.waitFor('selection', (m) => m.version === 3);
    expect(picked).toMatchObject({ target: { id: photo.id }, layers: [{ id: product.id }] });
    expect(picked.targetChoices.map((choice) => choice.id)).toEqual([product.id, photo.id]);
    // Picking the target it already is changes nothing, so nothing is read again.
    fake.ui.send({ type: 'choose-target', layerId: photo.id });
    await fake.exportsSettledAsync();
    expect(fake.ui.ofType('selection')).toHaveLength(3);
  });
});
