import { describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../../core/place-into';
import type { IterateStart } from '../../../core/protocol';
import { planIterate } from '../../../ui/state/iterate';
import { NO_REFERENCES, referencesReducer } from '../../../ui/state/references';

const START: IterateStart = {
  found: true,
  prompt: '@model in @room',
  ratio: '1280:720',
  provider: 'runway',
  model: 'gen4_image',
  seed: '12',
  placeInto: 'new-layer',
  tags: { '1:1': 'model' },
  missing: [],
};
const seedless = () => false;
const seeded = () => true;

describe('planIterate', () => {
  it('switches to the layer’s provider, model and ratio and fixes its seed where the model takes one', () => {
    expect(planIterate(START, seeded)).toEqual({
      prompt: '@model in @room',
      patch: { provider: 'runway', model: { provider: 'runway', model: 'gen4_image' }, ratio: { model: 'gen4_image', ratio: '1280:720' } },
      seed: '12',
      tags: { '1:1': 'model' },
      placeInto: 'new-layer',
      notice: null,
    });
    expect(planIterate(START, seedless).seed).toBeNull();
    expect(planIterate({ ...START, seed: 'not a number' }, seeded).seed).toBeNull();
    expect(planIterate({ ...START, seed: null }, seeded).seed).toBeNull();
  });

  it('names deleted references and those on another page', () => {
    const plan = planIterate(
      {
        ...START,
        missing: [
          { tag: 'cloth', layerName: 'Cloth', where: 'deleted' },
          { tag: 'room', layerName: 'Living room', where: 'other-page' },
        ],
      },
      seeded,
    );
    expect(plan.notice).toBe(
      '“Cloth” no longer exists: select a replacement for @cloth. “Living room” is on another page: select it there, or a replacement for @room here.',
    );
  });

  it('asks for an image-file reference to be added again', () => {
    const plan = planIterate({ ...START, missing: [{ tag: 'Red_dress', layerName: 'Red dress.png', where: 'file' }] }, seeded);
    expect(plan.notice).toBe('@Red_dress was the file “Red dress.png”: add it again (drop, paste or Add image…).');
  });

  it('keeps the current model when the layer’s is not one this version offers, and says so', () => {
    const plan = planIterate({ ...START, provider: 'acme', model: 'future-model' }, seeded);
    expect(plan).toMatchObject({ prompt: '@model in @room', patch: null, seed: null });
    expect(plan.notice).toBe('This layer was made with “future-model” (acme), which this version doesn’t offer: choose a model.');
  });

  it('keeps the model but not a ratio it does not offer', () => {
    const plan = planIterate({ ...START, provider: 'segmind', model: 'runway-gen4-image', ratio: '720:720' }, seedless);
    expect(plan.patch).toEqual({ provider: 'segmind', model: { provider: 'segmind', model: 'runway-gen4-image' } });
    expect(plan.notice).toBe('720:720 is not a ratio this model offers: pick one.');
  });

  it('passes on why there is nothing to iterate on', () => {
    expect(planIterate({ found: false, message: 'Nothing selected.' }, seeded)).toEqual({
      prompt: null,
      patch: null,
      seed: null,
      tags: {},
      placeInto: 'new-layer',
      notice: 'Nothing selected.',
    });
  });
});

describe('referencesReducer: prefer-tags', () => {
  const snapshot = (version: number, ids: string[]) => ({
    type: 'snapshot' as const,
    snapshot: {
      version,
      layers: ids.map((id) => ({ id, name: `Layer ${id}`, width: 10, height: 10, savedTag: null, tagBase: `Layer ${id}` })),
      skipped: [],
      ...NO_TARGET,
    },
  });

  it('gives cards that arrive later their saved tags, kept like typed ones', () => {
    let state = referencesReducer(NO_REFERENCES, { type: 'prefer-tags', tags: { '1:1': 'hero', '1:2': 'jacket' } });
    state = referencesReducer(state, snapshot(1, ['1:1', '1:3']));
    expect(state.cards.map((card) => card.tag)).toEqual(['hero', 'Layer_1_3']);
    state = referencesReducer(state, snapshot(2, ['1:2', '1:1']));
    expect(state.cards.map((card) => card.tag)).toEqual(['jacket', 'hero']);
  });

  it('retags cards already shown', () => {
    let state = referencesReducer(NO_REFERENCES, snapshot(1, ['1:1']));
    state = referencesReducer(state, { type: 'prefer-tags', tags: { '1:1': 'hero' } });
    expect(state.cards.map((card) => card.tag)).toEqual(['hero']);
  });
});
