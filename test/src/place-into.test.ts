// Place into in the sandbox: the target each mode finds in the selection (and what becomes a reference), and
// placing a result into a selected layer or a region, with the rest of the document left as it was.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_LAYER_TO_FILL, NO_REGION, NO_TARGET } from '../../core/place-into';
import type { PlaceRequest } from '../../core/protocol';
import { GENERATION_DATA_KEY, placeResultAsync } from '../../src/place-result';
import { createTargetFinder } from '../../src/place-into';
import { readSelection } from '../../src/selection';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { jpegBytes } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

const IMAGE = jpegBytes(1104, 832);
const IMAGE_HASH = createHash('sha1').update(IMAGE).digest('hex');
const IMAGE_FILL = [{ type: 'IMAGE', scaleMode: 'FILL', imageHash: IMAGE_HASH }];
const GREY: Paint[] = [{ type: 'SOLID', color: { r: 0.5, g: 0.5, b: 0.5 } }];

function read(mode: 'new-layer' | 'selected-layer' | 'region', chosen?: string) {
  const targets = createTargetFinder();
  targets.setMode(mode);
  if (chosen !== undefined) targets.choose(chosen);
  return targets.read(figma.currentPage.selection, 1);
}

/** A mockup: a frame with a product rectangle and a headline inside, and a loose reference photo beside it. */
function mockup() {
  const frame = fake.add({ type: 'FRAME', name: 'Mockup', x: 100, y: 50, width: 800, height: 600 });
  const product = fake.add({ type: 'RECTANGLE', name: 'Product', x: 40, y: 60, width: 400, height: 300, fills: GREY }, frame);
  const headline = fake.add({ type: 'TEXT', name: 'Headline', x: 40, y: 400, width: 500, height: 80 }, frame);
  const photo = fake.add({ type: 'RECTANGLE', name: 'Sneaker photo', x: 1000, y: 50, width: 600, height: 600, fills: GREY });
  return { frame, product, headline, photo };
}

function request(target: PlaceRequest['target'], overrides: Partial<PlaceRequest> = {}): PlaceRequest {
  return {
    requestId: 11,
    bytes: IMAGE,
    prompt: '@sneaker on a marble plinth',
    ratio: '1104:832',
    provider: 'segmind',
    model: 'runway-gen4-image',
    references: [],
    seed: null,
    target,
    batch: { batchId: 3, index: 0, count: 1 },
    ...overrides,
  };
}

function snapshotOf(node: FakeNode) {
  return {
    id: node.id,
    name: node.name,
    x: node.x,
    y: node.y,
    width: node.width,
    height: node.height,
    fills: node.fills,
    parent: node.parent,
  };
}

describe('target finder: New layer', () => {
  it('reads the selection as it is: every usable layer a reference, no target', () => {
    const { product, photo } = mockup();
    fake.select(product, photo);
    expect(read('new-layer')).toEqual(readSelection([product, photo] as unknown as SceneNode[], 1));
    expect(read('new-layer').snapshot).toMatchObject(NO_TARGET);
  });
});

