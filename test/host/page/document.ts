// The Figma document the host holds: pages of layers, the images, and the events Figma announces after the
// change that caused them (selectionchange, currentpagechange), plus a 'change' event for redrawing.
import { exportTarget, renderExportAsync } from './export';
import { ImageStore } from './image-store';
import { HostNode, HostPage, adopt, pageOf, stateOf, writePluginData } from './nodes';
import type { DocumentRoot, LayerType, NodeInit, NodeOwner } from './nodes';
import type { Recorder } from './recorder';

export type DocumentEvent = 'change' | 'selectionchange' | 'currentpagechange';

/** Runs `work` for the plugin run, settling only while the run is alive. */
export type RunGate = <T>(work: () => Promise<T>) => Promise<T>;

export class HostDocument implements NodeOwner {
  readonly images: ImageStore;
  readonly root: DocumentRoot;
  readonly #pages: HostPage[] = [];
  readonly #nodes = new Map<string, HostNode>();
  readonly #listeners: Record<DocumentEvent, Set<() => void>> = {
    change: new Set(),
    selectionchange: new Set(),
    currentpagechange: new Set(),
  };
  /** Layers the plugin made, and those of them already seen placed (the benchmark's 'place' moment). */
  readonly #pluginMade = new WeakSet<HostNode>();
  readonly #placed = new WeakSet<HostNode>();
  readonly #pending = new Set<DocumentEvent>();
  #current: HostPage;
  #nextId = 1;

  constructor(
    readonly pluginId: string,
    private readonly recorder: Recorder,
  ) {
    this.images = new ImageStore(recorder, () => this.#emit('change'));
    const pages = this.#pages;
    const rootData = new Map<string, string>();
    this.root = {
      type: 'DOCUMENT',
      id: '0:0',
      name: 'Playground',
      get children() {
        return Object.freeze([...pages]);
      },
      parent: null,
      setPluginData: (key, value) => writePluginData(rootData, pluginId, key, value),
      getPluginData: (key) => rootData.get(key) ?? '',
      getPluginDataKeys: () => [...rootData.keys()],
    };
    this.#current = this.addPage('Page 1');
  }

  get pages(): readonly HostPage[] {
    return this.#pages;
  }

  get currentPage(): HostPage {
    return this.#current;
  }

  addPage(name: string): HostPage {
    const page = new HostPage(this, `0:${this.#nextId++}`, name, this.root);
    this.#pages.push(page);
    this.#emit('change');
    return page;
  }

  /** Makes `page` current; currentpagechange follows after the current task, as in Figma. */
  switchPage(page: HostPage): void {
    if (page === this.#current) return;
    this.#current = page;
    this.#emit('change');
    this.#later('currentpagechange');
  }

  /** A new layer last among `parent`'s children; `byPlugin` marks layers the plugin's code made. */
  createLayer(type: LayerType, init: NodeInit, parent: HostNode | HostPage, byPlugin = false): HostNode {
    const node = new HostNode(this, `1:${this.#nextId++}`, type, init);
    this.#nodes.set(node.id, node);
    if (byPlugin) this.#pluginMade.add(node);
    adopt(parent, node);
    return node;
  }

  /** The page or live layer with `id`, or null. */
  nodeById(id: string): HostNode | HostPage | null {
    const node = this.#nodes.get(id);
    if (node) return node.removed ? null : node;
    return this.#pages.find((page) => page.id === id) ?? null;
  }

  /** Calls `listener` on `event`; returns a function that stops it. */
  on(event: DocumentEvent, listener: () => void): () => void {
    this.#listeners[event].add(listener);
    return () => this.#listeners[event].delete(listener);
  }

  hasImage(hash: string): boolean {
    return this.images.get(hash) !== undefined;
  }

  changed(node: HostNode): void {
    const state = stateOf(node);
    if (
      this.#pluginMade.has(node) &&
      !this.#placed.has(node) &&
      pageOf(node) !== null &&
      state.fills.some((paint) => paint.type === 'IMAGE')
    ) {
      this.#placed.add(node);
      this.recorder.mark('place', node.id);
    }
    this.#emit('change');
  }

  removedNode(): void {
    for (const page of this.#pages) {
      const kept = page.selection.filter((node) => !node.removed);
      // Setting the selection announces the change, as Figma does when a selected layer is deleted.
      if (kept.length !== page.selection.length) page.selection = kept;
    }
    this.#emit('change');
  }

  selectionSet(page: HostPage): void {
    this.#emit('change');
    if (page === this.#current) this.#later('selectionchange');
  }

  /** The running plugin's gate for node promises: a closed run's never settle, as a destroyed VM's don't. */
  #runGate: RunGate | null = null;

  /** Gates node promises (exportAsync) with `gate` until `releaseRunGate(gate)`. */
  holdRunGate(gate: RunGate): void {
    this.#runGate = gate;
  }

  releaseRunGate(gate: RunGate): void {
    if (this.#runGate === gate) this.#runGate = null;
  }

  exportAsync(node: HostNode, settings: unknown): Promise<Uint8Array> {
    const work = (): Promise<Uint8Array> => this.#exportAsync(node, settings);
    return this.#runGate ? this.#runGate(work) : work();
  }

  async #exportAsync(node: HostNode, settings: unknown): Promise<Uint8Array> {
    const state = stateOf(node);
    if (state.removed) throw new Error(`The node with id "${state.id}" does not exist (it was removed)`);
    const target = exportTarget(settings, state.width, state.height);
    const detail = `${state.id} ${target.format} ${target.width}×${target.height}`;
    this.recorder.mark('export-start', detail);
    const bytes = await renderExportAsync(node, target, this.images);
    this.recorder.mark('export', detail);
    return bytes;
  }

  #emit(event: DocumentEvent): void {
    for (const listener of [...this.#listeners[event]]) listener();
  }

  /** Emits `event` once after the current task, however many changes it had. */
  #later(event: DocumentEvent): void {
    if (this.#pending.has(event)) return;
    this.#pending.add(event);
    setTimeout(() => {
      this.#pending.delete(event);
      this.#emit(event);
    }, 0);
  }
}
