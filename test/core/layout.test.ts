import { describe, expect, it } from 'vitest';
import { PLACEMENT_GAP_PX, boundsOf, layerNameFromPrompt, placeBeside, type Rect } from '../../core/layout';
import { randomInt, seededRandom } from '../support/seeded-random';

/** True when the two rectangles share any area (touching edges do not count). */
function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Grows `r` by `margin` on every side. */
function grown(r: Rect, margin: number): Rect {
  return { x: r.x - margin, y: r.y - margin, width: r.width + 2 * margin, height: r.height + 2 * margin };
}

/** False when `text` holds half of a surrogate pair on its own. */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

const NO_CENTER = { x: 0, y: 0 };

describe('boundsOf', () => {
  it('is null for no rectangles', () => {
    expect(boundsOf([])).toBeNull();
  });
  it('is the rectangle itself for one', () => {
    expect(boundsOf([{ x: 10, y: 20, width: 30, height: 40 }])).toEqual({ x: 10, y: 20, width: 30, height: 40 });
  });
  it('spans separate rectangles', () => {
    expect(
      boundsOf([
        { x: 0, y: 0, width: 100, height: 50 },
        { x: 300, y: 200, width: 50, height: 100 },
      ]),
    ).toEqual({ x: 0, y: 0, width: 350, height: 300 });
  });
  it('handles negative coordinates and nested rectangles', () => {
    expect(
      boundsOf([
        { x: -100, y: -50, width: 400, height: 300 },
        { x: 0, y: 0, width: 10, height: 10 },
        { x: 250, y: -80, width: 100, height: 20 },
      ]),
    ).toEqual({ x: -100, y: -80, width: 450, height: 330 });
  });
});

describe('placeBeside — with an anchor', () => {
  const anchor: Rect = { x: 100, y: 200, width: 300, height: 150 };
  const size = { width: 1280, height: 720 };

  it('goes to the right of the anchor with the gap, top-aligned', () => {
    expect(PLACEMENT_GAP_PX).toBe(80);
    expect(placeBeside(size, anchor, NO_CENTER, [])).toEqual({ x: 100 + 300 + 80, y: 200 });
  });

  it('uses the gap it is given', () => {
    expect(placeBeside(size, anchor, NO_CENTER, [], 20)).toEqual({ x: 420, y: 200 });
  });

  it('ignores the centre when there is an anchor', () => {
    expect(placeBeside(size, anchor, { x: 9999, y: -9999 }, [])).toEqual({ x: 480, y: 200 });
  });

  it('ignores obstacles that are far away', () => {
    const far: Rect[] = [
      { x: 480, y: 2000, width: 500, height: 500 }, // below
      { x: 480, y: -1000, width: 500, height: 500 }, // above
      { x: -2000, y: 200, width: 500, height: 500 }, // left
    ];
    expect(placeBeside(size, anchor, NO_CENTER, far)).toEqual({ x: 480, y: 200 });
  });

  it('does not treat the anchor itself as in the way', () => {
    expect(placeBeside(size, anchor, NO_CENTER, [anchor])).toEqual({ x: 480, y: 200 });
  });

  it('skips past an obstacle in the way, keeping the gap', () => {
    const wall: Rect = { x: 600, y: 0, width: 200, height: 1000 };
    expect(placeBeside(size, anchor, NO_CENTER, [wall])).toEqual({ x: 600 + 200 + 80, y: 200 });
  });

  it('goes below, left-aligned, when an obstacle is only within the gap of the right spot and below is free', () => {
    // Ends 40 px above the right spot's top edge: closer than the gap.
    const near: Rect = { x: 500, y: 60, width: 100, height: 100 };
    expect(placeBeside(size, anchor, NO_CENTER, [near])).toEqual({ x: 100, y: 200 + 150 + 80 });
  });

  it('stays put when an obstacle is exactly one gap away', () => {
    // Ends exactly 80 px above the spot.
    const clear: Rect = { x: 500, y: 20, width: 100, height: 100 };
    expect(placeBeside(size, anchor, NO_CENTER, [clear])).toEqual({ x: 480, y: 200 });
  });

  it('skips a chain of obstacles, each pushing it into the next', () => {
    // Each obstacle is clear of the spot before the previous move, and in the way after it.
    // Given out of order, to show order does not matter.
    const chain: Rect[] = [
      { x: 3000, y: 500, width: 100, height: 100 },
      { x: 500, y: 200, width: 1000, height: 100 },
      { x: 2000, y: 800, width: 500, height: 50 },
    ];
    // Below is free: the nearest spot, not past the whole chain.
    expect(placeBeside(size, anchor, NO_CENTER, chain)).toEqual({ x: 100, y: 430 });
    // With below taken too, the right spot slides past the chain.
    const floor: Rect = { x: -5000, y: 1000, width: 7000, height: 5000 };
    expect(placeBeside(size, anchor, NO_CENTER, [...chain, floor])).toEqual({ x: 3000 + 100 + 80, y: 200 });
  });

  it('slides past the furthest of several obstacles hit at once, taking the shorter slide (here down, below)', () => {
    const hits: Rect[] = [
      { x: 500, y: 300, width: 100, height: 100 },
      { x: 700, y: 500, width: 400, height: 100 },
    ];
    // Right: past both to x 1180 (a slide of 700); below: down past both to y 680 (a slide of 250).
    expect(placeBeside(size, anchor, NO_CENTER, hits)).toEqual({ x: 100, y: 680 });
  });

  it('prefers the right when it is as near as below', () => {
    const besideBoth: Rect = { x: 480, y: 200 + 720 + 80, width: 10, height: 10 };
    expect(placeBeside(size, anchor, NO_CENTER, [besideBoth])).toEqual({ x: 480, y: 200 });
  });

  it('lands near its references on a crowded page, not right of everything on it', () => {
    // A long row of boards to the right, as on a busy design page; free space below the references.
    const boards: Rect[] = Array.from({ length: 10 }, (_, i) => ({ x: 600 + i * 2000, y: 0, width: 1800, height: 1000 }));
    const spot = placeBeside(size, anchor, NO_CENTER, boards);
    expect(spot.x).toBeLessThan(600);
  });
});

