// The panel's end of the sandbox's messages: one subscription for the panel's life, each message handled by the
// handlers of the latest render (they read the state as the designer sees it).
import { useLayoutEffect, useRef } from 'preact/hooks';
import { dispatch } from '../../core/protocol';
import type { Handlers, MainToUi } from '../../core/protocol';
import type { Bridge } from '../bridge';

/** Calls the latest `handlers` with every message the sandbox sends through `bridge`. */
export function useSandboxMessages(bridge: Bridge, handlers: Handlers<MainToUi>): void {
  const current = useRef(handlers);
  current.current = handlers;
  // A layout effect runs within render(), before the iframe's load event; a plain effect waits for a paint, and
  // Figma hands over the messages it queued (init first) as soon as the iframe loads, so they would be lost.
  useLayoutEffect(() => bridge.subscribe((message) => dispatch(current.current, message)), [bridge]);
}
