// History against the fake: every placement is kept in clientStorage under the file's id with a real JPEG
// thumbnail, survives a new run, stays within the budget, and opening an entry selects or re-places its layer.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HISTORY_BUDGET_BYTES, historyStorageKey, MAX_THUMBNAIL_BYTES, parseHistory, storedBytes } from '../../core/history';
import type { HistoryEntry } from '../../core/history';
import type { PlaceRequest } from '../../core/protocol';
import { GENERATION_DATA_KEY } from '../../src/generated-layer';
import { FILE_ID_KEY } from '../../src/file-id';
import {
  addHistoryThumbnailAsync,
  IMAGE_GONE,
  openHistoryAsync,
  recordHistoryAsync,
  refreshHistoryAsync,
  reuseHistoryAsync,
  sendHistoryAsync,
} from '../../src/history';
import { createTargetFinder } from '../../src/place-into';
import { placeResultAsync } from '../../src/place-result';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma, FakeNode } from './fake-figma';
import { decodeImage, jpegBytes } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

const IMAGE = jpegBytes(128, 72);
const HASH = createHash('sha1').update(IMAGE).digest('hex');

function request(overrides: Partial<PlaceRequest> = {}): PlaceRequest {
  return {
    requestId: 1,
    bytes: IMAGE,
    prompt: 'photo of @model in a garden',
    ratio: '1280:720',
    provider: 'segmind',
    model: 'runway-gen4-image',
    references: [{ tag: 'model', layerId: '1:999', layerName: 'Model' }],
    seed: '99',
    target: { kind: 'new-layer' },
    batch: { batchId: 1, index: 0, count: 1 },
    ...overrides,
  };
}

async function placeAsync(overrides: Partial<PlaceRequest> = {}): Promise<FakeNode> {
  await placeResultAsync(request(overrides));
  const placed = fake.ui.ofType('placed').at(-1);
  const node = fake.allNodes().find((candidate) => candidate.id === placed?.nodeId);
  if (!node) throw new Error(`Nothing was placed: ${JSON.stringify(fake.ui.ofType('place-failed'))}`);
  return node;
}

function storedHistory(): HistoryEntry[] {
  const id = fake.root.getPluginData(FILE_ID_KEY);
  return parseHistory(fake.clientStorage.peek(historyStorageKey(id)));
}

function lastHistory() {
  const message = fake.ui.ofType('history').at(-1);
  if (!message) throw new Error('No history was sent');
  return message;
}

