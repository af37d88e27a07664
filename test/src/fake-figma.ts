// A small fake of the `figma` global: only what the sandbox uses, behaving like Figma where it matters.
// Exports are real PNG/JPEG bytes of the requested size; createImage decodes its input and takes only
// PNG, JPEG and GIF up to 4096 px; fills are frozen; events, exports and storage are asynchronous;
// messages to the UI are structured-cloned and must be protocol messages.
import { createHash } from 'node:crypto';
import { MAIN_TO_UI_TYPES, parseMessage } from '../../core/protocol';
import type { MainToUi, Message } from '../../core/protocol';
import { decodeImage, jpegBytes, pngBytes } from './images';

/** A message the sandbox posted, as the UI receives it. */
export type Posted<K extends keyof MainToUi> = { readonly type: K } & MainToUi[K];

export interface NodeInit {
  readonly type?: NodeType;
  readonly name?: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly visible?: boolean;
  readonly opacity?: number;
  readonly blendMode?: BlendMode;
  readonly clipsContent?: boolean;
  readonly cornerRadius?: number;
  readonly isMask?: boolean;
  readonly fills?: readonly Paint[];
  readonly strokes?: readonly Paint[];
  readonly strokeAlign?: 'INSIDE' | 'OUTSIDE' | 'CENTER';
  readonly effects?: readonly Effect[];
}

/** One exportAsync call, as Figma was asked for it. */
export interface ExportCall {
  readonly nodeId: string;
  readonly format: 'PNG' | 'JPG';
  readonly width: number;
  readonly height: number;
}

type Parent = FakeNode | FakePage;

const WHITE: SolidPaint = { type: 'SOLID', color: { r: 1, g: 1, b: 1 } };
/** Figma's createImage limit. */
const MAX_IMAGE_EDGE_PX = 4096;

function detach(child: FakeNode): void {
  const siblings = child.parent?.children;
  if (siblings) siblings.splice(siblings.indexOf(child), 1);
  child.parent = null;
}

function adopt(parent: Parent, child: FakeNode): void {
  detach(child);
  child.parent = parent;
  parent.children.push(child);
}

/** Like Figma's insertChild: `index` counts the children before the move, 0 to their number; more throws. */
function insertAt(parent: Parent, index: number, child: FakeNode): void {
  if (!Number.isInteger(index) || index < 0 || index > parent.children.length) throw new Error(`Index ${index} is out of range`);
  const before = parent.children[index];
  if (before === child) return;
  detach(child);
  child.parent = parent;
  parent.children.splice(before ? parent.children.indexOf(before) : parent.children.length, 0, child);
}

/** Where a child's x/y count from: groups don't have their own coordinate space in Figma. */
function originOf(parent: Parent | null): { x: number; y: number } {
  if (!parent || parent.type === 'PAGE') return { x: 0, y: 0 };
  if (parent.type === 'GROUP' || parent.type === 'BOOLEAN_OPERATION') return originOf(parent.parent);
  const box = parent.absoluteBoundingBox;
  return { x: box.x, y: box.y };
}

function exportSize(node: FakeNode, constraint: ExportSettingsConstraints | undefined): [number, number] {
  let scale = constraint?.value ?? 1;
  if (constraint?.type === 'WIDTH') scale = constraint.value / node.width;
  if (constraint?.type === 'HEIGHT') scale = constraint.value / node.height;
  return [Math.max(1, Math.round(node.width * scale)), Math.max(1, Math.round(node.height * scale))];
}

