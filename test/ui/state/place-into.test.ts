import { describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../../core/place-into';
import { FINDING_TARGET, placingNote, targetFor, snapshotTargetOf, variationTarget } from '../../../ui/state/place-into';

const PRODUCT = { id: '2:1', name: 'Product', width: 400, height: 300, imageFill: true };
const read = { placeInto: 'selected-layer', target: PRODUCT, targetProblem: null, targetChoices: [PRODUCT] } as const;

describe('targetFor', () => {
  it('New layer has no target, whatever the snapshot says', () => {
    expect(targetFor('new-layer', read)).toEqual({ target: null, problem: null, choices: [] });
  });

  it('takes the snapshot’s target when it was read for the same mode', () => {
    expect(targetFor('selected-layer', read)).toEqual({ target: PRODUCT, problem: null, choices: [PRODUCT] });
  });

  it('passes on why there is none', () => {
    const none = { ...read, target: null, targetProblem: 'Select the layer to fill as well as the references.', targetChoices: [] };
    expect(targetFor('selected-layer', none)).toEqual({ target: null, problem: none.targetProblem, choices: [] });
  });

  it('knows nothing yet from a snapshot read for another mode, or before any', () => {
    expect(targetFor('region', read)).toEqual({ target: null, problem: FINDING_TARGET, choices: [] });
    expect(targetFor('region')).toEqual({ target: null, problem: FINDING_TARGET, choices: [] });
  });
});

describe('snapshotTargetOf', () => {
  it('keeps only the target part of a snapshot', () => {
    expect(snapshotTargetOf({ version: 4, layers: [], skipped: [], ...read })).toEqual(read);
    expect(snapshotTargetOf({ version: 4, layers: [], skipped: [], ...NO_TARGET })).toEqual(NO_TARGET);
  });
});

describe('variationTarget', () => {
  it('fills a selected layer with the first variation only; the others become new layers', () => {
    const target = { kind: 'selected-layer', nodeId: '2:1' } as const;
    expect(variationTarget(target, 0)).toBe(target);
    expect(variationTarget(target, 1)).toEqual({ kind: 'new-layer' });
    expect(variationTarget(target, 3)).toEqual({ kind: 'new-layer' });
  });

  it('puts every variation of a region over the region, and new layers stay new layers', () => {
    const region = { kind: 'region', nodeId: '3:4' } as const;
    expect(variationTarget(region, 2)).toBe(region);
    expect(variationTarget({ kind: 'new-layer' }, 2)).toEqual({ kind: 'new-layer' });
  });
});

describe('placingNote', () => {
  it('names the layer whose image a Selected layer run replaces, and what becomes of the other variations', () => {
    expect(placingNote('selected-layer', PRODUCT, 1)).toBe('Replaces the image of “Product”.');
    expect(placingNote('selected-layer', PRODUCT, 2)).toBe(
      'Replaces the image of “Product”; the other variation becomes a new layer beside it.',
    );
    expect(placingNote('selected-layer', PRODUCT, 4)).toBe(
      'Replaces the image of “Product”; the other 3 variations become new layers beside it.',
    );
  });

  it('says a layer without an image is filled', () => {
    expect(placingNote('selected-layer', { ...PRODUCT, imageFill: false }, 1)).toBe('Fills “Product” with the image.');
  });

  it('is null when nothing existing changes: New layer, Region, or no target yet', () => {
    expect(placingNote('new-layer', PRODUCT, 1)).toBeNull();
    expect(placingNote('region', PRODUCT, 1)).toBeNull();
    expect(placingNote('selected-layer', null, 1)).toBeNull();
  });
});
