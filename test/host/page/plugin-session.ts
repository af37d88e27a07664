// One run of the plugin: the built sandbox code executed with an emulated `figma` global and `__html__`, as in
// Figma's plugin VM. Browser globals Figma's VM doesn't have (window, document, localStorage, fetch, atob, URL,
// TextEncoder, …) are shadowed, so using one fails here as it would there. Timers belong to the run; closing it
// clears them, drops its handlers and leaves its pending promises unsettled, as a destroyed VM would.
import type { ParameterAnswer, PluginLaunch } from '../host-api';
import type { HostClientStorage } from './client-storage';
import { decodeBase64, encodeBase64 } from './base64';
import type { HostDocument, RunGate } from './document';
import type { StoredImage } from './image-store';
import { withoutOtherEditorApis } from './editor-apis';
import { HostNode, HostPage } from './nodes';
import { ParameterInput } from './parameters';
import type { ManifestParameter } from './parameters';
import type { PluginWindow } from './plugin-window';
import type { Recorder } from './recorder';
import { buildSrcdoc } from './srcdoc';
import type { Theme } from './theme';
import type { Toasts } from './toasts';
import { unionOf } from './viewport';
import type { Viewport } from './viewport';

/** Globals of a browser page that Figma's plugin VM doesn't offer (CONTRACTS §3). */
const ABSENT_GLOBALS = [
  'window',
  'self',
  'document',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'navigator',
  'location',
  'XMLHttpRequest',
  'fetch',
  'atob',
  'btoa',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'Blob',
  'structuredClone',
] as const;

/** What figma.createRectangle starts with, as in Figma: 100×100, light grey. */
const DEFAULT_RECTANGLE_FILL = Object.freeze({
  type: 'SOLID',
  color: Object.freeze({ r: 0xd9 / 255, g: 0xd9 / 255, b: 0xd9 / 255 }),
} as const);

type SandboxEvent = 'selectionchange' | 'currentpagechange' | 'close' | 'run';
const SANDBOX_EVENTS: readonly string[] = ['selectionchange', 'currentpagechange', 'close', 'run'];

type Handler = (...args: unknown[]) => unknown;

export interface SessionDeps {
  readonly document: HostDocument;
  readonly viewport: Viewport;
  readonly storage: HostClientStorage;
  readonly toasts: Toasts;
  readonly recorder: Recorder;
  readonly window: PluginWindow;
  readonly pluginName: string;
  readonly pluginId: string;
  readonly csp: string;
  readonly scriptBeforeUi: string | null;
  theme(): Theme;
  /** Called once when the run has ended, whoever ended it. */
  onClosed(): void;
  readonly launch: PluginLaunch;
  /** The quick actions are still asking for parameters: no 'run' fires and no UI may show (Figma's own is up). */
  readonly queryMode?: boolean;
}

