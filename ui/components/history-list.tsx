// The file's last generations, collapsible: each shows its thumbnail, prompt, ratio, provider and time, and
// whether its layer was deleted. Choosing one selects its layer, or places its image again; Reuse starts a new
// run from it, as Iterate does from a layer.
import type { HistoryItem } from '../../core/history';
import { PROVIDER_LABELS } from '../../core/settings';
import type { ProviderId } from '../../core/settings';

function timeOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** The History section; shows nothing before the first generation. */
export function HistoryList({
  entries,
  notice,
  open,
  onToggle,
  onOpen,
  onReuse,
}: {
  readonly entries: readonly HistoryItem[];
  readonly notice: string | null;
  /** Open as the designer left it (kept across opens). */
  readonly open: boolean;
  readonly onToggle: (open: boolean) => void;
  readonly onOpen: (id: string) => void;
  /** Starts again from the entry: its prompt, ratio, model, seed, tags and references, as Iterate does. */
  readonly onReuse: (id: string) => void;
}) {
  if (entries.length === 0 && notice === null) return null;
  return (
    <details id="history" class="history" open={open} onToggle={(event) => onToggle(event.currentTarget.open)}>
      <summary>History ({entries.length})</summary>
      {notice !== null && (
        <p class="note" role="status">
          {notice}
        </p>
      )}
      <ul class="stack">
        {entries.map((entry) => (
          <li key={entry.id} class="row history-item">
            <button
              type="button"
              class="history-entry row grow"
              title={entry.exists ? 'Select and zoom to this layer' : 'Place this image again'}
              onClick={() => onOpen(entry.id)}
            >
              {entry.thumbnail === null ? (
                <span class="thumb placeholder" aria-hidden="true">
                  ?
                </span>
              ) : (
                <img class="thumb" src={`data:image/jpeg;base64,${entry.thumbnail}`} alt="" />
              )}
              <span class="stack grow">
                <span class="name" id={`history-${entry.id}`}>
                  {entry.prompt.trim() || (entry.upscaled ? 'Upscaled image' : 'No prompt')}
                </span>
                <span class="hint">
                  {entry.ratio} · {PROVIDER_LABELS[entry.provider as ProviderId] ?? entry.provider}
                  {entry.upscaled && ` · upscaled ×${entry.upscaled}`} · {timeOf(entry.createdAt)}
                  {!entry.exists && <strong class="deleted"> · deleted</strong>}
                </span>
              </span>
            </button>
            {/* An upscaled image that was no generation has no prompt to start again from. */}
            {entry.prompt && (
              <button
                type="button"
                class="reuse"
                title="Start again from this prompt, ratio, model, seed and references"
                aria-describedby={`history-${entry.id}`}
                onClick={() => onReuse(entry.id)}
              >
                Reuse
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
