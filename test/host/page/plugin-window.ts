// The plugin's window: a titled panel holding a sandboxed <iframe> (origin null, as in Figma) and
// the message bridge. Sandbox → UI messages go as {pluginMessage}, queued until the iframe has loaded; UI → sandbox
// messages are window 'message' events from that iframe carrying {pluginMessage}. Only plain data and Uint8Array
// cross. The host agent in the iframe reports CSP violations with its own message shape.
import { copyAcross, crossingProblem } from './crossing';
import { HOST_MESSAGE_KEY } from './srcdoc';
import { themeClass, themeCss } from './theme';
import type { Theme } from './theme';

export interface PluginWindowEvents {
  /** A message from the UI for the sandbox, already copied across. */
  onPluginMessage(message: unknown, origin: string): void;
  onBlockedRequest(uri: string): void;
  onRejectedMessage(reason: string): void;
  /** The window's close button was clicked. */
  onCloseClicked(): void;
}

export interface OpenOptions {
  readonly title: string;
  readonly srcdoc: string;
  readonly width: number;
  readonly height: number;
  readonly visible: boolean;
  readonly themed: boolean;
}

/**
 * No allow-same-origin: the UI's origin is null, as in Figma, so only CORS-friendly APIs answer it and its
 * storage is off limits. Nothing else is allowed (no forms, popups or modals): the strictest reading of
 * Figma's plugin iframe, so a UI that works here doesn't lean on a permission Figma might not grant.
 */
const FRAME_SANDBOX = 'allow-scripts';

/** Figma's minimum plugin window width. */
const MIN_WIDTH_PX = 70;

function size(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`The UI ${name} must be a number of pixels`);
  return Math.max(min, Math.round(value));
}

export class PluginWindow {
  readonly #element: HTMLElement;
  readonly #title: HTMLElement;
  #frame: HTMLIFrameElement | null = null;
  #loaded = false;
  #themed = false;
  #queue: unknown[] = [];
  /** Ends the wait of open() when the window closes before its iframe has loaded. */
  #abandon: (() => void) | null = null;

  constructor(
    dock: HTMLElement,
    private readonly events: PluginWindowEvents,
  ) {
    this.#element = document.createElement('section');
    this.#element.className = 'plugin-window';
    this.#element.hidden = true;
    const header = document.createElement('header');
    this.#title = document.createElement('h2');
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'icon-button';
    close.textContent = '×';
    close.title = 'Close plugin';
    close.setAttribute('aria-label', 'Close plugin window');
    close.addEventListener('click', () => this.events.onCloseClicked());
    header.append(this.#title, close);
    this.#element.append(header);
    dock.append(this.#element);
    window.addEventListener('message', (event) => this.#receive(event));
  }

  get isOpen(): boolean {
    return this.#frame !== null;
  }

  /** Where the window covers the page (CSS pixels in the viewport), or null while it is closed or hidden. */
  get coveredArea(): DOMRect | null {
    return this.#frame && !this.#element.hidden ? this.#element.getBoundingClientRect() : null;
  }

  /** Opens the iframe with `srcdoc`; resolves when it has loaded (or closed before that). */
  open(options: OpenOptions): Promise<void> {
    this.close();
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', FRAME_SANDBOX);
    frame.title = options.title;
    frame.srcdoc = options.srcdoc;
    this.#title.textContent = options.title;
    this.#frame = frame;
    this.#loaded = false;
    this.#themed = options.themed;
    this.resize(options.width, options.height);
    this.#element.hidden = !options.visible;
    const loaded = new Promise<void>((resolve) => {
      this.#abandon = resolve;
      frame.addEventListener(
        'load',
        () => {
          if (this.#frame !== frame) return;
          this.#loaded = true;
          for (const envelope of this.#queue.splice(0)) frame.contentWindow?.postMessage(envelope, '*');
          resolve();
        },
        { once: true },
      );
    });
    this.#element.append(frame);
    return loaded;
  }

  /** Sends `message` to the UI as {pluginMessage}; throws for what Figma's bridge refuses. */
  post(message: unknown): void {
    const problem = crossingProblem(message, 'message');
    if (problem !== null) {
      const reason = `figma.ui.postMessage can't send ${problem}: Figma passes only plain data and Uint8Array`;
      this.events.onRejectedMessage(reason);
      throw new Error(reason);
    }
    this.#send({ pluginMessage: copyAcross(message) });
  }

  /** Applies `theme` to an open, themed UI, as Figma does when the editor's theme changes. */
  applyTheme(theme: Theme): void {
    if (this.#frame && this.#themed)
      this.#send({ [HOST_MESSAGE_KEY]: { kind: 'theme', className: themeClass(theme), css: themeCss(theme) } });
  }

  resize(width: unknown, height: unknown): void {
    if (!this.#frame) return;
    this.#frame.style.width = `${size(width, 'width', MIN_WIDTH_PX)}px`;
    this.#frame.style.height = `${size(height, 'height', 0)}px`;
  }

  setVisible(visible: boolean): void {
    if (this.#frame) this.#element.hidden = !visible;
  }

  /** Removes the iframe: the UI's code stops and pending messages are dropped. */
  close(): void {
    this.#abandon?.();
    this.#abandon = null;
    this.#frame?.remove();
    this.#frame = null;
    this.#loaded = false;
    this.#queue = [];
    this.#element.hidden = true;
  }

  #send(envelope: unknown): void {
    if (!this.#frame) return;
    if (this.#loaded) this.#frame.contentWindow?.postMessage(envelope, '*');
    else this.#queue.push(envelope);
  }

  #receive(event: MessageEvent): void {
    if (!this.#frame || event.source !== this.#frame.contentWindow) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const own = (data as Record<string, unknown>)[HOST_MESSAGE_KEY] as { kind?: unknown; blockedURI?: unknown } | undefined;
    if (own?.kind === 'csp-violation') {
      this.events.onBlockedRequest(String(own.blockedURI));
      return;
    }
    if (!('pluginMessage' in data)) return;
    const message = (data as { pluginMessage: unknown }).pluginMessage;
    const problem = crossingProblem(message, 'pluginMessage');
    if (problem !== null) {
      this.events.onRejectedMessage(`The UI posted ${problem}: Figma passes only plain data and Uint8Array`);
      return;
    }
    this.events.onPluginMessage(copyAcross(message), event.origin);
  }
}
