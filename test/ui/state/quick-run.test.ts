import { describe, expect, it } from 'vitest';
import type { GenerationFailure } from '../../../ui/providers/provider';
import { quickOutcome, quickStep } from '../../../ui/state/quick-run';
import type { QuickView } from '../../../ui/state/quick-run';
import { NO_REFERENCES } from '../../../ui/state/references';
import type { ReferenceCard, ReferencesState } from '../../../ui/state/references';
import { IDLE } from '../../../ui/state/run';
import type { Generation, RunState, Variation } from '../../../ui/state/run';

function card(id: string, tag: string, image: ReferenceCard['image']): ReferenceCard {
  return { id, name: tag, tag, image };
}

function references(...cards: ReferenceCard[]): ReferencesState {
  return { ...NO_REFERENCES, version: 1, cards };
}

const READY = { state: 'ready', uri: 'data:image/jpeg;base64,AA==' } as const;

/** A quick run's view; every card is sent unless `sent` says otherwise. */
function view(overrides: Partial<QuickView> = {}): QuickView {
  const shown = overrides.references ?? references(card('1:1', 'Model', READY));
  return {
    references: shown,
    sent: shown.cards,
    tags: ['Model'],
    prompt: '@Model on a beach',
    blockers: [],
    cost: { kind: 'within', count: 1, credits: 8 },
    ...overrides,
  };
}

describe('quickStep', () => {
  it('waits for the first selection and for every reference still exporting or preparing', () => {
    expect(quickStep(view({ references: NO_REFERENCES }))).toEqual({ kind: 'wait' });
    expect(quickStep(view({ references: references(card('1:1', 'Model', { state: 'exporting' })) }))).toEqual({ kind: 'wait' });
    expect(quickStep(view({ references: references(card('1:1', 'Model', READY), card('1:2', 'Dog', { state: 'preparing' })) }))).toEqual({
      kind: 'wait',
    });
  });

  it('does not wait for a card left out of the request', () => {
    const shown = references(card('1:1', 'Model', READY), card('1:2', 'Dog', { state: 'preparing' }));
    expect(quickStep(view({ references: shown, sent: shown.cards.slice(0, 1) }))).toEqual({ kind: 'generate' });
  });

  it('generates when nothing stands in the way', () => {
    expect(quickStep(view())).toEqual({ kind: 'generate' });
  });

  it("refuses with the panel's first blocker, then an unknown @tag, then a cost over the limit", () => {
    expect(quickStep(view({ prompt: '@Cat', blockers: ['Save your Segmind API key in Settings.', 'Write a prompt.'] }))).toEqual({
      kind: 'fail',
      message: 'Save your Segmind API key in Settings.',
    });
    expect(quickStep(view({ prompt: '@Cat', cost: { kind: 'over', count: 1, credits: 8, limit: 2 } }))).toEqual({
      kind: 'fail',
      message: '@Cat is not a selected layer’s tag: the tags are @Model.',
    });
    expect(quickStep(view({ cost: { kind: 'over', count: 1, credits: 8, limit: 2 } }))).toEqual({
      kind: 'fail',
      message: 'It costs about 8 credits, over your limit of 2: generate from the panel.',
    });
  });
});

const GENERATION: Generation = {
  bytes: new Uint8Array([1]),
  prompt: '@Model',
  ratio: '960:960',
  provider: 'segmind',
  model: 'runway-gen4-image',
  references: [],
  seed: null,
  target: { kind: 'new-layer' },
  batch: { batchId: 1, index: 0, count: 1 },
};
const CREDITS: GenerationFailure = { kind: 'credits', message: 'Segmind has no credits left for this key.' };

function run(...variations: Variation[]): RunState {
  return { phase: 'run', startedAt: 0, cancelling: false, variations };
}

describe('quickOutcome', () => {
  it('has none before the run and while anything is being made or placed', () => {
    expect(quickOutcome(IDLE)).toBeNull();
    expect(quickOutcome(run({ phase: 'running', progress: null }))).toBeNull();
    expect(quickOutcome(run({ phase: 'placed', name: 'A' }, { phase: 'placing', requestId: 3, generation: GENERATION }))).toBeNull();
  });

  it('is done with the first layer placed, even when another variation failed', () => {
    expect(quickOutcome(run({ phase: 'failed', failure: CREDITS }, { phase: 'placed', name: 'Model' }))).toEqual({
      type: 'quick-done',
      payload: {},
    });
  });

  it("fails with the first failure's message otherwise", () => {
    expect(quickOutcome(run({ phase: 'failed', failure: CREDITS }))).toEqual({
      type: 'quick-failed',
      payload: { message: 'Segmind has no credits left for this key.' },
    });
    expect(quickOutcome(run({ phase: 'place-failed', message: 'Figma refused the image.', generation: GENERATION }))).toEqual({
      type: 'quick-failed',
      payload: { message: 'Figma refused the image.' },
    });
  });
});