describe('target finder: Selected layer', () => {
  it('takes the first selected layer that can take an image fill as the target, the others as references', () => {
    const { product, photo, headline } = mockup();
    fake.select(headline, product, photo);
    const { snapshot, nodes } = read('selected-layer');
    expect(snapshot.placeInto).toBe('selected-layer');
    expect(snapshot.target).toEqual({ id: product.id, name: 'Product', width: 400, height: 300, imageFill: false });
    expect(snapshot.targetProblem).toBeNull();
    expect(snapshot.layers.map((layer) => layer.name)).toEqual(['Headline', 'Sneaker photo']);
    expect(nodes.map((node) => node.id)).toEqual([headline.id, photo.id]);
    expect(snapshot.targetChoices.map((choice) => choice.name)).toEqual(['Product', 'Sneaker photo']);
  });

  it('says whether the target shows an image now (a hidden image fill shows none)', () => {
    const { product, photo } = mockup();
    figma.createImage(IMAGE);
    product.fills = IMAGE_FILL as Paint[];
    fake.select(product, photo);
    expect(read('selected-layer').snapshot.target).toMatchObject({ id: product.id, imageFill: true });
    product.fills = [{ ...(IMAGE_FILL[0] as ImagePaint), visible: false }];
    expect(read('selected-layer').snapshot.target).toMatchObject({ id: product.id, imageFill: false });
  });

  it('uses the layer the designer chose while it stays selected, then the default again', () => {
    const { product, photo } = mockup();
    fake.select(product, photo);
    const targets = createTargetFinder();
    targets.setMode('selected-layer');
    expect(targets.choose(photo.id)).toBe(true);
    expect(targets.choose(photo.id)).toBe(false);
    expect(targets.read([product, photo] as unknown as SceneNode[], 1).snapshot.target?.id).toBe(photo.id);
    expect(targets.read([product] as unknown as SceneNode[], 2).snapshot.target?.id).toBe(product.id);
    // Forgotten once deselected: selecting both again starts from the first.
    expect(targets.read([product, photo] as unknown as SceneNode[], 3).snapshot.target?.id).toBe(product.id);
  });

  it('ignores a choice that can’t be a target, or is not an id', () => {
    const { product, headline } = mockup();
    fake.select(product, headline);
    expect(read('selected-layer', headline.id).snapshot.target?.id).toBe(product.id);
    expect(createTargetFinder().choose(42)).toBe(false);
  });

  it('says what is missing when nothing selected can be filled', () => {
    expect(read('selected-layer').snapshot).toMatchObject({ target: null, targetProblem: NO_LAYER_TO_FILL, targetChoices: [] });
    const { headline } = mockup();
    const group = fake.add({ type: 'GROUP', name: 'Badge' });
    fake.select(headline, group);
    const { snapshot } = read('selected-layer');
    expect(snapshot.target).toBeNull();
    expect(snapshot.targetProblem).toBe('Also select a shape or frame to fill: groups, text and lines can’t take an image.');
    // The selection still shows as references, so the panel can list them.
    expect(snapshot.layers.map((layer) => layer.name)).toEqual(['Headline', 'Badge']);
  });

  it('changes mode only when it is a change', () => {
    const targets = createTargetFinder();
    expect(targets.setMode('new-layer')).toBe(false);
    expect(targets.setMode('region')).toBe(true);
    expect(targets.setMode('region')).toBe(false);
  });
});

describe('target finder: Region', () => {
  it('takes a rectangle drawn in a frame as the region, and the frame as the first reference', () => {
    const { frame, product, photo } = mockup();
    fake.select(photo, product);
    const { snapshot, nodes } = read('region');
    expect(snapshot.target).toEqual({ id: product.id, name: 'Product', width: 400, height: 300, imageFill: false });
    expect(snapshot.layers.map((layer) => layer.name)).toEqual(['Mockup', 'Sneaker photo']);
    expect(nodes.map((node) => node.id)).toEqual([frame.id, photo.id]);
    // A loose rectangle is no region: only the one inside the frame is offered.
    expect(snapshot.targetChoices.map((choice) => choice.id)).toEqual([product.id]);
  });

  it('does not send the frame twice when it is selected too', () => {
    const { frame, product } = mockup();
    fake.select(frame, product);
    expect(read('region').snapshot.layers.map((layer) => layer.id)).toEqual([frame.id]);
  });

  it('finds the frame through groups', () => {
    const { frame } = mockup();
    const group = fake.add({ type: 'GROUP', name: 'Hero group', x: 0, y: 0, width: 800, height: 600 }, frame);
    const region = fake.add({ type: 'RECTANGLE', name: 'Box', x: 10, y: 10, width: 200, height: 100 }, group);
    fake.select(region);
    const { snapshot } = read('region');
    expect(snapshot.target?.id).toBe(region.id);
    expect(snapshot.layers.map((layer) => layer.name)).toEqual(['Mockup']);
  });

  it('says why a rectangle at the top level is no region, and what a region is', () => {
    const { photo, headline } = mockup();
    fake.select(photo);
    expect(read('region').snapshot).toMatchObject({ target: null, targetProblem: `“Sneaker photo” is not inside a frame. ${NO_REGION}` });
    fake.select(headline);
    expect(read('region').snapshot.targetProblem).toBe(NO_REGION);
  });
});

