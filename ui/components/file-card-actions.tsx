// What sets a card made from a file apart from a layer's: it says so, and it stays until removed.
import { CloseIcon, IconButton } from './icons';

/** The "File" mark and the Remove button of a file card. */
export function FileCardActions({ name, onRemove }: { readonly name: string; readonly onRemove: () => void }) {
  return (
    <>
      <span class="hint">File</span>
      <IconButton label={`Remove ${name}`} onClick={onRemove}>
        <CloseIcon />
      </IconButton>
    </>
  );
}
