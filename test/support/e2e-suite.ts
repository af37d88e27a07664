// The hooks every end-to-end file shares, so each file states only what is its own.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { LayerInfo, LayerSpec } from '../host/host-api';
import { POLL, startE2EAsync, type E2E } from './e2e';

/** The seed example's two references, side by side: a person and a garment. */
export const MODEL_AND_CLOTH = [
  { name: 'model', type: 'FRAME', x: 0, y: 0, width: 300, height: 400, imageUrl: '/samples/person.svg' },
  { name: 'cloth', type: 'FRAME', x: 340, y: 0, width: 300, height: 400, imageUrl: '/samples/garment.svg' },
] as const satisfies readonly LayerSpec[];

/**
 * One browser, host and stand-in for the file, with the key saved once (clientStorage keeps it across the page
 * reloads between tests); after every test the host must have seen no sandbox error and no refused message.
 * `onStart` receives the harness when it is up.
 */
export function shareE2EWithSavedKey(onStart: (e2e: E2E) => void): void {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2EAsync();
    onStart(e2e);
    await e2e.resetAsync();
    await e2e.openPluginAsync();
    await e2e.saveKeyAsync();
  });
  afterEach(async () => {
    expect(await e2e?.hostProblemsAsync()).toEqual({ sandboxErrors: [], rejectedMessages: [] });
  });
  afterAll(async () => {
    await e2e?.close();
  });
}

/** A fresh page with `layers` added, the plugin open and all of them selected as reference cards. */
export async function openWithReferencesAsync(e2e: E2E, layers: readonly LayerSpec[]): Promise<string[]> {
  await e2e.resetAsync();
  const ids = await e2e.addLayersAsync(layers);
  await e2e.openPluginAsync();
  await e2e.host('select', ids);
  await expect.poll(() => e2e.plugin.locator('.card .name').allTextContents(), POLL).toEqual(layers.map((layer) => layer.name));
  return ids;
}

/** The layer named `name`; fails naming the layers there are. */
export function layerNamed(layers: readonly LayerInfo[], name: string): LayerInfo {
  const layer = layers.find((candidate) => candidate.name === name);
  if (!layer) throw new Error(`No layer named ${name}: ${layers.map((l) => l.name).join(', ')}`);
  return layer;
}

/** The body of the one generation request the Segmind stand-in received. */
export function onlyPostedBody(e2e: E2E): { ratio: string; promptText: string; referenceImages: { uri: string; tag: string }[] } {
  const posts = e2e.standIn.requests.filter((request) => request.method === 'POST');
  expect(posts).toHaveLength(1);
  return posts[0]!.body as ReturnType<typeof onlyPostedBody>;
}

/** The Target card's layer name and size, or null while it shows none. */
export function targetTextAsync(e2e: E2E): Promise<string | null> {
  return e2e.plugin
    .getByRole('group', { name: 'Target' })
    .locator('.name')
    .textContent({ timeout: 1000 })
    .catch(() => null);
}

/** The screen point (browser page pixels) where the host's canvas shows page point `at`. */
export async function screenPointAsync(e2e: E2E, at: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = await e2e.page.locator('#canvas').boundingBox();
  if (!box) throw new Error('The canvas is not shown');
  const { center, zoom } = await e2e.host('viewport');
  return { x: box.x + box.width / 2 + (at.x - center.x) * zoom, y: box.y + box.height / 2 + (at.y - center.y) * zoom };
}
