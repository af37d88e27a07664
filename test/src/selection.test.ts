import { skipReasonText } from '../../core/skip-reasons';
import type { SkippedLayer } from '../../core/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../core/place-into';
import { readSelection } from '../../src/selection';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';

/** The skipped layers with their reasons as the panel words them (the sandbox sends codes). */
const worded = (skipped: readonly SkippedLayer[]) => skipped.map((layer) => ({ ...layer, reason: skipReasonText(layer.reason) }));

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

function read(version = 1) {
  return readSelection(figma.currentPage.selection, version);
}

describe('readSelection: usable layers', () => {
  it('keeps every exportable kind of layer, in selection order, with its size', () => {
    const types: NodeType[] = [
      'TEXT',
      'FRAME',
      'GROUP',
      'COMPONENT',
      'COMPONENT_SET',
      'INSTANCE',
      'SECTION',
      'RECTANGLE',
      'ELLIPSE',
      'POLYGON',
      'STAR',
      'VECTOR',
      'BOOLEAN_OPERATION',
    ];
    const nodes = types.map((type, i) => fake.add({ type, name: `Layer ${i}`, width: 10 + i, height: 20 }));
    fake.select(...nodes);
    const { snapshot, nodes: usable } = read(7);
    expect(snapshot.version).toBe(7);
    expect(snapshot.skipped).toEqual([]);
    expect(snapshot.layers).toEqual(
      nodes.map((n, i) => ({ id: n.id, name: `Layer ${i}`, width: 10 + i, height: 20, savedTag: null, tagBase: `Layer ${i}` })),
    );
    expect(usable.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
  });

  it('keeps a line that has a thickness, and an empty selection gives an empty snapshot', () => {
    fake.select(fake.add({ type: 'LINE', width: 200, height: 2 }));
    expect(read().snapshot.layers).toHaveLength(1);
    fake.select();
    expect(read(2).snapshot).toEqual({ version: 2, layers: [], skipped: [], ...NO_TARGET });
  });
});

describe('readSelection: skipped layers', () => {
  it('names the reason for each layer it cannot use and keeps the usable ones in order', () => {
    const hero = fake.add({ name: 'Hero', width: 400, height: 300 });
    const hidden = fake.add({ name: 'Hidden card', visible: false });
    const hiddenGroup = fake.add({ type: 'GROUP', name: 'Closed group', visible: false });
    const inner = fake.add({ type: 'RECTANGLE', name: 'Inner' }, hiddenGroup);
    const line = fake.add({ type: 'LINE', name: 'Divider', width: 120, height: 0 });
    const slice = fake.add({ type: 'SLICE', name: 'Export area' });
    const slide = fake.add({ type: 'SLIDE', name: 'Slide 1' });
    const ghost = fake.add({ name: 'Ghost', opacity: 0 });
    const logo = fake.add({ type: 'VECTOR', name: 'Logo', width: 64, height: 64 });
    fake.select(hero, hidden, inner, line, slice, slide, ghost, logo);

    const { snapshot } = read();
    expect(snapshot.layers.map((l) => l.name)).toEqual(['Hero', 'Logo']);
    expect(snapshot.skipped[3]?.reason).toEqual({ code: 'slice' });
    expect(worded(snapshot.skipped)).toEqual([
      { id: hidden.id, name: 'Hidden card', reason: 'Hidden: show the layer to use it' },
      { id: inner.id, name: 'Inner', reason: 'Inside a hidden layer: show it to use this one' },
      { id: line.id, name: 'Divider', reason: 'Has no area to export (120 × 0)' },
      { id: slice.id, name: 'Export area', reason: 'A slice: select the layers under it' },
      { id: slide.id, name: 'Slide 1', reason: "Slide layers can't be exported as images" },
      { id: ghost.id, name: 'Ghost', reason: 'Fully transparent (opacity 0%)' },
    ]);
  });

  it('reports a layer thinner than a pixel with its size', () => {
    fake.select(fake.add({ type: 'RECTANGLE', name: 'Hairline', width: 0.333, height: 50 }));
    expect(read().snapshot.skipped[0]?.reason).toEqual({ code: 'no-area', detail: '0.33 × 50' });
    expect(worded(read().snapshot.skipped)[0]?.reason).toBe('Has no area to export (0.33 × 50)');
  });
});
