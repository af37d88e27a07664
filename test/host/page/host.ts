// The host: the document, the canvas, the plugin window, toasts and client storage wired together, with the
// HostApi (test/host/host-api.ts) as its public face — what tests, the playground and the benchmark drive.
import type { HostApi, LayerInfo, PageInfo, ParameterAnswer, ParameterQuery, PluginLaunch, Toast } from '../host-api';
import { CanvasView } from './canvas-view';
import { HostClientStorage } from './client-storage';
import { HostDocument } from './document';
import { editorRefusal } from './editor-apis';
import { addLayerAsync } from './layer-spec';
import type { PluginManifest } from './manifest';
import { HostNode, HostPage, absoluteBox, pageStateOf, stateOf } from './nodes';
import type { Rect } from './nodes';
import { toHostPaint } from './paints';
import { PluginSession } from './plugin-session';
import { PluginWindow } from './plugin-window';
import { Recorder } from './recorder';
import { contentSecurityPolicy } from './srcdoc';
import type { Theme } from './theme';
import { Toasts } from './toasts';
import { Viewport, unionOf } from './viewport';

/** Zoom to fit stops at 100%: a small layout shows at its real size. */
const ZOOM_TO_FIT_MAX = 1;

export interface HostElements {
  readonly canvas: HTMLCanvasElement;
  /** Where the plugin window goes. */
  readonly dock: HTMLElement;
  readonly toasts: HTMLElement;
}

export interface HostOptions {
  readonly manifest: PluginManifest;
  /** Playground only: run in the plugin iframe before the UI's script. */
  readonly scriptBeforeUi: string | null;
  readonly elements: HostElements;
  /** Where clientStorage lives (the page's localStorage). */
  readonly storage: Storage;
  /** Called when the plugin opens or closes, the theme changes or pages change (for the toolbar). */
  readonly onStateChange: () => void;
}

