// The layers and pages the plugin's sandbox code sees, with Figma's behaviour where the plugin depends on it:
// checked setters, immutable fills, children coordinates relative to their frame (groups have no space of their
// own), plugin data limited to 100 kB, and a removed node that throws when read. Host-side state lives in
// WeakMaps, out of the sandbox's reach.
import { checkPaints } from './paints';
import type { Paint } from './paints';

export type LayerType =
  | 'FRAME'
  | 'RECTANGLE'
  | 'ELLIPSE'
  | 'GROUP'
  | 'TEXT'
  | 'SLICE'
  // FigJam's own: a sticky note, a shape with text, a connector line; and sections, found in both editors.
  | 'STICKY'
  | 'SHAPE_WITH_TEXT'
  | 'CONNECTOR'
  | 'SECTION';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What nodes ask of the document they belong to. */
export interface NodeOwner {
  readonly pluginId: string;
  hasImage(hash: string): boolean;
  /** Something about `node` changed (its properties, fills or parent): redraw. */
  changed(node: HostNode): void;
  /** `node` and its subtree were removed. */
  removedNode(node: HostNode): void;
  /** `page`'s selection was set. */
  selectionSet(page: HostPage): void;
  exportAsync(node: HostNode, settings: unknown): Promise<Uint8Array>;
}

export interface NodeInit {
  readonly name: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly visible?: boolean;
  readonly opacity?: number;
  readonly clipsContent?: boolean;
  readonly fills?: readonly Paint[];
  readonly text?: string;
}

export interface NodeState {
  readonly owner: NodeOwner;
  readonly id: string;
  readonly type: LayerType;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  visible: boolean;
  opacity: number;
  blendMode: string;
  isMask: boolean;
  cornerRadius: number;
  clipsContent: boolean;
  fills: readonly Paint[];
  /** Drawn in the layer: a TEXT layer's characters, or a frame's label. */
  text: string;
  parent: HostNode | HostPage | null;
  readonly children: HostNode[];
  removed: boolean;
  readonly pluginData: Map<string, string>;
  relaunchData: Readonly<Record<string, string>>;
}

export interface PageState {
  readonly owner: NodeOwner;
  readonly id: string;
  name: string;
  readonly children: HostNode[];
  selection: readonly HostNode[];
}

/** figma.root: the document, whose children are the pages. */
export interface DocumentRoot {
  readonly type: 'DOCUMENT';
  readonly id: string;
  readonly name: string;
  readonly children: readonly HostPage[];
  readonly parent: null;
  /** The document's own plugin data, with a layer's rules (saved with the file, 100 kB an entry). */
  setPluginData(key: string, value: string): void;
  getPluginData(key: string): string;
  getPluginDataKeys(): string[];
}

const nodeStates = new WeakMap<HostNode, NodeState>();
const pageStates = new WeakMap<HostPage, PageState>();
const CONTAINERS: readonly LayerType[] = ['FRAME', 'GROUP', 'SECTION'];
/** Figma's limit for one plugin data entry: plugin id, key and value together. */
const MAX_PLUGIN_DATA_BYTES = 100_000;
const MAX_RELAUNCH_DESCRIPTION_CHARS = 1000;
const WHITE: Paint = Object.freeze({ type: 'SOLID', color: Object.freeze({ r: 1, g: 1, b: 1 }) });

/** Host access to a node's state, removed or not. */
export function stateOf(node: HostNode): NodeState {
  const state = nodeStates.get(node);
  if (!state) throw new Error('Not a node of this document');
  return state;
}

export function pageStateOf(page: HostPage): PageState {
  const state = pageStates.get(page);
  if (!state) throw new Error('Not a page of this document');
  return state;
}

function live(node: HostNode): NodeState {
  const state = stateOf(node);
  if (state.removed) throw new Error(`The node with id "${state.id}" does not exist (it was removed)`);
  return state;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function finite(value: unknown, property: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`Expected "${property}" to be a finite number, got ${describe(value)}`);
  }
  return value;
}

