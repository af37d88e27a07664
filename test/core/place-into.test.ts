import { describe, expect, it } from 'vitest';
import {
  canBeTarget,
  FILLABLE_TYPES,
  NO_LAYER_TO_FILL,
  NO_REGION,
  pickTarget,
  placeTargetFor,
  sizeLabel,
  targetRatio,
} from '../../core/place-into';
import type { TargetCandidate } from '../../core/place-into';
import { aspectDistance, closestRatio, RUNWAY_RATIOS, SEGMIND_RATIOS } from '../../core/ratios';

function candidate(id: string, type: string, frameId: string | null = null): TargetCandidate {
  return { id, name: `Layer ${id}`, type, width: 400, height: 300, imageFill: false, frameId };
}

describe('canBeTarget', () => {
  it.each(FILLABLE_TYPES)('a %s can be filled', (type) => {
    expect(canBeTarget('selected-layer', candidate('1', type))).toBe(true);
  });

  it.each(['GROUP', 'TEXT', 'LINE', 'SECTION', 'SLICE', 'STICKY'])('a %s can’t be filled', (type) => {
    expect(canBeTarget('selected-layer', candidate('1', type))).toBe(false);
  });

  it('a region is a rectangle inside a frame, nothing else', () => {
    expect(canBeTarget('region', candidate('1', 'RECTANGLE', 'f'))).toBe(true);
    expect(canBeTarget('region', candidate('1', 'RECTANGLE'))).toBe(false);
    expect(canBeTarget('region', candidate('1', 'ELLIPSE', 'f'))).toBe(false);
    expect(canBeTarget('region', candidate('1', 'FRAME', 'f'))).toBe(false);
  });
});

describe('pickTarget', () => {
  const layers = [candidate('g', 'GROUP'), candidate('a', 'RECTANGLE', 'f'), candidate('b', 'FRAME'), candidate('c', 'RECTANGLE', 'f')];

  it('takes the first layer that can be the target, in selection order, and lists every choice', () => {
    const pick = pickTarget('selected-layer', layers, null);
    expect(pick).toEqual({ ok: true, target: layers[1], choices: [layers[1], layers[2], layers[3]] });
  });

  it('takes the designer’s choice when it can be the target', () => {
    expect(pickTarget('selected-layer', layers, 'b')).toMatchObject({ ok: true, target: { id: 'b' } });
    expect(pickTarget('region', layers, 'c')).toMatchObject({ ok: true, target: { id: 'c' } });
  });

  it('passes over a choice that can’t be the target in this mode, or is gone', () => {
    expect(pickTarget('region', layers, 'b')).toMatchObject({ ok: true, target: { id: 'a' } });
    expect(pickTarget('selected-layer', layers, 'g')).toMatchObject({ ok: true, target: { id: 'a' } });
    expect(pickTarget('selected-layer', layers, 'deleted')).toMatchObject({ ok: true, target: { id: 'a' } });
  });

  it('says what to select when nothing can be the target', () => {
    expect(pickTarget('selected-layer', [], null)).toEqual({ ok: false, problem: NO_LAYER_TO_FILL });
    expect(pickTarget('selected-layer', [candidate('t', 'TEXT')], null)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Also select a shape or frame to fill/),
    });
    expect(pickTarget('region', [], null)).toEqual({ ok: false, problem: NO_REGION });
    expect(pickTarget('region', [candidate('t', 'TEXT', 'f')], null)).toEqual({ ok: false, problem: NO_REGION });
    expect(pickTarget('region', [candidate('r', 'RECTANGLE')], null)).toEqual({
      ok: false,
      problem: `“Layer r” is not inside a frame. ${NO_REGION}`,
    });
  });
});

describe('placeTargetFor', () => {
  const target = { id: '4:5', name: 'Product', width: 400, height: 300, imageFill: true };

  it('New layer needs no target', () => {
    expect(placeTargetFor('new-layer', null)).toEqual({ kind: 'new-layer' });
    expect(placeTargetFor('new-layer', target)).toEqual({ kind: 'new-layer' });
  });

  it('the other modes name the target’s layer, or have nowhere to go without one', () => {
    expect(placeTargetFor('selected-layer', target)).toEqual({ kind: 'selected-layer', nodeId: '4:5' });
    expect(placeTargetFor('region', target)).toEqual({ kind: 'region', nodeId: '4:5' });
    expect(placeTargetFor('region', null)).toBeNull();
  });
});

describe('targetRatio: the offered ratio closest to the target’s shape', () => {
  it.each([
    [400, 300, '1104:832'],
    [300, 400, '832:1104'],
    [500, 500, '960:960'],
    [1000, 200, '1584:672'],
    [160, 900, '720:1280'],
    [1920, 1080, '1280:720'],
  ])('Segmind: %d × %d → %s', (width, height, ratio) => {
    expect(targetRatio(SEGMIND_RATIOS, { id: '1', name: 'T', width, height, imageFill: false })?.value).toBe(ratio);
  });

  it('Runway: a 4:3 region gets the first listed of its exact 4:3 sizes', () => {
    expect(targetRatio(RUNWAY_RATIOS, { id: '1', name: 'T', width: 400, height: 300, imageFill: false })?.value).toBe('1440:1080');
  });

  it('is null without a target or without an area', () => {
    expect(targetRatio(SEGMIND_RATIOS, null)).toBeNull();
    expect(targetRatio(SEGMIND_RATIOS, { id: '1', name: 'Line', width: 300, height: 0, imageFill: false })).toBeNull();
  });
});

describe('closestRatio and aspectDistance', () => {
  it('measures wider and taller alike', () => {
    expect(aspectDistance({ width: 2, height: 1 }, { width: 1, height: 1 })).toBeCloseTo(
      aspectDistance({ width: 1, height: 2 }, { width: 1, height: 1 }),
    );
  });

  it('takes the first listed on a tie and has nothing to offer from no options', () => {
    const square = [
      { value: '720:720', width: 720, height: 720, hint: '' },
      { value: '1024:1024', width: 1024, height: 1024, hint: '' },
    ];
    expect(closestRatio(square, { width: 3, height: 3 })?.value).toBe('720:720');
    expect(closestRatio([], { width: 3, height: 3 })).toBeNull();
  });
});

describe('sizeLabel', () => {
  it('rounds to two decimals', () => {
    expect(sizeLabel({ width: 400, height: 300 })).toBe('400 × 300');
    expect(sizeLabel({ width: 120.456, height: 80.5 })).toBe('120.46 × 80.5');
  });
});
