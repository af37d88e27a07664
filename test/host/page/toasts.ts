// figma.notify as Figma shows it: a toast at the bottom of the editor, dark (red for errors), gone after its
// timeout (3 s by default, Infinity until the plugin closes), optionally with an action button. Every
// notification is recorded for window.host.toasts().
import type { Recorder } from './recorder';

export type DequeueReason = 'timeout' | 'dismiss' | 'action_button_click';

export interface NotifyOptions {
  readonly timeout?: number;
  readonly error?: boolean;
  readonly onDequeue?: (reason: DequeueReason) => void;
  readonly button?: { readonly text: string; readonly action: () => boolean | void };
}

export interface NotificationHandler {
  cancel(): void;
}

const DEFAULT_TIMEOUT_MS = 3000;

export class Toasts {
  /** Dismissers of the notifications that last until the plugin closes. */
  readonly #untilClose = new Set<() => void>();

  constructor(
    private readonly container: HTMLElement,
    private readonly recorder: Recorder,
  ) {}

  /** Shows and records a notification from the plugin; throws for a malformed call, as Figma does. */
  notify(message: unknown, options: unknown = {}): NotificationHandler {
    if (typeof message !== 'string') throw new Error('figma.notify expects a string message');
    if (typeof options !== 'object' || options === null) throw new Error('figma.notify: options must be an object');
    const { timeout = DEFAULT_TIMEOUT_MS, error = false, onDequeue, button } = options as NotifyOptions;
    if (onDequeue !== undefined && typeof onDequeue !== 'function') throw new Error('figma.notify: onDequeue must be a function');
    if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0)
      throw new Error('figma.notify: timeout must be a number of milliseconds');
    if (button !== undefined && (typeof button.text !== 'string' || typeof button.action !== 'function')) {
      throw new Error('figma.notify: button must be {text, action}');
    }
    this.recorder.toasts.push({ message, error: error === true });
    this.recorder.mark('notify', message);
    const dismiss = this.#show(message, error === true, timeout, (reason) => onDequeue?.(reason), button);
    return { cancel: () => dismiss('dismiss') };
  }

  /** Shows a host message (not recorded as a plugin notification), e.g. a plugin error. */
  showHostMessage(message: string, error: boolean): void {
    this.#show(message, error, DEFAULT_TIMEOUT_MS * 2, () => undefined, undefined);
  }

  /** Closes what lasts until the plugin closes (timeout Infinity or an action button), without calling back. */
  pluginClosed(): void {
    for (const close of [...this.#untilClose]) close();
  }

  /** Runs a plugin callback; what it throws is the plugin's error, recorded like Figma's console shows it. */
  #callBack(where: string, callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.recorder.error(where, error);
    }
  }

  #show(
    message: string,
    error: boolean,
    timeout: number,
    dequeued: (reason: DequeueReason) => void,
    button: NotifyOptions['button'],
  ): (reason: DequeueReason) => void {
    const toast = document.createElement('div');
    toast.className = error ? 'toast is-error' : 'toast';
    toast.setAttribute('role', error ? 'alert' : 'status');
    const text = document.createElement('span');
    text.textContent = message;
    toast.append(text);
    let open = true;
    const remove = (): boolean => {
      if (!open) return false;
      open = false;
      clearTimeout(timer);
      this.#untilClose.delete(remove);
      toast.remove();
      return true;
    };
    const dismiss = (reason: DequeueReason): void => {
      if (remove()) this.#callBack('figma.notify onDequeue', () => dequeued(reason));
    };
    if (button) {
      const action = document.createElement('button');
      action.type = 'button';
      action.textContent = button.text;
      action.addEventListener('click', () => {
        let keep = false;
        this.#callBack('figma.notify button action', () => {
          keep = button.action() === false;
        });
        if (!keep) dismiss('action_button_click');
      });
      toast.append(action);
    }
    if (button || timeout === Infinity) this.#untilClose.add(remove);
    const timer = timeout === Infinity ? undefined : setTimeout(() => dismiss('timeout'), timeout);
    this.container.append(toast);
    return dismiss;
  }
}
