// The panel's own layout: its size (dragged at the corner, applied by the sandbox with figma.ui.resize) and
// whether History is open, both kept by the sandbox for the next open.
import { useRef, useState } from 'preact/hooks';
import { DEFAULT_PANEL_SIZE, MAX_PANEL_SIZE, MIN_PANEL_SIZE, parsePanelLayout } from '../../core/panel-layout';
import type { PanelLayout } from '../../core/panel-layout';
import type { Bridge } from '../bridge';

export interface PanelLayoutHandle {
  readonly historyOpen: boolean;
  /** The layout stored last time (init's `layout`): History as it was left, and the panel at its size. */
  restore(stored: unknown): void;
  setHistoryOpen(open: boolean): void;
  /** The panel at `width` × `height` (brought within limits); `final` when the drag ends, to keep it. */
  resize(width: number, height: number, final: boolean): void;
}

const clamp = (value: number, min: number, max: number): number => Math.round(Math.min(max, Math.max(min, value)));

export function usePanelLayout(bridge: Bridge): PanelLayoutHandle {
  const [historyOpen, setOpen] = useState(false);
  // Refs: a drag sends many sizes between renders.
  const layout = useRef<PanelLayout>({ ...DEFAULT_PANEL_SIZE, historyOpen: false });

  function send(final: boolean): void {
    bridge.post('layout', { ...layout.current, final });
  }

  return {
    historyOpen,
    restore(stored) {
      const parsed = parsePanelLayout(stored);
      if (!parsed) return;
      layout.current = parsed;
      setOpen(parsed.historyOpen);
      if (parsed.width !== DEFAULT_PANEL_SIZE.width || parsed.height !== DEFAULT_PANEL_SIZE.height) send(false);
    },
    setHistoryOpen(open) {
      if (open === layout.current.historyOpen) return;
      layout.current = { ...layout.current, historyOpen: open };
      setOpen(open);
      send(true);
    },
    resize(width, height, final) {
      const size = {
        width: clamp(width, MIN_PANEL_SIZE.width, MAX_PANEL_SIZE.width),
        height: clamp(height, MIN_PANEL_SIZE.height, MAX_PANEL_SIZE.height),
      };
      const same = size.width === layout.current.width && size.height === layout.current.height;
      layout.current = { ...layout.current, ...size };
      if (!same || final) send(final);
    },
  };
}
