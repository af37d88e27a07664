// The sandbox's end of the message protocol (core/protocol.ts): typed sends, validated receives.
import { dispatch, parseMessage, UI_TO_MAIN_TYPES } from '../core/protocol';
import type { Handlers, MainToUi, UiToMain } from '../core/protocol';

/** Sends one message of type `type` to the UI iframe. */
export function postToUi<K extends keyof MainToUi>(type: K, payload: MainToUi[K]): void {
  figma.ui.postMessage({ type, ...payload });
}

/** Routes each UI message to its handler; anything that is not one of our messages is ignored. */
export function listenToUi(handlers: Handlers<UiToMain>): void {
  figma.ui.on('message', (data: unknown) => {
    const message = parseMessage<UiToMain>(data, UI_TO_MAIN_TYPES);
    if (message) dispatch(handlers, message);
  });
}
