import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_TARGET } from '../../core/place-into';
import { MAX_OFFERED_REFERENCES } from '../../core/protocol';
import { createReferenceFeed } from '../../src/reference-feed';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';
import { decodeImage } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
  const feed = createReferenceFeed();
  figma.on('selectionchange', feed.refresh);
});
afterEach(removeFakeFigmaAsync);

/** A promise the test settles by hand, to hold an export in flight. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** The reference messages posted so far, as [version, layer id] pairs. */
function referencesPosted(): [number, string][] {
  return fake.ui.posted.flatMap((m) =>
    m.type === 'reference-image' || m.type === 'reference-failed' ? [[m.version, m.id] as [number, string]] : [],
  );
}

describe('reference feed: a selection change', () => {
  it('posts the snapshot at once, then each reference in order with its format and size', async () => {
    const card = fake.add({ name: 'Card', width: 300, height: 200 });
    const scene = fake.add({ type: 'GROUP', name: 'Scene', width: 4000, height: 3000 });
    fake.select(card, scene);

    const last = await fake.ui.waitFor('reference-image', (m) => m.id === scene.id);
    expect(fake.ui.posted.map((m) => m.type)).toEqual(['selection', 'reference-image', 'reference-image']);
    expect(fake.ui.ofType('selection')[0]).toEqual({
      type: 'selection',
      version: 1,
      layers: [
        { id: card.id, name: 'Card', width: 300, height: 200, savedTag: null, tagBase: 'Card' },
        { id: scene.id, name: 'Scene', width: 4000, height: 3000, savedTag: null, tagBase: 'Scene' },
      ],
      skipped: [],
      ...NO_TARGET,
    });
    const first = fake.ui.ofType('reference-image')[0];
    expect(first).toMatchObject({ version: 1, id: card.id, mime: 'image/jpeg' });
    expect(decodeImage(first.bytes)).toEqual({ kind: 'jpeg', width: 300, height: 200 });
    expect(last).toMatchObject({ version: 1, mime: 'image/png' });
    expect(decodeImage(last.bytes)).toEqual({ kind: 'png', width: 2048, height: 1536 });
  });

  it('exports the first eight usable layers in selection order, for the prompt to choose from, and lists all of them', async () => {
    const frames = Array.from({ length: 10 }, (_, n) => fake.add({ name: `Frame ${n + 1}`, width: 40, height: 30 }));
    const hidden = fake.add({ name: 'Hidden', visible: false });
    fake.select(frames[0], hidden, ...frames.slice(1));

    await fake.ui.waitFor('reference-image', (m) => m.id === frames[MAX_OFFERED_REFERENCES - 1].id);
    const snapshot = fake.ui.ofType('selection')[0];
    expect(snapshot.layers.map((l) => l.name)).toEqual(frames.map((f) => f.name));
    expect(snapshot.skipped.map((l) => l.name)).toEqual(['Hidden']);
    await fake.exportsSettledAsync();
    const offered = frames.slice(0, MAX_OFFERED_REFERENCES).map((f) => f.id);
    expect(MAX_OFFERED_REFERENCES).toBe(8);
    expect(fake.exports.map((e) => e.nodeId)).toEqual(offered);
    expect(referencesPosted()).toEqual(offered.map((id) => [1, id]));
  });

  it('names the layer whose export failed and goes on with the next one', async () => {
    const hero = fake.add({ name: 'Hero' });
    const logo = fake.add({ type: 'VECTOR', name: 'Logo' });
    hero.exportFailure = 'Out of memory';
    fake.select(hero, logo);

    await fake.ui.waitFor('reference-image', (m) => m.id === logo.id);
    expect(fake.ui.ofType('reference-failed')).toEqual([
      { type: 'reference-failed', version: 1, id: hero.id, message: 'Couldn\'t export "Hero": Out of memory' },
    ]);
  });

  it('posts an empty snapshot and exports nothing when nothing usable is selected', async () => {
    fake.select(fake.add({ type: 'SLICE', name: 'Slice' }));
    const snapshot = await fake.ui.waitFor('selection');
    expect(snapshot.layers).toEqual([]);
    expect(snapshot.skipped).toHaveLength(1);
    expect(fake.exports).toEqual([]);
  });
});

