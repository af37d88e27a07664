// FigJam in the sandbox: its own layer types as references (or skipped, each with its reason), and results placed
// as rectangles with an image fill instead of frames, by the same rules as in Figma design.
import { skipReasonText } from '../../core/skip-reasons';
import type { SkippedLayer } from '../../core/protocol';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaceRequest } from '../../core/protocol';
import { exportReferenceAsync } from '../../src/export-reference';
import { GENERATION_DATA_KEY, placeResultAsync } from '../../src/place-result';
import { createResultLayer } from '../../src/result-layer';
import { readSelection } from '../../src/selection';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { decodeImage, jpegBytes } from './images';

/** The skipped layers with their reasons as the panel words them (the sandbox sends codes). */
const worded = (skipped: readonly SkippedLayer[]) => skipped.map((layer) => ({ ...layer, reason: skipReasonText(layer.reason) }));

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
  fake.editorType = 'figjam';
});
afterEach(removeFakeFigmaAsync);

const YELLOW: SolidPaint = { type: 'SOLID', color: { r: 1, g: 0.85, b: 0.4 } };
const IMAGE = jpegBytes(1104, 832);

function request(references: readonly FakeNode[]): PlaceRequest {
  return {
    requestId: 3,
    bytes: IMAGE,
    prompt: '@note as a poster',
    ratio: '1104:832',
    provider: 'segmind',
    model: 'runway-gen4-image',
    references: references.map((node) => ({ tag: node.name.toLowerCase(), layerId: node.id, layerName: node.name })),
    seed: null,
    target: { kind: 'new-layer' },
    batch: { batchId: 3, index: 0, count: 1 },
  };
}

function placedLayer(): FakeNode {
  const placed = fake.ui.ofType('placed').at(-1);
  const layer = fake.allNodes().find((node) => node.id === placed?.nodeId);
  if (!layer) throw new Error(`Nothing was placed: ${JSON.stringify(fake.ui.posted)}`);
  return layer;
}

describe('readSelection in FigJam: references', () => {
  it('keeps stickies, shapes with text, code blocks, tables, media and sections, in selection order', () => {
    const types: NodeType[] = ['STICKY', 'SHAPE_WITH_TEXT', 'CODE_BLOCK', 'TABLE', 'MEDIA', 'SECTION'];
    const nodes = types.map((type, i) => fake.add({ type, name: `Board ${i}`, width: 240, height: 200 + i }));
    fake.select(...nodes);
    const { snapshot, nodes: usable } = readSelection(figma.currentPage.selection, 4);
    expect(snapshot.skipped).toEqual([]);
    expect(snapshot.layers).toEqual(
      nodes.map((node, i) => ({ id: node.id, name: `Board ${i}`, width: 240, height: 200 + i, savedTag: null, tagBase: `Board ${i}` })),
    );
    expect(usable.map((node) => node.type)).toEqual(types);
  });

  it('holds a hidden or fully transparent sticky to the same rules as any layer', () => {
    const hidden = fake.add({ type: 'STICKY', name: 'Hidden note', visible: false });
    const clear = fake.add({ type: 'STICKY', name: 'Clear note', opacity: 0 });
    fake.select(hidden, clear);
    expect(worded(readSelection(figma.currentPage.selection, 1).snapshot.skipped).map((layer) => layer.reason)).toEqual([
      'Hidden: show the layer to use it',
      'Fully transparent (opacity 0%)',
    ]);
  });

  it('exports a sticky as PNG at its size, even with an opaque fill (its corners and shadow are not square)', async () => {
    const note = fake.add({ type: 'STICKY', name: 'Note', width: 240, height: 240, fills: [YELLOW] });
    fake.select(note);
    const [node] = readSelection(figma.currentPage.selection, 1).nodes;
    const outcome = await exportReferenceAsync(node!);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.image.mime).toBe('image/png');
    expect(decodeImage(outcome.image.bytes)).toEqual({ kind: 'png', width: 240, height: 240 });
    expect(fake.exports).toEqual([{ nodeId: note.id, format: 'PNG', width: 240, height: 240 }]);
  });
});