describe('placing into the selected layer', () => {
  it('makes the image the layer’s only fill, keeping its size, place, name and parent, as one undo step', async () => {
    const { frame, product, headline } = mockup();
    const before = snapshotOf(product);
    const childrenBefore = frame.children.map((child) => child.id);
    const topLevelBefore = fake.currentPage.children.length;
    await placeResultAsync(request({ kind: 'selected-layer', nodeId: product.id }));

    expect(fake.ui.ofType('placed')).toEqual([{ type: 'placed', requestId: 11, nodeId: product.id, name: 'Product' }]);
    expect(snapshotOf(product)).toEqual({ ...before, fills: IMAGE_FILL });
    expect(frame.children.map((child) => child.id)).toEqual(childrenBefore);
    expect(fake.currentPage.children).toHaveLength(topLevelBefore);
    expect(headline.fills).toEqual([]);
    expect(JSON.parse(product.getPluginData(GENERATION_DATA_KEY))).toMatchObject({
      prompt: '@sneaker on a marble plinth',
      ratio: '1104:832',
    });
    expect(fake.currentPage.selection).toEqual([product]);
    expect(fake.viewport.scrolledTo).toEqual([[product.id]]);
    expect(fake.notifications).toEqual(['Placed “Product”']);
    expect(fake.undoCommits).toBe(1);
  });

  it('fills frames and ellipses too', async () => {
    const ellipse = fake.add({ type: 'ELLIPSE', name: 'Avatar', width: 120, height: 120 });
    await placeResultAsync(request({ kind: 'selected-layer', nodeId: ellipse.id }));
    expect(ellipse.fills).toEqual(IMAGE_FILL);
  });

  it('says so when the layer was deleted before the image arrived, and changes nothing', async () => {
    const { product } = mockup();
    const count = fake.allNodes().length;
    product.remove();
    await placeResultAsync(request({ kind: 'selected-layer', nodeId: product.id }));
    const [failed] = fake.ui.ofType('place-failed');
    expect(failed?.requestId).toBe(11);
    expect(failed?.message).toBe(
      "Couldn't place the image: The layer to fill was deleted before the image arrived. The image is kept: " +
        'select another layer to fill or choose New layer, then Place again.',
    );
    expect(fake.allNodes()).toHaveLength(count - 1);
    expect(fake.undoCommits).toBe(0);
  });

  it('passes on why Figma refuses the fill', async () => {
    const { product } = mockup();
    product.fillsFailure = 'Cannot override fills of this layer';
    await placeResultAsync(request({ kind: 'selected-layer', nodeId: product.id }));
    expect(fake.ui.ofType('place-failed')[0]?.message).toBe(
      "Couldn't place the image: Figma won’t change the fill of “Product”: Cannot override fills of this layer",
    );
    expect(product.fills).toEqual(GREY);
  });

  it('refuses a layer that can’t take an image fill', async () => {
    const { headline } = mockup();
    await placeResultAsync(request({ kind: 'selected-layer', nodeId: headline.id }));
    expect(fake.ui.ofType('place-failed')[0]?.message).toMatch(/“Headline” can’t take an image fill/);
    expect(headline.fills).toEqual([]);
  });

  it('puts the old fill back when recording the result fails', async () => {
    const { product } = mockup();
    // Over Figma's 100 kB plugin data limit: the record can't be saved, so nothing may stay changed.
    await placeResultAsync(request({ kind: 'selected-layer', nodeId: product.id }, { prompt: 'x'.repeat(100_001) }));
    expect(fake.ui.ofType('place-failed')).toHaveLength(1);
    expect(product.fills).toEqual(GREY);
    expect(product.getPluginDataKeys()).toEqual([]);
  });

  it('refuses to fill a layer that is one of the image’s own references, and changes nothing', async () => {
    const { product, photo } = mockup();
    const references = [
      { tag: 'product', layerId: product.id, layerName: 'Product' },
      { tag: 'sneaker', layerId: photo.id, layerName: 'Sneaker photo' },
    ];
    await placeResultAsync(request({ kind: 'selected-layer', nodeId: product.id }, { references }));
    expect(fake.ui.ofType('place-failed')[0]?.message).toBe(
      "Couldn't place the image: “Product” is a reference of this image, so it can't be filled with it.",
    );
    expect(product.fills).toEqual(GREY);
    expect(fake.undoCommits).toBe(0);
  });

  it('refuses a layer on another page', async () => {
    const other = fake.addPage('Archive');
    const layer = fake.add({ type: 'RECTANGLE', name: 'Old shot' }, other);
    await placeResultAsync(request({ kind: 'selected-layer', nodeId: layer.id }));
    expect(fake.ui.ofType('place-failed')[0]?.message).toMatch(/“Old shot” is on another page: go back to it, then Place again\.$/);
  });
});

