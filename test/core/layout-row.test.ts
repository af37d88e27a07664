// The row a run's variations line up in (core/layout.ts placeRow, freeRowSlot) and their layer names.
import { describe, expect, it } from 'vitest';
import {
  MAX_RUN_TITLE,
  PLACEMENT_GAP_PX,
  SHORT_TITLE_MAX,
  freeRowSlot,
  isResultLayerName,
  layerNameFromPrompt,
  placeBeside,
  placeRow,
  resultLayerName,
  rowBounds,
  runTitle,
  shortTitle,
  type Rect,
} from '../../core/layout';
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

  it('moves the row below the references when a layer only its last slot would cover is in the way', () => {
    const anchor = { x: 0, y: 0, width: 100, height: 100 };
    // Free for one 1280 px layer after the references, but not for three.
    const blocker = { x: 100 + GAP + 2 * (SIZE.width + GAP), y: 0, width: 50, height: 50 };
    const origin = placeRow(SIZE, 3, anchor, CENTER, [blocker]);
    expect(origin).toEqual({ x: 0, y: 100 + GAP });
  });

  it('keeps room for the padding of its section', () => {
    const anchor = { x: 0, y: 50, width: 600, height: 400 };
    expect(placeRow(SIZE, 3, anchor, CENTER, [], GAP, 80)).toEqual({ x: 600 + GAP + 80, y: 50 + 80 });
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

const ONE = { index: 0, count: 1 };

describe('runTitle', () => {
  it('is the title the run brought (a preset’s label), trimmed', () => {
    expect(runTitle('Virtual try-on', '@model wearing @cloth, full-body fashion photo, studio light')).toBe('Virtual try-on');
    expect(runTitle('  Game asset\n', 'anything')).toBe('Game asset');
    expect(runTitle('x'.repeat(MAX_RUN_TITLE), 'anything')).toBe('x'.repeat(MAX_RUN_TITLE));
  });

  it('is the prompt’s short title when the run brought none, or none that is short text', () => {
    const prompt = '@model wearing @cloth in a sunlit garden with roses and a fountain at dusk';
    for (const title of [undefined, null, 42, ['Virtual try-on'], '', '   ', 'x'.repeat(MAX_RUN_TITLE + 1)]) {
      expect(runTitle(title, prompt)).toBe('model wearing cloth in a sunlit…');
    }
    expect(runTitle(undefined, '  ')).toBe('Generated image');
  });
});

describe('resultLayerName', () => {
  it('is the title alone for a single image without a seed', () => {
    expect(resultLayerName('Beach walk', ONE, null)).toBe('Beach walk');
  });

  it('says which of the run\u2019s variations it is, and its seed when the provider reported one', () => {
    expect(resultLayerName('Beach walk', { index: 0, count: 3 }, null)).toBe('Beach walk · 1 of 3');
    expect(resultLayerName('Beach walk', { index: 2, count: 3 }, '1236')).toBe('Beach walk · 3 of 3 · seed 1236');
    expect(resultLayerName('Beach walk', ONE, '7')).toBe('Beach walk · seed 7');
  });

  it('gives the variations of one run distinct names even with the same prompt and no seed', () => {
    const names = [0, 1, 2, 3].map((index) => resultLayerName('A long prompt about a room', { index, count: 4 }, null));
    expect(new Set(names).size).toBe(4);
  });

  it('keeps the title short: mentions lose their @, a long prompt is cut at a word', () => {
    const prompt = '@model wearing @cloth in a sunlit garden with roses and a fountain at dusk';
    expect(resultLayerName(runTitle(undefined, prompt), { index: 1, count: 3 }, '2147483647')).toBe(
      `${shortTitle(prompt)} · 2 of 3 · seed 2147483647`,
    );
    expect(shortTitle(prompt)).toBe('model wearing cloth in a sunlit…');
    expect(shortTitle(prompt).length).toBeLessThanOrEqual(SHORT_TITLE_MAX);
    expect(shortTitle('email me@home.com')).toBe('email me@home.com');
  });

  it('shows no seed that is not a plain number', () => {
    expect(resultLayerName('Beach walk', ONE, '')).toBe('Beach walk');
    expect(resultLayerName('Beach walk', ONE, 'abc<script>')).toBe('Beach walk');
    expect(resultLayerName('Beach walk', ONE, '1'.repeat(30))).toBe('Beach walk');
  });
});

describe('isResultLayerName', () => {
  it('knows the names it gives, and the ones earlier versions gave', () => {
    const prompt = '@model wearing @cloth in a sunlit garden with roses and a fountain at dusk';
    expect(isResultLayerName(resultLayerName(shortTitle(prompt), { index: 1, count: 3 }, '42'), prompt)).toBe(true);
    expect(isResultLayerName(resultLayerName(shortTitle(prompt), ONE, null), prompt)).toBe(true);
    expect(isResultLayerName(`${layerNameFromPrompt(prompt)} · seed 42`, prompt)).toBe(true);
    expect(isResultLayerName(layerNameFromPrompt(prompt), prompt)).toBe(true);
  });

  it('knows a result of a run titled by a preset by its place in the run or its seed', () => {
    const prompt = '@model wearing @cloth, full-body fashion photo, studio light';
    expect(isResultLayerName('Virtual try-on · 2 of 3', prompt)).toBe(true);
    expect(isResultLayerName('Virtual try-on · seed 42', prompt)).toBe(true);
  });

  it('does not take a name the designer gave for one of its own', () => {
    expect(isResultLayerName('Hero shot', 'Beach walk')).toBe(false);
    expect(isResultLayerName('Beach walk final', 'Beach walk')).toBe(false);
  });
});

describe('rowBounds', () => {
  it('holds the whole row and its padding', () => {
    expect(rowBounds({ x: 100, y: 50 }, SIZE, 3, GAP, 80)).toEqual({
      x: 20,
      y: -30,
      width: 3 * SIZE.width + 2 * GAP + 160,
      height: SIZE.height + 160,
    });
  });
});