export class FakeNode {
  readonly type: NodeType;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  visible: boolean;
  opacity: number;
  blendMode: BlendMode;
  clipsContent: boolean;
  cornerRadius: number;
  isMask: boolean;
  strokes: readonly Paint[];
  strokeAlign: 'INSIDE' | 'OUTSIDE' | 'CENTER';
  effects: readonly Effect[];
  parent: Parent | null = null;
  readonly children: FakeNode[] = [];
  removed = false;
  /** Test control: exports throw this message. */
  exportFailure: string | null = null;
  /** Test control: exports wait for this before they finish (a slow export). */
  exportGate: Promise<void> | null = null;
  /** Test control: exports return these bytes instead of a rendering. */
  exportResult: Uint8Array | null = null;
  /** Test control: setting fills throws this message (as Figma does for a layer it won't change). */
  fillsFailure: string | null = null;
  private paints: readonly Paint[] = [];
  private readonly pluginData = new Map<string, string>();
  private relaunch: Record<string, string> = {};

  constructor(
    private readonly world: FakeFigma,
    readonly id: string,
    init: NodeInit,
  ) {
    this.type = init.type ?? 'FRAME';
    const frameLike = this.type === 'FRAME' || this.type === 'COMPONENT' || this.type === 'INSTANCE';
    this.name = init.name ?? this.type.charAt(0) + this.type.slice(1).toLowerCase();
    this.x = init.x ?? 0;
    this.y = init.y ?? 0;
    this.width = init.width ?? 100;
    this.height = init.height ?? 100;
    this.visible = init.visible ?? true;
    this.opacity = init.opacity ?? 1;
    this.blendMode = init.blendMode ?? 'PASS_THROUGH';
    this.clipsContent = init.clipsContent ?? frameLike;
    this.cornerRadius = init.cornerRadius ?? 0;
    this.isMask = init.isMask ?? false;
    this.fills = init.fills ?? (frameLike ? [WHITE] : []);
    this.strokes = init.strokes ?? [];
    this.strokeAlign = init.strokeAlign ?? 'INSIDE';
    this.effects = init.effects ?? [];
  }

  /** Frozen like Figma's: assigning a new array works, changing the one you read throws. */
  get fills(): readonly Paint[] {
    return this.paints;
  }

  set fills(paints: readonly Paint[]) {
    if (!Array.isArray(paints)) throw new Error('fills must be an array of paints');
    if (this.fillsFailure !== null) throw new Error(this.fillsFailure);
    for (const paint of paints) {
      if (paint.type === 'IMAGE' && (paint.imageHash === null || !this.world.hasImage(paint.imageHash))) {
        throw new Error(`Image with hash ${String(paint.imageHash)} does not exist`);
      }
    }
    this.paints = Object.freeze(paints.map((paint) => Object.freeze({ ...paint })));
  }

  get absoluteBoundingBox(): Rect {
    const origin = originOf(this.parent);
    return { x: origin.x + this.x, y: origin.y + this.y, width: this.width, height: this.height };
  }

  resize(width: number, height: number): void {
    if (!(width >= 0.01 && height >= 0.01)) throw new Error('Width and height must be at least 0.01');
    this.width = width;
    this.height = height;
  }

  /** Like resize; Figma's sections have only this one. */
  resizeWithoutConstraints(width: number, height: number): void {
    this.resize(width, height);
  }

  appendChild(child: FakeNode): void {
    adopt(this, child);
  }

  insertChild(index: number, child: FakeNode): void {
    insertAt(this, index, child);
  }

  remove(): void {
    detach(this);
    const mark = (node: FakeNode): void => {
      node.removed = true;
      node.children.forEach(mark);
    };
    mark(this);
  }

  setPluginData(key: string, value: string): void {
    if (typeof value !== 'string') throw new Error('Plugin data must be a string');
    if (value.length > 100_000) throw new Error('Plugin data is limited to 100 kB per entry');
    this.pluginData.set(key, value);
  }

  getPluginData(key: string): string {
    return this.pluginData.get(key) ?? '';
  }

  getPluginDataKeys(): string[] {
    return [...this.pluginData.keys()];
  }

  /** Replaces the relaunch data, as Figma does; a description over 1000 characters throws. */
  setRelaunchData(data: Record<string, string>): void {
    for (const [command, description] of Object.entries(data)) {
      if (typeof description !== 'string' || description.length > 1000) throw new Error(`Bad relaunch description for ${command}`);
    }
    this.relaunch = { ...data };
  }