describe('reference feed: changes while exporting', () => {
  it('never posts the results of a selection that changed during its export', async () => {
    const slow = gate();
    const a = fake.add({ name: 'A' });
    const b = fake.add({ name: 'B' });
    const c = fake.add({ name: 'C' });
    a.exportGate = slow.promise;
    fake.select(a, b);
    await fake.ui.waitFor('selection', (m) => m.version === 1);

    fake.select(c);
    await fake.ui.waitFor('selection', (m) => m.version === 2);
    slow.open();

    await fake.ui.waitFor('reference-image', (m) => m.id === c.id);
    expect(referencesPosted()).toEqual([[2, c.id]]);
    // A's export could not be stopped; B's was never started.
    expect(fake.exports.map((e) => e.nodeId)).toEqual([a.id, c.id]);
  });

  it('keeps what was current when posted and drops the rest of the old selection', async () => {
    const slow = gate();
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((name) => fake.add({ name }));
    b.exportGate = slow.promise;
    fake.select(a, b);
    await fake.ui.waitFor('reference-image', (m) => m.id === a.id);

    fake.select(c, d);
    await fake.ui.waitFor('selection', (m) => m.version === 2);
    slow.open();

    await fake.ui.waitFor('reference-image', (m) => m.id === d.id);
    expect(referencesPosted()).toEqual([
      [1, a.id],
      [2, c.id],
      [2, d.id],
    ]);
  });

  it('exports only the newest of a burst of selections', async () => {
    const slow = gate();
    const layers = ['A', 'B', 'C', 'D'].map((name) => fake.add({ name }));
    layers[0].exportGate = slow.promise;
    for (const [i, layer] of layers.entries()) {
      fake.select(layer);
      await fake.ui.waitFor('selection', (m) => m.version === i + 1);
    }
    slow.open();

    const last = layers[3];
    await fake.ui.waitFor('reference-image', (m) => m.id === last.id);
    expect(fake.ui.ofType('selection').map((m) => m.layers[0]?.name)).toEqual(['A', 'B', 'C', 'D']);
    expect(fake.exports.map((e) => e.nodeId)).toEqual([layers[0].id, last.id]);
    expect(referencesPosted()).toEqual([[4, last.id]]);
  });

  it('drops a failure of a stale export too', async () => {
    const slow = gate();
    const a = fake.add({ name: 'A' });
    const b = fake.add({ name: 'B' });
    a.exportGate = slow.promise;
    a.exportFailure = 'Layer was deleted';
    fake.select(a);
    await fake.ui.waitFor('selection', (m) => m.version === 1);
    fake.select(b);
    await fake.ui.waitFor('selection', (m) => m.version === 2);
    slow.open();

    await fake.ui.waitFor('reference-image', (m) => m.id === b.id);
    expect(fake.ui.ofType('reference-failed')).toEqual([]);
  });
});

describe('reference feed: holding and re-reading', () => {
  function feedOnItsOwn() {
    // The beforeEach feed listens too; this one is driven by hand, so only its own posts are counted here.
    fake.ui.posted.length = 0;
    return createReferenceFeed();
  }

  it('does not send a selection the UI already has again', async () => {
    const feed = feedOnItsOwn();
    const card = fake.add({ name: 'Card', width: 40, height: 30 });
    fake.select(card);
    fake.ui.posted.length = 0;
    feed.refresh();
    await fake.ui.waitFor('reference-image');
    const sent = fake.ui.ofType('selection').length;
    feed.refresh();
    expect(fake.ui.ofType('selection')).toHaveLength(sent);
  });

  it('re-reads on demand even when the selection has not changed', async () => {
    const feed = feedOnItsOwn();
    const card = fake.add({ name: 'Card', width: 40, height: 30 });
    fake.select(card);
    feed.refresh();
    const before = fake.ui.ofType('selection').length;
    feed.reread();
    expect(fake.ui.ofType('selection')).toHaveLength(before + 1);
    expect(
      fake.ui
        .ofType('selection')
        .at(-1)
        ?.layers.map((layer) => layer.id),
    ).toEqual([card.id]);
  });

  it('holds nothing for a selection that is already current, so the next re-read is not swallowed', () => {
    const feed = feedOnItsOwn();
    const target = fake.add({ name: 'Target', width: 40, height: 30 });
    fake.select(target);
    feed.refresh();
    // Placing into the only selected layer selects it again: no selectionchange follows.
    feed.holdFor([target.id]);
    const before = fake.ui.ofType('selection').length;
    feed.reread();
    expect(fake.ui.ofType('selection')).toHaveLength(before + 1);
  });

  it('keeps the cards through the change to a held selection, then follows the designer again', () => {
    const feed = feedOnItsOwn();
    const card = fake.add({ name: 'Card', width: 40, height: 30 });
    const placed = fake.add({ name: 'Placed', width: 40, height: 30 });
    fake.select(card);
    feed.refresh();
    const before = fake.ui.ofType('selection').length;
    feed.holdFor([placed.id]);
    fake.select(placed);
    feed.refresh();
    expect(fake.ui.ofType('selection')).toHaveLength(before);
    fake.select(card, placed);
    feed.refresh();
    expect(fake.ui.ofType('selection')).toHaveLength(before + 1);
  });
});
