// What sets a card made from a file apart from a layer's: it says so, and it stays until removed.

/** The "File" mark and the Remove button of a file card. */
export function FileCardActions({ name, onRemove }: { readonly name: string; readonly onRemove: () => void }) {
  return (
    <div class="row">
      <span class="hint">File</span>
      <button type="button" class="chip" aria-label={`Remove ${name}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}
