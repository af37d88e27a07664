// This file's workspace in clientStorage: the draft and the tags a designer gave its layers survive closing the
// plugin, per file, without a change to the document until something is first kept; and through the real entry
// module, the panel gets them back (the draft only when the plugin opens as itself).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_WORKSPACES, WORKSPACE_STORAGE_PREFIX, workspaceStorageKey } from '../../core/workspace';
import type { Draft } from '../../core/workspace';
import { FILE_ID_KEY } from '../../src/file-id';
import { GENERATION_DATA_KEY } from '../../src/generated-layer';
import { loadWorkspaceAsync } from '../../src/workspace';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
  vi.resetModules();
});
afterEach(removeFakeFigmaAsync);

const DRAFT: Draft = {
  prompt: '@model in a garden',
  presetId: '',
  ratio: { model: 'runway-gen4-image', ratio: '960:960' },
  variations: 3,
  seed: { text: '', fixed: false },
};

describe('loadWorkspaceAsync', () => {
  it('keeps the draft and the tags for the next open of the same file', async () => {
    const first = await loadWorkspaceAsync();
    expect(first.draft).toBeNull();
    await first.saveTagAsync('1:2', 'garment');
    await first.saveDraftAsync(DRAFT);
    expect(first.savedTag('1:2')).toBe('garment');

    const again = await loadWorkspaceAsync();
    expect(again.draft).toEqual(DRAFT);
    expect(again.savedTag('1:2')).toBe('garment');
    expect(again.savedTag('1:3')).toBeNull();
  });

  it('changes the document only when something is first kept: the file then gets its id', async () => {
    const store = await loadWorkspaceAsync();
    expect(fake.root.getPluginDataKeys()).toEqual([]);
    await store.saveTagAsync('1:2', 'garment');
    const id = fake.root.getPluginData(FILE_ID_KEY);
    expect(id).not.toBe('');
    expect(fake.clientStorage.peek(workspaceStorageKey(id))).toMatchObject({ tags: [['1:2', 'garment']] });
    expect(fake.documentText()).not.toContain('garment');
  });

  it('is another file’s workspace in another file', async () => {
    await (await loadWorkspaceAsync()).saveDraftAsync(DRAFT);
    fake.root.setPluginData(FILE_ID_KEY, 'other-file');
    expect((await loadWorkspaceAsync()).draft).toBeNull();
  });

  it('writes the changes in order, the last one winning', async () => {
    const store = await loadWorkspaceAsync();
    void store.saveDraftAsync({ ...DRAFT, prompt: 'one' });
    void store.saveDraftAsync({ ...DRAFT, prompt: 'two' });
    await store.saveDraftAsync({ ...DRAFT, prompt: 'three' });
    expect((await loadWorkspaceAsync()).draft?.prompt).toBe('three');
  });

  it('keeps at most MAX_WORKSPACES files, dropping the oldest others', async () => {
    for (let i = 0; i < MAX_WORKSPACES + 2; i += 1) {
      await fake.clientStorage.setAsync(workspaceStorageKey(`old-${i}`), { savedAt: i, draft: null, tags: [] });
    }
    await (await loadWorkspaceAsync()).saveTagAsync('1:2', 'garment');
    const workspaceKeys = async (): Promise<string[]> =>
      (await fake.clientStorage.keysAsync()).filter((key) => key.startsWith(WORKSPACE_STORAGE_PREFIX));
    // Pruned after the write, which is never kept waiting.
    await vi.waitFor(async () => expect(await workspaceKeys()).toHaveLength(MAX_WORKSPACES));
    const keys = await workspaceKeys();
    expect(keys).not.toContain(workspaceStorageKey('old-0'));
    expect(keys).toContain(workspaceStorageKey(fake.root.getPluginData(FILE_ID_KEY)));
  });

  it('loses nothing of the panel when storage refuses: the next write tries again', async () => {
    const store = await loadWorkspaceAsync();
    const setAsync = fake.clientStorage.setAsync.bind(fake.clientStorage);
    fake.clientStorage.setAsync = () => Promise.reject(new Error('Quota exceeded'));
    await expect(store.saveTagAsync('1:2', 'garment')).resolves.toBeUndefined();
    fake.clientStorage.setAsync = setAsync;
    await store.saveTagAsync('1:3', 'model');
    const again = await loadWorkspaceAsync();
    expect([again.savedTag('1:2'), again.savedTag('1:3')]).toEqual(['garment', 'model']);
  });
});

