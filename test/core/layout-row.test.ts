// The row a run's variations line up in (core/layout.ts placeRow, freeRowSlot) and their layer names.
import { describe, expect, it } from 'vitest';
import { PLACEMENT_GAP_PX, freeRowSlot, generatedLayerName, placeBeside, placeRow, type Rect } from '../../core/layout';
import { randomInt, seededRandom } from '../support/seeded-random';

const SIZE = { width: 1280, height: 720 };
const CENTER = { x: 0, y: 0 };
const GAP = PLACEMENT_GAP_PX;

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('placeRow', () => {
  it('is placeBeside for a single layer', () => {
    const anchor = { x: 10, y: 20, width: 300, height: 400 };
    const obstacles = [{ x: 400, y: 0, width: 100, height: 100 }];
    expect(placeRow(SIZE, 1, anchor, CENTER, obstacles)).toEqual(placeBeside(SIZE, anchor, CENTER, obstacles));
  });

  it('starts right of the references, top-aligned, with room for the whole row', () => {
    const anchor = { x: 0, y: 50, width: 600, height: 400 };
    expect(placeRow(SIZE, 3, anchor, CENTER, [])).toEqual({ x: 600 + GAP, y: 50 });
  });

  it('centres the whole row on the viewport without references', () => {
    const width = 3 * SIZE.width + 2 * GAP;
    expect(placeRow(SIZE, 3, null, { x: 1000, y: 500 }, [])).toEqual({ x: Math.round(1000 - width / 2), y: 500 - SIZE.height / 2 });
  });

  it('moves the row past a layer that only its last slot would cover', () => {
    const anchor = { x: 0, y: 0, width: 100, height: 100 };
    // Free for one 1280 px layer after the references, but not for three.
    const blocker = { x: 100 + GAP + 2 * (SIZE.width + GAP), y: 0, width: 50, height: 50 };
    const origin = placeRow(SIZE, 3, anchor, CENTER, [blocker]);
    expect(origin).toEqual({ x: blocker.x + blocker.width + GAP, y: 0 });
  });
});

describe('freeRowSlot', () => {
  const origin = { x: 200, y: 40 };
  const slot = (index: number): Rect => ({ x: origin.x + index * (SIZE.width + GAP), y: origin.y, ...SIZE });

  it('takes the slots left to right as layers fill them', () => {
    const placed: Rect[] = [];
    for (let index = 0; index < 4; index += 1) {
      const position = freeRowSlot(origin, SIZE, 4, placed);
      expect(position).toEqual({ x: slot(index).x, y: origin.y });
      placed.push({ ...position!, ...SIZE });
    }
    expect(freeRowSlot(origin, SIZE, 4, placed)).toBeNull();
  });

  it('fills a slot left free again (a layer deleted or a placement undone) before later ones', () => {
    expect(freeRowSlot(origin, SIZE, 3, [slot(1), slot(2)])).toEqual({ x: slot(0).x, y: origin.y });
    expect(freeRowSlot(origin, SIZE, 3, [slot(0), slot(2)])).toEqual({ x: slot(1).x, y: origin.y });
  });

  it('counts a layer that only touches a slot as not in it, one that overlaps by a pixel as in it', () => {
    const touching = { x: origin.x - 50, y: origin.y, width: 50, height: 50 };
    expect(freeRowSlot(origin, SIZE, 2, [touching])).toEqual({ x: slot(0).x, y: origin.y });
    const overlapping = { ...touching, x: touching.x + 1 };
    expect(freeRowSlot(origin, SIZE, 2, [overlapping])).toEqual({ x: slot(1).x, y: origin.y });
  });

  it('lays any row out with equal y, x increasing by width + gap, none overlapping another or the obstacles', () => {
    const random = seededRandom(5);
    for (let round = 0; round < 50; round += 1) {
      const size = { width: randomInt(random, 100, 2000), height: randomInt(random, 100, 2000) };
      const count = randomInt(random, 1, 4);
      const obstacles = Array.from({ length: randomInt(random, 0, 6) }, () => ({
        x: randomInt(random, -3000, 3000),
        y: randomInt(random, -3000, 3000),
        width: randomInt(random, 10, 1500),
        height: randomInt(random, 10, 1500),
      }));
      const rowOrigin = placeRow(size, count, null, CENTER, obstacles);
      const placed: Rect[] = [];
      for (let index = 0; index < count; index += 1) {
        const position = freeRowSlot(rowOrigin, size, count, [...obstacles, ...placed]);
        expect(position).not.toBeNull();
        placed.push({ ...position!, ...size });
      }
      expect(new Set(placed.map((rect) => rect.y))).toEqual(new Set([rowOrigin.y]));
      placed.forEach((rect, index) => expect(rect.x).toBe(rowOrigin.x + index * (size.width + GAP)));
      for (const rect of placed) {
        for (const other of [...obstacles, ...placed]) if (other !== rect) expect(intersects(rect, other)).toBe(false);
      }
    }
  });
});

describe('generatedLayerName', () => {
  it('ends with the seed when the provider reported one', () => {
    expect(generatedLayerName('Beach walk', '1234')).toBe('Beach walk · seed 1234');
    expect(generatedLayerName('  ', '7')).toBe('Generated image · seed 7');
  });

  it('keeps the prompt part to its length rules', () => {
    const prompt = 'A wide sunlit interior with oak floors, linen sofas and a view over the harbour at dusk';
    expect(generatedLayerName(prompt, '2147483647')).toBe('A wide sunlit interior with oak floors, linen… · seed 2147483647');
  });

  it('is the prompt alone without a seed, or with a seed that is not a plain number', () => {
    expect(generatedLayerName('Beach walk', null)).toBe('Beach walk');
    expect(generatedLayerName('Beach walk', '')).toBe('Beach walk');
    expect(generatedLayerName('Beach walk', 'abc<script>')).toBe('Beach walk');
    expect(generatedLayerName('Beach walk', '1'.repeat(30))).toBe('Beach walk');
  });
});