describe('readSelection in FigJam: skipped layers', () => {
  it.each<[NodeType, string]>([
    ['CONNECTOR', 'A connector: select the shapes it joins'],
    ['STAMP', 'A stamp: select the layer it is on'],
    ['HIGHLIGHT', 'A highlight: select what it marks'],
    ['WASHI_TAPE', 'Washi tape: select the layers under it'],
    ['WIDGET', 'A widget: use a screenshot of it'],
    ['EMBED', 'An embed: use a screenshot of it'],
    ['LINK_UNFURL', 'A link preview: use the image it links to'],
  ])('skips a %s and says what to select instead', (type, reason) => {
    const note = fake.add({ type: 'STICKY', name: 'Note' });
    const other = fake.add({ type, name: `The ${type}` });
    fake.select(other, note);
    const { snapshot } = readSelection(figma.currentPage.selection, 1);
    expect(worded(snapshot.skipped)).toEqual([{ id: other.id, name: `The ${type}`, reason }]);
    expect(snapshot.layers.map((layer) => layer.name)).toEqual(['Note']);
  });

  it('skips a section whose contents are hidden, and keeps one whose contents show', () => {
    const closed = Object.assign(fake.add({ type: 'SECTION', name: 'Closed' }), { sectionContentsHidden: true });
    const open = Object.assign(fake.add({ type: 'SECTION', name: 'Open' }), { sectionContentsHidden: false });
    fake.select(closed, open);
    const { snapshot } = readSelection(figma.currentPage.selection, 1);
    expect(snapshot.skipped).toEqual([{ id: closed.id, name: 'Closed', reason: { code: 'section-hidden' } }]);
    expect(worded(snapshot.skipped)[0]?.reason).toBe('Section contents hidden: show them');
    expect(snapshot.layers.map((layer) => layer.name)).toEqual(['Open']);
  });
});

describe('createResultLayer', () => {
  it('makes a rectangle in FigJam and a frame in the other editors', () => {
    expect(createResultLayer('figjam').type).toBe('RECTANGLE');
    expect(createResultLayer('figma').type).toBe('FRAME');
    expect(createResultLayer('dev').type).toBe('FRAME');
    expect(fake.currentPage.children.map((node) => node.type)).toEqual(['RECTANGLE', 'FRAME', 'FRAME']);
  });
});

describe('placeResultAsync in FigJam', () => {
  it('places a rectangle of the ratio’s size filled with the image, right of its references, recorded like a frame', async () => {
    const note = fake.add({ type: 'STICKY', name: 'Note', x: 0, y: 0, width: 240, height: 240, fills: [YELLOW] });
    const shape = fake.add({ type: 'SHAPE_WITH_TEXT', name: 'Shape', x: 300, y: 40, width: 208, height: 208 });
    await placeResultAsync(request([note, shape]));

    const layer = placedLayer();
    expect(layer.type).toBe('RECTANGLE');
    expect([layer.width, layer.height]).toEqual([1104, 832]);
    expect(layer.fills).toEqual([{ type: 'IMAGE', scaleMode: 'FILL', imageHash: createHash('sha1').update(IMAGE).digest('hex') }]);
    expect(layer.parent).toBe(figma.currentPage);
    expect(layer.x).toBeGreaterThanOrEqual(shape.x + shape.width);
    expect(layer.y).toBe(0);
    expect(JSON.parse(layer.getPluginData(GENERATION_DATA_KEY))).toMatchObject({
      prompt: '@note as a poster',
      ratio: '1104:832',
      references: [
        { tag: 'note', layerId: note.id, layerName: 'Note' },
        { tag: 'shape', layerId: shape.id, layerName: 'Shape' },
      ],
    });
    expect(figma.currentPage.selection.map((node) => node.id)).toEqual([layer.id]);
    expect(fake.undoCommits).toBe(1);
    expect(fake.allNodes().filter((node) => node.type === 'FRAME')).toEqual([]);
  });

  it('leaves no rectangle behind when a step after creating it fails', async () => {
    const note = fake.add({ type: 'STICKY', name: 'Note' });
    await placeResultAsync({ ...request([note]), prompt: 'x'.repeat(120_000) });
    expect(fake.ui.ofType('place-failed')[0]?.message).toBe("Couldn't place the image: Plugin data is limited to 100 kB per entry");
    expect(fake.allNodes()).toEqual([note]);
  });
});
