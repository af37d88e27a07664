// The editor canvas: the current page's layers drawn at the viewport's centre and zoom, frame names above
// top-level frames, hover and selection outlines with the size badge, like Figma's. Click selects, Shift-click
// adds or removes, a click on empty canvas clears; scroll pans, Ctrl/⌘+scroll zooms.
import type { HostDocument } from './document';
import { absoluteBox, stateOf } from './nodes';
import type { HostNode, Rect } from './nodes';
import { drawLayer } from './render';
import type { Theme } from './theme';
import { unionOf } from './viewport';
import type { Viewport } from './viewport';

const SELECTION_BLUE = '#0d99ff';
const LABEL_FONT = '11px Inter, system-ui, -apple-system, "Segoe UI", sans-serif';
const BADGE_FONT = '600 11px Inter, system-ui, -apple-system, "Segoe UI", sans-serif';
/** Screen pixels between a frame's top edge and its name's baseline. */
const LABEL_GAP_PX = 6;
const LABEL_HEIGHT_PX = 16;
const COLOURS: Readonly<Record<Theme, { canvas: string; label: string; hint: string }>> = {
  light: { canvas: '#f5f5f5', label: '#8c8c8c', hint: '#8c8c8c' },
  dark: { canvas: '#1e1e1e', label: '#a6a6a6', hint: '#a6a6a6' },
};

