// Adding image files as references: the whole panel takes dropped and pasted files (with a visible drop target
// while a file is dragged over it), and "Add image…" opens a file picker for keyboard users.
import { useEffect, useRef, useState } from 'preact/hooks';

/** The formats a reference file may have (checked again by its bytes, ui/image/read-file.ts). */
const ACCEPT = 'image/png,image/jpeg,image/webp';

interface DropZoneProps {
  /** Why the last files added weren't used, in order. */
  readonly notices: readonly string[];
  readonly onFiles: (files: readonly File[]) => void;
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** True while files are dragged over the document; calls `onFiles` with the files dropped or pasted on it. */
function useDocumentFiles(onFiles: DropZoneProps['onFiles']): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onFiles);
  latest.current = onFiles;
  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: only their balance says the drag has left.
    let depth = 0;
    const enter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Without this the browser refuses the drop; 'copy' shows the plus cursor.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Left alone, the browser would open the file in place of the panel.
      event.preventDefault();
      depth = 0;
      setDragging(false);
      latest.current([...(event.dataTransfer?.files ?? [])]);
    };
    const paste = (event: ClipboardEvent): void => {
      const files = [...(event.clipboardData?.files ?? [])];
      // Text (with no file) pastes as usual. A file wins over text that comes with it: copying a file in the
      // Finder also puts its name on the clipboard.
      if (files.length === 0) return;
      event.preventDefault();
      latest.current(files);
    };
    const listeners = [
      ['dragenter', enter],
      ['dragover', over],
      ['dragleave', leave],
      ['drop', drop],
      ['paste', paste],
    ] as const;
    for (const [type, listener] of listeners) document.addEventListener(type, listener as EventListener);
    return () => {
      for (const [type, listener] of listeners) document.removeEventListener(type, listener as EventListener);
    };
  }, []);
  return dragging;
}

/** "Add image…", the drop target shown while dragging, and why added files were refused. */
export function DropZone({ notices, onFiles }: DropZoneProps) {
  const dragging = useDocumentFiles(onFiles);
  const picker = useRef<HTMLInputElement>(null);
  return (
    <div class="stack">
      <div class="row wrap">
        <button type="button" onClick={() => picker.current?.click()}>
          Add image…
        </button>
        <span class="hint">or drop or paste an image</span>
      </div>
      <input
        ref={picker}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        aria-label="Image files to add as references"
        onChange={(event) => {
          const input = event.currentTarget;
          onFiles([...(input.files ?? [])]);
          // Cleared so that picking the same file again is a change too.
          input.value = '';
        }}
      />
      {notices.length > 0 && (
        <div role="alert" class="stack">
          {notices.map((notice, index) => (
            <p key={index} class="note is-danger">
              {notice}
            </p>
          ))}
        </div>
      )}
      {dragging && (
        <div class="drop-target" aria-hidden="true">
          Drop to add as a reference
        </div>
      )}
    </div>
  );
}
