// @vitest-environment happy-dom
// Figma hands the UI the messages it queued (init first) as soon as the iframe loads, which can come before
// the browser's first paint. The panel must be listening by the end of its synchronous render, or the init
// with the stored key is lost and the panel asks for a key it has (seen in the end-to-end tests).
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { MainToUi, Message, UiToMain } from '../../core/protocol';
import { App } from '../../ui/app';
import type { Bridge } from '../../ui/bridge';
import { fakeServices } from './fakes';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

/** A bridge that delivers at once, outside any act(): nothing flushes the panel's effects first. */
class ImmediateBridge implements Bridge {
  readonly handlers = new Set<(message: Message<MainToUi>) => void>();
  post<K extends keyof UiToMain>(_type: K, _payload: UiToMain[K]): void {}
  subscribe(handler: (message: Message<MainToUi>) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}

describe('messages that arrive right after the first render', () => {
  it('are heard: the panel subscribes within render(), not after a paint', () => {
    const bridge = new ImmediateBridge();
    render(<App services={{ ...fakeServices().services, bridge }} />, root);
    expect(bridge.handlers.size).toBe(1);
  });
});