  getRelaunchData(): Record<string, string> {
    return { ...this.relaunch };
  }

  async exportAsync(settings: ExportSettings): Promise<Uint8Array> {
    if (settings.format !== 'PNG' && settings.format !== 'JPG') {
      throw new Error(`The fake exports PNG and JPG only, not ${settings.format}`);
    }
    const [width, height] = exportSize(this, settings.constraint);
    this.world.exports.push({ nodeId: this.id, format: settings.format, width, height });
    return this.world.track(this.renderAsync(settings.format, width, height));
  }

  private async renderAsync(format: 'PNG' | 'JPG', width: number, height: number): Promise<Uint8Array> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.exportGate) await this.exportGate;
    if (this.exportFailure !== null) throw new Error(this.exportFailure);
    if (this.exportResult) return this.exportResult;
    return format === 'JPG' ? jpegBytes(width, height) : pngBytes(width, height, 128);
  }
}

export class FakePage {
  readonly type = 'PAGE' as const;
  readonly parent = null;
  readonly children: FakeNode[] = [];
  private selected: readonly FakeNode[] = [];

  constructor(
    private readonly world: FakeFigma,
    readonly id: string,
    public name: string,
  ) {}

  get selection(): readonly FakeNode[] {
    return this.selected;
  }

  /** Like Figma, a change of the current page's selection is announced after the current task. */
  set selection(nodes: readonly FakeNode[]) {
    this.selected = Object.freeze([...nodes]);
    if (this.world.currentPage === this) queueMicrotask(() => this.world.emit('selectionchange'));
  }

  appendChild(child: FakeNode): void {
    adopt(this, child);
  }
}

/** figma.root: its plugin data is saved with the file like a layer's. */
export class FakeDocument {
  readonly type = 'DOCUMENT' as const;
  readonly name = 'Fake file';
  private readonly pluginData = new Map<string, string>();

  setPluginData(key: string, value: string): void {
    if (typeof value !== 'string') throw new Error('Plugin data must be a string');
    this.pluginData.set(key, value);
  }

  getPluginData(key: string): string {
    return this.pluginData.get(key) ?? '';
  }

  getPluginDataKeys(): string[] {
    return [...this.pluginData.keys()];
  }
}

/** The plugin's UI as the sandbox sees it: what was posted, and a way to send it messages. */
export class FakeUi {
  readonly posted: Message<MainToUi>[] = [];
  private readonly handlers: ((data: unknown) => void)[] = [];
  private readonly waiters: (() => void)[] = [];

  postMessage(data: unknown): void {
    // Figma structured-clones what crosses the bridge: anything else would throw here too.
    const message = parseMessage<MainToUi>(structuredClone(data), MAIN_TO_UI_TYPES);
    if (!message) throw new Error(`Posted something that is not a MainToUi message: ${JSON.stringify(data)}`);
    this.posted.push(message);
    this.waiters.splice(0).forEach((wake) => wake());
  }

  /** Every size figma.ui.resize was given, in order. */
  readonly sizes: [number, number][] = [];

  /** Like Figma's: a size that is not a positive finite number is refused. */
  resize(width: number, height: number): void {
    if (!(Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0)) throw new Error(`Invalid size ${width}×${height}`);
    this.sizes.push([width, height]);
  }

  on(type: 'message', handler: (data: unknown) => void): void {
    if (type !== 'message') throw new Error(`The fake UI has no ${String(type)} event`);
    this.handlers.push(handler);
  }

  /** Delivers `data` to the sandbox as the UI iframe would. */
  send(data: unknown): void {
    const copy = structuredClone(data);
    this.handlers.forEach((handler) => handler(copy));
  }