describe('placeBeside — without an anchor', () => {
  it('centres the layer on the given point', () => {
    expect(placeBeside({ width: 1280, height: 720 }, null, { x: 1000, y: 500 }, [])).toEqual({ x: 360, y: 140 });
  });

  it('rounds the centred position to whole pixels', () => {
    expect(placeBeside({ width: 101, height: 51 }, null, { x: 0, y: 0 }, [])).toEqual({ x: -50, y: -25 });
  });

  it('moves right past an obstacle under the centre, keeping its row', () => {
    const under: Rect = { x: 0, y: 0, width: 2000, height: 2000 };
    expect(placeBeside({ width: 1280, height: 720 }, null, { x: 1000, y: 500 }, [under])).toEqual({ x: 2080, y: 140 });
  });
});

describe('placeBeside — random pages', () => {
  it('never overlaps an obstacle, nor comes within the gap of one', () => {
    const random = seededRandom(42);
    for (let n = 0; n < 500; n += 1) {
      const obstacles: Rect[] = Array.from({ length: randomInt(random, 0, 30) }, () => ({
        x: randomInt(random, -3000, 6000),
        y: randomInt(random, -3000, 3000),
        width: randomInt(random, 1, 1500),
        height: randomInt(random, 1, 1500),
      }));
      const anchor: Rect | null =
        random() < 0.8
          ? {
              x: randomInt(random, -2000, 2000),
              y: randomInt(random, -2000, 2000),
              width: randomInt(random, 1, 800),
              height: randomInt(random, 1, 800),
            }
          : null;
      const center = { x: randomInt(random, -2000, 2000), y: randomInt(random, -2000, 2000) };
      const size = { width: randomInt(random, 1, 2000), height: randomInt(random, 1, 2000) };
      const spot = placeBeside(size, anchor, center, obstacles);
      const placed: Rect = { ...spot, ...size };
      const context = JSON.stringify({ size, anchor, center, obstacles, spot });

      for (const obstacle of obstacles) {
        expect(intersects(placed, obstacle), context).toBe(false);
        expect(intersects(placed, grown(obstacle, PLACEMENT_GAP_PX - 1)), context).toBe(false);
      }
      // It slides right or down from the spot right of the anchor (or the centred one), or from the one below it.
      const first = anchor
        ? { x: anchor.x + anchor.width + PLACEMENT_GAP_PX, y: anchor.y }
        : { x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2) };
      const starts = anchor ? [first, { x: anchor.x, y: anchor.y + anchor.height + PLACEMENT_GAP_PX }] : [first];
      const fromStart = starts.some((start) => (spot.y === start.y && spot.x >= start.x) || (spot.x === start.x && spot.y >= start.y));
      expect(fromStart, context).toBe(true);
      if (obstacles.length === 0) expect(spot, context).toEqual(first);
    }
  });
});

