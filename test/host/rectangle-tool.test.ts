// The Rectangle tool's geometry: what a drag or a click draws, and which frame or section it goes into.
import { describe, expect, it } from 'vitest';
import { layerInfo as layer } from './layer-info';
import { CLICKED_RECTANGLE_PX, containerAt, draggedRect } from './page/rectangle-tool';

describe('draggedRect', () => {
  it('a drag in any direction → the rectangle between the two points, rounded to whole pixels', () => {
    expect(draggedRect({ x: 10.4, y: 20 }, { x: 110.6, y: 70 }, 1)).toEqual({ x: 10, y: 20, width: 101, height: 50 });
    expect(draggedRect({ x: 110, y: 70 }, { x: 10, y: 20 }, 1)).toEqual({ x: 10, y: 20, width: 100, height: 50 });
  });

  it('a press that barely moves on screen → a click: the default size at the press', () => {
    expect(draggedRect({ x: 40, y: 50 }, { x: 41, y: 51 }, 1)).toEqual({
      x: 40,
      y: 50,
      width: CLICKED_RECTANGLE_PX,
      height: CLICKED_RECTANGLE_PX,
    });
    // Zoomed out to 10%, 20 page pixels are 2 screen pixels: still a click.
    expect(draggedRect({ x: 0, y: 0 }, { x: 20, y: 0 }, 0.1)).toMatchObject({ width: CLICKED_RECTANGLE_PX });
    // Zoomed in to 400%, 1 page pixel is 4 screen pixels: a drag, at least 1 px a side.
    expect(draggedRect({ x: 0, y: 0 }, { x: 1, y: 0 }, 4)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });
});

describe('containerAt', () => {
  const layers = [
    layer('back', { x: 0, y: 0, width: 500, height: 500 }),
    layer('front', { x: 100, y: 100, width: 200, height: 200 }),
    layer('section', { type: 'SECTION', x: 1000, y: 0, width: 300, height: 300 }),
    layer('rect', { type: 'RECTANGLE', x: 2000, y: 0 }),
    layer('child', { parentId: 'back', x: 400, y: 400, width: 50, height: 50 }),
    layer('elsewhere', { pageId: 'p2', x: 3000, y: 0 }),
  ];

  it('the topmost top-level frame or section under the point', () => {
    expect(containerAt(layers, 'p1', { x: 150, y: 150 })?.id).toBe('front');
    expect(containerAt(layers, 'p1', { x: 50, y: 50 })?.id).toBe('back');
    expect(containerAt(layers, 'p1', { x: 1100, y: 10 })?.id).toBe('section');
  });

  it('not a shape, a nested frame, another page, or empty canvas', () => {
    expect(containerAt(layers, 'p1', { x: 2050, y: 50 })).toBeNull();
    expect(containerAt(layers, 'p1', { x: 3050, y: 50 })).toBeNull();
    expect(containerAt(layers, 'p1', { x: 420, y: 420 })?.id, 'the top-level frame, not its child').toBe('back');
    expect(containerAt(layers, 'p1', { x: 700, y: 700 })).toBeNull();
  });
});