describe('recording', () => {
  it('keeps each placement in clientStorage under the file’s id, with a small JPEG thumbnail', async () => {
    const frame = await placeAsync();
    const fileId = fake.root.getPluginData(FILE_ID_KEY);
    expect(fileId).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
    const [entry] = storedHistory();
    expect(entry).toMatchObject({
      layerId: frame.id,
      prompt: 'photo of @model in a garden',
      ratio: '1280:720',
      provider: 'segmind',
      model: 'runway-gen4-image',
      seed: '99',
      imageHash: HASH,
      references: [{ tag: 'model', layerId: '1:999', layerName: 'Model' }],
      width: 1280,
      height: 720,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const thumbnail = Buffer.from(entry?.thumbnail ?? '', 'base64');
    expect(decodeImage(thumbnail)).toEqual({ kind: 'jpeg', width: 96, height: 54 });
    expect(fake.exports).toContainEqual({ nodeId: frame.id, format: 'JPG', width: 96, height: 54 });
    expect(lastHistory()).toEqual({ type: 'history', entries: [{ ...entry, exists: true }], notice: null });
  });

  it('is stored and sent before the panel hears "placed", so closing the plugin then keeps it; the thumbnail follows', async () => {
    await placeResultAsync(request());
    const types = fake.ui.posted.map((message) => message.type);
    expect(types.indexOf('history')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('history')).toBeLessThan(types.indexOf('placed'));
    const [before, after] = fake.ui.ofType('history');
    expect(before?.entries.map((entry) => entry.thumbnail)).toEqual([null]);
    expect(after?.entries.map((entry) => typeof entry.thumbnail)).toEqual(['string']);
    expect(types.lastIndexOf('history')).toBeGreaterThan(types.indexOf('placed'));
    expect(storedHistory()).toHaveLength(1);
  });

  it('puts nothing of it in the document but the file’s id, and never a key', async () => {
    await placeResultAsync({ ...request(), apiKey: 'sk-test-never-stored' } as PlaceRequest);
    expect(fake.root.getPluginDataKeys()).toEqual([FILE_ID_KEY]);
    expect(fake.documentText()).not.toContain('thumbnail');
    expect(JSON.stringify(fake.clientStorage.peek(historyStorageKey(fake.root.getPluginData(FILE_ID_KEY))))).not.toContain('sk-test');
  });

  it('keeps both of two placements that finish together', async () => {
    await Promise.all([
      placeResultAsync(request({ requestId: 1, prompt: 'first' })),
      placeResultAsync(request({ requestId: 2, prompt: 'second' })),
    ]);
    expect(
      storedHistory()
        .map((entry) => entry.prompt)
        .sort(),
    ).toEqual(['first', 'second']);
    expect(lastHistory().entries).toHaveLength(2);
  });

  it('keeps an entry without a thumbnail when the export is too big or fails', async () => {
    const big = fake.add({ name: 'Big', width: 200, height: 100 });
    big.exportResult = new Uint8Array(MAX_THUMBNAIL_BYTES + 1);
    const broken = fake.add({ name: 'Broken', width: 200, height: 100 });
    broken.exportFailure = 'Export failed';
    for (const node of [big, broken] as unknown as SceneNode[]) {
      const entryId = await recordHistoryAsync(node, request());
      expect(entryId).not.toBeNull();
      await addHistoryThumbnailAsync(node, entryId as string);
    }
    expect(storedHistory().map((entry) => [entry.layerId, entry.thumbnail, entry.imageHash])).toEqual([
      [broken.id, null, null],
      [big.id, null, null],
    ]);
  });

  it('says in the panel when storage refuses the entry', async () => {
    fake.clientStorage.failing = { set: true };
    await placeAsync();
    expect(fake.ui.ofType('placed')).toHaveLength(1);
    expect(lastHistory().notice).toMatch(/^Couldn't keep this generation in History: Quota exceeded/);
  });
});

describe('across runs and files', () => {
  it('is sent again by a new run of the plugin in the same file', async () => {
    await placeAsync({ prompt: 'kept' });
    const stored = fake.root.getPluginData(FILE_ID_KEY);
    vi.resetModules();
    const fresh = await import('../../src/history');
    fake.ui.posted.length = 0;
    await fresh.sendHistoryAsync();
    expect(lastHistory().entries.map((entry) => [entry.prompt, entry.exists])).toEqual([['kept', true]]);
    expect(fake.root.getPluginData(FILE_ID_KEY)).toBe(stored);
  });

  it('is empty in a file that has none, without writing to that file', async () => {
    await sendHistoryAsync();
    expect(lastHistory()).toEqual({ type: 'history', entries: [], notice: null });
    expect(fake.root.getPluginDataKeys()).toEqual([]);
  });

  it('reads the other files’ histories once per run, not again for each generation', async () => {
    await placeAsync({ requestId: 1 });
    const entry = storedHistory()[0] as HistoryEntry;
    // Start a new run (a new figma) with another file's history in storage.
    const fresh = installFakeFigma();
    await fresh.clientStorage.setAsync(historyStorageKey('other'), [entry]);
    fake = fresh;
    const reads = vi.spyOn(figma.clientStorage, 'getAsync');
    await placeAsync({ requestId: 2 });
    await placeAsync({ requestId: 3 });
    await placeAsync({ requestId: 4 });
    expect(reads.mock.calls.filter(([key]) => key === historyStorageKey('other'))).toHaveLength(1);
    expect(storedHistory()).toHaveLength(3);
    expect(parseHistory(fresh.clientStorage.peek(historyStorageKey('other')))).toEqual([entry]);
  });

  it('drops the oldest entries of every file once all together would pass the budget', async () => {
    // Other files' histories, old, filling nearly the whole budget.
    const thumbnail = 'A'.repeat(16_000);
    const oldEntry = (file: number, index: number): HistoryEntry => ({
      id: `f${file}-${index}`,
      layerId: `1:${index}`,
      prompt: 'old',
      ratio: '1280:720',
      provider: 'segmind',
      model: 'runway-gen4-image',
      seed: null,
      createdAt: new Date(Date.UTC(2024, 0, 1 + file, 0, index)).toISOString(),
      imageHash: null,
      thumbnail,
      references: [],
      width: 1280,
      height: 720,
    });
    const files = Array.from({ length: 7 }, (_, file) => ({
      key: historyStorageKey(`other-${file}`),
      entries: Array.from({ length: 30 }, (_, index) => oldEntry(file, 29 - index)),
    }));
    for (const file of files) await fake.clientStorage.setAsync(file.key, file.entries);
    const before = files.reduce((sum, file) => sum + storedBytes(file.key, file.entries), 0);
    expect(before).toBeGreaterThan(HISTORY_BUDGET_BYTES);

    await placeAsync({ prompt: 'new' });
    const keys = (await fake.clientStorage.keysAsync()).filter((key) => key.startsWith('history/'));
    const after = keys.map((key) => ({ key, entries: parseHistory(fake.clientStorage.peek(key)) }));
    expect(after.reduce((sum, file) => sum + storedBytes(file.key, file.entries), 0)).toBeLessThanOrEqual(HISTORY_BUDGET_BYTES);
    expect(storedHistory().map((entry) => entry.prompt)).toEqual(['new']);
    // The first file's entries are the oldest: only its oldest went; the other files keep all of theirs.
    const [first, ...rest] = files.map((file) => after.find((stored) => stored.key === file.key)?.entries ?? []);
    expect(rest.map((entries) => entries.length)).toEqual([30, 30, 30, 30, 30, 30]);
    expect(first?.length).toBeGreaterThan(0);
    expect(first?.length).toBeLessThan(30);
    expect(first?.map((entry) => entry.id)).toEqual(files[0]?.entries.slice(0, first?.length).map((entry) => entry.id));
  });
});

describe('opening an entry', () => {
  it('selects and zooms to a layer that exists, on its own page', async () => {
    const frame = await placeAsync();
    const entryId = storedHistory()[0]?.id ?? '';
    const other = fake.addPage('Other');
    fake.showPage(other);
    const held: (readonly string[])[] = [];
    await openHistoryAsync(entryId, { beforeSelect: (ids) => held.push(ids) });
    expect(fake.currentPage).not.toBe(other);
    expect(fake.currentPage.selection).toEqual([frame]);
    expect(fake.viewport.scrolledTo.at(-1)).toEqual([frame.id]);
    expect(lastHistory().notice).toBeNull();

    await openHistoryAsync(entryId, { beforeSelect: (ids) => held.push(ids) });
    expect(held).toEqual([[frame.id]]);
  });

  it('places a deleted layer again from the file’s image, with its size, record and Iterate button', async () => {
    const frame = await placeAsync();
    const entry = storedHistory()[0] as HistoryEntry;
    const record = JSON.parse(frame.getPluginData(GENERATION_DATA_KEY));
    frame.remove();
    await sendHistoryAsync();
    expect(lastHistory().entries[0]?.exists).toBe(false);
    const undoBefore = fake.undoCommits;

    await openHistoryAsync(entry.id);
    const [again] = fake.allNodes();
    expect(again).toBeDefined();
    expect(again?.id).not.toBe(frame.id);
    expect([again?.width, again?.height]).toEqual([1280, 720]);
    expect(again?.fills).toEqual([{ type: 'IMAGE', scaleMode: 'FILL', imageHash: HASH }]);
    expect(JSON.parse(again?.getPluginData(GENERATION_DATA_KEY) ?? '')).toEqual(record);
    expect(again?.getRelaunchData()).toEqual({
      iterate: 'Open with this layer’s prompt, ratio and references',
      upscale: 'Make this image larger with Runway’s upscaler',
    });
    expect(fake.currentPage.selection).toEqual([again]);
    expect(fake.notifications.at(-1)).toBe('Placed “photo of @model in a garden” again from History');
    expect(fake.undoCommits).toBe(undoBefore + 1);
    expect(storedHistory().map((e) => [e.id, e.layerId])).toEqual([[entry.id, again?.id]]);
    expect(lastHistory().entries[0]).toMatchObject({ id: entry.id, layerId: again?.id, exists: true });
    expect(lastHistory().notice).toBe('The layer was deleted: placed its image again as “photo of @model in a garden”.');
  });

  it('places a deleted FigJam result again as a rectangle, as FigJam results are', async () => {
    fake.editorType = 'figjam';
    const first = await placeAsync();
    expect(first.type).toBe('RECTANGLE');
    const entry = storedHistory()[0] as HistoryEntry;
    first.remove();
    await openHistoryAsync(entry.id);
    const [again] = fake.allNodes();
    expect([again?.type, again?.width, again?.height]).toEqual(['RECTANGLE', 1280, 720]);
    expect(again?.fills).toEqual([{ type: 'IMAGE', scaleMode: 'FILL', imageHash: HASH }]);
  });

  it('says exactly what is missing when the image is gone too, and places nothing', async () => {
    const frame = await placeAsync();
    const entry = storedHistory()[0] as HistoryEntry;
    frame.remove();
    fake.forgetImage(HASH);
    await openHistoryAsync(entry.id);
    expect(fake.allNodes()).toEqual([]);
    expect(lastHistory().notice).toBe(IMAGE_GONE);
    expect(IMAGE_GONE).toBe('The image is no longer in this file; only its thumbnail is kept.');
    expect(lastHistory().entries[0]).toMatchObject({ id: entry.id, exists: false, thumbnail: entry.thumbnail });
  });

  it('says so for an entry that is not in the history', async () => {
    await placeAsync();
    await openHistoryAsync('no-such-entry');
    expect(lastHistory().notice).toBe('That generation is no longer in History.');
    expect(lastHistory().entries).toHaveLength(1);
  });
});

describe('live statuses', () => {
  it('sends the history again when one of its layers is deleted, and not while nothing changed', async () => {
    const frame = await placeAsync();
    const sent = fake.ui.ofType('history').length;
    await refreshHistoryAsync();
    expect(fake.ui.ofType('history')).toHaveLength(sent);
    frame.remove();
    await refreshHistoryAsync();
    expect(fake.ui.ofType('history')).toHaveLength(sent + 1);
    expect(lastHistory().entries[0]).toMatchObject({ layerId: frame.id, exists: false });
  });
});

describe('reusing an entry', () => {
  it('hands the panel its prompt, ratio, model, seed and tags, and selects its references still here, as Iterate does', async () => {
    const model = fake.add({ name: 'Model' });
    const gone = fake.add({ name: 'Jacket' });
    await placeAsync({
      references: [
        { tag: 'model', layerId: model.id, layerName: 'Model' },
        { tag: 'jacket', layerId: gone.id, layerName: 'Jacket' },
      ],
    });
    gone.remove();
    fake.currentPage.selection = [];
    await reuseHistoryAsync(storedHistory()[0]?.id, createTargetFinder());
    expect(fake.ui.ofType('iterate').at(-1)).toEqual({
      type: 'iterate',
      found: true,
      prompt: 'photo of @model in a garden',
      ratio: '1280:720',
      provider: 'segmind',
      model: 'runway-gen4-image',
      seed: '99',
      placeInto: 'new-layer',
      tags: { [model.id]: 'model' },
      missing: [{ tag: 'jacket', layerName: 'Jacket', where: 'deleted' }],
    });
    expect(fake.currentPage.selection).toEqual([model]);
  });

  it('says so for an entry that is not in the history, and changes nothing', async () => {
    const frame = await placeAsync();
    fake.currentPage.selection = [frame];
    await reuseHistoryAsync('no-such-entry', createTargetFinder());
    expect(lastHistory().notice).toBe('That generation is no longer in History.');
    expect(fake.ui.ofType('iterate')).toEqual([]);
    expect(fake.currentPage.selection).toEqual([frame]);
  });
});