  /** Every posted message of `type`, in order. */
  ofType<K extends keyof MainToUi>(type: K): Posted<K>[] {
    return this.posted.filter((message): message is Message<MainToUi> & Posted<K> => message.type === type);
  }

  /** The first message of `type` matching `test`, already posted or still to come. */
  async waitFor<K extends keyof MainToUi>(type: K, test: (message: Posted<K>) => boolean = () => true): Promise<Posted<K>> {
    for (;;) {
      const found = this.ofType(type).find(test);
      if (found) return found;
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }
}

export class FakeClientStorage {
  /** Test control: which operations throw, as a broken or full storage would. */
  failing: { get?: boolean; set?: boolean; delete?: boolean } = {};
  private readonly values = new Map<string, unknown>();

  async getAsync(key: string): Promise<unknown> {
    await Promise.resolve();
    if (this.failing.get) throw new Error('Client storage is unavailable');
    return structuredClone(this.values.get(key));
  }

  async setAsync(key: string, value: unknown): Promise<void> {
    await Promise.resolve();
    // Quoting the value is the careless worst case a platform message could be: the plugin must not repeat it.
    if (this.failing.set) throw new Error(`Quota exceeded while writing ${key}=${JSON.stringify(value)}`);
    this.values.set(key, structuredClone(value));
  }

  async deleteAsync(key: string): Promise<void> {
    await Promise.resolve();
    if (this.failing.delete) throw new Error(`Could not delete ${key}`);
    this.values.delete(key);
  }

  async keysAsync(): Promise<string[]> {
    await Promise.resolve();
    return [...this.values.keys()];
  }

  /** What is stored under `key`, read without going through the plugin. */
  peek(key: string): unknown {
    return this.values.get(key);
  }
}

export class FakeViewport {
  center: Vector = { x: 0, y: 0 };
  readonly scrolledTo: (readonly string[])[] = [];

  scrollAndZoomIntoView(nodes: readonly FakeNode[]): void {
    this.scrolledTo.push(nodes.map((node) => node.id));
  }
}

type EventName = 'selectionchange' | 'currentpagechange' | 'close';

/** What a figma.parameters input handler answered: suggestions, or an error that keeps the designer on the field. */
export type ParameterAnswer =
  { readonly suggestions: readonly (string | { readonly name: string; readonly data?: unknown })[] } | { readonly error: string };

/** figma.parameters: the quick action's input events, fired by a test as a designer typing would. */
export class FakeParameters {
  private readonly handlers: ((event: ParameterInputEvent) => void)[] = [];

  on(type: 'input', handler: (event: ParameterInputEvent) => void): void {
    if (type !== 'input') throw new Error(`figma.parameters has no ${String(type)} event`);
    this.handlers.push(handler);
  }

  /** Types `query` into the parameter `key`; resolves with the first answer a handler gives. */
  inputAsync(key: string, query: string, parameters: ParameterValues = {}): Promise<ParameterAnswer> {
    return new Promise((resolve) => {
      const result: SuggestionResults = {
        setSuggestions: (suggestions) => resolve({ suggestions }),
        setError: (error) => resolve({ error }),
        setLoadingMessage: () => undefined,
      };
      this.handlers.forEach((handler) => handler({ key, query, parameters, result }));
    });
  }
}

export class FakeFigma {
  readonly mixed = Symbol('figma.mixed');
  /** Test control: the editor the plugin runs in. */
  editorType: PluginAPI['editorType'] = 'figma';
  readonly ui = new FakeUi();
  readonly clientStorage = new FakeClientStorage();
  readonly viewport = new FakeViewport();
  readonly pages: FakePage[] = [];
  readonly exports: ExportCall[] = [];
  readonly notifications: string[] = [];
  /** The notifications shown as errors ({error: true}), also listed in `notifications`. */
  readonly errorNotifications: string[] = [];
  readonly parameters = new FakeParameters();
  /** Test control: how the plugin is started; 'run' fires with it once the code has run. */
  launch: { readonly command: string; readonly parameters?: ParameterValues } = { command: '' };
  /** Set by figma.closePlugin. */
  closed = false;
  undoCommits = 0;
  /** figma.root: the document, holding only plugin data here. */
  readonly root = new FakeDocument();
  shownUi: { html: string; options: ShowUIOptions | undefined } | null = null;
  private current: FakePage;
  private nextId = 1;
  private readonly images = new Map<string, Uint8Array>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly handlers: Record<EventName, (() => void)[]> = { selectionchange: [], currentpagechange: [], close: [] };
  private readonly runHandlers: ((event: RunEvent) => void)[] = [];

