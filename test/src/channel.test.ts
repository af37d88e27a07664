import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, UiToMain } from '../../core/protocol';
import { listenToUi, postToUi } from '../../src/channel';
import { installFakeFigma, removeFakeFigmaAsync } from './fake-figma';
import type { FakeFigma } from './fake-figma';

let fake: FakeFigma;
beforeEach(() => {
  fake = installFakeFigma();
});
afterEach(removeFakeFigmaAsync);

describe('postToUi', () => {
  it('sends the type next to the payload’s fields', () => {
    postToUi('placed', { requestId: 3, nodeId: '1:9', name: 'Beach' });
    postToUi('reference-image', { version: 2, id: '1:4', bytes: new Uint8Array([1, 2]), mime: 'image/png' });
    expect(fake.ui.posted).toEqual([
      { type: 'placed', requestId: 3, nodeId: '1:9', name: 'Beach' },
      { type: 'reference-image', version: 2, id: '1:4', bytes: new Uint8Array([1, 2]), mime: 'image/png' },
    ]);
  });
});

describe('listenToUi', () => {
  it('hands each UI message to its handler and ignores everything else', () => {
    const received: Message<UiToMain>[] = [];
    listenToUi({
      'save-settings': (m) => received.push(m),
      'save-draft': (m) => received.push(m),
      'save-tag': (m) => received.push(m),
      reserve: (m) => received.push(m),
      'job-started': (m) => received.push(m),
      ended: (m) => received.push(m),
      place: (m) => received.push(m),
      'open-history': (m) => received.push(m),
      'place-into': (m) => received.push(m),
      'choose-target': (m) => received.push(m),
      layout: (m) => received.push(m),
      'reuse-history': (m) => received.push(m),
      'get-upscale-source': (m) => received.push(m),
      upscale: (m) => received.push(m),
      'revert-upscale': (m) => received.push(m),
      'upscale-job': (m) => received.push(m),
      'quick-done': (m) => received.push(m),
      'quick-failed': (m) => received.push(m),
    });
    for (const noise of [
      null,
      'save-settings',
      42,
      {},
      { type: 'init' },
      { type: 'SAVE-SETTINGS' },
      { pluginMessage: { type: 'save-settings' } },
    ]) {
      fake.ui.send(noise);
    }
    fake.ui.send({ type: 'save-settings', id: 1, patch: { ratio: { model: 'runway-gen4-image', ratio: '960:960' } } });
    fake.ui.send({ type: 'save-settings', id: 2, patch: { seed: null } });
    expect(received).toEqual([
      { type: 'save-settings', id: 1, patch: { ratio: { model: 'runway-gen4-image', ratio: '960:960' } } },
      { type: 'save-settings', id: 2, patch: { seed: null } },
    ]);
  });
});