describe('main: the workspace', () => {
  async function keepAsync(draft: Draft | null, tags: [string, string][]): Promise<void> {
    fake.root.setPluginData(FILE_ID_KEY, 'file-1');
    await fake.clientStorage.setAsync(workspaceStorageKey('file-1'), { savedAt: 1, draft, tags });
  }

  it('hands the panel the draft at init, and each selected layer its saved tag', async () => {
    const cloth = fake.add({ name: 'Cloth' });
    await keepAsync(DRAFT, [[cloth.id, 'garment']]);
    fake.select(cloth);
    await import('../../src/main');
    expect((await fake.ui.waitFor('init')).draft).toEqual(DRAFT);
    expect((await fake.ui.waitFor('selection')).layers).toMatchObject([{ id: cloth.id, savedTag: 'garment', tagBase: 'Cloth' }]);
  });

  it('keeps what the panel sends: a tag edit shows in the next selection of that layer', async () => {
    const cloth = fake.add({ name: 'Cloth' });
    const model = fake.add({ name: 'Model' });
    fake.select(cloth);
    await import('../../src/main');
    await fake.ui.waitFor('selection');
    fake.ui.send({ type: 'save-tag', layerId: cloth.id, tag: 'garment' });
    fake.ui.send({ type: 'save-draft', draft: DRAFT });
    fake.ui.send({ type: 'save-draft', draft: { prompt: 42 } });
    fake.select(model);
    await fake.ui.waitFor('selection', (m) => m.version === 2);
    fake.select(cloth);
    expect((await fake.ui.waitFor('selection', (m) => m.version === 3)).layers).toMatchObject([{ id: cloth.id, savedTag: 'garment' }]);
    const id = fake.root.getPluginData(FILE_ID_KEY);
    await vi.waitFor(() => expect(fake.clientStorage.peek(workspaceStorageKey(id))).toMatchObject({ draft: DRAFT }));
  });

  it('brings no draft when the plugin opens for Iterate, but still the saved tags', async () => {
    const cloth = fake.add({ name: 'Cloth' });
    const result = fake.add({ name: 'Result' });
    result.setPluginData(
      GENERATION_DATA_KEY,
      JSON.stringify({
        prompt: '@cloth',
        ratio: '960:960',
        references: [{ tag: 'cloth', layerId: cloth.id, layerName: 'Cloth' }],
        provider: 'segmind',
        model: 'runway-gen4-image',
      }),
    );
    await keepAsync(DRAFT, [[cloth.id, 'garment']]);
    fake.select(result);
    fake.launch = { command: 'iterate' };
    await import('../../src/main');
    expect((await fake.ui.waitFor('init')).draft).toBeNull();
    expect((await fake.ui.waitFor('selection')).layers).toMatchObject([{ id: cloth.id, savedTag: 'garment' }]);
  });
});

describe('a generated layer as a reference', () => {
  it('gets "result" as its tag base while it keeps the name the plugin gave it, else its own name', async () => {
    const { readSelection } = await import('../../src/selection');
    const record = JSON.stringify({
      prompt: 'photo of a model wearing a cloth in a garden',
      ratio: '960:960',
      references: [],
      provider: 'runway',
      model: 'gen4_image',
      seed: '77',
    });
    const named = fake.add({ name: 'photo of a model wearing a cloth in a garden · seed 77' });
    const renamed = fake.add({ name: 'Hero shot' });
    const replaced = fake.add({ name: 'photo of a model wearing a cloth in a garden' });
    for (const node of [named, renamed, replaced]) node.setPluginData(GENERATION_DATA_KEY, record);
    fake.select(named, renamed, replaced);
    const { snapshot } = readSelection(figma.currentPage.selection, 1);
    expect(snapshot.layers.map((layer) => layer.tagBase)).toEqual(['result', 'Hero shot', 'result']);
  });
});
