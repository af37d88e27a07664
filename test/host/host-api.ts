// The contract of the Figma stand-in host page (test/host/): what the page exposes as `window.host` for
// end-to-end tests, the playground and the benchmark. Plain data only, so Playwright can pass it across.

/** A paint as the host stores it (Figma's shape, reduced to what the plugin uses). */
export type HostPaint =
  | { readonly type: 'SOLID'; readonly color: { r: number; g: number; b: number }; readonly opacity?: number }
  | { readonly type: 'IMAGE'; readonly imageHash: string; readonly scaleMode: 'FILL' | 'FIT' | 'CROP' | 'TILE' };

/** A layer to add to the page. Images come as URLs the host page can load (e.g. /samples/person.svg). */
export interface LayerSpec {
  readonly name: string;
  /** STICKY, SHAPE_WITH_TEXT and CONNECTOR are FigJam's; a CONNECTOR is a line across its box, with no fill. */
  readonly type?: 'FRAME' | 'RECTANGLE' | 'ELLIPSE' | 'GROUP' | 'TEXT' | 'SLICE' | 'STICKY' | 'SHAPE_WITH_TEXT' | 'CONNECTOR' | 'SECTION';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** A solid background, CSS colour. */
  readonly fill?: string;
  /** An image drawn to fill the layer. */
  readonly imageUrl?: string;
  /** Text drawn in the layer (TEXT layers, or a label on a frame, sticky or shape). */
  readonly text?: string;
  readonly visible?: boolean;
  readonly opacity?: number;
  /** Frames clip their content like Figma frames (default true for FRAME). */
  readonly clipsContent?: boolean;
  /** Adds the layer inside this frame, group or section instead of at the page's top level. */
  readonly parentId?: string;
}

/** A layer as the host reports it. */
export interface LayerInfo {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly parentId: string | null;
  readonly pageId: string;
  readonly fills: readonly HostPaint[];
  readonly pluginData: Readonly<Record<string, string>>;
  readonly relaunchData: Readonly<Record<string, string>>;
}

export interface Toast {
  readonly message: string;
  readonly error: boolean;
}

/**
 * How a run was started: from the plugins menu (no command), a relaunch button (its command), or a quick
 * action with the parameters typed there; and in which editor.
 */
export interface PluginLaunch {
  readonly command?: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly editorType?: 'figma' | 'figjam';
}

/** What the host page offers on `window.host`. All methods are callable through page.evaluate. */
export interface HostApi {
  /** Runs dist/code.js afresh with a new emulated figma global and opens dist/ui.html in the plugin iframe. */
  openPlugin(launch?: PluginLaunch): Promise<void>;
  /** Closes the plugin as figma.closePlugin would: the iframe goes, the sandbox's handlers are dropped. */
  closePlugin(): void;
  isPluginOpen(): boolean;
  /** Light or dark editor theme; applied to the plugin iframe's theme tokens when it opens. */
  setTheme(theme: 'light' | 'dark'): void;

  addLayer(spec: LayerSpec): Promise<string>;
  removeLayer(id: string): void;
  /** Adds a page and returns its id; `switchPage` makes it current (fires currentpagechange). */
  addPage(name: string): string;
  switchPage(pageId: string): void;
  /** Sets the selection (fires selectionchange), as a designer clicking layers would. */
  select(ids: readonly string[]): void;
  selection(): string[];
  layers(): LayerInfo[];
  /** The bytes behind an image hash, base64, or null. */
  imageBase64(hash: string): string | null;
  toasts(): Toast[];
  /** The view: the page point at the canvas's centre, the zoom (1 = 100%) and the layers scrollAndZoomIntoView last showed. */
  viewport(): { center: { x: number; y: number }; zoom: number; zoomedTo: string[] };
  /** How many times figma.commitUndo was called. */
  undoSteps(): number;
  /** clientStorage as stored (survives closing and reopening the plugin, and page reloads). */
  clientStorage(): Record<string, unknown>;
  /** Requests the plugin iframe tried that the manifest's networkAccess refused (CSP violations). */
  blockedRequests(): string[];
  /** Timestamps (performance.now) of host-side events for the benchmark: export, createImage, place. */
  timeline(): { readonly event: string; readonly at: number; readonly detail?: string }[];

  // Additions to the first version of this contract (all additive).

  /** The pages in order, with the current one marked. */
  pages(): PageInfo[];
  theme(): 'light' | 'dark';
  /**
   * Fits the view to the current page's layers, as Figma's Shift+1 (for screenshots; figma.viewport follows): into
   * the canvas left of the plugin window while it is open, at most 100%.
   */
  zoomToFit(): void;
  /** Messages the bridge refused because they carried what Figma doesn't pass (e.g. an ArrayBuffer), with why. */
  rejectedMessages(): string[];
  /** Errors thrown by the plugin's sandbox code (at start, in handlers, in callbacks) and unhandled rejections. */
  errors(): string[];
  /**
   * What the plugin offers in Figma's quick actions while `query` is typed into the manifest's parameter `key`:
   * runs the plugin's code afresh in query mode (no 'run' event; showUI throws), fires one figma.parameters
   * 'input' event, and closes that run once the plugin answers, as pressing Escape would.
   */
  parameterSuggestions(input: ParameterQuery): Promise<ParameterAnswer>;
}

/** One keystroke's worth of a quick action: the parameter typed into, its text, and the values entered before it. */
export interface ParameterQuery {
  readonly key: string;
  readonly query: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly launch?: Pick<PluginLaunch, 'command' | 'editorType'>;
}

/** The plugin's answer to an input event: suggestions (strings or {name, data}), or an error for the field. */
export type ParameterAnswer =
  { readonly suggestions: readonly (string | { readonly name: string; readonly data?: unknown })[] } | { readonly error: string };

export interface PageInfo {
  readonly id: string;
  readonly name: string;
  readonly current: boolean;
}

/**
 * The events timeline() records, each with `detail` where noted:
 * - 'showUI'; 'to-ui' / 'from-ui' (detail: the message's `type`) for messages crossing the bridge;
 * - 'export-start' / 'export' (detail: "<id> <PNG|JPG> <w>×<h>") around a node.exportAsync;
 * - 'createImage' (detail: "<hash> <w>×<h>"); 'image-broken' (detail: hash) when stored bytes don't decode;
 * - 'place' (detail: layer id) when a layer the plugin made first shows an image fill on a page;
 * - 'scrollAndZoomIntoView' (detail: layer ids), 'commitUndo', 'notify' (detail: the message).
 */
export type HostTimelineEvent =
  | 'showUI'
  | 'to-ui'
  | 'from-ui'
  | 'export-start'
  | 'export'
  | 'createImage'
  | 'image-broken'
  | 'place'
  | 'scrollAndZoomIntoView'
  | 'commitUndo'
  | 'notify';
