// The corner the panel is resized by, as in Figma's own plugin windows: dragged with the pointer, the panel
// follows (the sandbox calls figma.ui.resize) and keeps the size it is let go at.
import { useRef } from 'preact/hooks';

/** How long the pointer rests mid-drag before the size is kept anyway. */
const KEEP_AFTER_REST_MS = 400;

interface ResizeGripProps {
  readonly onResize: (width: number, height: number, final: boolean) => void;
}

export function ResizeGrip({ onResize }: ResizeGripProps) {
  // The panel's size and the pointer's screen position when the drag began. Screen coordinates, not the
  // iframe's: the window's own corner moves under the pointer as it is resized.
  const start = useRef<{ width: number; height: number; x: number; y: number } | null>(null);
  const frame = useRef(0);
  const rest = useRef<ReturnType<typeof setTimeout>>();
  const sizeAt = (event: PointerEvent): [number, number] => {
    const from = start.current ?? { width: window.innerWidth, height: window.innerHeight, x: event.screenX, y: event.screenY };
    return [from.width + event.screenX - from.x, from.height + event.screenY - from.y];
  };
  const end = (event: PointerEvent): void => {
    if (!start.current) return;
    cancelAnimationFrame(frame.current);
    clearTimeout(rest.current);
    const [width, height] = sizeAt(event);
    start.current = null;
    onResize(width, height, true);
  };
  return (
    <div
      class="resize-grip"
      aria-hidden="true"
      title="Drag to resize the panel"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { width: window.innerWidth, height: window.innerHeight, x: event.screenX, y: event.screenY };
      }}
      onPointerMove={(event) => {
        if (!start.current) return;
        const [width, height] = sizeAt(event);
        // One resize per frame: the sandbox round trip is slower than pointer events.
        cancelAnimationFrame(frame.current);
        frame.current = requestAnimationFrame(() => onResize(width, height, false));
        // Kept once the pointer rests, too: a release outside the window may never reach the panel.
        clearTimeout(rest.current);
        rest.current = setTimeout(() => onResize(width, height, true), KEEP_AFTER_REST_MS);
      }}
      onPointerUp={end}
      onLostPointerCapture={end}
    />
  );
}
