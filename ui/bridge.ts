// The UI's end of the message protocol (core/protocol.ts): typed posts to the sandbox, validated receives.
import { MAIN_TO_UI_TYPES, parseMessage } from '../core/protocol';
import type { MainToUi, Message, UiToMain } from '../core/protocol';

/** A typed channel to the sandbox. */
export interface Bridge {
  /** Sends one message of type `type` to the sandbox. */
  post<K extends keyof UiToMain>(type: K, payload: UiToMain[K]): void;
  /** Calls `handler` with every sandbox message; returns a function that stops listening. */
  subscribe(handler: (message: Message<MainToUi>) => void): () => void;
}

/** The bridge of the plugin iframe `view`: Figma wraps messages in `pluginMessage` both ways. */
export function createBridge(view: Window = window): Bridge {
  return {
    post(type, payload) {
      view.parent.postMessage({ pluginMessage: { type, ...payload } }, '*');
    },
    subscribe(handler) {
      const listener = (event: MessageEvent): void => {
        const data: unknown = event.data;
        if (typeof data !== 'object' || data === null) return;
        // Other frames and extensions post here too: anything that isn't one of ours is ignored.
        const message = parseMessage<MainToUi>((data as { pluginMessage?: unknown }).pluginMessage, MAIN_TO_UI_TYPES);
        if (message) handler(message);
      };
      view.addEventListener('message', listener);
      return () => view.removeEventListener('message', listener);
    },
  };
}
