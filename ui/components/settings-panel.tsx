// The API key: entered masked (with Show/Hide), saved through the sandbox, removable. The stored key is
// never rendered: the field only ever holds what the designer is typing.
import { useState } from 'preact/hooks';

/** Where Segmind hands out API keys. */
export const API_KEYS_URL = 'https://cloud.segmind.com/console/api-keys';

export interface Notice {
  readonly tone: 'info' | 'success' | 'danger';
  readonly text: string;
}

interface SettingsPanelProps {
  readonly open: boolean;
  readonly draft: string;
  readonly hasKey: boolean;
  readonly notice: Notice | null;
  readonly onDraft: (value: string) => void;
  readonly onSave: () => void;
  readonly onRemove: () => void;
}

/** The settings section with the API key field. */
export function SettingsPanel({ open, draft, hasKey, notice, onDraft, onSave, onRemove }: SettingsPanelProps) {
  const [shown, setShown] = useState(false);
  return (
    <section id="settings" class="section" aria-labelledby="settings-title" hidden={!open}>
      <h2 id="settings-title">Settings</h2>
      {/* No <form>: Figma's plugin iframe is sandboxed without allow-forms, so a submit would be blocked. */}
      <div class="stack">
        <label for="api-key">API key</label>
        <div class="row">
          <input
            id="api-key"
            class="grow"
            type={shown ? 'text' : 'password'}
            value={draft}
            onInput={(event) => onDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.isComposing) onSave();
            }}
            placeholder={hasKey ? 'A key is saved — paste another to replace it' : 'Paste your Segmind API key'}
            autocomplete="off"
            spellcheck={false}
            aria-describedby="api-key-help"
          />
          <button type="button" onClick={() => setShown(!shown)}>
            {shown ? 'Hide' : 'Show'}
          </button>
        </div>
        <div class="row">
          <button type="button" class="primary" onClick={onSave}>
            Save key
          </button>
          {hasKey && (
            <button type="button" onClick={onRemove}>
              Remove key
            </button>
          )}
        </div>
      </div>
      <p id="api-key-help" class="hint">
        {hasKey ? 'A key is saved on this computer. ' : 'No key saved yet. '}
        Get one at{' '}
        <a href={API_KEYS_URL} target="_blank" rel="noreferrer">
          {API_KEYS_URL}
        </a>
        . It stays in Figma's storage on this computer, never in the file.
      </p>
      {notice && (
        <p role={notice.tone === 'danger' ? 'alert' : 'status'} class={`note is-${notice.tone}`}>
          {notice.text}
        </p>
      )}
    </section>
  );
}
