import { describe, expect, it } from 'vitest';
import { RUNWAY_MODELS } from '../../../core/models';
import { segmindProvider } from '../../../ui/providers/segmind';
import {
  cheapestPrice,
  checkCost,
  effectiveLimit,
  estimateText,
  overLimitText,
  priceKey,
  pricePerImage,
  seePrice,
  type CostCheck,
} from '../../../ui/state/cost-guard';

const [GEN4_IMAGE, GEN4_TURBO] = RUNWAY_MODELS;
const [SEGMIND] = segmindProvider.models;
if (!GEN4_IMAGE || !GEN4_TURBO || !SEGMIND) throw new Error('the providers lost their models');

describe('pricePerImage', () => {
  it("takes Runway's published prices per ratio tier", () => {
    expect(pricePerImage('runway', GEN4_IMAGE, '1920:1080', {})).toBe(8);
    expect(pricePerImage('runway', GEN4_IMAGE, '1280:720', {})).toBe(5);
    expect(pricePerImage('runway', GEN4_TURBO, '1920:1080', {})).toBe(2);
  });

  it("knows Segmind's price only from an answer for the same model and ratio", () => {
    expect(pricePerImage('segmind', SEGMIND, '1280:720', {})).toBeNull();
    const seen = { [priceKey('segmind', SEGMIND.id, '1280:720')]: 0.5 };
    expect(pricePerImage('segmind', SEGMIND, '1280:720', seen)).toBe(0.5);
    expect(pricePerImage('segmind', SEGMIND, '960:960', seen)).toBeNull();
    expect(pricePerImage('runway', SEGMIND, '1280:720', seen)).toBeNull();
  });

  it('estimates a ratio not run yet at the last price reported for the model, per provider', () => {
    let seen = seePrice({}, { provider: 'segmind', model: SEGMIND.id, ratio: '1280:720' }, 0.5);
    expect(pricePerImage('segmind', SEGMIND, '960:960', seen)).toBe(0.5);
    seen = seePrice(seen, { provider: 'segmind', model: SEGMIND.id, ratio: '960:960' }, 0.4);
    // Each ratio keeps its own last price; one not run yet takes the latest.
    expect(pricePerImage('segmind', SEGMIND, '1280:720', seen)).toBe(0.5);
    expect(pricePerImage('segmind', SEGMIND, '960:960', seen)).toBe(0.4);
    expect(pricePerImage('segmind', SEGMIND, '1584:672', seen)).toBe(0.4);
    expect(pricePerImage('runway', SEGMIND, '1584:672', seen)).toBeNull();
    expect(
      estimateText(checkCost({ count: 2, price: pricePerImage('segmind', SEGMIND, '1584:672', seen), cheapest: 0.4, limit: null })),
    ).toBe('About 0.8 credits for 2 generations');
  });

  it('prefers the published price to a reported one', () => {
    expect(pricePerImage('runway', GEN4_IMAGE, '1920:1080', { [priceKey('runway', 'gen4_image', '1920:1080')]: 3 })).toBe(8);
  });
});

describe('cheapestPrice and the default limit', () => {
  it("is the model's cheapest ratio", () => {
    expect(cheapestPrice('runway', GEN4_IMAGE, {})).toBe(5);
    expect(cheapestPrice('runway', GEN4_TURBO, {})).toBe(2);
    expect(effectiveLimit(null, 5)).toBe(20);
    expect(effectiveLimit(null, 2)).toBe(8);
  });

  it('is unknown for Segmind until an answer reported one', () => {
    expect(cheapestPrice('segmind', SEGMIND, {})).toBeNull();
    expect(effectiveLimit(null, null)).toBeNull();
    expect(cheapestPrice('segmind', SEGMIND, { [priceKey('segmind', SEGMIND.id, '960:960')]: 0.7 })).toBe(0.7);
  });

  it("is the designer's limit when one is set", () => {
    expect(effectiveLimit(12, 5)).toBe(12);
    expect(effectiveLimit(12, null)).toBe(12);
  });
});

describe('checkCost', () => {
  it('asks for 4 × 1080p on gen4_image (32 > 4 × 5)', () => {
    expect(checkCost({ count: 4, price: 8, cheapest: 5, limit: null })).toEqual({ kind: 'over', count: 4, credits: 32, limit: 20 });
  });

  it('never asks at the default for turbo (4 × 2 is not over 8) nor for 4 × 720p', () => {
    expect(checkCost({ count: 4, price: 2, cheapest: 2, limit: null })).toEqual({ kind: 'within', count: 4, credits: 8 });
    expect(checkCost({ count: 4, price: 5, cheapest: 5, limit: null })).toEqual({ kind: 'within', count: 4, credits: 20 });
    expect(checkCost({ count: 2, price: 8, cheapest: 5, limit: null }).kind).toBe('within');
  });

  it("uses the designer's limit, asking only above it", () => {
    expect(checkCost({ count: 2, price: 8, cheapest: 5, limit: 16 }).kind).toBe('within');
    expect(checkCost({ count: 2, price: 8, cheapest: 5, limit: 15.5 })).toEqual({ kind: 'over', count: 2, credits: 16, limit: 15.5 });
  });

  it('never asks when the price is unknown, whatever the limit', () => {
    expect(checkCost({ count: 4, price: null, cheapest: null, limit: 1 })).toEqual({ kind: 'unknown', count: 4 });
  });

  it('adds prices without binary noise', () => {
    expect(checkCost({ count: 3, price: 0.1, cheapest: 0.1, limit: null })).toEqual({ kind: 'within', count: 3, credits: 0.3 });
  });
});

describe('the words', () => {
  it.each<[CostCheck, string]>([
    [{ kind: 'within', count: 1, credits: 8 }, 'About 8 credits'],
    [{ kind: 'within', count: 1, credits: 1 }, 'About 1 credit'],
    [{ kind: 'within', count: 3, credits: 1.5 }, 'About 1.5 credits for 3 generations'],
    [{ kind: 'over', count: 4, credits: 32, limit: 20 }, 'About 32 credits for 4 generations'],
    [{ kind: 'unknown', count: 4 }, '4 generations, price unknown until the first run'],
    [{ kind: 'unknown', count: 1 }, '1 generation, price unknown until the first run'],
  ])('%j → %s', (check, text) => {
    expect(estimateText(check)).toBe(text);
  });

  it('asks with the cost and the limit', () => {
    expect(overLimitText({ kind: 'over', count: 4, credits: 32, limit: 20 })).toBe(
      'This run costs about 32 credits, over your limit of 20.',
    );
  });
});