describe('layerNameFromPrompt', () => {
  describe('short prompts', () => {
    it('keeps them as they are', () => {
      expect(layerNameFromPrompt('A red chair')).toBe('A red chair');
    });
    it('keeps exactly 48 characters', () => {
      const prompt = 'x'.repeat(48);
      expect(layerNameFromPrompt(prompt)).toBe(prompt);
    });
  });

  describe('whitespace', () => {
    it('folds newlines, tabs and runs of spaces into one space, and trims', () => {
      expect(layerNameFromPrompt('  @Model wears\n\n@Dress\t on   the beach \n')).toBe('@Model wears @Dress on the beach');
    });
    it.each(['', '   ', '\n\t\n'])('names an empty prompt %j "Generated image"', (prompt) => {
      expect(layerNameFromPrompt(prompt)).toBe('Generated image');
    });
  });

  describe('long prompts', () => {
    const prompt = 'A designer chair in a sunlit loft with concrete walls and tall windows at golden hour';

    it('cuts at a word and ends with …, within 48 characters', () => {
      const name = layerNameFromPrompt(prompt);
      expect(name).toBe('A designer chair in a sunlit loft with concrete…');
      expect(name.length).toBeLessThanOrEqual(48);
    });

    it('keeps a word that ends right at the cut', () => {
      // "…walls" ends at character 47; the space after it is the 48th.
      const text = `${'abcde '.repeat(7)}walls and more`;
      expect(text.charAt(47)).toBe(' ');
      expect(layerNameFromPrompt(text)).toBe(`${'abcde '.repeat(7)}walls…`);
    });

    it('cuts inside a word when the only space is too early', () => {
      const name = layerNameFromPrompt(`Go ${'x'.repeat(100)}`);
      expect(name).toBe(`Go ${'x'.repeat(44)}…`);
      expect(name.length).toBe(48);
    });

    it('does not split an emoji in two', () => {
      const name = layerNameFromPrompt(`${'x'.repeat(46)}😀😀😀`);
      expect(name).toBe(`${'x'.repeat(46)}…`);
      expect(isWellFormed(name)).toBe(true);
    });

    it('takes another maximum', () => {
      expect(layerNameFromPrompt('one two three four five', 12)).toBe('one two…');
    });

    it('never exceeds the maximum and always keeps a prefix of the folded text (random prompts)', () => {
      const random = seededRandom(5);
      const pieces = ['a', 'word', ' ', '  ', '\n', 'longerword', '😀', 'é', '@Model', '.'];
      for (let n = 0; n < 1000; n += 1) {
        let text = '';
        const count = randomInt(random, 1, 60);
        for (let i = 0; i < count; i += 1) text += pieces[randomInt(random, 0, pieces.length - 1)];
        const max = randomInt(random, 8, 60);
        const name = layerNameFromPrompt(text, max);
        const folded = text.replace(/\s+/g, ' ').trim();
        const context = JSON.stringify({ text, max, name });
        expect(name.length, context).toBeLessThanOrEqual(Math.max(max, 'Generated image'.length));
        expect(isWellFormed(name), context).toBe(true);
        if (folded === '') expect(name, context).toBe('Generated image');
        else if (folded.length <= max) expect(name, context).toBe(folded);
        else {
          expect(name.endsWith('…'), context).toBe(true);
          expect(folded.startsWith(name.slice(0, -1)), context).toBe(true);
        }
      }
    });
  });
});
