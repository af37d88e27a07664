import { describe, expect, it } from 'vitest';
import {
  MAX_REFERENCE_ASPECT,
  MAX_REFERENCE_DATA_URI_CHARS,
  MAX_REFERENCE_EDGE_PX,
  MIN_REFERENCE_ASPECT,
  TARGET_REFERENCE_DATA_URI_CHARS,
  exportScale,
  letterbox,
} from '../../core/reference-size';
import { randomInt, seededRandom } from '../support/seeded-random';

describe('limits (CONTRACTS §2)', () => {
  it('match the provider’s rules', () => {
    expect(MIN_REFERENCE_ASPECT).toBe(0.5);
    expect(MAX_REFERENCE_ASPECT).toBe(2);
    expect(MAX_REFERENCE_DATA_URI_CHARS).toBe(5 * 1024 * 1024);
    expect(TARGET_REFERENCE_DATA_URI_CHARS).toBeLessThan(MAX_REFERENCE_DATA_URI_CHARS);
    expect(MAX_REFERENCE_EDGE_PX).toBeLessThan(8000);
  });
});

describe('exportScale', () => {
  describe('small layers', () => {
    it.each([
      [1, 1],
      [100, 50],
      [2048, 2048],
      [2048, 10],
      [10, 2048],
    ])('%i × %i is not upscaled (scale 1)', (width, height) => {
      expect(exportScale(width, height)).toBe(1);
    });
  });

  describe('large layers', () => {
    it('brings 4000 × 3000 to a 2048 px long edge', () => {
      const scale = exportScale(4000, 3000);
      expect(scale).toBeCloseTo(0.512, 10);
      expect(4000 * scale).toBeCloseTo(2048, 6);
      expect(3000 * scale).toBeCloseTo(1536, 6);
    });
    it('uses the long edge when it is the height', () => {
      expect(3000 * exportScale(1000, 3000)).toBeCloseTo(2048, 6);
    });
    it('scales a layer just over the limit', () => {
      expect(2049 * exportScale(2049, 100)).toBeCloseTo(2048, 6);
    });
    it('caps the long edge for many random sizes and never upscales', () => {
      const random = seededRandom(1);
      for (let n = 0; n < 1000; n += 1) {
        const width = randomInt(random, 1, 20000);
        const height = randomInt(random, 1, 20000);
        const scale = exportScale(width, height);
        expect(scale).toBeGreaterThan(0);
        expect(scale).toBeLessThanOrEqual(1);
        expect(Math.max(width, height) * scale).toBeLessThanOrEqual(MAX_REFERENCE_EDGE_PX + 1e-9);
        if (Math.max(width, height) > MAX_REFERENCE_EDGE_PX) {
          expect(Math.max(width, height) * scale).toBeCloseTo(MAX_REFERENCE_EDGE_PX, 6);
        }
      }
    });
  });
});

describe('letterbox', () => {
  describe('inside the range', () => {
    it.each([
      [100, 100],
      [1280, 720],
      [720, 1280],
      [300, 200],
    ])('%i × %i is unchanged', (width, height) => {
      expect(letterbox(width, height)).toEqual({ width, height, offsetX: 0, offsetY: 0 });
    });
  });

  describe('exactly on the bounds', () => {
    it('leaves 2:1 unchanged', () => {
      expect(letterbox(400, 200)).toEqual({ width: 400, height: 200, offsetX: 0, offsetY: 0 });
    });
    it('leaves 1:2 unchanged', () => {
      expect(letterbox(200, 400)).toEqual({ width: 200, height: 400, offsetX: 0, offsetY: 0 });
    });
  });

  describe('too wide', () => {
    it('pads 4:1 to 2:1, image centred vertically', () => {
      expect(letterbox(400, 100)).toEqual({ width: 400, height: 200, offsetX: 0, offsetY: 50 });
    });
    it('pads a 1 px tall strip', () => {
      expect(letterbox(5000, 1)).toEqual({ width: 5000, height: 2500, offsetX: 0, offsetY: 1249 });
    });
    it('rounds the padded height up, so the aspect never exceeds 2', () => {
      const box = letterbox(301, 100);
      expect(box.height).toBe(151);
      expect(box.width / box.height).toBeLessThanOrEqual(2);
      expect(box.offsetY).toBe(25);
    });
  });

  describe('too tall', () => {
    it('pads 1:4 to 1:2, image centred horizontally', () => {
      expect(letterbox(100, 400)).toEqual({ width: 200, height: 400, offsetX: 50, offsetY: 0 });
    });
    it('rounds the padded width up, so the aspect is never under 0.5', () => {
      const box = letterbox(100, 301);
      expect(box.width).toBe(151);
      expect(box.width / box.height).toBeGreaterThanOrEqual(0.5);
      expect(box.offsetX).toBe(25);
    });
  });

  describe('random sizes', () => {
    it('always ends within [0.5, 2], never shrinks, and keeps the image inside, centred', () => {
      const random = seededRandom(2024);
      for (let n = 0; n < 5000; n += 1) {
        // Mix ordinary sizes with extreme strips.
        const width = random() < 0.2 ? 1 : randomInt(random, 1, 8000);
        const height = random() < 0.2 ? 1 : randomInt(random, 1, 8000);
        const box = letterbox(width, height);
        const context = `${width} × ${height} → ${JSON.stringify(box)}`;
        expect(box.width / box.height, context).toBeGreaterThanOrEqual(MIN_REFERENCE_ASPECT);
        expect(box.width / box.height, context).toBeLessThanOrEqual(MAX_REFERENCE_ASPECT);
        expect(box.width, context).toBeGreaterThanOrEqual(width);
        expect(box.height, context).toBeGreaterThanOrEqual(height);
        // Padding goes on one axis only.
        expect(box.width === width || box.height === height, context).toBe(true);
        expect(Number.isInteger(box.width) && Number.isInteger(box.height), context).toBe(true);
        expect(box.offsetX + width, context).toBeLessThanOrEqual(box.width);
        expect(box.offsetY + height, context).toBeLessThanOrEqual(box.height);
        expect(Math.abs(box.width - width - 2 * box.offsetX), context).toBeLessThanOrEqual(1);
        expect(Math.abs(box.height - height - 2 * box.offsetY), context).toBeLessThanOrEqual(1);
        const inside = width / height >= MIN_REFERENCE_ASPECT && width / height <= MAX_REFERENCE_ASPECT;
        if (inside) expect(box, context).toEqual({ width, height, offsetX: 0, offsetY: 0 });
      }
    });
  });
});
