// The corner the panel is resized by, as in Figma's own plugin windows: dragged with the pointer, the panel
// follows (the sandbox calls figma.ui.resize) and keeps the size it is let go at.
import { useRef } from 'preact/hooks';

interface ResizeGripProps {
  readonly onResize: (width: number, height: number, final: boolean) => void;
}

export function ResizeGrip({ onResize }: ResizeGripProps) {
  // The pointer's distance from the panel's bottom-right corner when the drag began, kept through the drag.
  const offset = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const sizeAt = (event: PointerEvent): [number, number] => [
    event.clientX + (offset.current?.x ?? 0),
    event.clientY + (offset.current?.y ?? 0),
  ];
  return (
    <div
      class="resize-grip"
      aria-hidden="true"
      title="Drag to resize the panel"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        offset.current = { x: window.innerWidth - event.clientX, y: window.innerHeight - event.clientY };
      }}
      onPointerMove={(event) => {
        if (!offset.current) return;
        const [width, height] = sizeAt(event);
        // One resize per frame: the sandbox round trip is slower than pointer events.
        cancelAnimationFrame(frame.current);
        frame.current = requestAnimationFrame(() => onResize(width, height, false));
      }}
      onPointerUp={(event) => {
        if (!offset.current) return;
        cancelAnimationFrame(frame.current);
        const [width, height] = sizeAt(event);
        offset.current = null;
        onResize(width, height, true);
      }}
    />
  );
}
