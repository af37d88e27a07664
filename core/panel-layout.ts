// The panel's own layout, kept per user on this machine (clientStorage): the size the designer dragged it to and
// whether History is open. Pure data; the sandbox stores it and applies the size, the panel sends it.

export interface PanelLayout {
  readonly width: number;
  readonly height: number;
  readonly historyOpen: boolean;
}

/** The size the panel opens at before the designer resizes it: within Figma's 400 × 680 guidance for plugin panels. */
export const DEFAULT_PANEL_SIZE = { width: 360, height: 640 } as const;
/** The smallest size that still shows the cards, the prompt and Generate; the largest is a generous screen. */
export const MIN_PANEL_SIZE = { width: 300, height: 420 } as const;
export const MAX_PANEL_SIZE = { width: 1200, height: 1600 } as const;

/** The clientStorage key of the panel's layout. */
export const PANEL_LAYOUT_STORAGE_KEY = 'panel-layout';

const clamp = (value: number, min: number, max: number): number => Math.round(Math.min(max, Math.max(min, value)));

/** `value` as a layout, its size brought within the panel's limits; null when it is none (not stored, damaged). */
export function parsePanelLayout(value: unknown): PanelLayout | null {
  if (typeof value !== 'object' || value === null) return null;
  const { width, height, historyOpen } = value as Record<string, unknown>;
  if (typeof width !== 'number' || typeof height !== 'number' || !Number.isFinite(width + height)) return null;
  return {
    width: clamp(width, MIN_PANEL_SIZE.width, MAX_PANEL_SIZE.width),
    height: clamp(height, MIN_PANEL_SIZE.height, MAX_PANEL_SIZE.height),
    historyOpen: historyOpen === true,
  };
}
