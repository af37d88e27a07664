// The editor's view of the current page, shared by the canvas view and figma.viewport: a centre in page
// coordinates, a zoom, and the size of the canvas on screen.
import type { Rect } from './nodes';

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 4;
/** Screen pixels left around what scrollAndZoomIntoView shows. */
const FIT_MARGIN_PX = 64;

export class Viewport {
  center = { x: 0, y: 0 };
  zoom = 1;
  /** The canvas's size in CSS pixels; the view keeps it current. */
  screen = { width: 1024, height: 768 };
  /** The layers the last scrollAndZoomIntoView showed. */
  zoomedTo: string[] = [];

  constructor(private readonly onChange: () => void) {}

  /** The page area on screen. */
  get bounds(): Rect {
    const width = this.screen.width / this.zoom;
    const height = this.screen.height / this.zoom;
    return { x: this.center.x - width / 2, y: this.center.y - height / 2, width, height };
  }

  setCenter(x: number, y: number): void {
    this.center = { x, y };
    this.onChange();
  }

  /** Zooms to `zoom` keeping the page point under `anchor` (screen pixels from the canvas's top left) in place. */
  setZoom(zoom: number, anchor = { x: this.screen.width / 2, y: this.screen.height / 2 }): void {
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    const before = this.toPage(anchor);
    this.zoom = next;
    const after = this.toPage(anchor);
    this.center = { x: this.center.x + before.x - after.x, y: this.center.y + before.y - after.y };
    this.onChange();
  }

  /**
   * Centres page `rect` in `area` (screen pixels from the canvas's top left; default the whole canvas) and zooms
   * so it fits with a margin, at most `maxZoom`.
   */
  fit(rect: Rect, { area = { x: 0, y: 0, ...this.screen }, maxZoom = MAX_ZOOM }: { area?: Rect; maxZoom?: number } = {}): void {
    const width = Math.max(1, area.width - FIT_MARGIN_PX * 2);
    const height = Math.max(1, area.height - FIT_MARGIN_PX * 2);
    const fitting = Math.min(width / Math.max(rect.width, 1), height / Math.max(rect.height, 1));
    this.zoom = Math.min(maxZoom, MAX_ZOOM, Math.max(MIN_ZOOM, fitting));
    // The page point at the area's centre is the rect's centre: shift the view's centre by the area's offset.
    const offsetX = area.x + area.width / 2 - this.screen.width / 2;
    const offsetY = area.y + area.height / 2 - this.screen.height / 2;
    this.center = { x: rect.x + rect.width / 2 - offsetX / this.zoom, y: rect.y + rect.height / 2 - offsetY / this.zoom };
    this.onChange();
  }

  /** Page coordinates of a screen point. */
  toPage(point: { x: number; y: number }): { x: number; y: number } {
    return {
      x: this.center.x + (point.x - this.screen.width / 2) / this.zoom,
      y: this.center.y + (point.y - this.screen.height / 2) / this.zoom,
    };
  }
}

/** The smallest rectangle holding all of `rects`, or null for none. */
export function unionOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