function flag(value: unknown, property: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`Expected "${property}" to be true or false, got ${describe(value)}`);
  return value;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Sets one plugin data entry of a layer or the document, as Figma's setPluginData checks it. */
export function writePluginData(data: Map<string, string>, pluginId: string, key: unknown, value: unknown): void {
  if (typeof key !== 'string' || key === '') throw new Error('setPluginData needs a non-empty string key');
  if (typeof value !== 'string') throw new Error(`setPluginData("${key}") needs a string value, got ${describe(value)}`);
  const bytes = utf8Length(pluginId + key + value);
  if (bytes > MAX_PLUGIN_DATA_BYTES) {
    throw new Error(`setPluginData("${key}"): the entry is ${bytes} bytes; Figma allows at most 100 kB (plugin id, key and value)`);
  }
  // Figma drops an entry set to "": it no longer shows in getPluginDataKeys.
  if (value === '') data.delete(key);
  else data.set(key, value);
}

/** The page `node` is on, or null when it is not on one (removed, or never attached). */
export function pageOf(node: HostNode): HostPage | null {
  let parent = stateOf(node).parent;
  while (parent instanceof HostNode) parent = stateOf(parent).parent;
  return parent;
}

/** Where `parent`'s children count their x and y from: groups have no coordinate space of their own. */
function originOf(parent: HostNode | HostPage | null): { x: number; y: number } {
  if (!(parent instanceof HostNode)) return { x: 0, y: 0 };
  const state = stateOf(parent);
  const origin = originOf(state.parent);
  return state.type === 'GROUP' ? origin : { x: origin.x + state.x, y: origin.y + state.y };
}

/** `node`'s box on the page. */
export function absoluteBox(node: HostNode): Rect {
  const state = stateOf(node);
  const origin = originOf(state.parent);
  return { x: origin.x + state.x, y: origin.y + state.y, width: state.width, height: state.height };
}

function childrenOf(parent: HostNode | HostPage): HostNode[] {
  return parent instanceof HostNode ? stateOf(parent).children : pageStateOf(parent).children;
}

function detach(node: HostNode): void {
  const state = stateOf(node);
  if (!state.parent) return;
  const siblings = childrenOf(state.parent);
  siblings.splice(siblings.indexOf(node), 1);
  state.parent = null;
}

/** Puts `child` last among `parent`'s children, as appendChild does. */
export function adopt(parent: HostNode | HostPage, child: unknown): void {
  if (!(child instanceof HostNode)) throw new Error(`appendChild expects a layer, got ${describe(child)}`);
  const state = live(child);
  if (parent instanceof HostNode) {
    const parentState = live(parent);
    if (!CONTAINERS.includes(parentState.type)) throw new Error(`A ${parentState.type} layer can't have children`);
    for (let up: HostNode | HostPage | null = parent; up instanceof HostNode; up = stateOf(up).parent) {
      if (up === child) throw new Error(`Can't put "${state.name}" inside itself`);
    }
  }
  detach(child);
  state.parent = parent;
  childrenOf(parent).push(child);
  state.owner.changed(child);
}

/** Puts `child` at `index` among `parent`'s children, as insertChild does: `index` counts them before the move. */
export function adoptAt(parent: HostNode | HostPage, index: unknown, child: unknown): void {
  const siblings = childrenOf(parent);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > siblings.length) {
    throw new Error(`insertChild: the index must be a whole number from 0 to ${siblings.length}, got ${describe(index)}`);
  }
  const before = siblings[index];
  if (before === child) return;
  adopt(parent, child);
  if (before === undefined) return;
  const moved = child as HostNode;
  siblings.splice(siblings.indexOf(moved), 1);
  siblings.splice(siblings.indexOf(before), 0, moved);
  stateOf(moved).owner.changed(moved);
}