async function fetchTextAsync(path: string): Promise<string> {
  const response = await fetch(path, { cache: 'no-store' });
  const text = await response.text();
  if (!response.ok) throw new Error(`Couldn't load ${path}: ${text || `HTTP ${response.status}`}`);
  return text;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function layerInfo(node: HostNode, pageId: string): LayerInfo {
  const state = stateOf(node);
  return {
    id: state.id,
    name: state.name,
    type: state.type,
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    parentId: state.parent instanceof HostNode ? state.parent.id : null,
    pageId,
    fills: state.fills.map(toHostPaint),
    pluginData: Object.fromEntries(state.pluginData),
    relaunchData: { ...state.relaunchData },
  };
}

export class Host implements HostApi {
  readonly #recorder = new Recorder();
  readonly #manifest: PluginManifest;
  readonly #scriptBeforeUi: string | null;
  readonly #onStateChange: () => void;
  readonly #csp: string;
  readonly #doc: HostDocument;
  readonly #viewport: Viewport;
  readonly #view: CanvasView;
  readonly #canvas: HTMLCanvasElement;
  readonly #toasts: Toasts;
  readonly #storage: HostClientStorage;
  readonly #window: PluginWindow;
  #session: PluginSession | null = null;
  #theme: Theme = 'light';

  constructor(options: HostOptions) {
    this.#manifest = options.manifest;
    this.#scriptBeforeUi = options.scriptBeforeUi;
    this.#onStateChange = options.onStateChange;
    this.#csp = contentSecurityPolicy(options.manifest.networkAccess);
    this.#doc = new HostDocument(options.manifest.id, this.#recorder);
    this.#viewport = new Viewport(() => this.#view.requestDraw());
    this.#canvas = options.elements.canvas;
    this.#view = new CanvasView(
      options.elements.canvas,
      this.#doc,
      this.#viewport,
      () => this.#theme,
      (node, additive) => this.#pick(node, additive),
    );
    this.#toasts = new Toasts(options.elements.toasts, this.#recorder);
    this.#storage = new HostClientStorage(options.manifest.id, options.storage);
    this.#window = new PluginWindow(options.elements.dock, {
      onPluginMessage: (message, origin) => this.#session?.deliver(message, origin),
      onBlockedRequest: (uri) => {
        this.#recorder.blockedRequests.push(uri);
        console.warn(`[host] The manifest's networkAccess refused a request to ${uri}`);
      },
      onRejectedMessage: (reason) => this.#recorder.rejectedMessages.push(reason),
      onCloseClicked: () => this.closePlugin(),
    });
    this.#doc.on('change', () => {
      this.#view.requestDraw();
      this.#onStateChange();
    });
    // Errors in promise chains of the plugin's code surface here (the host's own code awaits its promises).
    window.addEventListener('unhandledrejection', (event) => this.#recorder.error('Unhandled rejection', event.reason));
  }

  async openPlugin(launch: PluginLaunch = {}): Promise<void> {
    try {
      await this.#openAsync(launch);
    } catch (error) {
      this.#toasts.showHostMessage(`Couldn't run the plugin: ${error instanceof Error ? error.message : String(error)}`, true);
      throw error;
    }
  }

  async parameterSuggestions(input: ParameterQuery): Promise<ParameterAnswer> {
    const parameter = this.#manifest.parameters.find((declared) => declared.key === input.key);
    if (!parameter) throw new Error(`parameterSuggestions: manifest.json declares no parameter "${input.key}"`);
    const session = await this.#openAsync(input.launch ?? {}, true);
    try {
      return await session.inputAsync(parameter, input.query, input.parameters ?? {});
    } finally {
      session.close();
    }
  }

  async #openAsync(launch: PluginLaunch, queryMode = false): Promise<PluginSession> {
    this.closePlugin();
    const refusal = editorRefusal(this.#manifest.editorType, launch.editorType ?? 'figma');
    if (refusal !== null) throw new Error(refusal);
    const [code, html] = await Promise.all([fetchTextAsync(`/${this.#manifest.main}`), fetchTextAsync(`/${this.#manifest.ui}`)]);
    // Another openPlugin may have run while these loaded: the newest run wins, as re-running does in Figma.
    this.closePlugin();
    const session: PluginSession = new PluginSession({
      document: this.#doc,
      viewport: this.#viewport,
      storage: this.#storage,
      toasts: this.#toasts,
      recorder: this.#recorder,
      window: this.#window,
      pluginName: this.#manifest.name,
      pluginId: this.#manifest.id,
      csp: this.#csp,
      scriptBeforeUi: this.#scriptBeforeUi,
      theme: () => this.#theme,
      launch,
      queryMode,
      onClosed: () => {
        if (this.#session === session) this.#session = null;
        this.#onStateChange();
      },
    });
    this.#session = session;
    this.#onStateChange();
    session.run(code, html);
    await session.uiLoaded;
    return session;
  }

  closePlugin(): void {
    this.#session?.close();
  }

  isPluginOpen(): boolean {
    return this.#session?.alive === true;
  }

  setTheme(theme: 'light' | 'dark'): void {
    if (theme !== 'light' && theme !== 'dark') throw new Error(`setTheme: "light" or "dark", not ${JSON.stringify(theme)}`);
    this.#theme = theme;
    document.documentElement.dataset.theme = theme;
    this.#window.applyTheme(theme);
    this.#view.requestDraw();
    this.#onStateChange();
  }

  theme(): 'light' | 'dark' {
    return this.#theme;
  }

  async addLayer(spec: Parameters<HostApi['addLayer']>[0]): Promise<string> {
    return (await addLayerAsync(this.#doc, spec)).id;
  }

  removeLayer(id: string): void {
    const node = this.#doc.nodeById(id);
    if (!(node instanceof HostNode)) throw new Error(`removeLayer: there is no layer with id ${JSON.stringify(id)}`);
    node.remove();
  }

  addPage(name: string): string {
    if (typeof name !== 'string' || name.trim() === '') throw new Error('addPage: a page needs a name');
    return this.#doc.addPage(name).id;
  }

  switchPage(pageId: string): void {
    const page = this.#doc.nodeById(pageId);
    if (!(page instanceof HostPage)) throw new Error(`switchPage: there is no page with id ${JSON.stringify(pageId)}`);
    this.#doc.switchPage(page);
    this.#onStateChange();
  }

  pages(): PageInfo[] {
    return this.#doc.pages.map((page) => ({ id: page.id, name: page.name, current: page === this.#doc.currentPage }));
  }

  select(ids: readonly string[]): void {
    if (!Array.isArray(ids)) throw new Error('select: expects an array of layer ids');
    this.#doc.currentPage.selection = ids.map((id) => {
      const node = typeof id === 'string' ? this.#doc.nodeById(id) : null;
      if (!(node instanceof HostNode)) throw new Error(`select: there is no layer with id ${JSON.stringify(id)}`);
      return node;
    });
  }

  selection(): string[] {
    return this.#doc.currentPage.selection.map((node) => node.id);
  }

  layers(): LayerInfo[] {
    const infos: LayerInfo[] = [];
    const walk = (node: HostNode, pageId: string): void => {
      infos.push(layerInfo(node, pageId));
      stateOf(node).children.forEach((child) => walk(child, pageId));
    };
    for (const page of this.#doc.pages) pageStateOf(page).children.forEach((node) => walk(node, page.id));
    return infos;
  }

  imageBase64(hash: string): string | null {
    const image = this.#doc.images.get(hash);
    return image ? base64(image.bytes) : null;
  }

  toasts(): Toast[] {
    return this.#recorder.toasts.map((toast) => ({ ...toast }));
  }

  viewport(): { center: { x: number; y: number }; zoom: number; zoomedTo: string[] } {
    return { center: { ...this.#viewport.center }, zoom: this.#viewport.zoom, zoomedTo: [...this.#viewport.zoomedTo] };
  }

  zoomToFit(): void {
    const layers = unionOf(pageStateOf(this.#doc.currentPage).children.map((node) => absoluteBox(node)));
    // Into the canvas left of the docked plugin window, so nothing ends up under it; never past 100%, so a small
    // layout shows at its real size instead of blown up.
    if (layers) this.#viewport.fit(layers, { area: this.#visibleCanvas(), maxZoom: ZOOM_TO_FIT_MAX });
  }

  /** The part of the canvas the plugin window leaves uncovered on its left (the whole canvas while it is closed). */
  #visibleCanvas(): Rect {
    const { width, height } = this.#viewport.screen;
    const covered = this.#window.coveredArea;
    if (!covered) return { x: 0, y: 0, width, height };
    const left = covered.left - this.#canvas.getBoundingClientRect().left;
    return { x: 0, y: 0, width: Math.max(1, Math.min(width, left)), height };
  }

  undoSteps(): number {
    return this.#recorder.undoSteps;
  }

  clientStorage(): Record<string, unknown> {
    return this.#storage.snapshot();
  }

  blockedRequests(): string[] {
    return [...this.#recorder.blockedRequests];
  }

  rejectedMessages(): string[] {
    return [...this.#recorder.rejectedMessages];
  }

  errors(): string[] {
    return [...this.#recorder.errors];
  }

  timeline(): { readonly event: string; readonly at: number; readonly detail?: string }[] {
    return this.#recorder.timeline.map((entry) => ({ ...entry }));
  }

  /** A click on the canvas: select the layer, Shift toggles it in the selection, empty canvas clears. */
  #pick(node: HostNode | null, additive: boolean): void {
    const page = this.#doc.currentPage;
    if (!additive) page.selection = node ? [node] : [];
    else if (node) page.selection = page.selection.includes(node) ? page.selection.filter((n) => n !== node) : [...page.selection, node];
  }
}