describe('placing into a region', () => {
  it('adds a rectangle at exactly the region’s bounds just above it, leaving the rest as it was', async () => {
    const { frame, product, headline } = mockup();
    product.cornerRadius = 12;
    const others = [snapshotOf(product), snapshotOf(headline), snapshotOf(frame)];
    await placeResultAsync(request({ kind: 'region', nodeId: product.id }));

    const placed = fake.ui.ofType('placed')[0];
    const result = fake.allNodes().find((node) => node.id === placed?.nodeId);
    expect(result).toBeDefined();
    expect(frame.children.map((child) => child.name)).toEqual(['Product', 'sneaker on a marble plinth', 'Headline']);
    expect(result).toMatchObject({ type: 'RECTANGLE', x: 40, y: 60, width: 400, height: 300, cornerRadius: 12, parent: frame });
    expect(result?.fills).toEqual(IMAGE_FILL);
    expect(result?.absoluteBoundingBox).toEqual(product.absoluteBoundingBox);
    expect([snapshotOf(product), snapshotOf(headline), snapshotOf(frame)]).toEqual(others);
    expect(JSON.parse(result?.getPluginData(GENERATION_DATA_KEY) ?? '')).toMatchObject({ ratio: '1104:832' });
    expect(fake.currentPage.selection).toEqual([result]);
    expect(fake.undoCommits).toBe(1);
  });

  it('puts a second result above the first, so the newest shows', async () => {
    const { frame, product } = mockup();
    await placeResultAsync(request({ kind: 'region', nodeId: product.id }, { prompt: 'first' }));
    await placeResultAsync(request({ kind: 'region', nodeId: product.id }, { requestId: 12, prompt: 'second' }));
    expect(frame.children.map((child) => child.name)).toEqual(['Product', 'first', 'second', 'Headline']);
  });

  it('says so when the region was deleted before the image arrived', async () => {
    const { frame, product } = mockup();
    product.remove();
    await placeResultAsync(request({ kind: 'region', nodeId: product.id }));
    expect(fake.ui.ofType('place-failed')[0]?.message).toBe(
      "Couldn't place the image: The region was deleted before the image arrived. The image is kept: " +
        'select a region or choose New layer, then Place again.',
    );
    expect(frame.children.map((child) => child.name)).toEqual(['Headline']);
    expect(fake.currentPage.children.map((child) => child.name)).toEqual(['Mockup', 'Sneaker photo']);
  });

  it('refuses a rectangle that is no longer in a frame, and adds nothing', async () => {
    const { photo } = mockup();
    await placeResultAsync(request({ kind: 'region', nodeId: photo.id }));
    expect(fake.ui.ofType('place-failed')[0]?.message).toBe(
      `Couldn't place the image: “Sneaker photo” is not a region any more. ${NO_REGION}`,
    );
    expect(fake.currentPage.children.map((child) => child.name)).toEqual(['Mockup', 'Sneaker photo']);
  });

  it('removes its rectangle again when recording the result fails', async () => {
    const { frame, product } = mockup();
    await placeResultAsync(request({ kind: 'region', nodeId: product.id }, { prompt: 'x'.repeat(100_001) }));
    expect(fake.ui.ofType('place-failed')).toHaveLength(1);
    expect(frame.children.map((child) => child.name)).toEqual(['Product', 'Headline']);
    expect(fake.currentPage.children.map((child) => child.name)).toEqual(['Mockup', 'Sneaker photo']);
  });
});