export class HostNode {
  constructor(owner: NodeOwner, id: string, type: LayerType, init: NodeInit) {
    const frame = type === 'FRAME';
    nodeStates.set(this, {
      owner,
      id,
      type,
      name: init.name,
      x: init.x ?? 0,
      y: init.y ?? 0,
      width: init.width ?? 100,
      height: init.height ?? 100,
      visible: init.visible ?? true,
      opacity: init.opacity ?? 1,
      blendMode: 'PASS_THROUGH',
      isMask: false,
      cornerRadius: 0,
      clipsContent: init.clipsContent ?? frame,
      fills: init.fills ?? (frame ? [WHITE] : []),
      text: init.text ?? '',
      parent: null,
      children: [],
      removed: false,
      pluginData: new Map(),
      relaunchData: {},
    });
  }

  get id(): string {
    return stateOf(this).id;
  }
  get removed(): boolean {
    return stateOf(this).removed;
  }
  get type(): LayerType {
    return live(this).type;
  }
  get name(): string {
    return live(this).name;
  }
  set name(value: string) {
    if (typeof value !== 'string') throw new Error(`Expected "name" to be a string, got ${describe(value)}`);
    live(this).name = value;
    stateOf(this).owner.changed(this);
  }
  get x(): number {
    return live(this).x;
  }
  set x(value: number) {
    live(this).x = finite(value, 'x');
    stateOf(this).owner.changed(this);
  }
  get y(): number {
    return live(this).y;
  }
  set y(value: number) {
    live(this).y = finite(value, 'y');
    stateOf(this).owner.changed(this);
  }
  get width(): number {
    return live(this).width;
  }
  get height(): number {
    return live(this).height;
  }
  get visible(): boolean {
    return live(this).visible;
  }
  set visible(value: boolean) {
    live(this).visible = flag(value, 'visible');
    stateOf(this).owner.changed(this);
  }
  get opacity(): number {
    return live(this).opacity;
  }
  set opacity(value: number) {
    const opacity = finite(value, 'opacity');
    if (opacity < 0 || opacity > 1) throw new Error(`Expected "opacity" to be from 0 to 1, got ${opacity}`);
    live(this).opacity = opacity;
    stateOf(this).owner.changed(this);
  }
  get blendMode(): string {
    return live(this).blendMode;
  }
  get isMask(): boolean {
    return live(this).isMask;
  }
  get cornerRadius(): number {
    return live(this).cornerRadius;
  }
  set cornerRadius(value: number) {
    const radius = finite(value, 'cornerRadius');
    if (radius < 0) throw new Error(`Expected "cornerRadius" to be 0 or more, got ${radius}`);
    live(this).cornerRadius = radius;
    stateOf(this).owner.changed(this);
  }
  get clipsContent(): boolean {
    return live(this).clipsContent;
  }
  set clipsContent(value: boolean) {
    live(this).clipsContent = flag(value, 'clipsContent');
    stateOf(this).owner.changed(this);
  }
  /** Frozen like Figma's: assigning a new array works, changing the one read throws. */
  get fills(): readonly Paint[] {
    return live(this).fills;
  }
  set fills(value: readonly Paint[]) {
    const state = live(this);
    state.fills = checkPaints(value, (hash) => state.owner.hasImage(hash));
    state.owner.changed(this);
  }
  /** The host's layers have no strokes or effects (LayerSpec has none). */
  get strokes(): readonly Paint[] {
    live(this);
    return Object.freeze([]);
  }
  get strokeAlign(): 'INSIDE' {
    live(this);
    return 'INSIDE';
  }
  get effects(): readonly never[] {
    live(this);
    return Object.freeze([]);
  }
  get parent(): HostNode | HostPage | null {
    return live(this).parent;
  }
  get children(): readonly HostNode[] {
    return Object.freeze([...live(this).children]);
  }
  get absoluteBoundingBox(): Rect {
    live(this);
    return absoluteBox(this);
  }