  constructor() {
    this.current = this.addPage('Page 1');
  }

  /** The command the run was started with (set through `launch`): '' from the menu, a relaunch button's otherwise. */
  get command(): string {
    return this.launch.command;
  }

  get currentPage(): FakePage {
    return this.current;
  }

  addPage(name: string): FakePage {
    const page = new FakePage(this, `0:${this.nextId++}`, name);
    this.pages.push(page);
    return page;
  }

  /** A new node under `parent` (the current page by default). */
  add(init: NodeInit, parent: Parent = this.current): FakeNode {
    const node = new FakeNode(this, `1:${this.nextId++}`, init);
    adopt(parent, node);
    return node;
  }

  /** Selects `nodes` on the current page, as the designer would. */
  select(...nodes: FakeNode[]): void {
    this.current.selection = nodes;
  }

  /** Switches pages, as the designer would; Figma announces it after the current task. */
  showPage(page: FakePage): void {
    this.current = page;
    queueMicrotask(() => this.emit('currentpagechange'));
  }

  on(type: EventName | 'run', handler: (event: RunEvent) => void): void {
    if (type === 'run') {
      // Like Figma, 'run' fires once, after the plugin's code has run (the first task after it registers).
      if (this.runHandlers.push(handler) === 1) setImmediate(() => this.runHandlers.forEach((run) => run({ ...this.launch })));
      return;
    }
    if (!(type in this.handlers)) throw new Error(`The fake has no ${String(type)} event`);
    this.handlers[type].push(handler as () => void);
  }

  emit(type: EventName): void {
    this.handlers[type].forEach((handler) => handler());
  }

  showUI(html: string, options?: ShowUIOptions): void {
    this.shownUi = { html, options };
  }

  /** Like Figma, a new frame starts on the current page: 100×100, white, named "Frame". */
  createFrame(): FakeNode {
    return this.add({ type: 'FRAME', name: 'Frame' });
  }

  /** Like Figma, a new rectangle starts on the current page: 100×100, light grey, named "Rectangle". */
  createRectangle(): FakeNode {
    return this.add({
      type: 'RECTANGLE',
      name: 'Rectangle',
      fills: [{ type: 'SOLID', color: { r: 0xd9 / 255, g: 0xd9 / 255, b: 0xd9 / 255 } }],
    });
  }

  /** Like Figma, a new section starts on the current page: 100×100, white, named "Section"; in Figma and FigJam. */
  createSection(): FakeNode {
    return this.add({ type: 'SECTION', name: 'Section', fills: [WHITE] });
  }

  createImage(bytes: Uint8Array): Pick<Image, 'hash' | 'getSizeAsync'> {
    if (!(bytes instanceof Uint8Array)) throw new Error('Expected a Uint8Array');
    const size = this.imageSize(bytes);
    if (size.width > MAX_IMAGE_EDGE_PX || size.height > MAX_IMAGE_EDGE_PX) throw new Error('Image is too large');
    const hash = createHash('sha1').update(bytes).digest('hex');
    this.images.set(hash, bytes);
    // Asynchronous, as Figma's: the size in pixels, read from the bytes.
    return { hash, getSizeAsync: () => Promise.resolve({ width: size.width, height: size.height }) };
  }

