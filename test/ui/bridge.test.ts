// @vitest-environment happy-dom
// The bridge against happy-dom's real window messaging. At the top level `window.parent` is `window`
// itself, so what the bridge posts to its parent arrives back here as a message event.
import { afterEach, describe, expect, it } from 'vitest';
import type { MainToUi, Message } from '../../core/protocol';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { createBridge } from '../../ui/bridge';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function nextMessageAsync(): Promise<MessageEvent> {
  return new Promise((resolve) => window.addEventListener('message', resolve, { once: true }));
}

function received(): Message<MainToUi>[] {
  const messages: Message<MainToUi>[] = [];
  cleanups.push(createBridge(window).subscribe((message) => messages.push(message)));
  return messages;
}

function send(data: unknown): void {
  window.dispatchEvent(new MessageEvent('message', { data }));
}

describe('post', () => {
  it('wraps the message in pluginMessage and posts it to the parent frame', async () => {
    const arrived = nextMessageAsync();
    createBridge(window).post('save-settings', { id: 1, patch: { ratio: { model: 'runway-gen4-image', ratio: '960:960' } } });
    expect((await arrived).data).toEqual({
      pluginMessage: { type: 'save-settings', id: 1, patch: { ratio: { model: 'runway-gen4-image', ratio: '960:960' } } },
    });
  });

  it('carries image bytes as a Uint8Array', async () => {
    const arrived = nextMessageAsync();
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    createBridge(window).post('place', {
      requestId: 3,
      bytes,
      prompt: '@Dog',
      ratio: '1280:720',
      provider: 'segmind',
      model: 'runway-gen4-image',
      references: [{ tag: 'Dog', layerId: '1:2', layerName: 'Dog' }],
      seed: null,
      target: { kind: 'new-layer' },
      batch: { batchId: 3, index: 0, count: 1 },
    });
    const { pluginMessage } = (await arrived).data as { pluginMessage: { type: string; bytes: unknown } };
    expect(pluginMessage.type).toBe('place');
    expect(pluginMessage.bytes).toBeInstanceOf(Uint8Array);
    expect([...(pluginMessage.bytes as Uint8Array)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});

describe('subscribe', () => {
  it('hands over sandbox messages, unwrapped', () => {
    const messages = received();
    send({ pluginMessage: { type: 'placed', requestId: 1, nodeId: '4:2', name: 'Dog on a beach' } });
    send({ pluginMessage: { type: 'settings-stored', id: 3, settings: DEFAULT_SETTINGS, error: null } });
    expect(messages).toEqual([
      { type: 'placed', requestId: 1, nodeId: '4:2', name: 'Dog on a beach' },
      { type: 'settings-stored', id: 3, settings: DEFAULT_SETTINGS, error: null },
    ]);
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an unwrapped message', { type: 'placed', requestId: 1, nodeId: '4:2', name: 'x' }],
    ['an unknown type', { pluginMessage: { type: 'explode' } }],
    ['a message the UI sends, not receives', { pluginMessage: { type: 'save-settings', id: 1, patch: { seed: 7 } } }],
    ['an empty pluginMessage', { pluginMessage: null }],
  ])('ignores %s', (_, data) => {
    const messages = received();
    send(data);
    expect(messages).toEqual([]);
  });

  it('ignores its own posts to the parent', async () => {
    const messages = received();
    const arrived = nextMessageAsync();
    createBridge(window).post('save-settings', { id: 2, patch: { seed: null } });
    await arrived;
    expect(messages).toEqual([]);
  });

  it('stops after unsubscribing', () => {
    const messages: Message<MainToUi>[] = [];
    const unsubscribe = createBridge(window).subscribe((message) => messages.push(message));
    send({ pluginMessage: { type: 'place-failed', requestId: 1, message: 'no' } });
    unsubscribe();
    send({ pluginMessage: { type: 'place-failed', requestId: 2, message: 'no' } });
    expect(messages).toEqual([{ type: 'place-failed', requestId: 1, message: 'no' }]);
  });
});