  resize(width: number, height: number): void {
    const state = live(this);
    const w = finite(width, 'width');
    const h = finite(height, 'height');
    if (w < 0.01 || h < 0.01) throw new Error(`Width and height must be at least 0.01, got ${w}×${h}`);
    state.width = w;
    state.height = h;
    state.owner.changed(this);
  }

  /** Like resize without its constraints on children: the only way to size a section. */
  resizeWithoutConstraints(width: number, height: number): void {
    this.resize(width, height);
  }

  appendChild(child: HostNode): void {
    adopt(this, child);
  }

  insertChild(index: number, child: HostNode): void {
    adoptAt(this, index, child);
  }

  remove(): void {
    const state = live(this);
    detach(this);
    const mark = (node: HostNode): void => {
      stateOf(node).removed = true;
      stateOf(node).children.forEach(mark);
    };
    mark(this);
    state.owner.removedNode(this);
  }

  setPluginData(key: string, value: string): void {
    const state = live(this);
    writePluginData(state.pluginData, state.owner.pluginId, key, value);
  }

  getPluginData(key: string): string {
    return live(this).pluginData.get(key) ?? '';
  }

  getPluginDataKeys(): string[] {
    return [...live(this).pluginData.keys()];
  }

  /** Replaces the relaunch data, as Figma does; each description is at most 1000 characters. */
  setRelaunchData(data: Record<string, string>): void {
    const state = live(this);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error('setRelaunchData expects an object of {command: description}');
    }
    for (const [command, description] of Object.entries(data)) {
      if (typeof description !== 'string') throw new Error(`setRelaunchData: the description of "${command}" must be a string`);
      if (description.length > MAX_RELAUNCH_DESCRIPTION_CHARS) {
        throw new Error(`setRelaunchData: the description of "${command}" exceeds ${MAX_RELAUNCH_DESCRIPTION_CHARS} characters`);
      }
    }
    state.relaunchData = Object.freeze({ ...data });
  }

  getRelaunchData(): Record<string, string> {
    return { ...live(this).relaunchData };
  }

  exportAsync(settings?: unknown): Promise<Uint8Array> {
    try {
      return stateOf(this).owner.exportAsync(this, settings ?? {});
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

export class HostPage {
  readonly type = 'PAGE';

  constructor(
    owner: NodeOwner,
    id: string,
    name: string,
    readonly parent: DocumentRoot,
  ) {
    pageStates.set(this, { owner, id, name, children: [], selection: Object.freeze([]) });
  }

  get id(): string {
    return pageStateOf(this).id;
  }
  get removed(): boolean {
    return false;
  }
  get name(): string {
    return pageStateOf(this).name;
  }
  get children(): readonly HostNode[] {
    return Object.freeze([...pageStateOf(this).children]);
  }
  get selection(): readonly HostNode[] {
    return pageStateOf(this).selection;
  }
  /** Only this page's layers can be selected; the change is announced afterwards (selectionchange). */
  set selection(nodes: readonly HostNode[]) {
    if (!Array.isArray(nodes)) throw new Error('selection must be an array of layers');
    const state = pageStateOf(this);
    const chosen: HostNode[] = [];
    for (const node of nodes as unknown[]) {
      if (!(node instanceof HostNode)) throw new Error(`selection can hold only layers, got ${describe(node)}`);
      const nodeState = live(node);
      if (pageOf(node) !== this) throw new Error(`Can't select "${nodeState.name}": it is not on page "${state.name}"`);
      if (!chosen.includes(node)) chosen.push(node);
    }
    state.selection = Object.freeze(chosen);
    state.owner.selectionSet(this);
  }

  appendChild(child: HostNode): void {
    adopt(this, child);
  }

  insertChild(index: number, child: HostNode): void {
    adoptAt(this, index, child);
  }

  /** With documentAccess "dynamic-page" a page is loaded before use; the host keeps every page loaded. */
  loadAsync(): Promise<void> {
    return Promise.resolve();
  }
}

/** True for layers that can hold others. */
export function isContainer(type: LayerType): boolean {
  return CONTAINERS.includes(type);
}
