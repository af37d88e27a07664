// The toolbar's Rectangle tool (R, as in Figma): drag on the canvas to draw a rectangle, or click for a 100×100
// one. It goes inside the top-level frame or section under the press, because the plugin's Region mode takes a
// rectangle drawn inside a frame. The new rectangle is selected and the tool goes back to selecting, as Figma's does.
import type { HostApi, LayerInfo } from '../host-api';

/** The size of a rectangle made by a click rather than a drag, as Figma's. */
export const CLICKED_RECTANGLE_PX = 100;
/** Screen pixels a press must move to count as a drag rather than a click. */
const DRAG_THRESHOLD_PX = 3;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PageRect extends Point {
  readonly width: number;
  readonly height: number;
}

/** The page rectangle a press at `start` and release at `end` draws (page coordinates); a click gives the clicked size. */
export function draggedRect(start: Point, end: Point, zoom: number): PageRect {
  const moved = Math.max(Math.abs(end.x - start.x), Math.abs(end.y - start.y)) * zoom;
  if (moved < DRAG_THRESHOLD_PX) {
    return { x: Math.round(start.x), y: Math.round(start.y), width: CLICKED_RECTANGLE_PX, height: CLICKED_RECTANGLE_PX };
  }
  const x = Math.round(Math.min(start.x, end.x));
  const y = Math.round(Math.min(start.y, end.y));
  return {
    x,
    y,
    width: Math.max(1, Math.round(Math.max(start.x, end.x)) - x),
    height: Math.max(1, Math.round(Math.max(start.y, end.y)) - y),
  };
}

/** The topmost visible top-level frame or section of `pageId` that holds `point` (layers in host.layers() order). */
export function containerAt(layers: readonly LayerInfo[], pageId: string, point: Point): LayerInfo | null {
  const holders = layers.filter(
    (layer) =>
      layer.pageId === pageId &&
      layer.parentId === null &&
      (layer.type === 'FRAME' || layer.type === 'SECTION') &&
      point.x >= layer.x &&
      point.x <= layer.x + layer.width &&
      point.y >= layer.y &&
      point.y <= layer.y + layer.height,
  );
  return holders.at(-1) ?? null;
}

export interface RectangleToolElements {
  readonly button: HTMLButtonElement;
  readonly canvas: HTMLCanvasElement;
}

/** Wires the Rectangle button, the R and Escape keys and the canvas presses while the tool is on. */
export function mountRectangleTool(host: HostApi, { button, canvas }: RectangleToolElements, onError: (error: unknown) => void): void {
  let start: Point | null = null;
  // The outline under the pointer while dragging: drawn over the canvas, not in it, so the document stays as is.
  const draft = document.createElement('div');
  draft.className = 'draft-rectangle';
  draft.hidden = true;
  document.body.append(draft);
  let pressedAt = { x: 0, y: 0 };
  const setActive = (active: boolean): void => {
    button.setAttribute('aria-pressed', String(active));
    canvas.style.cursor = active ? 'crosshair' : '';
    if (!active) start = null;
    draft.hidden = true;
  };
  const active = (): boolean => button.getAttribute('aria-pressed') === 'true';
  const toPage = (event: MouseEvent): Point => {
    const box = canvas.getBoundingClientRect();
    const { center, zoom } = host.viewport();
    return {
      x: center.x + (event.clientX - box.left - box.width / 2) / zoom,
      y: center.y + (event.clientY - box.top - box.height / 2) / zoom,
    };
  };

  setActive(false);
  button.addEventListener('click', () => setActive(!active()));
  window.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.ctrlKey || event.metaKey) return;
    if (event.key === 'r' || event.key === 'R') setActive(true);
    else if (event.key === 'Escape') setActive(false);
  });
  // Capture, so the canvas's own press (which selects) doesn't see a press that draws.
  canvas.addEventListener(
    'mousedown',
    (event) => {
      if (!active() || event.button !== 0) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      start = toPage(event);
      pressedAt = { x: event.clientX, y: event.clientY };
    },
    { capture: true },
  );
  window.addEventListener('mousemove', (event) => {
    if (!start) return;
    Object.assign(draft.style, {
      left: `${Math.min(pressedAt.x, event.clientX)}px`,
      top: `${Math.min(pressedAt.y, event.clientY)}px`,
      width: `${Math.abs(event.clientX - pressedAt.x)}px`,
      height: `${Math.abs(event.clientY - pressedAt.y)}px`,
    });
    draft.hidden = false;
  });
  window.addEventListener('mouseup', (event) => {
    if (!start) return;
    const rect = draggedRect(start, toPage(event), host.viewport().zoom);
    setActive(false);
    void addRectangleAsync(host, rect).catch(onError);
  });
}

/** Adds the rectangle inside the frame or section under its top-left corner (else on the page) and selects it. */
async function addRectangleAsync(host: HostApi, rect: PageRect): Promise<void> {
  const pageId = host.pages().find((page) => page.current)?.id ?? '';
  const parent = containerAt(host.layers(), pageId, rect);
  const id = await host.addLayer({
    name: 'Rectangle',
    type: 'RECTANGLE',
    ...rect,
    ...(parent ? { x: rect.x - parent.x, y: rect.y - parent.y, parentId: parent.id } : {}),
  });
  host.select([id]);
}
