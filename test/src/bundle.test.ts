// Runs the built sandbox bundle in a bare V8 context, as Figma's plugin VM would: only `figma` and
// `__html__` are there, no Node, no DOM, no TextEncoder, atob, URL or structuredClone.
import { runInNewContext } from 'node:vm';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { LEGACY_RATIO_STORAGE_KEY } from '../../src/settings';
import { FAKE_HTML, installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';
import { decodeImage } from './images';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

/** dist/code.js as `npm run build` makes it (vitest's global setup builds it before the tests). */
async function bundleAsync(): Promise<string> {
  return readFile('dist/code.js', 'utf8');
}

describe('the sandbox bundle', () => {
  it('starts, follows the selection and stores a key with nothing but the figma global', async () => {
    const code = await bundleAsync();
    expect(code).not.toMatch(/\b(TextEncoder|TextDecoder|atob|btoa|structuredClone)\b/);
    await fake.clientStorage.setAsync(LEGACY_RATIO_STORAGE_KEY, '1584:672');
    const card = fake.add({ name: 'Card', width: 3000, height: 1500 });
    fake.currentPage.selection = [card];

    runInNewContext(code, { figma: fake, __html__: FAKE_HTML });
    expect(await fake.ui.waitFor('init')).toEqual({
      type: 'init',
      settings: { ...DEFAULT_SETTINGS, ratios: { 'runway-gen4-image': '1584:672' } },
      draft: null,
      layout: null,
    });
    const image = await fake.ui.waitFor('reference-image');
    expect(image).toMatchObject({ version: 1, id: card.id, mime: 'image/jpeg' });
    expect(decodeImage(image.bytes)).toEqual({ kind: 'jpeg', width: 2048, height: 1024 });

    fake.ui.send({
      type: 'save-settings',
      id: 1,
      patch: { apiKey: { provider: 'runway', key: 'sk-test-bundle' }, relayUrl: 'http://127.0.0.1:8787/' },
    });
    expect(await fake.ui.waitFor('settings-stored')).toEqual({
      type: 'settings-stored',
      id: 1,
      settings: {
        ...DEFAULT_SETTINGS,
        apiKeys: { segmind: null, runway: 'sk-test-bundle' },
        relayUrl: 'http://127.0.0.1:8787',
        ratios: { 'runway-gen4-image': '1584:672' },
      },
      error: null,
    });
  });
});