export class CanvasView {
  readonly #ctx: CanvasRenderingContext2D;
  #frameRequested = false;
  #hovered: HostNode | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly doc: HostDocument,
    private readonly viewport: Viewport,
    private readonly theme: () => Theme,
    /** A click picked `node` (null: the empty canvas); `additive` when Shift was held. */
    private readonly onPick: (node: HostNode | null, additive: boolean) => void,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('The host page needs a 2D canvas');
    this.#ctx = ctx;
    const measure = (): void => {
      this.viewport.screen = { width: canvas.clientWidth, height: canvas.clientHeight };
    };
    measure();
    new ResizeObserver(() => {
      measure();
      this.requestDraw();
    }).observe(canvas);
    canvas.addEventListener('mousedown', (event) => {
      if (event.button === 0) this.onPick(this.#hit(this.#point(event)), event.shiftKey);
    });
    canvas.addEventListener('mousemove', (event) => {
      const hovered = this.#hit(this.#point(event));
      if (hovered !== this.#hovered) {
        this.#hovered = hovered;
        this.requestDraw();
      }
    });
    canvas.addEventListener('mouseleave', () => {
      this.#hovered = null;
      this.requestDraw();
    });
    canvas.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        if (event.ctrlKey || event.metaKey) {
          this.viewport.setZoom(this.viewport.zoom * Math.exp(-event.deltaY / 300), this.#point(event));
        } else {
          const { center, zoom } = this.viewport;
          this.viewport.setCenter(center.x + event.deltaX / zoom, center.y + event.deltaY / zoom);
        }
      },
      { passive: false },
    );
  }

  /** Redraws at the next animation frame (many changes in one task draw once). */
  requestDraw(): void {
    if (this.#frameRequested) return;
    this.#frameRequested = true;
    requestAnimationFrame(() => {
      this.#frameRequested = false;
      this.#draw();
    });
  }

  #point(event: MouseEvent): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  #toScreen(box: Rect): Rect {
    const { center, zoom, screen } = this.viewport;
    return {
      x: (box.x - center.x) * zoom + screen.width / 2,
      y: (box.y - center.y) * zoom + screen.height / 2,
      width: box.width * zoom,
      height: box.height * zoom,
    };
  }

  /** The layer a click at screen `point` selects: a top-level layer, or a direct child of a top-level frame. */
  #hit(point: { x: number; y: number }): HostNode | null {
    const at = this.viewport.toPage(point);
    const inside = (box: Rect): boolean => at.x >= box.x && at.x <= box.x + box.width && at.y >= box.y && at.y <= box.y + box.height;
    for (const node of [...this.doc.currentPage.children].reverse()) {
      const state = stateOf(node);
      if (!state.visible) continue;
      if (state.type === 'FRAME') {
        const child = [...state.children].reverse().find((c) => stateOf(c).visible && inside(absoluteBox(c)));
        if (child) return child;
        if (this.#labelHit(node, point)) return node;
      }
      if (inside(absoluteBox(node))) return node;
    }
    return null;
  }

  #labelHit(node: HostNode, point: { x: number; y: number }): boolean {
    const box = this.#toScreen(absoluteBox(node));
    return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y - LABEL_HEIGHT_PX - LABEL_GAP_PX && point.y < box.y;
  }

  #draw(): void {
    const { canvas, viewport } = this;
    const ctx = this.#ctx;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const colours = COLOURS[this.theme()];
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = colours.canvas;
    ctx.fillRect(0, 0, width, height);

    const page = this.doc.currentPage;
    ctx.save();
    ctx.translate(width / 2, height / 2);
    ctx.scale(viewport.zoom, viewport.zoom);
    ctx.translate(-viewport.center.x, -viewport.center.y);
    for (const node of page.children) drawLayer(ctx, node, this.doc.images);
    ctx.restore();

    const selected = new Set(page.selection);
    for (const node of page.children) {
      const state = stateOf(node);
      if (state.type === 'FRAME' && state.visible) this.#drawName(node, selected.has(node) ? SELECTION_BLUE : colours.label);
    }
    if (this.#hovered && !this.#hovered.removed && !selected.has(this.#hovered)) this.#outline(absoluteBox(this.#hovered), 1.5);
    this.#drawSelection(page.selection);
    if (page.children.length === 0) {
      ctx.fillStyle = colours.hint;
      ctx.font = LABEL_FONT;
      ctx.textAlign = 'center';
      ctx.fillText('This page is empty', width / 2, height / 2);
      ctx.textAlign = 'left';
    }
  }

  #drawName(node: HostNode, colour: string): void {
    const ctx = this.#ctx;
    const box = this.#toScreen(absoluteBox(node));
    ctx.save();
    ctx.font = LABEL_FONT;
    ctx.fillStyle = colour;
    ctx.textBaseline = 'alphabetic';
    let name = stateOf(node).name;
    while (name.length > 1 && ctx.measureText(name).width > box.width) name = `${name.slice(0, -2)}…`;
    ctx.fillText(name, box.x, box.y - LABEL_GAP_PX);
    ctx.restore();
  }

  #outline(box: Rect, lineWidth: number): Rect {
    const ctx = this.#ctx;
    const screen = this.#toScreen(box);
    ctx.save();
    ctx.strokeStyle = SELECTION_BLUE;
    ctx.lineWidth = lineWidth;
    ctx.strokeRect(Math.round(screen.x) + 0.5, Math.round(screen.y) + 0.5, Math.round(screen.width), Math.round(screen.height));
    ctx.restore();
    return screen;
  }

  #drawSelection(selection: readonly HostNode[]): void {
    const live = selection.filter((node) => !node.removed);
    const boxes = live.map((node) => absoluteBox(node));
    const area = unionOf(boxes);
    if (!area) return;
    for (const box of boxes) this.#outline(box, 1);
    const screen = this.#outline(area, 1);
    const ctx = this.#ctx;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = SELECTION_BLUE;
    for (const [x, y] of [
      [screen.x, screen.y],
      [screen.x + screen.width, screen.y],
      [screen.x, screen.y + screen.height],
      [screen.x + screen.width, screen.y + screen.height],
    ] as const) {
      ctx.fillRect(Math.round(x) - 3, Math.round(y) - 3, 7, 7);
      ctx.strokeRect(Math.round(x) - 2.5, Math.round(y) - 2.5, 6, 6);
    }
    const round = (n: number): string => String(Math.round(n * 100) / 100);
    const label = `${round(area.width)} × ${round(area.height)}`;
    ctx.font = BADGE_FONT;
    const textWidth = ctx.measureText(label).width;
    const badge = { x: screen.x + screen.width / 2 - textWidth / 2 - 4, y: screen.y + screen.height + 8, width: textWidth + 8, height: 16 };
    ctx.fillStyle = SELECTION_BLUE;
    ctx.beginPath();
    ctx.roundRect(badge.x, badge.y, badge.width, badge.height, 2);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, badge.x + 4, badge.y + badge.height / 2 + 0.5);
    ctx.restore();
  }
}
