// The entry started from a generated layer's Iterate button: init, then how the layer was made, then the
// re-selected references as the one selection the panel sees; History comes at every start.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GENERATION_DATA_KEY } from '../../src/generated-layer';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
  vi.resetModules();
});
afterEach(removeFakeFigmaAsync);

describe('main: started with Iterate', () => {
  it('sends init, then iterate, then one selection of the references', async () => {
    const model = fake.add({ name: 'Model' });
    const cloth = fake.add({ name: 'Cloth' });
    const result = fake.add({ name: 'Result' });
    result.setPluginData(
      GENERATION_DATA_KEY,
      JSON.stringify({
        prompt: '@model in @cloth',
        ratio: '960:960',
        references: [
          { tag: 'model', layerId: model.id, layerName: 'Model' },
          { tag: 'cloth', layerId: cloth.id, layerName: 'Cloth' },
        ],
        provider: 'segmind',
        model: 'runway-gen4-image',
        seed: null,
        createdAt: '2025-01-01T00:00:00.000Z',
      }),
    );
    fake.select(result);
    fake.launch = { command: 'iterate' };

    await import('../../src/main');
    await fake.ui.waitFor('history');
    await fake.ui.waitFor('reference-image', (m) => m.id === cloth.id);
    expect(fake.ui.posted.map((m) => m.type).filter((type) => type !== 'reference-image')).toEqual([
      'init',
      'iterate',
      'selection',
      'history',
    ]);
    expect(fake.ui.ofType('iterate')[0]).toMatchObject({ found: true, tags: { [model.id]: 'model', [cloth.id]: 'cloth' } });
    expect(fake.ui.ofType('selection')[0]?.layers.map((layer) => layer.id)).toEqual([model.id, cloth.id]);
    expect(fake.currentPage.selection).toEqual([model, cloth]);
  });

  it('opens as usual, without iterate, from the menu', async () => {
    const result = fake.add({ name: 'Result' });
    fake.select(result);
    await import('../../src/main');
    await fake.ui.waitFor('history');
    expect(fake.ui.ofType('iterate')).toEqual([]);
    expect(fake.currentPage.selection).toEqual([result]);
  });
});