function typeOfMessage(message: unknown): string | undefined {
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

function handlerOf(value: unknown, api: string): Handler {
  if (typeof value !== 'function') throw new Error(`${api} needs a function`);
  return value as Handler;
}

export class PluginSession {
  /** The `figma` global this run's code sees. */
  readonly figma: object;
  #alive = true;
  #uiShown = false;
  #uiLoaded: Promise<void> = Promise.resolve();
  /** Settles once 'run' has fired (at once in query mode, where it doesn't): a UI may be shown by its handlers. */
  #ran: Promise<void> = Promise.resolve();
  readonly #timers = new Set<number>();
  readonly #handlers: Record<SandboxEvent, { fn: Handler; once: boolean }[]> = {
    selectionchange: [],
    currentpagechange: [],
    close: [],
    run: [],
  };
  readonly #uiHandlers: { fn: Handler; once: boolean }[] = [];
  readonly #parameterInput = new ParameterInput();
  #onmessage: Handler | null = null;
  readonly #unsubscribe: (() => void)[];

  readonly #runGate: RunGate = (work) => this.#gate(work);

  constructor(private readonly deps: SessionDeps) {
    this.figma = withoutOtherEditorApis(this.#makeFigma(), deps.launch.editorType ?? 'figma');
    deps.document.holdRunGate(this.#runGate);
    this.#unsubscribe = [
      deps.document.on('selectionchange', () => this.#fire('selectionchange')),
      deps.document.on('currentpagechange', () => this.#fire('currentpagechange')),
    ];
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Settles when the UI the code showed, at start or on 'run', has loaded (once 'run' has fired when it showed none). */
  get uiLoaded(): Promise<void> {
    return this.#ran.then(() => this.#uiLoaded);
  }

  /** Runs the plugin's main code; what it throws is rethrown after the run is closed. */
  run(code: string, html: string): void {
    const timers = {
      setTimeout: (handler: unknown, ms?: number, ...args: unknown[]) => this.#timer('setTimeout', handler, ms, args, false),
      setInterval: (handler: unknown, ms?: number, ...args: unknown[]) => this.#timer('setInterval', handler, ms, args, true),
      clearTimeout: (id: number) => this.#clearTimer(id),
      clearInterval: (id: number) => this.#clearTimer(id),
    };
    const names = ['figma', '__html__', ...Object.keys(timers), ...ABSENT_GLOBALS];
    // The plugin's code is the built bundle under test, run like Figma runs it: as a script with free
    // `figma` and `__html__`.
    const main = new Function(...names, code) as (...args: unknown[]) => void;
    try {
      main(this.figma, html, ...Object.values(timers), ...ABSENT_GLOBALS.map(() => undefined));
    } catch (error) {
      this.deps.recorder.error('Running the plugin', error);
      this.close();
      throw error;
    }
    if (this.deps.queryMode === true) return;
    // Figma fires 'run' once the code has run, with the command and the quick action's parameters (if any).
    const { command = '', parameters } = this.deps.launch;
    this.#ran = new Promise((resolve) =>
      window.setTimeout(() => {
        this.#fire('run', { command, ...(parameters ? { parameters: { ...parameters } } : {}) });
        resolve();
      }, 0),
    );
  }

  /** Fires figma.parameters' input event for `parameter`, as typing `query` in the quick actions does; resolves with the answer. */
  inputAsync(parameter: ManifestParameter, query: string, parameters: Readonly<Record<string, string>>): Promise<ParameterAnswer> {
    this.#check('figma.parameters input');
    return this.#parameterInput.inputAsync(parameter, query, parameters, (where, callback) => this.#guard(where, callback));
  }

  /** Delivers a UI message to the code's message handlers, as Figma does. */
  deliver(message: unknown, origin: string): void {
    if (!this.#alive) return;
    this.deps.recorder.mark('from-ui', typeOfMessage(message));
    const handlers = [...this.#uiHandlers, ...(this.#onmessage ? [{ fn: this.#onmessage, once: false }] : [])];
    for (const handler of handlers) {
      if (handler.once) this.#uiHandlers.splice(this.#uiHandlers.indexOf(handler), 1);
      this.#guard('figma.ui message handler', () => handler.fn(message, { origin }));
    }
  }

  /** Ends the run: 'close' handlers run, then timers, handlers, the UI and until-close toasts go. */
  close(): void {
    if (!this.#alive) return;
    this.#fire('close');
    this.#alive = false;
    for (const id of this.#timers) clearTimeout(id);
    this.#timers.clear();
    this.#unsubscribe.forEach((stop) => stop());
    this.deps.document.releaseRunGate(this.#runGate);
    this.deps.window.close();
    this.deps.toasts.pluginClosed();
    this.deps.onClosed();
  }

  #check(api: string): void {
    if (!this.#alive) throw new Error(`${api}: the plugin has been closed`);
  }

  /** Figma's Image for a stored image: its hash, and its bytes and size asked for asynchronously. */
  #image(image: StoredImage): object {
    const { width, height } = image.info;
    return {
      hash: image.hash,
      getBytesAsync: () => this.#gate(async () => image.bytes.slice()),
      getSizeAsync: () => this.#gate(async () => ({ width, height })),
    };
  }

  /** Runs plugin code called back by the host; what it throws is recorded like Figma's console shows it. */
  #guard(where: string, callback: () => unknown): void {
    if (!this.#alive) return;
    try {
      callback();
    } catch (error) {
      this.deps.recorder.error(where, error);
    }
  }

  /** `work`'s result, delivered only while the run is alive: a closed plugin's promises never settle. */
  #gate<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      work().then(
        (value) => {
          if (this.#alive) resolve(value);
        },
        (error: unknown) => {
          if (this.#alive) reject(error);
        },
      );
    });
  }

  #timer(api: string, handler: unknown, ms: number | undefined, args: unknown[], repeat: boolean): number {
    this.#check(api);
    const fn = handlerOf(handler, api);
    const tick = (): void => {
      if (!repeat) this.#timers.delete(id);
      this.#guard(`${api} callback`, () => fn(...args));
    };
    const id = repeat ? window.setInterval(tick, ms) : window.setTimeout(tick, ms);
    this.#timers.add(id);
    return id;
  }

  #clearTimer(id: number): void {
    // Timeouts and intervals share one id space in browsers.
    clearTimeout(id);
    this.#timers.delete(id);
  }

  #fire(event: SandboxEvent, ...args: unknown[]): void {
    if (!this.#alive) return;
    for (const handler of [...this.#handlers[event]]) {
      if (handler.once) this.#handlers[event].splice(this.#handlers[event].indexOf(handler), 1);
      this.#guard(`figma.on('${event}') handler`, () => handler.fn(...args));
    }
  }

  #on(list: { fn: Handler; once: boolean }[], api: string, fn: unknown, once: boolean): void {
    this.#check(api);
    list.push({ fn: handlerOf(fn, api), once });
  }

  #eventList(type: unknown, api: string): { fn: Handler; once: boolean }[] {
    if (typeof type !== 'string' || !SANDBOX_EVENTS.includes(type)) {
      throw new Error(`${api}: the host emulates only ${SANDBOX_EVENTS.join(', ')} events, not ${JSON.stringify(type)}`);
    }
    return this.#handlers[type as SandboxEvent];
  }

  #uiList(type: unknown, api: string): { fn: Handler; once: boolean }[] {
    if (type !== 'message') throw new Error(`${api}: figma.ui has only the "message" event, not ${JSON.stringify(type)}`);
    return this.#uiHandlers;
  }

  #showUI(html: unknown, options: unknown = {}): void {
    this.#check('figma.showUI');
    if (this.deps.queryMode === true)
      throw new Error("figma.showUI can't be called while the quick action takes parameters: show it on 'run'");
    if (this.#uiShown) throw new Error('figma.showUI can be called only once per plugin run');
    if (typeof html !== 'string') throw new Error('figma.showUI needs the HTML of the UI (usually __html__)');
    if (typeof options !== 'object' || options === null) throw new Error('figma.showUI: options must be an object');
    const {
      width = 300,
      height = 200,
      visible = true,
      themeColors = false,
      title = this.deps.pluginName,
    } = options as Record<string, unknown>;
    const theme = themeColors === true ? this.deps.theme() : null;
    this.#uiShown = true;
    this.deps.recorder.mark('showUI');
    this.#uiLoaded = this.deps.window.open({
      title: String(title),
      srcdoc: buildSrcdoc(html, { csp: this.deps.csp, theme, scriptBeforeUi: this.deps.scriptBeforeUi }),
      width: width as number,
      height: height as number,
      visible: visible !== false,
      themed: theme !== null,
    });
  }

  #makeUi(): object {
    const { window: pluginWindow, recorder } = this.deps;
    const ui = (api: string): void => {
      this.#check(`figma.ui.${api}`);
      if (!this.#uiShown) throw new Error(`figma.ui.${api}: call figma.showUI first`);
    };
    // Accessors on the object below see that object as `this`: they reach the session through these.
    const readOnmessage = () => this.#onmessage;
    const writeOnmessage = (fn: unknown): void => {
      this.#check('figma.ui.onmessage');
      this.#onmessage = fn === null || fn === undefined ? null : handlerOf(fn, 'figma.ui.onmessage');
    };
    return {
      postMessage(message: unknown) {
        ui('postMessage');
        pluginWindow.post(message);
        recorder.mark('to-ui', typeOfMessage(message));
      },
      on: (type: unknown, fn: unknown) => this.#on(this.#uiList(type, 'figma.ui.on'), 'figma.ui.on', fn, false),
      once: (type: unknown, fn: unknown) => this.#on(this.#uiList(type, 'figma.ui.once'), 'figma.ui.once', fn, true),
      off: (type: unknown, fn: unknown) => {
        const list = this.#uiList(type, 'figma.ui.off');
        const index = list.findIndex((handler) => handler.fn === fn);
        if (index >= 0) list.splice(index, 1);
      },
      get onmessage() {
        return readOnmessage();
      },
      set onmessage(fn: unknown) {
        writeOnmessage(fn);
      },
      resize(width: unknown, height: unknown) {
        ui('resize');
        pluginWindow.resize(width, height);
      },
      show() {
        ui('show');
        pluginWindow.setVisible(true);
      },
      hide() {
        ui('hide');
        pluginWindow.setVisible(false);
      },
      close() {
        ui('close');
        pluginWindow.close();
      },
    };
  }

  #makeFigma(): object {
    const { document: doc, viewport, storage, toasts, recorder } = this.deps;
    const check = (api: string): void => this.#check(api);
    const imageApi = (image: StoredImage): object => this.#image(image);
    const close = (): void => this.close();
    return {
      apiVersion: '1.0.0',
      editorType: this.deps.launch.editorType ?? 'figma',
      pluginId: this.deps.pluginId,
      command: this.deps.launch.command ?? '',
      mixed: Symbol('figma.mixed'),
      showUI: (html: unknown, options?: unknown) => this.#showUI(html, options),
      ui: this.#makeUi(),
      parameters: this.#parameterInput.api(check),
      on: (type: unknown, fn: unknown) => this.#on(this.#eventList(type, 'figma.on'), 'figma.on', fn, false),
      once: (type: unknown, fn: unknown) => this.#on(this.#eventList(type, 'figma.once'), 'figma.once', fn, true),
      off: (type: unknown, fn: unknown) => {
        const list = this.#eventList(type, 'figma.off');
        const index = list.findIndex((handler) => handler.fn === fn);
        if (index >= 0) list.splice(index, 1);
      },
      get root() {
        check('figma.root');
        return doc.root;
      },
      get currentPage() {
        check('figma.currentPage');
        return doc.currentPage;
      },
      set currentPage(_page: unknown) {
        throw new Error('Setting figma.currentPage is not supported with documentAccess "dynamic-page": use figma.setCurrentPageAsync');
      },
      setCurrentPageAsync: (page: unknown) => {
        check('figma.setCurrentPageAsync');
        if (!(page instanceof HostPage)) return Promise.reject(new Error('figma.setCurrentPageAsync needs a page'));
        return this.#gate(async () => doc.switchPage(page));
      },
      getNodeById() {
        throw new Error('Cannot call figma.getNodeById with documentAccess "dynamic-page": use figma.getNodeByIdAsync');
      },
      getNodeByIdAsync: (id: unknown) => {
        check('figma.getNodeByIdAsync');
        if (typeof id !== 'string') return Promise.reject(new Error('figma.getNodeByIdAsync needs a string id'));
        return this.#gate(async () => doc.nodeById(id));
      },
      createFrame() {
        check('figma.createFrame');
        return doc.createLayer('FRAME', { name: 'Frame' }, doc.currentPage, true);
      },
      createSection() {
        check('figma.createSection');
        return doc.createLayer('SECTION', { name: 'Section' }, doc.currentPage, true);
      },
      createRectangle() {
        check('figma.createRectangle');
        return doc.createLayer('RECTANGLE', { name: 'Rectangle', fills: [DEFAULT_RECTANGLE_FILL] }, doc.currentPage, true);
      },
      createImage(bytes: unknown) {
        check('figma.createImage');
        const image = doc.images.add(bytes);
        recorder.mark('createImage', `${image.hash} ${image.info.width}×${image.info.height}`);
        return imageApi(image);
      },
      /** The image of `hash` when the document holds it, else null. */
      getImageByHash(hash: unknown) {
        check('figma.getImageByHash');
        if (typeof hash !== 'string') throw new Error('figma.getImageByHash needs a string hash');
        const image = doc.images.get(hash);
        return image ? imageApi(image) : null;
      },
      base64Encode(bytes: unknown) {
        check('figma.base64Encode');
        if (!(bytes instanceof Uint8Array)) throw new Error('figma.base64Encode needs a Uint8Array');
        return encodeBase64(bytes);
      },
      base64Decode(text: unknown) {
        check('figma.base64Decode');
        if (typeof text !== 'string') throw new Error('figma.base64Decode needs a string');
        return decodeBase64(text);
      },
      clientStorage: {
        getAsync: (key: string) => (check('figma.clientStorage.getAsync'), this.#gate(() => storage.getAsync(key))),
        setAsync: (key: string, value: unknown) => (check('figma.clientStorage.setAsync'), this.#gate(() => storage.setAsync(key, value))),
        deleteAsync: (key: string) => (check('figma.clientStorage.deleteAsync'), this.#gate(() => storage.deleteAsync(key))),
        keysAsync: () => (check('figma.clientStorage.keysAsync'), this.#gate(() => storage.keysAsync())),
      },
      notify(message: unknown, options?: unknown) {
        check('figma.notify');
        return toasts.notify(message, options);
      },
      viewport: {
        get center() {
          return { ...viewport.center };
        },
        set center(value: { x: number; y: number }) {
          check('figma.viewport.center');
          if (!Number.isFinite(value?.x) || !Number.isFinite(value?.y)) throw new Error('figma.viewport.center must be {x, y}');
          viewport.setCenter(value.x, value.y);
        },
        get zoom() {
          return viewport.zoom;
        },
        set zoom(value: number) {
          check('figma.viewport.zoom');
          if (!Number.isFinite(value) || value <= 0) throw new Error('figma.viewport.zoom must be a positive number');
          viewport.setZoom(value);
        },
        get bounds() {
          return viewport.bounds;
        },
        scrollAndZoomIntoView(nodes: unknown) {
          check('figma.viewport.scrollAndZoomIntoView');
          if (!Array.isArray(nodes)) throw new Error('scrollAndZoomIntoView needs an array of layers');
          const layers = nodes.filter((node): node is HostNode => node instanceof HostNode && !node.removed);
          const area = unionOf(layers.map((node) => node.absoluteBoundingBox));
          if (area) viewport.fit(area);
          viewport.zoomedTo = layers.map((node) => node.id);
          recorder.mark('scrollAndZoomIntoView', viewport.zoomedTo.join(' '));
        },
      },
      commitUndo() {
        check('figma.commitUndo');
        recorder.undoSteps += 1;
        recorder.mark('commitUndo');
      },
      closePlugin(message?: unknown) {
        check('figma.closePlugin');
        if (message !== undefined) toasts.notify(message);
        close();
      },
    };
  }
}