  /** Keeps count of `work` until it settles, for exportsSettledAsync. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = (): void => {
      this.inFlight.delete(work);
    };
    work.then(forget, forget);
    return work;
  }

  /**
   * Waits until no export is running, including the ones started by what the finished ones led to,
   * so a test ends only when the plugin is idle (and can't post into the next test's fake).
   */
  async exportsSettledAsync(): Promise<void> {
    do {
      await Promise.allSettled([...this.inFlight]);
      // Lets the plugin react to the last result (post it, start the next export) before looking again.
      await new Promise((resolve) => setImmediate(resolve));
    } while (this.inFlight.size > 0);
  }

  hasImage(hash: string): boolean {
    return this.images.has(hash);
  }

  getImageByHash(hash: string): Pick<Image, 'hash' | 'getBytesAsync'> | null {
    const bytes = this.images.get(hash);
    // Asynchronous, as Figma's: the image's bytes, a copy.
    return bytes ? { hash, getBytesAsync: () => this.track(Promise.resolve(bytes.slice())) } : null;
  }

  /** Test control: the file no longer holds the image (as after its last use was deleted and the file saved). */
  forgetImage(hash: string): void {
    this.images.delete(hash);
  }

  base64Encode(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('base64');
  }

  async setCurrentPageAsync(page: FakePage): Promise<void> {
    await Promise.resolve();
    this.showPage(page);
  }

  async getNodeByIdAsync(id: string): Promise<FakeNode | FakePage | null> {
    await Promise.resolve();
    return this.pages.find((page) => page.id === id) ?? this.allNodes().find((node) => node.id === id) ?? null;
  }

  notify(message: string, options?: NotificationOptions): { cancel(): void } {
    this.notifications.push(message);
    if (options?.error === true) this.errorNotifications.push(message);
    return { cancel() {} };
  }

  /** Like Figma: the 'close' handlers run (synchronously), then the plugin is closed. */
  closePlugin(): void {
    if (!this.closed) this.emit('close');
    this.closed = true;
  }

  commitUndo(): void {
    this.undoCommits += 1;
  }

  /** Every node still in the document, on every page. */
  allNodes(): FakeNode[] {
    const out: FakeNode[] = [];
    const walk = (node: FakeNode): void => {
      out.push(node);
      node.children.forEach(walk);
    };
    this.pages.forEach((page) => page.children.forEach(walk));
    return out;
  }

  /** Everything the document would save for anyone with the file to read: names and plugin data. */
  documentText(): string {
    return [this.root, ...this.allNodes()]
      .map((node) => [node.name, ...node.getPluginDataKeys().map((key) => `${key}=${node.getPluginData(key)}`)].join('\n'))
      .join('\n');
  }

  private imageSize(bytes: Uint8Array): { width: number; height: number } {
    const isGif =
      bytes.length >= 10 &&
      Buffer.from(bytes.subarray(0, 6))
        .toString('latin1')
        .match(/^GIF8[79]a$/);
    if (isGif) return { width: bytes[6] | (bytes[7] << 8), height: bytes[8] | (bytes[9] << 8) };
    // Decoding the whole image is how Figma finds damaged data too.
    return decodeImage(bytes);
  }
}

/** The HTML the fake hands showUI as `__html__`. */
export const FAKE_HTML = '<!doctype html><title>Fake plugin UI</title>';

let installed: FakeFigma | null = null;

/** Puts a fresh fake in place of the `figma` and `__html__` globals. */
export function installFakeFigma(): FakeFigma {
  installed = new FakeFigma();
  Object.assign(globalThis, { figma: installed, __html__: FAKE_HTML });
  return installed;
}

/** Waits for the plugin to finish its exports, then takes the fake globals away again. */
export async function removeFakeFigmaAsync(): Promise<void> {
  await installed?.exportsSettledAsync();
  installed = null;
  Reflect.deleteProperty(globalThis, 'figma');
  Reflect.deleteProperty(globalThis, '__html__');
}
